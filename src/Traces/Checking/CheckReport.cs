using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>Knossos' tri-state verdict.</summary>
public enum Verdict
{
    /// <summary>Every observed output is what the model predicts under the profile.</summary>
    Conforms,

    /// <summary>Some observed output contradicts the model; the report names the first.</summary>
    Diverges,

    /// <summary>Nothing contradicts the model, but the trace cannot settle it (interrupted capture).</summary>
    Inconclusive,
}

/// <summary>The first step the model cannot explain, with everything needed to see why, as values (the reports render them).</summary>
public sealed record Divergence
{
    public required int Step { get; init; }

    public required int Line { get; init; }

    /// <summary>The step's input.</summary>
    public required Input Input { get; init; }

    /// <summary>The last step up to which everything agreed (0 if none).</summary>
    public required int LastAgreeingStep { get; init; }

    /// <summary>The model's state just before the diverging step.</summary>
    public required ModelState Before { get; init; }

    /// <summary>Every aspect of the step that differs, in the order of <see cref="Aspect"/>.</summary>
    public required IReadOnlyList<Difference> Differences { get; init; }

    /// <summary>The rules the model applied at this step: the rules the observation contradicts.</summary>
    public required IReadOnlyList<Rule> Rules { get; init; }

    public bool StackTimedOut { get; init; }
}

public sealed record CheckReport
{
    public required string Source { get; init; }

    public required string Profile { get; init; }

    public string? Stack { get; init; }

    public string? Scenario { get; init; }

    public required Verdict Verdict { get; init; }

    public required int Steps { get; init; }

    public Divergence? FirstDivergence { get; init; }

    public string? InconclusiveReason { get; init; }

    /// <summary>Rules the model applied on steps the trace confirmed (for coverage).</summary>
    public RuleSet RulesConfirmed { get; init; }
}
