using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>What running one scenario on a stack and checking it produced.</summary>
internal sealed record ScenarioOutcome
{
    public required string Scenario { get; init; }

    public required string ScenarioPath { get; init; }

    public required string TracePath { get; init; }

    public required CheckReport Report { get; init; }

    /// <summary>The trace diverges from the chosen profile but conforms to the stack's own profile: a known stack difference.</summary>
    public bool ExplainedByStackProfile { get; init; }

    /// <summary>How the scenario stands against the known differences (null when the run has none: a profile that is no stack).</summary>
    public KnownStanding? Known { get; init; }

    /// <summary>A known difference that no longer happens: like a todo_wine that passes.</summary>
    public bool Fixed => Known?.Status == KnownStatus.Fixed;

    /// <summary>Where repeated runs differed, or null if they did not.</summary>
    public Flakiness? Flakiness { get; init; }

    /// <summary>Repeated runs produced different traces.</summary>
    public bool Flaky => Flakiness is not null;

    public double Seconds { get; init; }

    /// <summary>The run was stopped while this scenario ran (its trace ends interrupted, so it is inconclusive unless it already diverged).</summary>
    public bool Interrupted { get; init; }

    public bool UnexpectedDivergence => Report.Verdict == Verdict.Diverges && (Known is { } known ? known.Status == KnownStatus.Unexpected : !ExplainedByStackProfile);
}

/// <summary>How repeated runs of one scenario differed (rendered by the reports).</summary>
internal abstract record Flakiness;

/// <summary>Run <paramref name="Run"/> observed something else than run 1 at step <paramref name="Step"/>.</summary>
internal sealed record ObservationsDiffer(int Step, int Run, ObservedStep? First, ObservedStep? Again) : Flakiness;

/// <summary>Run <paramref name="Run"/> recorded another number of steps than run 1.</summary>
internal sealed record StepCountsDiffer(int Run, int FirstSteps, int AgainSteps) : Flakiness;

/// <summary>A divergence at <paramref name="Step"/> that running the scenario again did not reproduce (fuzz).</summary>
internal sealed record NotReproduced(int Step, Verdict Again) : Flakiness;
