using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>
/// A scenario's timeline: each step's call and, per profile, its result, the messages it posted or delivered,
/// enumerations and signaled events. Profiles with the same outcome share a line, so where stacks differ stands
/// out. Written step by step as the file is read (<see cref="TimelineWriter"/>): explain's memory does not grow
/// with the file.
/// </summary>
public static class Timeline
{
    /// <summary>One profile, with the latch state of every live socket after each step and the rules applied (explain).</summary>
    public static string Explain(Trace scenario, Profile profile) => Render(scenario, new TimelineWriter(new StringWriter(), scenario.Source, [profile], latches: true));

    /// <summary>Several profiles side by side (the snapshot catalogue and docs/edge-cases.md).</summary>
    public static string SideBySide(Trace scenario, IReadOnlyList<Profile> profiles) => Render(scenario, new TimelineWriter(new StringWriter(), scenario.Source, profiles, latches: false));

    /// <summary>
    /// The observable outcome of a step on one line. With the step's input, a getMessages that
    /// retrieved nothing reads "nothing delivered" rather than "nothing posted".
    /// </summary>
    public static string Outcome(StepResult result, Input? input = null)
    {
        var o = result.Observation;
        var parts = new List<string> { DifferenceText.Result(new CallResult(o.Return, o.Error)) };
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
            parts.Add(input is GetMessagesCall or GetMessageCall ? "nothing delivered" : "nothing posted");
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

    private static string Render(Trace scenario, TimelineWriter writer)
    {
        writer.OnHeader(scenario.Header);
        foreach (var step in scenario.Steps)
        {
            writer.OnStep(step);
        }

        writer.Finish();
        return writer.Output.ToString()!;
    }
}

/// <summary>
/// Writes a timeline as the steps arrive (a <see cref="ITraceSink"/> for <see cref="TraceReader"/>): the model
/// is run under each profile one step at a time and each step's lines are written at once.
/// </summary>
public sealed class TimelineWriter(TextWriter output, string source, IReadOnlyList<Profile> profiles, bool latches) : ITraceSink
{
    private readonly ModelState[] _states = [.. profiles.Select(ModelState.Initial)];
    private readonly RuleSet[] _applied = new RuleSet[profiles.Count];
    private readonly List<int> _differing = [];

    public TextWriter Output => output;

    public void OnHeader(TraceHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        output.Write("scenario: " + SafeText.Escape(header.Name ?? Path.GetFileNameWithoutExtension(source)) + "\n");
        if (header.Description is { } description)
        {
            output.Write("claim: " + SafeText.Escape(description) + "\n");
        }

        if (header.Advice is { } advice)
        {
            output.Write("advice: " + SafeText.Escape(advice) + "\n");
        }

        if (header.Rules.Count > 0)
        {
            output.Write("rules: " + string.Join(", ", header.Rules) + "\n");
            foreach (var id in header.Rules)
            {
                var rule = RuleCatalog.Find(id)!;
                output.Write($"  {rule.Id}: {rule.Summary} [{rule.Source}]\n");
            }
        }

        output.Write("profiles: " + string.Join(", ", profiles.Select(p => p.Name)) + "\n\n");
    }

    public void OnStep(TraceStep traceStep)
    {
        ArgumentNullException.ThrowIfNull(traceStep);
        var results = new StepResult[profiles.Count];
        for (var k = 0; k < profiles.Count; k++)
        {
            results[k] = ModelStep.Apply(source, traceStep, _states[k]);
            _states[k] = results[k].State;
            _applied[k] = _applied[k].Union(results[k].Observation.Rules);
        }

        output.Write($"{traceStep.Number,3}  {Operations.Describe(traceStep.Input)}" + (traceStep.Comment is null ? string.Empty : $"    // {SafeText.Escape(traceStep.Comment)}") + "\n");
        if (latches)
        {
            var result = results[0];
            output.Write("      " + Timeline.Outcome(result, traceStep.Input) + "\n");
            foreach (var s in result.State.Open)
            {
                output.Write("      | " + StateText.Latches(s) + "\n");
            }

            if (!result.Observation.Rules.IsEmpty)
            {
                output.Write("      rules: " + result.Observation.Rules + "\n");
            }

            return;
        }

        var groups = profiles
            .Select((p, k) => (Profile: p.Name, Outcome: Timeline.Outcome(results[k], traceStep.Input)))
            .GroupBy(x => x.Outcome, StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 1)
        {
            output.Write("      all: " + groups[0].Key + "\n");
            return;
        }

        _differing.Add(traceStep.Number);
        var width = groups.Max(g => string.Join(", ", g.Select(x => x.Profile)).Length);
        foreach (var g in groups)
        {
            var names = string.Join(", ", g.Select(x => x.Profile)) + ":";
            output.Write("      " + names.PadRight(width + 2) + g.Key + "\n");
        }
    }

    /// <summary>After the last step: for profiles side by side, where they differ and the rules each applied.</summary>
    public void Finish()
    {
        if (latches)
        {
            return;
        }

        output.Write('\n');
        output.Write(_differing.Count == 0
            ? "profiles agree on every step\n"
            : "profiles differ at steps " + string.Join(", ", _differing) + "\n");
        for (var k = 0; k < profiles.Count; k++)
        {
            output.Write($"rules applied ({profiles[k].Name}): {_applied[k]}\n");
        }
    }
}
