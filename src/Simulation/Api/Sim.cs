using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Running;

namespace WinsockConformance.Simulation.Api;

/// <summary>
/// The program's own verdict and notes, for a managed program under the simulator: a failed <see cref="Assert"/> is
/// SIM-ASSERT at that step; <see cref="Exit"/> ends the program with a code (never call Environment.Exit: it would end
/// the harness too).
/// </summary>
public static class Sim
{
    /// <summary>Whether this thread runs under the simulator (false when the same code runs on a real stack).</summary>
    public static bool IsSimulated => SimulationRun.Active;

    /// <summary>The profile the simulated stack follows ("windows", "wine-8", "documented").</summary>
    public static string Profile => SimulationRun.Current.Stack.Profile.Name;

    /// <summary>Fails the run (SIM-ASSERT) with <paramref name="message"/> when <paramref name="condition"/> is false; stops the program.</summary>
    public static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            SimulationRun.Current.AssertionFailed(message);
        }
    }

    /// <summary>Fails the run (SIM-ASSERT) with <paramref name="message"/>; stops the program.</summary>
    public static void Fail(string message) => SimulationRun.Current.AssertionFailed(message);

    /// <summary>Ends the program with <paramref name="exitCode"/> (0 passes SIM-EXIT).</summary>
    public static void Exit(int exitCode) => throw new ProgramExitException(exitCode);

    /// <summary>Adds a line to the run's record (shown in reports).</summary>
    public static void Note(string text) => SimulationRun.Current.Record.Note("program: " + text);
}
