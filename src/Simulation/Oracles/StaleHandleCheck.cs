using WinsockConformance.Model;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Windowing;

namespace WinsockConformance.Simulation.Oracles;

/// <summary>
/// SIM-STALE-HANDLE: the program retrieved a message for a socket it had closed, and before its next retrieval calls
/// into that handle value while a newer socket holds it: the stale message was routed to the new owner.
/// </summary>
internal sealed class StaleHandleCheck : OracleCheck
{
    private (nint Handle, PostedNotification Origin)? _stale;

    public override Oracle Oracle => Oracles.StaleHandle;

    public override void Retrieved(IOracleContext run, QueuedMessage message)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(message);
        _stale = message.Origin is { } origin && !run.Stack.SocketOf(origin.Notification.Socket).Open ? (message.WParam, origin) : null;
    }

    public override void HandleUsed(IOracleContext run, string api, nint handle, HandleStatus status)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_stale is not { } stale || stale.Handle != handle || status != HandleStatus.Live || run.Stack.Live(handle) is not { } owner)
        {
            return;
        }

        var old = stale.Origin.Notification;
        var (_, closed) = run.LifeRules(old.Socket);
        var (created, _) = run.LifeRules(owner.Ref);
        run.Fire(Oracle,
            $"after retrieving {old.Event.NativeName()} (posted at event {stale.Origin.Step}) for {Hex(handle)} when that was {run.Stack.SocketOf(old.Socket).Name}, since closed, the program called {api}({Hex(handle)}), which is now {owner.Name}",
            stale.Origin.Rules.Union(closed).Union(created));
    }
}
