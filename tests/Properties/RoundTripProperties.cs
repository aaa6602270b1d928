using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Properties;

/// <summary>
/// The trace format round-trips, the checker accepts the model's own traces, and the checker can
/// fail: a trace with one observation changed diverges exactly at that step.
/// </summary>
public sealed class RoundTripProperties
{
    [ScenarioProperty]
    public Property Property_model_trace_reads_back_to_the_same_inputs_and_conforms() =>
        Prop.ForAll(Generators.Scenarios(), scenario =>
        {
            foreach (var (profile, results) in scenario.Runs())
            {
                var trace = Read(scenario.ModelTrace(profile));
                var inputs = trace.Steps.Select(s => s.Input).ToList();
                if (!inputs.SequenceEqual(scenario.Steps))
                {
                    var first = Enumerable.Range(0, Math.Min(inputs.Count, scenario.Count)).FirstOrDefault(i => inputs[i] != scenario.Steps[i], Math.Min(inputs.Count, scenario.Count));
                    return Labels.Holds($"read back {inputs.Count} steps; step {first + 1} differs: wrote {Get(scenario.Steps, first)}, read {Get(inputs, first)}", profile.Name).Stamped(scenario);
                }

                var report = Checker.Check(trace, profile);
                if (report.Verdict != Verdict.Conforms)
                {
                    return Labels.Holds($"the model's own trace under {profile.Name} gives {report.Verdict}: {(report.FirstDivergence is null ? report.InconclusiveReason : Reports.DifferenceText.Contradiction(report))}", profile.Name).Stamped(scenario);
                }
            }

            return Labels.Holds(null).Stamped(scenario);
        });

    [ScenarioProperty]
    public Property Property_a_mutated_observation_makes_the_checker_diverge_at_that_step() =>
        Prop.ForAll(Generators.Scenarios(), Arb.From(Gen.Choose(0, int.MaxValue)), (scenario, pick) =>
        {
            var profile = scenario.Profile;
            var results = scenario.Run(profile);
            var mutations = Mutations(results);
            // Choose the kind of mutation first, so the rarer kinds (drop a posted message) are common.
            var kinds = mutations.Select(m => m.Kind).Distinct().ToList();
            var kind = kinds[pick % kinds.Count];
            var ofKind = mutations.Where(m => m.Kind == kind).ToList();
            var (step, _, mutate) = ofKind[pick / kinds.Count % ofKind.Count];
            var report = Checker.Check(Read(scenario.ModelTrace(profile, (i, o) => i == step ? mutate(o) : o)), profile);
            var violation = report switch
            {
                { Verdict: not Verdict.Diverges } => $"mutation '{kind}' at step {step + 1}: the checker said {report.Verdict}",
                { FirstDivergence.Step: var at } when at != step + 1 => $"mutation '{kind}' at step {step + 1}: the checker diverged at step {at}",
                _ => null,
            };
            return Labels.Holds(violation, profile.Name).Label($"mutation '{kind}' at step {step + 1}").Collect(kind);
        });

    private static Trace Read(string text) => TraceReader.Read("generated.jsonl", text.Split('\n'));

    private static string Get(IReadOnlyList<Input> list, int i) => i < list.Count ? Operations.Describe(list[i]) : "nothing";

    /// <summary>Every way to falsify one step's observation: drop or add a message, change the result, the count, the enumeration, the signals.</summary>
    private static List<(int Step, string Kind, Func<RenderedObservation, RenderedObservation> Mutate)> Mutations(IReadOnlyList<StepResult> results)
    {
        var list = new List<(int, string, Func<RenderedObservation, RenderedObservation>)>();
        for (var i = 0; i < results.Count; i++)
        {
            var o = results[i].Observation;
            if (o.Posted.Count > 0)
            {
                list.Add((i, "drop a posted message", r => r with { Posted = [.. r.Posted.Skip(1)] }));
            }

            if (o.Delivered.Count > 0)
            {
                list.Add((i, "drop a delivered message", r => r with { Delivered = [.. r.Delivered.SkipLast(1)] }));
            }

            if (o.Enumerated is not null)
            {
                list.Add((i, "flip an enumerated bit", r => r with { Enumerated = r.Enumerated! with { Events = r.Enumerated.Events ^ NetworkEvents.Read } }));
            }

            if (o.Value is not null)
            {
                list.Add((i, "change the FIONREAD count", r => r with { Value = r.Value + 1 }));
            }

            list.Add((i, "post a spurious message", r => r with { Posted = [.. r.Posted, "zz FD_READ"] }));
            list.Add((i, "change the result", r => r with { Return = r.Return + 1 }));
            list.Add((i, "signal an extra event", r => r with { Signaled = [.. r.Signaled, "zz"] }));
        }

        return list;
    }
}
