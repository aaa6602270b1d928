using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Reports;

using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>The captures of one real stack and the profile it follows (e.g. traces/wine-8.0 and wine-8).</summary>
public sealed record StackCaptures(string Title, string Folder, Profile Profile, IReadOnlyList<Trace> Captures);

/// <summary>
/// docs/wine-vs-windows.md, generated from the captured traces: a table of stacks (windows and each Wine profile) with
/// every switch where a Wine profile differs from windows, its rule and the captures proving it; the differences
/// between the Wine versions; then, per stack, every captured scenario that Windows would answer differently.
/// </summary>
public static class WineVsWindowsDocument
{
    public static string Render(IReadOnlyList<StackCaptures> stacks)
    {
        var text = new StringBuilder();
        text.Append("# Wine versus Windows\n\n");
        text.Append($"Generated from the traces captured under {string.Join(" and ", stacks.Select(s => $"{s.Title} (`{s.Folder}/`)"))} by `tests/Snapshots/DocsTests`; do not edit by hand.\n");
        text.Append("Each difference is a named switch of a Wine profile with a rule ID. A capture proves a switch when it\n");
        text.Append("conforms to its stack's profile and, at a step where `windows` predicts otherwise, the model applied that switch's rule.\n\n");

        var divergences = stacks.Select(stack => stack.Captures
            .Select(t => (Trace: t, Windows: Checker.Check(t, Profiles.Windows), Wine: Checker.Check(t, stack.Profile)))
            .Where(x => x.Windows.Verdict == Verdict.Diverges)
            .ToList()).ToList();

        text.Append("## Switches, stack by stack\n\n| switch | windows | ").Append(string.Join(" | ", stacks.Select(s => s.Profile.Name)))
            .Append(" | rule | what Wine does | ").Append(string.Join(" | ", stacks.Select(s => $"proven on {s.Profile.Name} by")))
            .Append(" |\n|---|---|").Append(string.Concat(stacks.Select(_ => "---|"))).Append("---|---|").Append(string.Concat(stacks.Select(_ => "---|"))).Append('\n');
        foreach (var s in ProfileSwitches.All.Where(s => stacks.Any(stack => s.Value(Profiles.Windows) != s.Value(stack.Profile))))
        {
            var windowsRule = s.Rule(Profiles.Windows);
            var rules = stacks.Select(stack => s.Rule(stack.Profile)).OfType<RuleId>().Where(r => r != windowsRule).Distinct().Select(RuleCatalog.Get).ToList();
            text.Append($"| {s.Name} | {s.Value(Profiles.Windows)} | ")
                .Append(string.Join(" | ", stacks.Select(stack => s.Value(stack.Profile))))
                .Append($" | {string.Join(", ", rules.Select(r => r.Id))} | {string.Join(" ", rules.Select(r => r.Summary))} | ")
                .Append(string.Join(" | ", stacks.Select((stack, i) => Proofs(s, stack, divergences[i], windowsRule))))
                .Append(" |\n");
        }

        for (var i = 1; i < stacks.Count; i++)
        {
            AppendVersionDifferences(text, stacks[i - 1], stacks[i], divergences[i]);
        }

        for (var i = 0; i < stacks.Count; i++)
        {
            AppendCaptures(text, stacks[i], divergences[i]);
        }

        return text.ToString();
    }

    private static string Proofs(ProfileSwitch s, StackCaptures stack, List<(Trace Trace, CheckReport Windows, CheckReport Wine)> divergences, RuleId? windowsRule)
    {
        if (s.Value(Profiles.Windows) == s.Value(stack.Profile))
        {
            return "(as windows)";
        }

        if (s.Rule(stack.Profile) is not { } key)
        {
            return "—";
        }

        var rule = RuleCatalog.Get(key);
        var proofs = divergences
            .Where(d => d.Wine.Verdict == Verdict.Conforms && ProvenBy(d.Trace, stack.Profile, rule.Key, windowsRule))
            .Select(d => $"`{d.Trace.Header.Name}`")
            .ToList();
        return proofs.Count == 0 ? (rule.LoopbackReachable ? "not yet captured" : "not producible over loopback") : string.Join(", ", proofs);
    }

