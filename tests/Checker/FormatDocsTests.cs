using WinsockConformance.CheckerTests.Documents;
using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The operation reference in docs/trace-format.md and docs/trace-format.schema.json are generated from the
/// operation table; these tests fail while the committed files differ. Set UPDATE_DOCS=1 to rewrite them instead.
/// </summary>
public sealed class FormatDocsTests
{
    private const string Regenerate = "UPDATE_DOCS=1 dotnet test tests/Checker --filter FullyQualifiedName~FormatDocsTests";

    [Fact]
    public void The_operation_reference_is_generated_from_the_operation_table()
    {
        // Given the committed page
        var path = Repository.PathOf("docs/trace-format.md");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");

        // When its generated regions are generated again
        var generated = Replace(Replace(committed, "calls", OperationReference.Table(OperationGroup.Call)), "network", OperationReference.Table(OperationGroup.Network));

        // Then nothing changes
        Check(path, committed, generated);
    }

    [Fact]
    public void The_schema_is_generated_from_the_operation_table()
    {
        var path = Repository.PathOf("docs/trace-format.schema.json");
        Check(path, File.ReadAllText(path).ReplaceLineEndings("\n"), TraceSchema.Render());
    }

    private static void Check(string path, string committed, string generated)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }

        Assert.True(committed == generated, $"{path} differs from what the operation table generates; regenerate it with: {Regenerate}");
    }

    /// <summary>The page with the text between <c>&lt;!-- generated: NAME ...--&gt;</c> and <c>&lt;!-- end generated: NAME --&gt;</c> replaced.</summary>
    private static string Replace(string page, string region, string content)
    {
        var start = page.IndexOf($"<!-- generated: {region} ", StringComparison.Ordinal);
        var end = page.IndexOf($"<!-- end generated: {region} -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/trace-format.md has no generated region '{region}'");
        var afterMarker = page.IndexOf('\n', start) + 1;
        return page[..afterMarker] + content + page[end..];
    }
}
