using FsCheck;
using FsCheck.Fluent;

namespace WinsockConformance.Properties;

/// <summary>Stamps every property with the scenario's profile and length, so FsCheck prints the distribution.</summary>
public static class Labels
{
    /// <summary>A property labels a failure with this prefix and the profile it failed under.</summary>
    public const string ProfileLabel = "under profile ";

    public static Property Stamped(this Property property, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return property
            .Classify(scenario.Count <= 10, "1-10 steps")
            .Classify(scenario.Count is > 10 and <= 30, "11-30 steps")
            .Classify(scenario.Count > 30, "31+ steps")
            .Collect("generated under " + scenario.Profile.Name);
    }

    /// <summary>True, or false with the reason as a label (FsCheck prints labels of the failing case).</summary>
    public static Property Holds(string? violation, string? profile = null)
    {
        var property = (violation is null).Label(violation ?? "holds");
        return profile is null ? property : property.Label(ProfileLabel + profile);
    }
}
