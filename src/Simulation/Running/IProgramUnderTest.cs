using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Running;

/// <summary>Something the simulator runs once per schedule: a managed program's Main, or (in tests) a delegate.</summary>
public interface IProgramUnderTest
{
    /// <summary>How reports name it (the command line after "--").</summary>
    string Display { get; }

    /// <summary>Runs the program once, from a fresh start, on a fresh simulated stack with these choices.</summary>
    internal RunOutcome Run(RunSettings settings, Choices choices);

    /// <summary>
    /// How many of its runs may go at once: 1 for a program in this process (its runs share the process's state); a
    /// native program runs in a process of its own each time, so an exploration runs several side by side.
    /// </summary>
    internal int Parallelism => 1;
}

/// <summary>A program given as a delegate (its Main's body): for tests and benchmarks in this process.</summary>
public sealed class DelegateProgram(string display, Func<int> main) : IProgramUnderTest
{
    /// <summary>How reports name it.</summary>
    public string Display { get; } = display;

    RunOutcome IProgramUnderTest.Run(RunSettings settings, Choices choices) => new SimulationRun(settings, choices).Execute(main);
}
