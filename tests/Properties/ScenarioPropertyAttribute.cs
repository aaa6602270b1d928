using System.Globalization;
using FsCheck.Xunit;

namespace WinsockConformance.Properties;

/// <summary>
/// FsCheck.Xunit's <c>[Property]</c> with this project's defaults and two environment overrides, so a run can
/// be replayed or soaked without editing code: <c>FSCHECK_REPLAY</c> ("seed,gamma" or "seed,gamma,size", as
/// FsCheck prints it on a failure) and <c>FSCHECK_MAXTEST</c> (the number of tests of every property).
/// A failure prints FsCheck's report: the replay tuple, the labels (the profile it failed under) and the
/// shrunk scenario verbatim as a scenario file (Scenario.ToString), ready to save and run with explain.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioPropertyAttribute : PropertyAttribute
{
    public const string ReplayVariable = "FSCHECK_REPLAY";

    public const string MaxTestVariable = "FSCHECK_MAXTEST";

    public ScenarioPropertyAttribute()
    {
        MaxTest = MaxTestOverride() ?? 1000;
        if (Environment.GetEnvironmentVariable(ReplayVariable) is { Length: > 0 } replay)
        {
            // Validated here so a typo fails every property with a clear message, not FsCheck's parse error.
            Replay = ReplayTuple.Parse(replay).ToString();
        }
    }

    private static int? MaxTestOverride()
    {
        var text = Environment.GetEnvironmentVariable(MaxTestVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{MaxTestVariable}=\"{text}\": expected a positive number of tests");
    }
}
