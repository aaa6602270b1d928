using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;

namespace WinsockConformance.Properties;

/// <summary>Metamorphic properties: a step that should change nothing is inserted anywhere; nothing observable may change.</summary>
public sealed class MetamorphicProperties
{
    /// <summary>ioctlsocket(FIONREAD) reads a count; inserted at any point it changes no later result, message or signal.</summary>
    [ScenarioProperty]
    public Property Property_inserting_FIONREAD_changes_nothing_observable() =>
        Prop.ForAll(Generators.ScenariosWithInsertion(Generators.FionreadAnywhere), scenario =>
        {
            foreach (var (profile, results) in scenario.Runs())
            {
                if (CompareWithBaseline(scenario, profile, results, ignoreDelivered: false) is { } difference)
                {
                    return Labels.Holds(difference, profile.Name).Stamped(scenario);
                }

                if (scenario.Inserted is { } i && results[i].Observation is { } own && (own.Posted.Count > 0 || own.Delivered.Count > 0))
                {
                    return Labels.Holds($"the inserted FIONREAD itself posted or delivered messages under {profile.Name}", profile.Name).Stamped(scenario);
                }
            }

            return Labels.Holds(null).Stamped(scenario).Classify(scenario.Inserted is null, "nothing to insert");
        });

    /// <summary>
    /// getMessages only moves messages from the queue to the application: inserted anywhere, every
    /// step posts and returns the same, and by the end (after a final getMessages for each window) the
    /// same multiset of messages has been delivered.
    /// </summary>
    [ScenarioProperty]
    public Property Property_inserting_getMessages_keeps_the_messages_delivered_by_the_end() =>
        Prop.ForAll(Generators.ScenariosWithInsertion(Generators.GetMessagesAnywhere), scenario =>
        {
            foreach (var (profile, results) in scenario.Runs())
            {
                if (CompareWithBaseline(scenario, profile, results, ignoreDelivered: true) is { } difference)
                {
                    return Labels.Holds(difference, profile.Name).Stamped(scenario);
                }

                var flush = new Input[] { new GetMessagesCall(Generators.Window), new GetMessagesCall(Generators.OtherWindow) };
                var with = Delivered(scenario.Append(flush), profile);
                var without = Delivered(scenario.WithoutInserted().Append(flush), profile);
                if (!with.SequenceEqual(without))
                {
                    return Labels.Holds(
                        $"under {profile.Name} the messages delivered by the end differ: with the insertion [{string.Join(", ", with)}], without [{string.Join(", ", without)}]",
                        profile.Name).Stamped(scenario);
                }
            }

            return Labels.Holds(null).Stamped(scenario);
        });

    /// <summary>Every message a run took out of the queue, sorted (a multiset); a getMessage with PM_NOREMOVE only looks.</summary>
    private static List<string> Delivered(Scenario scenario, Profile profile) =>
        [.. scenario.Run(profile).Where((_, i) => scenario.Steps[i] is not GetMessageCall { Remove: false })
            .SelectMany(r => r.Observation.Delivered).Select(n => n.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Compares every step of the baseline (the scenario without its inserted step) with the same step
    /// of the scenario, and returns the first difference.
    /// </summary>
    private static string? CompareWithBaseline(Scenario scenario, Profile profile, IReadOnlyList<StepResult> with, bool ignoreDelivered)
    {
        if (scenario.Inserted is not { } inserted)
        {
            return null;
        }

        var without = scenario.WithoutInserted().Run(profile);
        for (var i = 0; i < without.Count; i++)
        {
            var expected = Comparable(without[i].Observation, ignoreDelivered);
            var actual = Comparable(with[i < inserted ? i : i + 1].Observation, ignoreDelivered);
            if (expected != actual)
            {
                return $"under {profile.Name}, step {(i < inserted ? i + 1 : i + 2)} ({Traces.Operations.Describe(scenario.WithoutInserted().Steps[i])}) "
                    + $"observed {Describe(actual)} with the insertion but {Describe(expected)} without it";
            }
        }

        return null;
    }

    /// <summary>The observable part of a step: rule names are the model's explanation, not an output.</summary>
    private static Observation Comparable(Observation o, bool ignoreDelivered) =>
        o with { Rules = default, Delivered = ignoreDelivered ? default : o.Delivered };

    private static string Describe(Observation o) =>
        $"ret {o.Return} {o.Error} value {o.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} "
        + $"posted [{string.Join(", ", o.Posted)}] delivered [{string.Join(", ", o.Delivered)}] enumerated {o.Enumerated?.ToString() ?? "-"} signaled [{string.Join(", ", o.Signaled)}]";
}
