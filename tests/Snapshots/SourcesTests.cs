using WinsockConformance.Model;

namespace WinsockConformance.Snapshots;

/// <summary>
/// Every rule's source resolves inside the repository: docs/sources-by-rule.tsv has a row for each rule of
/// <see cref="RuleCatalog.All"/>, and each source in it is an anchor of docs/sources.md, a repository file,
/// or an address docs/sources.md lists with the revision it was verified against.
/// </summary>
public sealed class SourcesTests
{
    private const string Notes = "<a id=\"ms-page\"></a> see [the page](#ms-page); https://example.org/page#L1";

    private static readonly IReadOnlySet<string> s_twoRules = new HashSet<string>(StringComparer.Ordinal) { "A1", "B1" };

    [Fact]
    public void Every_rule_source_resolves_in_the_repository()
    {
        var problems = SourceMap.Problems(
            File.ReadAllText(Repository.Full(SourceMap.MapPath)),
            File.ReadAllText(Repository.Full(SourceMap.NotesPath)),
            RuleCatalog.All.Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal),
            relative => File.Exists(Repository.Full(relative)) || Directory.Exists(Repository.Full(relative)));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_rule_in_the_catalogue_cites_the_notes_its_row_cites()
    {
        var problems = SourceMap.CatalogueProblems(
            File.ReadAllText(Repository.Full(SourceMap.MapPath)),
            File.ReadAllText(Repository.Full(SourceMap.NotesPath)),
            RuleCatalog.All.Select(rule => (rule.Id, rule.Source)));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("docs/sources.md#ms-page", null)]
    [InlineData("windows-rules.md G", "RuleCatalog: rule A1: \"windows-rules.md G\" is not an anchor of docs/sources.md (write \"docs/sources.md#anchor\")")]
    [InlineData("docs/sources.md#ms-missing", "RuleCatalog: rule A1: \"docs/sources.md#ms-missing\" is not an anchor of docs/sources.md (write \"docs/sources.md#anchor\")")]
    public void A_catalogue_source_must_be_an_anchor_of_the_notes(string source, string? expected)
    {
        var problems = SourceMap.CatalogueProblems(Map("A1\t#ms-page\t"), Notes, [("A1", source)]);

        Assert.Equal(expected is null ? [] : [expected], problems.Where(p => !p.Contains("but its row", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_catalogue_source_that_differs_from_its_row_is_reported() =>
        Assert.Equal(
            ["RuleCatalog: rule A1 cites \"docs/sources.md#ms-page\" but its row of docs/sources-by-rule.tsv has \"\""],
            SourceMap.CatalogueProblems(Map("A1\thttps://example.org/page#L1\t"), Notes, [("A1", "docs/sources.md#ms-page")]));

    [Fact]
    public void A_well_formed_map_has_no_problems() =>
        Assert.Empty(SourceMap.Problems(Map("A1\t#ms-page\t", "B1\t#ms-page;https://example.org/page#L1;docs/x.md\tnote"), Notes, s_twoRules, _ => true));

    [Theory]
    [InlineData("A1\t#ms-page\t", "docs/sources-by-rule.tsv: rule B1 has no row")]
    [InlineData("A1\t#ms-page\t\nB1\t#ms-missing\t", "docs/sources-by-rule.tsv:4: rule B1: anchor #ms-missing is not in docs/sources.md")]
    [InlineData("A1\t#ms-page\t\nB1\t#ms-page;docs/missing.md\t", "docs/sources-by-rule.tsv:4: rule B1: docs/missing.md does not exist in the repository")]
    [InlineData("A1\t#ms-page\t\nB1\t#ms-page;https://example.org/other\t", "docs/sources-by-rule.tsv:4: rule B1: address https://example.org/other is not listed in docs/sources.md")]
    [InlineData("A1\t#ms-page\t\nB1\t#ms-page;scenarios/*.jsonl\t", "docs/sources-by-rule.tsv:4: rule B1: scenarios/*.jsonl is neither an anchor, an https address nor a repository-relative path")]
    [InlineData("A1\t#ms-page\t\nB1\tdocs/present.md\t", "docs/sources-by-rule.tsv:4: rule B1 cites no note of docs/sources.md")]
    [InlineData("A1\t#ms-page\t\nB1\t#ms-page\t\nZ9\t#ms-page\t", "docs/sources-by-rule.tsv:5: rule Z9 is not in the rule catalogue")]
    [InlineData("A1\t#ms-page\t\nA1\t#ms-page\t\nB1\t#ms-page\t", "docs/sources-by-rule.tsv:4: rule A1 already has a row at line 3")]
    [InlineData("A1\t#ms-page\nB1\t#ms-page\t", "docs/sources-by-rule.tsv:3: expected 3 tab-separated fields (rule, sources, note), got 2")]
    public void A_broken_map_is_reported_with_file_and_line(string rows, string expected) =>
        Assert.Contains(expected, SourceMap.Problems(Map(rows), Notes, s_twoRules, path => path != "docs/missing.md"));

    [Fact]
    public void A_duplicate_or_dangling_anchor_in_the_notes_is_reported()
    {
        var problems = SourceMap.Problems(Map("A1\t#a\t", "B1\t#a\t"), "<a id=\"a\"></a>\n<a id=\"a\"></a> [x](#b)", s_twoRules, _ => true);

        Assert.Equal(
            ["docs/sources.md:2: anchor #a is defined twice", "docs/sources.md:2: link to #b, which is not an anchor of the page"],
            problems);
    }

    private static string Map(params string[] rows) => "# comment\nrule\tsources\tnote\n" + string.Join('\n', rows) + "\n";
}
