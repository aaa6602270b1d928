namespace WinsockConformance.Model;

/// <summary>
/// After every step, the notifier looks at each socket the step changed (added, or assigned through the builder), in
/// creation order, so the messages it posts queue in that order. The other sockets need nothing: the step that last
/// changed one settled it, and settling a settled socket changes nothing (tests/Properties/SettlingProperties.cs).
/// </summary>
internal static class Settling
{
    public static void SettleChanged(StepBuilder b)
    {
        foreach (var number in b.Changed())
        {
            b[number] = Notifier.Settle(b, b[number]);
        }
    }

    /// <summary>
    /// Settles every open socket of a state as a step settles the ones it changed, and builds the result as a step
    /// would: what settling a whole state again would do, for the property that it does nothing.
    /// </summary>
    internal static StepResult SettleAll(ModelState state)
    {
        var b = new StepBuilder(state, -1);
        for (var number = state.Closed.Count; number < state.CreatedCount; number++)
        {
            b[number] = Notifier.Settle(b, b[number]);
        }

        return b.Build(CallOutcome.Success);
    }
}
