using System.Text;
using WinsockConformance.Model;

using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>
/// Renders a scenario's timeline: each step's call and, per profile, its result, the messages it
/// posted or delivered, enumerations and signaled events. Profiles with the same outcome share a line,
/// so where stacks differ stands out.
/// </summary>
public static class Timeline
{
    /// <summary>One profile, with the latch state of every live socket after each step and the rules applied (explain).</summary>
    public static string Explain(Trace scenario, Profile profile)
    {
        var text = new StringBuilder();
        Header(text, scenario, [profile]);
        var results = ModelStep.Run(scenario, profile);
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            var result = results[i];
            text.Append(StepLine(step));
            text.Append("      ").Append(Outcome(result, step.Input)).Append('\n');
            foreach (var s in result.State.Open)
            {
                text.Append("      | ").Append(StateText.Latches(s)).Append('\n');
            }

            if (!result.Observation.Rules.IsEmpty)
            {
                text.Append("      rules: ").Append(result.Observation.Rules.ToString()).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Several profiles side by side (the snapshot catalogue and docs/edge-cases.md).</summary>
    public static string SideBySide(Trace scenario, IReadOnlyList<Profile> profiles)
    {
        var text = new StringBuilder();
        Header(text, scenario, profiles);
        var runs = profiles.Select(p => ModelStep.Run(scenario, p)).ToList();
        var differing = new List<int>();
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            text.Append(StepLine(scenario.Steps[i]));
            var groups = profiles
                .Select((p, k) => (Profile: p.Name, Outcome: Outcome(runs[k][i], scenario.Steps[i].Input)))
                .GroupBy(x => x.Outcome, StringComparer.Ordinal)
                .ToList();
            if (groups.Count == 1)
            {
                text.Append("      all: ").Append(groups[0].Key).Append('\n');
                continue;
            }

            differing.Add(scenario.Steps[i].Number);
            var width = groups.Max(g => string.Join(", ", g.Select(x => x.Profile)).Length);
            foreach (var g in groups)
            {
                var names = string.Join(", ", g.Select(x => x.Profile)) + ":";
                text.Append("      ").Append(names.PadRight(width + 2)).Append(g.Key).Append('\n');
            }
        }

        text.Append('\n');
        text.Append(differing.Count == 0
            ? "profiles agree on every step\n"
            : "profiles differ at steps " + string.Join(", ", differing) + "\n");
        for (var k = 0; k < profiles.Count; k++)
        {
            var applied = runs[k].Aggregate(RuleSet.Empty, (acc, r) => acc.Union(r.Observation.Rules));
            text.Append("rules applied (").Append(profiles[k].Name).Append("): ").Append(applied.ToString()).Append('\n');
        }

        return text.ToString();
    }

    private static void Header(StringBuilder text, Trace scenario, IReadOnlyList<Profile> profiles)
    {
        text.Append("scenario: ").Append(scenario.Header.Name ?? Path.GetFileNameWithoutExtension(scenario.Source)).Append('\n');
        if (scenario.Header.Description is { } description)
        {
            text.Append("claim: ").Append(description).Append('\n');
        }

        if (scenario.Header.Rules.Count > 0)
        {
            text.Append("rules: ").Append(string.Join(", ", scenario.Header.Rules)).Append('\n');
            foreach (var id in scenario.Header.Rules)
            {
                var rule = RuleCatalog.Find(id)!;
                text.Append("  ").Append(rule.Id).Append(": ").Append(rule.Summary).Append(" [").Append(rule.Source).Append("]\n");
            }
        }

        text.Append("profiles: ").Append(string.Join(", ", profiles.Select(p => p.Name))).Append("\n\n");
    }

    private static string StepLine(TraceStep step) =>
        $"{step.Number,3}  {InputCodec.Describe(step.Input)}" + (step.Comment is null ? string.Empty : $"    // {step.Comment}") + "\n";

    /// <summary>
    /// The observable outcome of a step on one line. With the step's input, a getMessages that
    /// retrieved nothing reads "nothing delivered" rather than "nothing posted".
    /// </summary>
    public static string Outcome(StepResult result, Input? input = null)
    {
        var o = result.Observation;
        var parts = new List<string> { Checker.ResultText(o.Return, o.Error) };
        if (o.Value is { } value)
        {
            parts.Add($"value {value}");
        }

        if (o.Posted.Count > 0)
        {
            parts.Add("posted " + string.Join(", ", o.Posted.Select(n => MessageText.Format(n, result.State))));
        }

        if (o.Delivered.Count > 0)
        {
            parts.Add("delivered " + string.Join(", ", o.Delivered.Select(n => MessageText.Format(n, result.State))));
        }
        else if (result.State.StepCount > 0 && o.Posted.Count == 0 && o.Delivered.Count == 0 && o.Enumerated is null && o.Value is null)
        {
            parts.Add(input is GetMessagesCall ? "nothing delivered" : "nothing posted");
        }

        if (o.Enumerated is { } en)
        {
            parts.Add("enumerated " + en);
        }

        if (o.Signaled.Count > 0)
        {
            parts.Add("signaled " + string.Join(", ", o.Signaled));
        }

        return string.Join("; ", parts);
    }
}
