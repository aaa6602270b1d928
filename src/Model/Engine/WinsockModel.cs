namespace WinsockConformance.Model;

/// <summary>A step that <see cref="Validation.Check(ModelState, Input)"/> rejects was applied anyway: a caller's bug.</summary>
public sealed class ImpossibleStepException(string message) : InvalidOperationException(message);

/// <summary>
/// The model: one pure function from a state and an input to the next state and what is observable.
/// It does no I/O, reads no clock, uses no randomness and keeps nothing between calls: each step works in a
/// builder of its own (<see cref="StepBuilder"/>) over the immutable state it is given, so the same scenario
/// always yields the same trace. Folding <see cref="Step"/> over a scenario is the model's prediction of a trace.
/// </summary>
public static class WinsockModel
{
    public static StepResult Step(ModelState state, Input input)
    {
        var problem = Validation.Check(state, input, out var target);
        if (problem is not null)
        {
            throw new ImpossibleStepException(problem);
        }

        // The call or network rules change the sockets; then the notifier settles the ones they changed.
        var builder = new StepBuilder(state, target);
        var outcome = input switch
        {
            CallInput call => Dispatch.Call(builder, call),
            NetworkInput net => Dispatch.Network(builder, net),
            _ => throw new System.Diagnostics.UnreachableException($"unhandled input {input}"),
        };
        Settling.SettleChanged(builder);
        return builder.Build(outcome);
    }

    /// <summary>Runs a whole scenario; stops with the exception's message if a step is impossible.</summary>
    public static IReadOnlyList<StepResult> Run(Profile profile, IEnumerable<Input> inputs)
    {
        var state = ModelState.Initial(profile);
        var results = new List<StepResult>();
        foreach (var input in inputs)
        {
            var result = Step(state, input);
            results.Add(result);
            state = result.State;
        }

        return results;
    }
}
