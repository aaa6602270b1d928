using System.Text.Json;
using WinsockConformance.CheckerTests.Support;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// run with the known differences, end to end on the model of Wine 10 judged against windows: a listed difference is
/// reported with its rule (JUnit: skipped, the rule as reason) and passes; the same run with that line removed fails with
/// UNEXPECTED; a made-up entry for a scenario that does not differ is FIXED and fails unless --allow-fixed.
/// </summary>
public sealed class KnownDifferencesRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "known-run-" + Guid.NewGuid().ToString("N"));

    public KnownDifferencesRunTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "scenarios"));
        Directory.CreateDirectory(Path.Combine(_folder, "known"));
        foreach (var scenario in new[] { "scenarios/wine-10/rst-fionread-counts-unread.jsonl", "scenarios/close/rst-gives-wsaeconnaborted.jsonl" })
        {
            File.Copy(Repository.PathOf(scenario), Path.Combine(_folder, "scenarios", Path.GetFileName(scenario)));
        }

        File.Copy(Repository.PathOf("stacks/wine-10.known.tsv"), KnownFile);
    }

    private string KnownFile => Path.Combine(_folder, "known", "wine-10.known.tsv");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_listed_difference_passes_with_its_rule_and_is_skipped_in_junit()
    {
        // When the two scenarios run with Wine 10's list as committed
        var run = Run();

        // Then the run passes, the difference named with its rule and first divergence, JUnit skipping it with the rule as reason
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("rst-fionread-counts-unread: WINE-34 (wine-10)", run.Out, StringComparison.Ordinal);
        Assert.Contains("<skipped message=\"known difference: WINE-34 (wine-10)\"", File.ReadAllText(Path.Combine(_folder, "r.xml")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "r.json")));
        var entry = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("scenario").GetString() == "rst-fionread-counts-unread");
        Assert.Equal("WINE-34", entry.GetProperty("knownDifferences")[0].GetProperty("rule").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("unexpectedDivergences").GetInt32());
    }

    [Fact]
    public void Removing_the_line_that_explains_a_difference_fails_the_run_with_unexpected()
    {
        // When the WINE-34 line is removed from the list
        var run = Run(remove: "WINE-34");

        // Then the scenario it explained is unexpected and the run fails
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("UNEXPECTED: rst-fionread-counts-unread: no known difference of wine-10 or windows lists rst-fionread-counts-unread", run.Out, StringComparison.Ordinal);
        Assert.Contains("result: FAIL", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_difference_that_no_longer_happens_is_fixed_and_fails_unless_allowed()
    {
        // Given a made-up line: WINE-11 (Wine 8's FD_CLOSE without an error after an RST) said to explain rst-gives-wsaeconnaborted
        File.AppendAllText(KnownFile, "WINE-11\trst-gives-wsaeconnaborted\tmade up for this test\n");

        // When the run is judged, then again with --allow-fixed
        var run = Run();
        var allowed = Run(extra: "--allow-fixed");

        // Then it is reported fixed and fails, and with --allow-fixed it is reported and passes
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("FIXED: rst-gives-wsaeconnaborted: no longer differs from windows: the known differences said it would (WINE-11 (wine-10; made up for this test))", run.Out, StringComparison.Ordinal);
        Assert.Contains("fixed 1", run.Out, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("FIXED (allowed): rst-gives-wsaeconnaborted", allowed.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "r.json")));
        Assert.Equal(1, json.RootElement.GetProperty("fixed").GetInt32());
        Assert.True(json.RootElement.GetProperty("allowFixed").GetBoolean());
    }

    private ProbeRun Run(string? remove = null, string? extra = null)
    {
        if (remove is not null)
        {
            File.WriteAllLines(KnownFile, File.ReadAllLines(KnownFile).Where(l => !l.StartsWith(remove + "\t", StringComparison.Ordinal)));
        }

        string[] args =
        [
            "run", "--scenarios", Path.Combine(_folder, "scenarios"), "--stack", "model:wine-10", "--profile", "windows",
            "--known-differences", Path.Combine(_folder, "known"), "--traces", Path.Combine(_folder, "traces"),
            "--report", Path.Combine(_folder, "r.json"), "--junit", Path.Combine(_folder, "r.xml"),
        ];
        return ProbeRun.Of(extra is null ? args : [.. args, extra]);
    }
}
