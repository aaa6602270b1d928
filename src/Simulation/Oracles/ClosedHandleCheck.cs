using WinsockConformance.Simulation.Core;

namespace WinsockConformance.Simulation.Oracles;

/// <summary>SIM-CLOSED-HANDLE: a call names a handle the program closed (and no newer socket holds).</summary>
internal sealed class ClosedHandleCheck : OracleCheck
{
    public override Oracle Oracle => Oracles.ClosedHandle;

    public override void HandleUsed(IOracleContext run, string api, nint handle, HandleStatus status)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (status != HandleStatus.Closed || run.Stack.LastClosed(handle) is not { } closed)
        {
            return;
        }

        var (_, closing) = run.LifeRules(closed.Ref);
        run.Fire(Oracle, $"{api}({Hex(handle)}) after the program closed that socket ({closed.Name})", run.RetrievedRules(closed.Ref).Union(closing));
    }
}
