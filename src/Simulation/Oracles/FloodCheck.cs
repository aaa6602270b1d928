using WinsockConformance.Simulation.Windowing;

namespace WinsockConformance.Simulation.Oracles;

/// <summary>SIM-FLOOD: more than K messages queued for one socket at once (e.g. a recv loop re-posting FD_READ faster than the loop retrieves).</summary>
internal sealed class FloodCheck : OracleCheck
{
    public override Oracle Oracle => Oracles.Flood;

    public override void Posted(IOracleContext run, QueuedMessage message, int queuedForSameSocket)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Origin is { } origin && queuedForSameSocket > run.FloodLimit)
        {
            run.Fire(Oracle, $"{queuedForSameSocket} messages queued for {Hex(message.WParam)} (more than {run.FloodLimit}); the last is {Describe(message)}", origin.Rules);
        }
    }
}
