using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>Applies one trace step to the model, turning an impossible step into a located bad-input error.</summary>
internal static class ModelStep
{
    public static StepResult Apply(string source, TraceStep step, ModelState state)
    {
        try
        {
            // WinsockModel.Step validates first and throws with Validation.Check's sentence; validating here too would double the work.
            return WinsockModel.Step(state, step.Input);
        }
        catch (ImpossibleStepException e)
        {
            throw new TraceReadException(source, step.Line, $"step {step.Number} ({Operations.Describe(step.Input)}) is impossible here: {e.Message}");
        }
    }

    /// <summary>Runs a scenario through the model, returning each step's result.</summary>
    public static IReadOnlyList<StepResult> Run(Trace scenario, Profile profile)
    {
        var state = ModelState.Initial(profile);
        var results = new List<StepResult>(scenario.Steps.Count);
        foreach (var step in scenario.Steps)
        {
            var result = Apply(scenario.Source, step, state);
            results.Add(result);
            state = result.State;
        }

        return results;
    }
}
