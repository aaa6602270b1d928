using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>
/// docs/README.md (the questions), docs/edge-cases.md, docs/wine.md, docs/rules.md and docs/wine-vs-windows.md are generated; these tests fail while the committed files
/// differ from what the generators produce. Set UPDATE_DOCS=1 to rewrite them instead.
/// </summary>
public sealed class DocsTests
{
    private const string Regenerate = "UPDATE_DOCS=1 dotnet test tests/Snapshots --filter FullyQualifiedName~DocsTests";

    [Fact]
    public void Edge_case_catalogue_is_current() =>
        CheckGenerated("docs/edge-cases.md", EdgeCaseDocument.Render(Repository.Catalogue(), Profiles.All));

    [Fact]
    public void Wine_page_is_current() =>
        CheckGenerated("docs/wine.md", WinePage.Render(Repository.Catalogue(), Profiles.All));

    [Fact]
    public void Question_index_is_current() =>
        CheckGenerated("docs/README.md", IndexDocument.Render(Questions.All, Repository.Catalogue(), Profiles.All));

    [Fact]
    public void Rules_document_is_current() =>
        CheckGenerated("docs/rules.md", RuleTables.RulesDocument(Profiles.All));

    [Fact]
    public void Wine_versus_windows_document_is_current() =>
        CheckGenerated("docs/wine-vs-windows.md", WineVsWindowsDocument.Render(
        [
            new StackCaptures("Wine 8", "traces/wine-8.0", Profiles.Wine8, Repository.Captures("traces/wine-8.0")),
            new StackCaptures("Wine 10", "traces/wine-10.0", Profiles.Wine10, Repository.Captures("traces/wine-10.0")),
        ]));

    private static void CheckGenerated(string relative, string generated)
    {
        var path = Repository.Full(relative);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }

        Assert.True(File.Exists(path), $"{relative} does not exist; generate it with: {Regenerate}");
        var committed = File.ReadAllText(path);
        if (committed == generated)
        {
            return;
        }

        Assert.Fail($"{relative} differs from what its generator produces ({FirstDifference(committed, generated)}); regenerate it with: {Regenerate}");
    }

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
            {
                return $"first at line {i + 1}: committed \"{left}\", generated \"{right}\"";
            }
        }

        return "line endings or trailing text";
    }
}
