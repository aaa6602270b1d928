using System.Xml.Linq;
using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Reports;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Interruption is a verdict (issue 13): SIGINT or SIGTERM sent to the run's whole process group, as Ctrl-C in a
/// terminal or a cancelled CI job sends it, stops run and fuzz between steps with a non-zero exit (130, 143), the
/// summary, and a JSON report and JUnit file marked interrupted that say what ran. The runs are on the model stack
/// (the same code path as a live one, which the script drives through a marker file: bench/gate-trials.sh).
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(90);

    private readonly string _folder = Directory.CreateTempSubdirectory("interruption-tests-").FullName;

    [LinuxFact]
    public void Ten_of_ten_interrupted_runs_exit_non_zero_with_a_readable_report()
    {
        var outcomes = new List<string>();
        for (var trial = 0; trial < 10; trial++)
        {
            // Given a run of the whole corpus (long: every scenario 50 times) or a long fuzz, in a process group of its own
            var fuzz = trial % 5 == 4;
            var signal = trial % 2 == 0 ? "INT" : "TERM";
            var report = Path.Combine(_folder, $"report-{trial}.json");
            var junit = Path.Combine(_folder, $"report-{trial}.xml");
            string[] args = fuzz
                ? ["fuzz", "--stack", "model", "--count", "100000", "--seed", "77", "--report", report, "--junit", junit, "--counterexamples", Path.Combine(_folder, "cx")]
                : ["run", "--stack", "model", "--scenarios", Repository.PathOf("scenarios"), "--repeat", "50", "--report", report, "--junit", junit, "--traces", Path.Combine(_folder, $"traces-{trial}")];
            using var process = CliProcess.Start(_folder, args);

            // When the group is signalled once the run has finished 1 to 5 scenarios
            var finished = 1 + (trial % 5);
            if (!process.WaitForJournal("{\"result\"", finished, s_limit))
            {
                Assert.Fail($"trial {trial}: the run did not finish {finished} scenarios\n{process.Finish(s_limit)}");
            }

            process.SignalGroup(signal);
            var run = process.Finish(s_limit);

            // Then the exit code names the signal, and the summary and both reports say the run was interrupted
            var expectedExit = signal == "INT" ? 130 : 143;
            Assert.True(run.ExitCode == expectedExit, $"trial {trial}: expected exit {expectedExit}\n{run}");
            Assert.Contains("result: INTERRUPTED", run.Out, StringComparison.Ordinal);
            var written = RunReportJson.Read(report);
            Assert.True(written.Interrupted, $"trial {trial}: the report is not marked interrupted");
            Assert.Equal($"interrupted by SIG{signal}", written.Interruption);
            Assert.InRange(written.Results.Count(r => !r.Interrupted), finished, written.Planned - 1);
            var suite = XDocument.Load(junit).Root!;
            Assert.Contains("INTERRUPTED", suite.ToString(), StringComparison.Ordinal);
            Assert.Equal($"{{\"end\":{expectedExit}}}", process.ReadJournal()[^1]);
            outcomes.Add($"{(fuzz ? "fuzz" : "run")} SIG{signal} after {finished}: exit {run.ExitCode}, {written.Results.Count} of {written.Planned} in the report");
        }

        Assert.Equal(10, outcomes.Count);
    }

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