    /// <summary>Every switch whose value differs between two Wine versions, and the newer stack's captures that the older profile does not explain.</summary>
    private static void AppendVersionDifferences(StringBuilder text, StackCaptures older, StackCaptures newer, List<(Trace Trace, CheckReport Windows, CheckReport Wine)> newerDivergences)
    {
        text.Append($"\n## {newer.Title} versus {older.Title}\n\n");
        text.Append($"| switch | {older.Profile.Name} | {newer.Profile.Name} | windows | {newer.Profile.Name}'s rule |\n|---|---|---|---|---|\n");
        foreach (var s in ProfileSwitches.All.Where(s => s.Value(older.Profile) != s.Value(newer.Profile)))
        {
            var rule = s.Rule(newer.Profile) is { } key ? RuleCatalog.Get(key) : null;
            text.Append($"| {s.Name} | {s.Value(older.Profile)} | {s.Value(newer.Profile)} | {s.Value(Profiles.Windows)} | {(rule is null ? "—" : $"{rule.Id}: {rule.Summary}")} |\n");
        }

        var unexplained = newer.Captures
            .Select(t => (Trace: t, Older: Checker.Check(t, older.Profile)))
            .Where(x => x.Older.Verdict == Verdict.Diverges)
            .ToList();
        text.Append($"\nCaptures under {newer.Title} that `{older.Profile.Name}` does not explain ({unexplained.Count} of {newer.Captures.Count}); each conforms to `{newer.Profile.Name}`:\n\n");
        foreach (var (trace, report) in unexplained)
        {
            var d = report.FirstDivergence!;
            var diff = d.Differences[0];
            text.Append($"- `{trace.Header.Name}`: step {d.Step}, `{DifferenceText.Call(d)}`: {DifferenceText.Aspect(diff)}: {older.Profile.Name} {DifferenceText.Expected(diff)}; {newer.Title} {DifferenceText.Observed(diff)}\n");
        }
    }

    private static void AppendCaptures(StringBuilder text, StackCaptures stack, List<(Trace Trace, CheckReport Windows, CheckReport Wine)> divergences)
    {
        text.Append($"\n## Captured scenarios where Windows would differ from {stack.Title} ({divergences.Count} of {stack.Captures.Count})\n");
        foreach (var (trace, windows, wine) in divergences)
        {
            var d = windows.FirstDivergence!;
            text.Append($"\n### {trace.Header.Name} ({stack.Profile.Name})\n\n");
            if (trace.Header.Description is { } claim)
            {
                text.Append(claim).Append("\n\n");
            }

            text.Append($"Capture: `{Path.GetFileName(Path.GetDirectoryName(trace.Source))}/{Path.GetFileName(trace.Source)}` ({trace.Header.Stack}); verdict against `{stack.Profile.Name}`: {wine.Verdict.ToString().ToLowerInvariant()}.\n");
            text.Append($"First difference from `windows`: step {d.Step}, `{DifferenceText.Call(d)}`:\n\n");
            foreach (var diff in d.Differences)
            {
                text.Append($"- {DifferenceText.Aspect(diff)}: Windows {DifferenceText.Expected(diff)}; Wine {DifferenceText.Observed(diff)}\n");
            }

            text.Append("\n```text\n").Append(Timeline.SideBySide(trace.AsScenario(), [Profiles.Windows, stack.Profile])).Append("```\n");
        }
    }

    /// <summary>
    /// The capture proves the switch when, at some step where the windows and the Wine profile's predictions differ
    /// (the capture conforms to the Wine profile, so it observed the Wine side), the Wine run applied the switch's
    /// Wine rule or the windows run applied the switch's Windows rule.
    /// </summary>
    private static bool ProvenBy(Trace trace, Profile profile, RuleId wineRule, RuleId? windowsRule)
    {
        var scenario = trace.AsScenario();
        var wine = ModelStep.Run(scenario, profile);
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
