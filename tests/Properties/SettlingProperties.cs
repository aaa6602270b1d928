using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;

namespace WinsockConformance.Properties;

/// <summary>
/// Settling twice changes nothing. A step settles only the sockets it changed (src/Model/Engine/Settling.cs); that is
/// the same as settling every socket only if settling a settled socket does nothing, which this checks after every step.
/// </summary>
public sealed class SettlingProperties
{
    /// <summary>
    /// What settling a settled socket may name: the notes about what is selected and not looked at (WINE-8, WINE-19)
    /// and about an unbound UDP socket's FD_WRITE (B5, WINE-2, DOC-8). Never a latch or a delivery rule.
    /// </summary>
    private static readonly RuleId[] s_notes =
    [
        RuleId.WineResetSocketUnwatched, RuleId.WineHangupStopsUrgent,
        RuleId.UnboundDatagramWrite, RuleId.WineUnboundDatagramSignalsWrite, RuleId.DocDatagramWriteAfterBind,
    ];

    /// <summary>
    /// After every step of every generated scenario, under every profile it is valid under, settling every open socket
    /// again leaves the state as it is (sockets, queue, event objects, handles), posts and delivers nothing, leaves the
    /// same event objects signaled, and names no rule but <see cref="s_notes"/>.
    /// </summary>
    [ScenarioProperty]
    public Property Property_settling_a_settled_state_changes_nothing() =>
        Prop.ForAll(Generators.Scenarios(), scenario =>
        {
            foreach (var (profile, results) in scenario.Runs())
            {
                for (var i = 0; i < results.Count; i++)
                {
                    if (Violation(results[i]) is { } violation)
                    {
                        return Labels.Holds($"step {i + 1} ({scenario.Steps[i].Op}): settling again {violation}", profile.Name).Stamped(scenario);
                    }
                }
            }

            return Labels.Holds(null).Stamped(scenario);
        });

    private static string? Violation(StepResult settled)
    {
        var state = settled.State;
        var again = Settling.SettleAll(state);
        var named = again.Observation.Rules.Each().Where(r => !s_notes.Contains(r)).ToList();
        return again.State with { StepCount = state.StepCount } != state ? "changed the state"
            : again.Observation.Posted.Count > 0 ? $"posted {again.Observation.Posted[0]}"
            : again.Observation.Delivered.Count > 0 ? "delivered messages"
            : !again.Observation.Signaled.SequenceEqual(state.EventObjects.Where(e => e.Signaled).Select(e => e.Name)) ? "changed which event objects are signaled"
            : named.Count > 0 ? $"named {string.Join(", ", named.Select(r => RuleCatalog.Get(r).Id))}"
            : null;
    }
}
