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
    /// <summary>The diverging step's number, from 1.</summary>
    public required int Step { get; init; }

    /// <summary>The diverging step's line in the file, from 1.</summary>
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

    /// <summary>The stack's bounded wait ran out at this step (the observation recorded a timeout), so what it shows may be incomplete.</summary>
    public bool StackTimedOut { get; init; }
}

/// <summary>What checking one trace against the model under a profile found: the verdict, and for a divergence the first step the model cannot explain.</summary>
public sealed record CheckReport
{
    /// <summary>The trace's file (or the source name it was read under).</summary>
    public required string Source { get; init; }

    /// <summary>The name of the profile the trace was checked under.</summary>
    public required string Profile { get; init; }

    /// <summary>What produced the trace (the header's "stack"), or null when it does not say.</summary>
    public string? Stack { get; init; }

    /// <summary>The scenario's name (the header's "name"), or null.</summary>
    public string? Scenario { get; init; }

    /// <summary>Conforms, diverges or inconclusive.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>How many steps the trace has (as read, for an interrupted capture).</summary>
    public required int Steps { get; init; }

    /// <summary>The first step the model cannot explain; null unless <see cref="Verdict"/> is <see cref="Verdict.Diverges"/>.</summary>
    public Divergence? FirstDivergence { get; init; }

    /// <summary>Why the trace cannot settle it (interrupted capture, search limit reached); null unless inconclusive.</summary>
    public string? InconclusiveReason { get; init; }

    /// <summary>Rules the model applied on steps the trace confirmed (for coverage).</summary>
    public RuleSet RulesConfirmed { get; init; }
}
