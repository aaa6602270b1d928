using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;
using UnreachableException = System.Diagnostics.UnreachableException;

namespace WinsockConformance.Reports;

/// <summary>Turns what a runner produced (checker reports, flakiness) into the values the reports carry.</summary>
internal static class ResultEntries
{
    public static ResultEntry From(ScenarioOutcome o, long index)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new ResultEntry
        {
            Index = index,
            Scenario = o.Scenario,
            File = o.ScenarioPath.Replace('\\', '/'),
            Trace = o.TracePath.Replace('\\', '/'),
            Verdict = VerdictWord(o.Report.Verdict),
            Expected = !o.UnexpectedDivergence,
            KnownDifferences = o.Known is { } known ? [.. known.Reasons.Select(r => new KnownRuleEntry(r.Rule, r.Of, r.Wine, r.OfJudged))] : [],
            Fixed = o.Fixed,
            KnownNote = o.Known?.Note,
            Steps = o.Report.Steps,
            FlakyDetail = o.Flakiness is { } f ? FlakyText.Render(f) : null,
            InconclusiveReason = o.Report.InconclusiveReason,
            FirstDivergence = o.Report.FirstDivergence is { } d ? Divergence(o.Report, d) : null,
            Report = o.Report.Verdict == Verdict.Diverges ? ReportText.Render(o.Report) : null,
            Seconds = o.Seconds,
            Interrupted = o.Interrupted,
        };
    }

    /// <summary>The rule IDs of a set, in catalogue order.</summary>
    public static IReadOnlyList<string> RuleIds(RuleSet rules) => [.. rules.Each().Select(r => RuleCatalog.Get(r).Id)];

    public static string VerdictWord(Verdict verdict) => verdict switch
    {
        Verdict.Conforms => Verdicts.Conforms,
        Verdict.Diverges => Verdicts.Diverges,
        Verdict.Inconclusive => Verdicts.Inconclusive,
        _ => throw new UnreachableException(verdict.ToString()),
    };

    private static DivergenceEntry Divergence(CheckReport report, Divergence d) => new(
        d.Step,
        d.Line,
        DifferenceText.Call(d),
        [.. d.Differences.Select(x => new DifferenceEntry(DifferenceText.Aspect(x), DifferenceText.Expected(x), DifferenceText.Observed(x)))],
        [.. d.Rules.Select(r => r.Id)],
        DifferenceText.Contradiction(report));
}
