using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The known differences judge the committed captures: judged against windows or the other Wine, every capture that
/// differs is explained by a listed rule, and nothing is unexpected or fixed; a list with an entry removed makes its
/// scenarios unexpected, and an entry for a scenario that does not differ is reported fixed.
/// </summary>
public sealed class KnownJudgementTests
{
    private static readonly string s_folder = Repository.PathOf(KnownStacks.DefaultFolder);

    public static TheoryData<string, string> StacksAndProfiles() => new()
    {
        { "wine-8", "windows" }, { "wine-10", "windows" }, { "wine-10", "wine-8" }, { "wine-8", "wine-10" },
    };

    [Theory]
    [MemberData(nameof(StacksAndProfiles))]
    public void Every_capture_that_differs_is_explained_by_a_known_difference_and_none_is_fixed(string stackName, string profileName)
    {
        // Given the captures of a stack, judged against a profile with both stacks' known differences
        var stack = Stack(stackName);
        var judged = Profiles.Find(profileName)!;
        var judgement = KnownJudgement.For(stack.Profile, judged, s_folder)!;

        // When each capture is judged
        var standings = Captures(stack).Select(t => (t, Standing: judgement.Judge(t.Header.Name!, t, Checker.Check(t, judged)))).ToList();

        // Then each one that differs is explained, with at least one rule, and none is unexpected or fixed
        var wrong = standings.Where(x => x.Standing.Status is KnownStatus.Unexpected or KnownStatus.Fixed).Select(x => $"{x.t.Header.Name}: {x.Standing.Status}: {x.Standing.Note}").ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.Contains(standings, x => x.Standing.Status == KnownStatus.Explained);
        Assert.All(standings.Where(x => x.Standing.Status == KnownStatus.Explained), x => Assert.NotEmpty(x.Standing.Reasons));
    }

    [Fact]
    public void Removing_an_entry_makes_the_scenarios_it_listed_unexpected()
    {
        // Given Wine 10's list without its WINE-34 line (FIONREAD still counts the bytes after an RST)
        var stack = Stack("wine-10");
        var full = KnownDifferences.Read(stack, s_folder);
        var removed = full.Entries.Single(e => e.Rule == "WINE-34");
        var without = full with { Entries = [.. full.Entries.Where(e => e != removed)] };
        var judgement = KnownJudgement.Of(without, KnownDifferences.Read(KnownStacks.Windows, s_folder));

        // When the captures it listed are judged against windows
        var standings = Captures(stack).Where(t => removed.Scenarios.Contains(t.Header.Name!))
            .Select(t => (Name: t.Header.Name!, Standing: judgement.Judge(t.Header.Name!, t, Checker.Check(t, Profiles.Windows))))
            .ToList();

        // Then those that WINE-34 alone explained are unexpected, and the others still name their other rules
        Assert.NotEmpty(standings);
        var alone = standings.Where(x => full.Explaining(x.Name).Count() == 1).ToList();
        Assert.NotEmpty(alone);
        Assert.All(alone, x => Assert.Equal(KnownStatus.Unexpected, x.Standing.Status));
        Assert.All(standings, x => Assert.DoesNotContain(x.Standing.Reasons, r => r.Rule == "WINE-34"));
    }

    [Fact]
    public void An_entry_for_a_scenario_that_no_longer_differs_is_reported_fixed()
    {
        // Given Wine 10's list with a made-up entry: WINE-11 (FD_CLOSE after an RST without an error, Wine 8's) said to
        // explain rst-gives-wsaeconnaborted, which Wine 10 answers as Windows does
        var stack = Stack("wine-10");
        var full = KnownDifferences.Read(stack, s_folder);
        var fake = new KnownDifference("WINE-11", ["rst-gives-wsaeconnaborted"], "made up for this test", 0);
        var judgement = KnownJudgement.Of(full with { Entries = [.. full.Entries, fake] }, KnownDifferences.Read(KnownStacks.Windows, s_folder));
        var trace = Captures(stack).Single(t => t.Header.Name == "rst-gives-wsaeconnaborted");

        // When the capture is judged against windows
        var standing = judgement.Judge("rst-gives-wsaeconnaborted", trace, Checker.Check(trace, Profiles.Windows));

        // Then it is fixed, naming the entry, where the real list finds nothing to say
        Assert.Equal(KnownStatus.Fixed, standing.Status);
        Assert.Equal("WINE-11", Assert.Single(standing.Reasons).Rule);
        Assert.Equal(KnownStatus.None, KnownJudgement.Of(full, KnownDifferences.Read(KnownStacks.Windows, s_folder)).Judge("rst-gives-wsaeconnaborted", trace, Checker.Check(trace, Profiles.Windows)).Status);
    }

    [Theory]
    [InlineData("8.0", "wine-8", false)]
    [InlineData("8.0.1", "wine-8", false)]
    [InlineData("10.0", "wine-10", false)]
    [InlineData("10.0-rc2", "wine-10", false)]
    [InlineData("9.0", "wine-8", true)]
    [InlineData("9.13", "wine-10", true)]
    [InlineData("11.2", "wine-10", true)]
    [InlineData("7.0", "wine-8", true)]
    [InlineData("a custom build", "wine-10", true)]
    public void A_wine_version_is_its_known_stack_or_the_nearest_one_and_says_so(string version, string expected, bool noted)
    {
        // When a Wine version is matched to the known stacks
        var match = KnownStacks.Match(version);

        // Then it is the expected stack, with a note exactly when the version is not a known one
        Assert.Equal(expected, match.Stack.Name);
        Assert.Equal(noted, match.Note is not null);
        if (noted)
        {
            Assert.Contains(version, match.Note!, StringComparison.Ordinal);
            Assert.Contains(expected, match.Note!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_line_in_a_known_differences_file_is_bad_input_with_its_line()
    {
        // Given files with an unknown rule, a missing column, and no header
        var stack = Stack("wine-8");
        var unknown = Assert.Throws<TraceReadException>(() => KnownDifferences.Parse(stack, "x.tsv", "# c\nrule\tscenarios\twine\nWINE-999\ta\t-\n"));
        var columns = Assert.Throws<TraceReadException>(() => KnownDifferences.Parse(stack, "x.tsv", "rule\tscenarios\twine\nWINE-1\ta\n"));
        var header = Assert.Throws<TraceReadException>(() => KnownDifferences.Parse(stack, "x.tsv", "WINE-1\ta\t-\n"));

        // Then each names its file and line and what was expected
        Assert.Equal("x.tsv:3: \"WINE-999\" is not a rule ID of the catalogue (docs/rules.md)", unknown.Message);
        Assert.StartsWith("x.tsv:2: expected 3 tab-separated fields", columns.Message, StringComparison.Ordinal);
        Assert.StartsWith("x.tsv:1: expected the header line", header.Message, StringComparison.Ordinal);
    }

    private static KnownStack Stack(string name) => KnownStacks.All.Single(s => s.Name == name);

    private static IEnumerable<Trace> Captures(KnownStack stack) =>
        Repository.JsonLinesFiles($"traces/wine-{stack.WineVersion}").Select(f => TraceReader.ReadFile(Repository.PathOf(f)));
}
