using System.Reflection;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests.Support;

/// <summary>
/// Which of a profile's departures from windows a scenario shows, found by counterfactual: a switch where the profile
/// differs from windows shows in a scenario when setting it back to windows' value changes the outcome of a step at which
/// the profile and windows predict differently (or makes a step impossible); where no single switch does, the switches whose rules the profile applied up to the first
/// step that differs. The rule is the switch's rule for the
/// profile's value (windows' rule when that value has none). How the known-differences files are checked against the captures.
/// </summary>
internal static class DepartureRules
{
    private static readonly MethodInfo s_clone = typeof(Profile).GetMethod("<Clone>$")!;

    /// <summary>The rule IDs the scenario shows, in switch order; empty when the profile predicts it as windows does.</summary>
    public static IReadOnlyList<string> Shown(Trace trace, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var scenario = trace.AsScenario();
        var own = Outcomes(scenario, profile)!;
        var windows = Outcomes(scenario, Profiles.Windows)!;
        var differing = Enumerable.Range(0, own.Count).Where(i => own[i] != windows[i]).ToList();
        if (Checker.Check(trace, Profiles.Windows).FirstDivergence is { } first && !differing.Contains(first.Step - 1))
        {
            // A difference the outcome line does not show (what the trace observed beyond it): the checker's step counts.
            differing.Insert(0, first.Step - 1);
        }

        var rules = new List<string>();
        foreach (var s in ProfileSwitches.All.Where(s => s.Value(profile) != s.Value(Profiles.Windows)))
        {
            var without = Outcomes(scenario, AsWindows(profile, s));
            if ((without is null || differing.Any(i => without[i] != own[i])) && (s.Rule(profile) ?? s.Rule(Profiles.Windows)) is { } key
                && !rules.Contains(RuleCatalog.Get(key).Id))
            {
                rules.Add(RuleCatalog.Get(key).Id);
            }
        }

        // Switches that only together make a difference (two urgent bytes: one kept, and the mark): every switch whose rule
        // the profile applied up to the first step that differs.
        if (rules.Count == 0 && differing.Count > 0)
        {
            var applied = ModelStep.Run(scenario, profile).Take(differing.Min() + 1).Aggregate(RuleSet.Empty, (all, r) => all.Union(r.Observation.Rules));
            rules.AddRange(ProfileSwitches.All
                .Where(s => s.Value(profile) != s.Value(Profiles.Windows) && s.Rule(profile) is { } r && applied.Contains(r))
                .Select(s => RuleCatalog.Get(s.Rule(profile)!.Value).Id)
                .Distinct());
        }

        return rules;
    }

    /// <summary><paramref name="profile"/> with the one switch set to windows' value (the switch names the profile's property).</summary>
    public static Profile AsWindows(Profile profile, ProfileSwitch s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var property = typeof(Profile).GetProperty(s.Name) ?? throw new InvalidOperationException($"switch {s.Name} names no property of Profile");
        var copy = (Profile)s_clone.Invoke(profile, null)!;
        property.SetValue(copy, property.GetValue(Profiles.Windows));
        return copy;
    }

    /// <summary>Each step's outcome under the profile, or null when a step is impossible under it.</summary>
    private static List<string>? Outcomes(Trace scenario, Profile profile)
    {
        try
        {
            return [.. ModelStep.Run(scenario, profile).Select((r, i) => Timeline.Outcome(r, scenario.Steps[i].Input))];
        }
        catch (TraceReadException)
        {
            return null;
        }
    }
}
