using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>
/// The model as a stack: its captures are the model's predictions, what a perfectly conforming stack would
/// record. Lets the whole pipeline run where no real stack exists, gives the checker benchmarks their input,
/// and is the reference real captures are diffed against. Checking its trace under the same profile always conforms.
/// </summary>
public sealed class ModelStack(Profile profile) : IScenarioStack
{
    public string Name => "model-" + profile.Name;

    public Profile NativeProfile => profile;

    public Provenance Provenance { get; } = new() { Probe = ToolVersion.Text, Os = "model" };

    public void Capture(Trace scenario, TraceWriter writer) => Capture(scenario, writer, mutate: null);

    /// <summary>
    /// Captures, letting <paramref name="mutate"/> change what step i is recorded as having observed: how the
    /// properties make a stack that departs from the model at one step.
    /// </summary>
    public void Capture(Trace scenario, TraceWriter writer, Func<int, RenderedObservation, RenderedObservation>? mutate)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteHeader(TraceHeaders.ForCapture(scenario, Name, profile.Name, Provenance));
        var state = ModelState.Initial(profile);
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            StepResult result;
            try
            {
                result = WinsockModel.Step(state, step.Input);
            }
            catch (ImpossibleStepException e)
            {
                // A step this stand-in's profile calls impossible, in a scenario valid under the profile judged (a fuzz
                // run judging another profile): like the real stack meeting one, a finding, not bad input. The model
                // cannot observe past it, so the trace ends there, interrupted; a scenario impossible under the judged
                // profile too is still refused as bad input by the checker.
                writer.WriteEnd(complete: false, reason: $"step {step.Number} ({Operations.Describe(step.Input)}) is impossible under {profile.Name}, so the model standing in for a stack cannot go on: {e.Message}");
                return;
            }

            var rendered = RenderedObservation.FromModel(result.Observation, result.State);
            writer.WriteStep(step.Input, mutate is null ? rendered : mutate(i, rendered), step.Comment);
            state = result.State;
        }

        writer.WriteEnd(complete: true);
    }

    /// <summary>The model's trace of these inputs as text (JSON Lines, '\n' line ends).</summary>
    public string TraceText(IEnumerable<Input> inputs, string? name = null, Func<int, RenderedObservation, RenderedObservation>? mutate = null)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new TraceWriter(text))
        {
            Capture(ScenarioOf(inputs, name), writer, mutate);
        }

        return text.ToString();
    }

    /// <summary>Inputs as a scenario file would give them (the header on line 1, step n on line n + 1).</summary>
    public static Trace ScenarioOf(IEnumerable<Input> inputs, string? name = null)
    {
        var steps = inputs.ToList();
        return new(
            name ?? "model",
            new TraceHeader { Kind = TraceFormat.ScenarioKind, Name = name, Version = TraceFormat.VersionFor(steps) },
            [.. steps.Select((input, i) => new TraceStep(i + 2, i + 1, input, Observed: null))],
            Complete: true);
    }

    public void Dispose()
    {
    }
}
