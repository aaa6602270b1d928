using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.RealWinsockProbe.Runs;

/// <summary>The model as a stack: captures are predictions. Lets the whole pipeline run where no real stack exists.</summary>
internal sealed class ModelStack(Profile profile) : IScenarioStack
{
    public string Name => "model-" + profile.Name;

    public Profile NativeProfile => profile;

    public Provenance Provenance { get; } = new() { Probe = ProbeVersion.Text, Os = "model" };

    public void Capture(Trace scenario, TraceWriter writer)
    {
        writer.WriteHeader(TraceHeaders.ForCapture(scenario, Name, profile.Name, Provenance));
        var state = ModelState.Initial(profile);
        foreach (var step in scenario.Steps)
        {
            var result = ModelStep.Apply(scenario.Source, step, state);
            var rendered = RenderedObservation.FromModel(result.Observation, result.State);
            writer.WriteStep(step.Input, rendered, step.Comment);
            state = result.State;
        }

        writer.WriteEnd(complete: true);
    }

    public void Dispose()
    {
    }
}
