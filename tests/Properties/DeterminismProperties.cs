using FsCheck;
using FsCheck.Fluent;

namespace WinsockConformance.Properties;

/// <summary>The model is a pure function: the same scenario gives the same outputs, states and trace text every time.</summary>
public sealed class DeterminismProperties
{
    [ScenarioProperty]
    public Property Property_running_a_scenario_twice_gives_identical_outputs() =>
        Prop.ForAll(Generators.Scenarios(), scenario =>
        {
            foreach (var (profile, first) in scenario.Runs())
            {
                var second = scenario.Run(profile);
                for (var i = 0; i < first.Count; i++)
                {
                    if (first[i] != second[i])
                    {
                        return Labels.Holds($"under {profile.Name}, step {i + 1} gave different observations or states on two runs", profile.Name).Stamped(scenario);
                    }
                }

                if (!string.Equals(scenario.ModelTrace(profile), scenario.ModelTrace(profile), StringComparison.Ordinal))
                {
                    return Labels.Holds($"under {profile.Name}, the rendered trace differs between two runs", profile.Name).Stamped(scenario);
                }
            }

            return Labels.Holds(null).Stamped(scenario);
        });
}
