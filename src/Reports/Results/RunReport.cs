using System.Globalization;

namespace WinsockConformance.Reports;

/// <summary>
/// A run (or fuzz campaign) as its reports say it: where it ran, what it was judged against, every scenario's
/// <see cref="ResultEntry"/> in the run's order, and whether it was stopped early. The summary, the JSON and the
/// JUnit report are all rendered from this, so a report read back from JSON renders the same.
/// </summary>
internal sealed record RunReport
{
    /// <summary>run or fuzz.</summary>
    public required string Command { get; init; }

    public required string Stack { get; init; }

    public required string Profile { get; init; }

    public int Repeat { get; init; } = 1;

    public double DurationSeconds { get; init; }

    public required IReadOnlyList<ResultEntry> Results { get; init; }

    /// <summary>How many scenarios the run was asked to run (more than <see cref="Results"/> when it was stopped early).</summary>
    public long Planned { get; init; }

    /// <summary>Why the run stopped before the end ("interrupted by SIGINT", "the stack stopped answering …"), or null.</summary>
    public string? Interruption { get; init; }

    /// <summary>Which part of a sharded run this is ("2/4"), or null for a whole run.</summary>
    public string? Shard { get; init; }

    public FuzzSection? Fuzz { get; init; }

    /// <summary>The known differences the run was judged with ("wine-10 (stacks/wine-10.known.tsv: 28 rules) against windows (no departures)"), or null.</summary>
    public string? KnownDifferences { get; init; }

    /// <summary>Why the stack was judged with a profile found on another stack (a Wine version the kit does not know), or null.</summary>
    public string? StackNote { get; init; }

    /// <summary>Where and when the report was made (stack, Wine version, OS, the tool's version, date); null in a report read from before version 1.</summary>
    public ReportProvenance? Provenance { get; init; }

    /// <summary>--allow-fixed: a known difference that no longer happens is reported but does not fail the run.</summary>
    public bool AllowFixed { get; init; }

    public bool Interrupted => Interruption is not null;

    /// <summary>Steps actually driven, repeats included: what the rate is computed from.</summary>
    public long StepsDriven => Steps * Repeat;

    public long Steps => Results.Sum(r => (long)r.Steps);

    public int Conforming => Results.Count(r => r.Verdict == Verdicts.Conforms);

    public int Diverging => Results.Count(r => r.Verdict == Verdicts.Diverges);

    public int UnexpectedDivergences => Results.Count(r => r.UnexpectedDivergence);

    public int Inconclusive => Results.Count(r => r.Verdict == Verdicts.Inconclusive);

    public int Flaky => Results.Count(r => r.Flaky);

    /// <summary>Scenarios a known difference lists that no longer differ.</summary>
    public int Fixed => Results.Count(r => r.Fixed);

    /// <summary>Nothing diverged unexpectedly, nothing was flaky, and no known difference is fixed unless --allow-fixed (an interrupted run is judged by its exit code too).</summary>
    public bool Passed => UnexpectedDivergences == 0 && Flaky == 0 && (AllowFixed || Fixed == 0);

    public long StackRuns => Results.Sum(r => r.StackRuns);

    public double ScenariosPerSecond => Results.Count / Math.Max(DurationSeconds, 1e-9);

    /// <summary>The line that says where a stopped run stopped, or null.</summary>
    public string? InterruptionLine()
    {
        if (Interruption is null)
        {
            return null;
        }

        var at = Results.LastOrDefault(r => r.Interrupted) is { } current ? $" during {current.Scenario}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"INTERRUPTED ({Interruption}){at}: {Results.Count(r => !r.Interrupted)} of {Planned} scenarios ran to the end");
    }
}

/// <summary>Where and when a report was made.</summary>
/// <param name="Stack">The stack's name.</param>
/// <param name="Wine">The Wine version when the stack is Wine, else null.</param>
/// <param name="Os">The operating system as the tool saw it (under Wine, the Windows version Wine reports).</param>
/// <param name="Probe">The tool's version, as the traces' provenance gives it.</param>
/// <param name="Date">The UTC date, YYYY-MM-DD.</param>
internal sealed record ReportProvenance(string Stack, string? Wine, string? Os, string Probe, string Date)
{
    /// <summary>The provenance of a report made now by this tool about <paramref name="stack"/>.</summary>
    public static ReportProvenance Now(string stack, string probe) => new(
        stack,
        stack.StartsWith("wine-", StringComparison.Ordinal) ? stack["wine-".Length..] : null,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        probe,
        DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>What a fuzz campaign generated: the seed's scenario range and the known findings it avoided.</summary>
/// <param name="StackDescription">The stack as the coverage file names it ("wine-8.0 (…; wine 8.0 on …)"), so that merged shards name it the same.</param>
internal sealed record FuzzSection(ulong Seed, long Start, long Count, IReadOnlyList<string> KnownFindingsAvoided, string? StackDescription = null);
