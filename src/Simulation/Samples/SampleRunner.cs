using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Running;

namespace WinsockConformance.Simulation.Samples;

/// <summary>How one sample variant fared: per profile, what was expected and what happened.</summary>
internal sealed record SampleResult(SampleSpec Spec, ExplorationResult Exploration)
{
    /// <summary>Every profile as the catalogue says: caught by the named oracle where one is named, passing elsewhere.</summary>
    public bool AsExpected => Exploration.Profiles.All(p => Matches(p));

    public bool Matches(ProfileResult p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var expected = Spec.Expected(p.Profile);
        return expected is null
            ? p.Verdict == RunVerdict.Passed
            : p.Verdict == RunVerdict.Failed && string.Equals(p.Reported!.Failure!.Oracle.Id, expected, StringComparison.Ordinal);
    }

    /// <summary>One line: sample, variant (after <paramref name="label"/>, e.g. which build), expected, outcome, and whether they agree.</summary>
    public string Line(string? label = null)
    {
        var expected = Spec.Caught.Count == 0 ? "passes everywhere" : string.Join(", ", Spec.Caught.Select(c => $"{c.Value} under {c.Key}"));
        var outcome = string.Join("; ", Exploration.Profiles.Select(Describe));
        var prefix = label is null ? string.Empty : $"{label,-8}";
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{Spec.Sample,-19} {Spec.Variant,-6} expected: {expected,-42} outcome: {outcome}  {(AsExpected ? "ok" : "UNEXPECTED")}");
    }

    private static string Describe(ProfileResult p) => p.Verdict switch
    {
        RunVerdict.Passed => $"{p.Profile.Name} pass",
        RunVerdict.Failed => $"{p.Profile.Name} {p.Reported!.Failure!.Oracle.Id} (schedule {p.Index + 1})",
        _ => $"{p.Profile.Name} {p.Verdict.ToString().ToUpperInvariant()}: {p.Reported!.Problem}",
    };
}

/// <summary>Runs every sample variant of the catalogue under every profile.</summary>
internal static class SampleRunner
{
    public static IEnumerable<SampleResult> Run(IReadOnlyList<SampleSpec> specs, Func<SampleSpec, IProgramUnderTest> program, ExplorationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(program);
        foreach (var spec in specs)
        {
            var peer = PeerScriptReader.ReadFile(spec.PeerPath);
            yield return new SampleResult(spec, Exploration.Explore(program(spec), peer, Profiles.All, settings));
        }
    }
}
