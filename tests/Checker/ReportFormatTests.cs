using System.Text.Json.Nodes;
using Json.Schema;
using WinsockConformance.CheckerTests.Support;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The JSON report is a contract (docs/report-format.md): reports the tool really writes — a run, a fuzz, a check of
/// several files — carry the format, the version and the provenance and validate against
/// docs/report-format.schema.json, and the schema rejects what is not such a report.
/// </summary>
public sealed class ReportFormatTests : IDisposable
{
    private static readonly JsonSchema s_schema = JsonSchema.FromText(File.ReadAllText(Repository.PathOf("docs/report-format.schema.json")));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "report-format-" + Guid.NewGuid().ToString("N"));

    public ReportFormatTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_run_report_validates_and_says_its_format_version_and_provenance()
    {
        // Given a run of two scenarios on the model of Wine 10 judged against windows (one known difference)
        var report = Path.Combine(_folder, "run.json");
        var run = ProbeRun.Of(
            "run", "--scenarios", Repository.PathOf("scenarios/wine-10/rst-fionread-counts-unread.jsonl"), "--stack", "model:wine-10", "--profile", "windows",
            "--known-differences", Repository.PathOf("stacks"), "--traces", Path.Combine(_folder, "traces"), "--report", report);
        Assert.True(run.ExitCode == 0, run.ToString());

        // When its report is validated
        var json = JsonNode.Parse(File.ReadAllText(report))!;

        // Then it is valid, version 1, with its provenance
        AssertValid(json);
        Assert.Equal("wsaasyncselect-report", (string?)json["format"]);
        Assert.Equal(1, (int?)json["version"]);
        Assert.Equal("model-wine-10", (string?)json["provenance"]!["stack"]);
        Assert.False(string.IsNullOrEmpty((string?)json["provenance"]!["probe"]));
        Assert.Equal("WINE-34", (string?)json["results"]![0]!["knownDifferences"]![0]!["rule"]);
    }

    [Fact]
    public void Check_over_several_files_writes_a_report_and_junit_that_validate()
    {
        // Given two committed captures, one that diverges from windows
        var report = Path.Combine(_folder, "check.json");
        var junit = Path.Combine(_folder, "check.xml");

        // When check judges both against windows with --report and --junit
        var run = ProbeRun.Of(
            "check", Repository.PathOf("traces/wine-10.0/close/rst-gives-wsaeconnaborted.jsonl"), Repository.PathOf("traces/wine-10.0/wine-10/rst-fionread-counts-unread.jsonl"),
            "--profile", "windows", "--report", report, "--junit", junit);

        // Then it prints the summary, exits 1, and both reports say so: the JSON valid against the schema
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("checked 2 files: 1 conform, 1 diverge", run.Out, StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(report))!;
        AssertValid(json);
        Assert.Equal("check", (string?)json["command"]);
        Assert.Equal(2, (int?)json["scenarios"]);
        Assert.Equal(1, (int?)json["unexpectedDivergences"]);
        Assert.Contains("<testcase classname=\"check.wine-10.0\" name=\"rst-fionread-counts-unread\"", File.ReadAllText(junit), StringComparison.Ordinal);
        Assert.Contains("failures=\"1\"", File.ReadAllText(junit), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fuzz_report_validates_with_its_fuzz_section_and_one_result_per_scenario()
    {
        // Given a small differential fuzz on the model stack (20 scenarios of seed 1)
        var report = Path.Combine(_folder, "fuzz.json");
        var run = ProbeRun.Of(
            "fuzz", "--stack", "model", "--count", "20", "--seed", "1", "--report", report, "--counterexamples", Path.Combine(_folder, "counterexamples"));
        Assert.True(run.ExitCode == 0, run.ToString());

        // When its report is validated
        var json = JsonNode.Parse(File.ReadAllText(report))!;

        // Then it is valid, says it is fuzz's, gives the seed and the range, and has a result for every scenario
        AssertValid(json);
        Assert.Equal("fuzz", (string?)json["command"]);
        Assert.Equal("model-windows", (string?)json["provenance"]!["stack"]);
        Assert.Equal("1", (string?)json["fuzz"]!["seed"]);
        Assert.Equal(0, (int?)json["fuzz"]!["start"]);
        Assert.Equal(20, (int?)json["fuzz"]!["count"]);
        Assert.Equal(20, json["results"]!.AsArray().Count);
        Assert.All(json["results"]!.AsArray(), r => Assert.NotEmpty(r!["rulesConfirmed"]!.AsArray()));
    }

    [Fact]
    public void The_schema_rejects_a_report_of_another_version_or_without_provenance()
    {
        // Given a real report, then changed
        var report = Path.Combine(_folder, "run.json");
        ProbeRun.Of("run", "--scenarios", Repository.PathOf("scenarios/close/rst-gives-wsaeconnaborted.jsonl"), "--stack", "model:windows", "--traces", Path.Combine(_folder, "traces"), "--report", report);
        var text = File.ReadAllText(report);
        var later = JsonNode.Parse(text)!;
        later["version"] = 2;
        var bare = JsonNode.Parse(text)!.AsObject();
        bare.Remove("provenance");

        // Then the schema accepts the real one and rejects the changed ones
        AssertValid(JsonNode.Parse(text)!);
        Assert.False(s_schema.Evaluate(later).IsValid);
        Assert.False(s_schema.Evaluate(bare).IsValid);
    }

    private static void AssertValid(JsonNode json)
    {
        var result = s_schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join('\n', (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))));
    }
}
