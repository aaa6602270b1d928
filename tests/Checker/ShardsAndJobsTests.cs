using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WinsockConformance.CheckerTests.Support;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Issue 14's parallel workers and shards on the model stack: <c>--jobs 2</c> (worker processes, merged in the
/// original order) writes the same traces, report and output as <c>--jobs 1</c> apart from timings, and
/// <c>./conformance merge</c> of four <c>--shard I/4</c> reports gives the report, JUnit file and rule coverage of one
/// whole run. (The same on Wine: docs/benchmarks.md.)
/// </summary>
public sealed partial class ShardsAndJobsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shards-jobs-tests-").FullName;

    [Fact]
    public void Jobs_2_writes_the_traces_report_and_output_of_jobs_1()
    {
        // Given the corpus run on the model with one worker, then with two, into the same traces folder
        var traces = Path.Combine(_folder, "traces");
        var one = Run("run", "--stack", "model:wine-8", "--scenarios", Repository.PathOf("scenarios"), "--known-differences", Repository.PathOf("stacks"), "--jobs", "1", "--traces", traces, "--report", Path.Combine(_folder, "jobs-1.json"));
        var first = Snapshot(traces);
        var two = Run("run", "--stack", "model:wine-8", "--scenarios", Repository.PathOf("scenarios"), "--known-differences", Repository.PathOf("stacks"), "--jobs", "2", "--traces", traces, "--report", Path.Combine(_folder, "jobs-2.json"));
        var second = Snapshot(traces);

        // Then every trace is the same byte for byte, and so are the report and the output apart from timings
        Assert.True(one.ExitCode == two.ExitCode, $"{one}\n{two}");
        Assert.True(first.Count > 100, $"only {first.Count} traces");
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        Assert.All(first, f => Assert.True(f.Value == second[f.Key], $"{f.Key} differs between --jobs 1 and --jobs 2"));
        Assert.Equal(Normalized(Path.Combine(_folder, "jobs-1.json")), Normalized(Path.Combine(_folder, "jobs-2.json")));
        Assert.Equal(WithoutTimings(one.Out), WithoutTimings(two.Out));
    }

    [Fact]
    public void Merging_four_fuzz_shards_gives_the_report_junit_and_coverage_of_one_run()
    {
        // Given a 200-scenario fuzz of the model (as a stand-in stack), once whole and once as four shards
        string[] campaign = ["fuzz", "--stack", "model:wine-8", "--profile", "wine-8", "--count", "200", "--seed", "20261121", "--counterexamples", Path.Combine(_folder, "cx")];
        var whole = Run([.. campaign, "--report", Path.Combine(_folder, "whole.json"), "--junit", Path.Combine(_folder, "whole.xml"), "--coverage", Path.Combine(_folder, "whole.md")]);
        var shards = Enumerable.Range(1, 4).Select(i => Path.Combine(_folder, $"shard-{i}.json")).ToList();
        for (var i = 1; i <= 4; i++)
        {
            var shard = Run([.. campaign, "--shard", $"{i}/4", "--report", shards[i - 1]]);
            Assert.Equal(whole.ExitCode, shard.ExitCode);
        }

        // When they are merged (in any order)
        var merged = Run(["merge", shards[2], shards[0], shards[3], shards[1], "--report", Path.Combine(_folder, "merged.json"), "--junit", Path.Combine(_folder, "merged.xml"), "--coverage", Path.Combine(_folder, "merged.md")]);

        // Then the merged report, JUnit file and coverage are the whole run's, timings and the command line apart
        Assert.Equal(whole.ExitCode, merged.ExitCode);
        Assert.Equal(Normalized(Path.Combine(_folder, "whole.json")), Normalized(Path.Combine(_folder, "merged.json")));
        Assert.Equal(WithoutTimings(File.ReadAllText(Path.Combine(_folder, "whole.xml"))), WithoutTimings(File.ReadAllText(Path.Combine(_folder, "merged.xml"))));
        Assert.Equal(WithoutCommandLine(File.ReadAllText(Path.Combine(_folder, "whole.md"))), WithoutCommandLine(File.ReadAllText(Path.Combine(_folder, "merged.md"))));
        Assert.Contains("200 generated scenarios", File.ReadAllText(Path.Combine(_folder, "merged.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Merging_four_run_shards_gives_the_report_of_one_run()
    {
        // Given the corpus on the model, whole and as four shards
        string[] corpus = ["run", "--stack", "model:wine-8", "--scenarios", Repository.PathOf("scenarios"), "--known-differences", Repository.PathOf("stacks"), "--traces", Path.Combine(_folder, "run-traces")];
        Run([.. corpus, "--report", Path.Combine(_folder, "run-whole.json")]);
        var shards = Enumerable.Range(1, 4).Select(i => Path.Combine(_folder, $"run-shard-{i}.json")).ToList();
        for (var i = 1; i <= 4; i++)
        {
            Run([.. corpus, "--shard", $"{i}/4", "--report", shards[i - 1]]);
        }

        // When
        Run(["merge", .. shards, "--report", Path.Combine(_folder, "run-merged.json")]);

        // Then
        Assert.Equal(Normalized(Path.Combine(_folder, "run-whole.json")), Normalized(Path.Combine(_folder, "run-merged.json")));
    }

    [Fact]
    public void Overlapping_shards_and_shards_of_different_runs_are_bad_input()
    {
        // Given two reports of the same shard, and shards of two seeds
        string[] campaign = ["fuzz", "--stack", "model:wine-8", "--count", "8", "--counterexamples", Path.Combine(_folder, "cx")];
        var a = Path.Combine(_folder, "a.json");
        var b = Path.Combine(_folder, "b.json");
        var c = Path.Combine(_folder, "c.json");
        Run([.. campaign, "--seed", "1", "--shard", "1/2", "--report", a]);
        Run([.. campaign, "--seed", "1", "--shard", "1/2", "--report", b]);
        Run([.. campaign, "--seed", "2", "--shard", "2/2", "--report", c]);

        // When
        var overlap = ProbeRun.Of("merge", a, b);
        var mixed = ProbeRun.Of("merge", a, c);

        // Then
        Assert.True(overlap.ExitCode == 2 && overlap.Error.Contains("the shards overlap", StringComparison.Ordinal), overlap.ToString());
        Assert.True(mixed.ExitCode == 2 && mixed.Error.Contains("not a shard of the same run", StringComparison.Ordinal), mixed.ToString());
    }

    private static ProbeRun Run(params string[] args)
    {
        var run = ProbeRun.Of(args);
        Assert.True(run.ExitCode is 0 or 1, $"{string.Join(' ', args)}\n{run}");
        return run;
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>The report without what only timing changes (durations, rates).</summary>
    private static string Normalized(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        root.Remove("durationSeconds");
        root.Remove("stepsPerSecond");
        root["fuzz"]?.AsObject().Remove("scenariosPerSecond");
        foreach (var result in root["results"]!.AsArray())
        {
            result!.AsObject().Remove("seconds");
        }

        return root.ToJsonString();
    }

    private static string WithoutTimings(string text) => Timing().Replace(text, "#");

    private static string WithoutCommandLine(string markdown) =>
        string.Join('\n', markdown.Split('\n').Where(l => !l.Contains("./conformance ", StringComparison.Ordinal)));

    [GeneratedRegex(@"\d+(\.\d+)? ?(ms|s|steps/s|scenarios/s)\b|time=""[^""]*""")]
    private static partial Regex Timing();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
