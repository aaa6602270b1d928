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
    /// <summary>
    /// The model: the state after <paramref name="input"/> and what a conforming stack shows for it (return value, error,
    /// messages posted and delivered, events enumerated and signaled, the rules applied). Pure: the same state and input
    /// always give the same result, and <paramref name="state"/> is not changed.
    /// </summary>
    /// <param name="state">The state before the step (<see cref="ModelState.Initial"/> to start).</param>
    /// <param name="input">A call the application makes, or something the peer or network does.</param>
    /// <exception cref="ImpossibleStepException">The input cannot happen in this state (a scenario error, e.g. a call on a name never created).</exception>
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
