using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Reports;

using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>
/// docs/wine-vs-windows.md, generated from the captured traces: every switch where the wine-8 profile
/// differs from windows, with its rule and the captures proving it, then every captured scenario that
/// Windows would answer differently, with both timelines and what Wine really did.
/// </summary>
public static class WineVsWindowsDocument
{
    public static string Render(IReadOnlyList<Trace> captures)
    {
        var text = new StringBuilder();
        text.Append("# Wine 8 versus Windows\n\n");
        text.Append("Generated from the traces captured under Wine 8 (`traces/wine-8.0/`) by `tests/Snapshots/DocsTests`; do not edit by hand.\n");
        text.Append("Each difference is a named switch of the `wine-8` profile with a rule ID. A capture proves a switch when it\n");
        text.Append("conforms to `wine-8` and, at a step where `windows` predicts otherwise, the model applied that switch's rule.\n\n");

        var divergences = captures
            .Select(t => (Trace: t, Windows: Checker.Check(t, Profiles.Windows), Wine: Checker.Check(t, Profiles.Wine8)))
            .Where(x => x.Windows.Verdict == Verdict.Diverges)
            .ToList();

        text.Append("## Switches\n\n| switch | windows | wine-8 | rule | what Wine does | proven by |\n|---|---|---|---|---|---|\n");
        foreach (var s in ProfileSwitches.All.Where(s => s.Value(Profiles.Windows) != s.Value(Profiles.Wine8)))
        {
            if (s.Rule(Profiles.Wine8) is not { } wineRule)
            {
                continue;
            }

            var rule = RuleCatalog.Get(wineRule);
            var windowsRule = s.Rule(Profiles.Windows);
            var proofs = divergences
                .Where(d => d.Wine.Verdict == Verdict.Conforms && ProvenBy(d.Trace, rule.Key, windowsRule))
                .Select(d => $"`{d.Trace.Header.Name}`")
                .ToList();
            text.Append($"| {s.Name} | {s.Value(Profiles.Windows)} | {s.Value(Profiles.Wine8)} | {rule.Id} | {rule.Summary} | {(proofs.Count == 0 ? (rule.LoopbackReachable ? "not yet captured" : "not producible over loopback") : string.Join(", ", proofs))} |\n");
        }

        text.Append($"\n## Captured scenarios where Windows would differ ({divergences.Count} of {captures.Count})\n");
        foreach (var (trace, windows, wine) in divergences)
        {
            var d = windows.FirstDivergence!;
            text.Append($"\n### {trace.Header.Name}\n\n");
            if (trace.Header.Description is { } claim)
            {
                text.Append(claim).Append("\n\n");
            }

            text.Append($"Capture: `{Path.GetFileName(Path.GetDirectoryName(trace.Source))}/{Path.GetFileName(trace.Source)}` ({trace.Header.Stack}); verdict against `wine-8`: {wine.Verdict.ToString().ToLowerInvariant()}.\n");
            text.Append($"First difference from `windows`: step {d.Step}, `{DifferenceText.Call(d)}`:\n\n");
            foreach (var diff in d.Differences)
            {
                text.Append($"- {DifferenceText.Aspect(diff)}: Windows {DifferenceText.Expected(diff)}; Wine {DifferenceText.Observed(diff)}\n");
            }

            text.Append("\n```text\n").Append(Timeline.SideBySide(trace.AsScenario(), [Profiles.Windows, Profiles.Wine8])).Append("```\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The capture proves the switch when, at some step where the windows and wine-8 predictions differ
    /// (the capture conforms to wine-8, so it observed the Wine side), the wine-8 run applied the
    /// switch's Wine rule or the windows run applied the switch's Windows rule.
    /// </summary>
    private static bool ProvenBy(Trace trace, RuleId wineRule, RuleId? windowsRule)
    {
        var scenario = trace.AsScenario();
        var wine = ModelStep.Run(scenario, Profiles.Wine8);
        var windows = ModelStep.Run(scenario, Profiles.Windows);
        for (var i = 0; i < wine.Count; i++)
        {
            if (Timeline.Outcome(wine[i]) != Timeline.Outcome(windows[i])
                && (wine[i].Observation.Rules.Contains(wineRule) || (windowsRule is { } w && windows[i].Observation.Rules.Contains(w))))
            {
                return true;
            }
        }

        return false;
    }
}
