namespace WinsockConformance.Reports;

/// <summary>
/// One scenario's result as every report carries it: values only (no checker objects), so a report can be written by
/// one process and read back by another — a worker of <c>--jobs</c>, a shard of a CI matrix (<c>merge</c>), the script
/// finishing the report of a probe that died — and rendered the same way there.
/// </summary>
internal sealed record ResultEntry
{
    /// <summary>The scenario's position in the whole run: its place in the corpus (run), or its fuzz index.</summary>
    public required long Index { get; init; }

    public required string Scenario { get; init; }

    /// <summary>The scenario file (run), <c>fuzz:SEED/INDEX</c>, or a counterexample's minimal scenario.</summary>
    public required string File { get; init; }

    public required string Trace { get; init; }

    /// <summary>conforms, diverges or inconclusive.</summary>
    public required string Verdict { get; init; }

    /// <summary>False only for a divergence that no known difference (or, without known differences, the stack's own profile) explains.</summary>
    public required bool Expected { get; init; }

    /// <summary>The known differences that say this scenario differs from the judged profile (the rules that explain a divergence, or that a fixed scenario no longer shows); empty when none does.</summary>
    public IReadOnlyList<KnownRuleEntry> KnownDifferences { get; init; } = [];

    /// <summary>A known difference lists this scenario and it no longer differs (a todo_wine that passes).</summary>
    public bool Fixed { get; init; }

    /// <summary>Why a scenario is unexpected or fixed, in a sentence, when the known differences decided it.</summary>
    public string? KnownNote { get; init; }

    public required int Steps { get; init; }

    /// <summary>How repeated runs differed; null when they did not.</summary>
    public string? FlakyDetail { get; init; }

    public string? InconclusiveReason { get; init; }

    public DivergenceEntry? FirstDivergence { get; init; }

    /// <summary>The checker's text report, for a trace that diverges.</summary>
    public string? Report { get; init; }

    public double Seconds { get; init; }

    /// <summary>The run was stopped while this scenario ran: its trace ends "interrupted".</summary>
    public bool Interrupted { get; init; }

    /// <summary>fuzz: the rules the live-confirmed steps exercised (rule coverage is merged from these).</summary>
    public IReadOnlyList<string>? RulesConfirmed { get; init; }

    /// <summary>fuzz: the known finding this disagreement is.</summary>
    public string? Known { get; init; }

    /// <summary>fuzz: stack runs this scenario took (reproducing and shrinking included).</summary>
    public long StackRuns { get; init; }

    public CounterexampleEntry? Counterexample { get; init; }

    public bool Flaky => FlakyDetail is not null;

    public bool UnexpectedDivergence => Verdict == Verdicts.Diverges && !Expected;
}

/// <summary>The verdict words the reports write.</summary>
internal static class Verdicts
{
    public const string Conforms = "conforms";
    public const string Diverges = "diverges";
    public const string Inconclusive = "inconclusive";
}

/// <summary>One known difference as the reports write it: the rule, whose difference it is, and the Wine bug or commit.</summary>
/// <param name="Rule">The rule's ID.</param>
/// <param name="Stack">The known stack whose departure from windows it is.</param>
/// <param name="Wine">The Wine bug or commit, or null.</param>
/// <param name="OfJudged">The judged profile's stack has it and the stack that ran does not.</param>
internal sealed record KnownRuleEntry(string Rule, string Stack, string? Wine, bool OfJudged)
{
    /// <summary>"WINE-35 (wine-10)", "WINE-11 (wine-8's, not this stack's)", with the Wine reference when known.</summary>
    public override string ToString() => $"{Rule} ({(OfJudged ? $"{Stack}'s, not this stack's" : Stack)}{(Wine is null ? string.Empty : "; " + Wine)})";
}

/// <summary>The first diverging step, as the reports write it.</summary>
internal sealed record DivergenceEntry(int Step, int Line, string Call, IReadOnlyList<DifferenceEntry> Differences, IReadOnlyList<string> Rules, string Contradiction);

/// <summary>One differing aspect of the first diverging step.</summary>
internal sealed record DifferenceEntry(string Aspect, string Expected, string Observed);

/// <summary>A shrunk disagreement's files and how it was found.</summary>
internal sealed record CounterexampleEntry(string Scenario, string Trace, string Original, int OriginalSteps, int MinimalSteps, int ShrinkRuns, string Replay);
