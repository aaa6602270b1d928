using Shouldly;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;
using TimelineRenderer = WinsockConformance.Reports.Timeline;

namespace WinsockConformance.Snapshots;

/// <summary>
/// The edge-case catalogue: each scenario under scenarios/ rendered under every profile
/// (<see cref="TimelineRenderer.SideBySide"/>) and approved as one snapshot, so the snapshot folder
/// reads as the catalogue (house-style-anchors.md 5, items 20, 23 and 25).
/// </summary>
public sealed class EdgeCaseCatalogTests
{
    private const string TimelinePrefix = nameof(EdgeCaseCatalogTests) + "." + nameof(Timeline) + "_scenario=";
    private const string VerifiedSuffix = ".verified.txt";

    /// <summary>Scenario paths relative to the repository, as strings, so each is its own test case.</summary>
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var path in Repository.ScenarioPaths())
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Timeline(string scenario)
    {
        // Given
        var entry = Repository.Load(scenario);

        // When
        var timeline = TimelineRenderer.SideBySide(entry.Scenario, Profiles.All);

        // Then
        timeline.ShouldMatchApproved(c => c.WithDiscriminator($"scenario={entry.Key}"));
    }

    [Fact]
    public void Every_scenario_has_a_snapshot_and_every_snapshot_a_scenario()
    {
        // Given
        var scenarios = Repository.Catalogue().Select(e => e.Key).ToList();
        var snapshots = Directory.EnumerateFiles(Repository.SnapshotFolder, TimelinePrefix + "*" + VerifiedSuffix)
            .Select(p => Path.GetFileName(p)[TimelinePrefix.Length..^VerifiedSuffix.Length])
            .ToList();

        // When
        var missing = scenarios.Except(snapshots, StringComparer.Ordinal).ToList();
        var dangling = snapshots.Except(scenarios, StringComparer.Ordinal).ToList();

        // Then
        scenarios.Distinct(StringComparer.Ordinal).Count().ShouldBe(scenarios.Count, "two scenario files map to the same snapshot name (group-name)");
        Assert.True(missing.Count == 0, $"scenarios without an approved snapshot (run the tests, read each .received.txt, then copy it to .verified.txt): {string.Join(", ", missing)}");
        Assert.True(dangling.Count == 0, $"snapshots whose scenario file is gone (delete them): {string.Join(", ", dangling)}");
    }

    [Fact]
    public void Every_snapshot_belongs_to_a_test()
    {
        // Given
        var tests = typeof(EdgeCaseCatalogTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        // When
        var orphans = Directory.EnumerateFiles(Repository.SnapshotFolder, "*" + VerifiedSuffix)
            .Select(Path.GetFileName)
            .Where(name => !tests.Contains(TestOf(name!)))
            .ToList();

        // Then
        Assert.True(orphans.Count == 0, $"snapshots no test method produces (delete them): {string.Join(", ", orphans)}");
    }

    [Fact]
    public void Catalogue_has_at_least_30_cases()
    {
        Repository.ScenarioPaths().Count.ShouldBeGreaterThanOrEqualTo(30);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_is_well_formed(string scenario)
    {
        // Given
        var entry = Repository.Load(scenario);
        var header = entry.Scenario.Header;
        var steps = entry.Scenario.Steps;

        // Then
        header.IsScenario.ShouldBeTrue("a catalogue file is a scenario, not a captured trace");
        header.Name.ShouldBe(entry.Name, "the header's name is the file name");
        header.Description.ShouldNotBeNullOrWhiteSpace("the description states the claim the scenario demonstrates");
        header.Rules.ShouldNotBeEmpty("the header names the rule IDs the scenario demonstrates");
        Topics.All.Select(t => t.Slug).ShouldContain(header.Topic, $"the header's topic is one of the catalogue's ({string.Join(", ", Topics.All.Select(t => t.Slug))})");
        header.Advice.ShouldNotBeNullOrWhiteSpace("the advice says what an application or a wrapper should do");
        // Counterexamples pinned by the fuzzer (scenarios/fuzz) stay as the live stack shrank them: minimal.
        var pinnedCounterexample = scenario.StartsWith("scenarios/fuzz/", StringComparison.Ordinal);
        steps.Count.ShouldBeInRange(pinnedCounterexample ? 1 : 5, 15, "one edge case in a few steps");
        if (!pinnedCounterexample && steps.Any(s => s.Input is AsyncSelectCall))
        {
            steps[^1].Input.ShouldBeOfType<GetMessagesCall>("a message-mode scenario ends with getMessages, so the delivered messages are shown");
        }
    }

    /// <summary>"Class.Method_name=value.verified.txt" → "Class.Method" (method names may contain '_'; discriminators always contain '=').</summary>
    private static string TestOf(string fileName)
    {
        var stem = fileName[..^VerifiedSuffix.Length];
        var equals = stem.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? stem : stem[..stem.LastIndexOf('_', equals)];
    }
}
