using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Oracles;
using WinsockConformance.Simulation.Recording;

namespace WinsockConformance.Simulation.Running;

/// <summary>What one run needs besides its choices: the profile, the peer, and the bounds.</summary>
/// <param name="Profile">The profile the simulated stack answers as.</param>
/// <param name="Peer">The script the peer follows.</param>
/// <param name="Budget">Program calls allowed before SIM-BUDGET fires.</param>
/// <param name="FloodLimit">SIM-FLOOD's K: the most messages one socket may have queued.</param>
/// <param name="Record">Keep every event (for reports and traces); an exploration searches without and replays the run it reports.</param>
public sealed record RunSettings(Profile Profile, PeerScript Peer, int Budget = RunSettings.DefaultBudget, int FloodLimit = RunSettings.DefaultFloodLimit, bool Record = true)
{
    /// <summary>The program calls allowed per run when not told.</summary>
    public const int DefaultBudget = 100_000;

    /// <summary>SIM-FLOOD's K when not told.</summary>
    public const int DefaultFloodLimit = 32;
}

/// <summary>How a run ended, as the oracles judge it.</summary>
public enum RunVerdict
{
    /// <summary>Every oracle held.</summary>
    Passed,

    /// <summary>An oracle fired (<see cref="RunOutcome.Failure"/>).</summary>
    Failed,

    /// <summary>The program made a call the simulator does not answer (<see cref="RunOutcome.Problem"/>).</summary>
    Unsupported,

    /// <summary>The simulator's bookkeeping disagreed with the model: a bug in the simulator (<see cref="RunOutcome.Problem"/>).</summary>
    Error,
}

/// <summary>How one run ended.</summary>
/// <param name="Verdict">Passed, failed, unsupported or error.</param>
/// <param name="Failure">The oracle that fired, when one did.</param>
/// <param name="Problem">The unsupported call or the simulator's error, when there was one.</param>
/// <param name="Ending">One sentence: how the program's part ended (returned, waits with nothing left, was stopped).</param>
/// <param name="Choices">The schedule's choices, which replay the run.</param>
/// <param name="Record">The run's events (empty unless the settings asked to record them).</param>
/// <param name="Calls">Program calls made (the budget counts these).</param>
public sealed record RunOutcome(RunVerdict Verdict, OracleFailure? Failure, string? Problem, string Ending, IReadOnlyList<int> Choices, RunRecord Record, int Calls);
