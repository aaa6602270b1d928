namespace WinsockConformance.Simulation.Core;

/// <summary>
/// Thrown into the program to unwind it when its run is over: an oracle fired, it waits with nothing left to
/// happen, it used up its step budget, or it called something the simulator does not answer. The program should
/// not catch it; if it does, every later call throws it again.
/// </summary>
public class SimulationStoppedException(string message) : Exception(message);

/// <summary>A call (or a use of one) outside the simulated set: reported as unsupported, never answered wrongly.</summary>
public sealed class UnsupportedCallException(string call, string reason) : SimulationStoppedException($"{call}: {reason}")
{
    /// <summary>The call the program made (its API name).</summary>
    public string Call { get; } = call;

    /// <summary>What about it the simulator does not answer.</summary>
    public string Reason { get; } = reason;
}

/// <summary>The simulator's own bookkeeping disagrees with the model (e.g. payload bytes and the model's counts): a bug in the simulator.</summary>
internal sealed class SimulatorBugException(string message) : Exception(message);

/// <summary>The program ends itself through <c>Sim.Exit</c> (a managed program must not call Environment.Exit: it would end the harness).</summary>
public sealed class ProgramExitException(int exitCode) : SimulationStoppedException($"the program exited with code {exitCode}")
{
    /// <summary>The code the program exited with.</summary>
    public int ExitCode { get; } = exitCode;
}
