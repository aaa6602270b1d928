using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The known-differences files (stacks/NAME.known.tsv) say what the committed captures show: every capture of the stack
/// that differs from windows is listed under each rule whose switch changes a step where it differs (DepartureRules), and nothing else is.
/// A file that lists too little or too much fails here, naming the lines to add or remove.
/// </summary>
public sealed class KnownDifferencesFileTests
{
    public static TheoryData<string> WineStacks() => [.. KnownStacks.All.Where(s => s.WineVersion is not null).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(WineStacks))]
    public void The_file_lists_each_capture_that_differs_from_windows_under_the_rules_its_first_difference_shows(string name)
    {
        // Given the stack's file and its committed captures
        var stack = KnownStacks.All.Single(s => s.Name == name);
        var file = KnownDifferences.Read(stack, Repository.PathOf(KnownStacks.DefaultFolder));
        var shown = Shown(stack);

        // When the file's (rule, scenario) pairs are compared with what the captures show
        var listed = file.Entries.SelectMany(e => e.Scenarios.Select(s => (e.Rule, Scenario: s))).ToHashSet();
        var captured = shown.SelectMany(x => x.Value.Select(s => (Rule: x.Key, Scenario: s))).ToHashSet();
        if (Environment.GetEnvironmentVariable("KNOWN_DIFFERENCES_WRITE") == "1")
        {
            Write(stack, file, shown);
        }

        // Then they are the same
        var missing = captured.Except(listed).Select(p => $"missing: {p.Rule} {p.Scenario}");
        var extra = listed.Except(captured).Select(p => $"not shown by traces/wine-{stack.WineVersion}: {p.Rule} {p.Scenario}");
        Assert.True(listed.SetEquals(captured), string.Join('\n', missing.Concat(extra)));
    }

    [Fact]
    public void Every_listed_scenario_is_in_the_corpus()
    {
        // Given the names of every scenario of the corpus
        var names = Repository.JsonLinesFiles("scenarios").Select(f => TraceReader.ReadFile(Repository.PathOf(f)).Header.Name).ToHashSet(StringComparer.Ordinal);

        // Then every scenario a known-differences file lists is one of them
        foreach (var stack in KnownStacks.All.Where(s => s.WineVersion is not null))
        {
            var file = KnownDifferences.Read(stack, Repository.PathOf(KnownStacks.DefaultFolder));
            Assert.All(file.Entries.SelectMany(e => e.Scenarios), s => Assert.Contains(s, names));
        }
    }

    /// <summary>Rule ID -> the captures (by scenario name, in file order) whose first difference from windows shows it.</summary>
    private static SortedDictionary<string, List<string>> Shown(KnownStack stack)
    {
        var order = RuleCatalog.All.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var shown = new SortedDictionary<string, List<string>>(Comparer<string>.Create((a, b) => order[a].CompareTo(order[b])));
        foreach (var path in Repository.JsonLinesFiles($"traces/wine-{stack.WineVersion}"))
        {
            var trace = TraceReader.ReadFile(Repository.PathOf(path));
            var rules = DepartureRules.Shown(trace, stack.Profile);
            Assert.True(Checker.Check(trace, Profiles.Windows).Verdict != Verdict.Diverges || rules.Count > 0, $"{path} differs from windows, but no departure rule of {stack.Name} shows in it");
            foreach (var rule in rules)
            {
                if (!shown.TryGetValue(rule, out var list))
                {
                    shown[rule] = list = [];
                }

                list.Add(trace.Header.Name!);
            }
        }

        return shown;
    }

    /// <summary>KNOWN_DIFFERENCES_WRITE=1 rewrites the file from the captures, keeping its comments and its Wine references.</summary>
    private static void Write(KnownStack stack, KnownDifferences file, SortedDictionary<string, List<string>> shown)
    {
        var path = stack.FileIn(Repository.PathOf(KnownStacks.DefaultFolder))!;
        var preamble = string.Join('\n', File.ReadAllLines(path).TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').TrimStart()));
        var wine = file.Entries.ToDictionary(e => e.Rule, e => e.Wine, StringComparer.Ordinal);
        File.WriteAllText(path, KnownDifferences.Render(preamble, shown.Select(x => new KnownDifference(x.Key, x.Value, wine.GetValueOrDefault(x.Key), 0))));
    }
}
