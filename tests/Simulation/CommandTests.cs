using WinsockConformance.Cli;
using WinsockConformance.SimulationTests.Support;

namespace WinsockConformance.SimulationTests;

/// <summary>./conformance simulate and samples: reports and exit codes (0 pass, 1 fail, 2 bad input, 3 cannot start).</summary>
public class CommandTests
{
    private static readonly string s_samples = Path.Combine(AppContext.BaseDirectory, "WinsockConformance.Samples.dll");
    private static readonly string s_peers = Path.Combine(Repository.Root, "samples", "peers");

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = ConformanceCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_buggy_sample_fails_with_the_named_oracle_and_a_replay_line_that_reproduces_it()
    {
        var peer = Path.Combine(s_peers, "send-100-then-close.jsonl");
        var (exit, output, _) = Run("simulate", "--peer", peer, "--", s_samples, "data-loss", "buggy");
        Assert.True(exit == 1, output);
        Assert.Contains("windows: FAIL at schedule", output, StringComparison.Ordinal);
        Assert.Contains("oracle: SIM-DATA-LOSS: Every byte the peer sent before its FIN", output, StringComparison.Ordinal);
        Assert.Contains("G1: FD_CLOSE is posted when the peer closes", output, StringComparison.Ordinal);
        var replay = output.Split('\n').Single(l => l.TrimStart().StartsWith("replay: ", StringComparison.Ordinal));
        var choices = replay[(replay.IndexOf("--replay ", StringComparison.Ordinal) + 9)..].Split(' ')[0];

        var (again, replayed, _) = Run("simulate", "--peer", peer, "--replay", choices, "--", s_samples, "data-loss", "buggy");
        Assert.Equal(1, again);
        Assert.Equal(Tail(output), Tail(replayed));

        static string Tail(string report) => report[report.IndexOf("  events:", StringComparison.Ordinal)..report.IndexOf("verdict:", StringComparison.Ordinal)];
    }

    [Fact]
    public void A_fixed_sample_passes_every_profile_and_writes_its_reports()
    {
        var directory = Directory.CreateTempSubdirectory("sim-cli-");
        try
        {
            var json = Path.Combine(directory.FullName, "r.json");
            var junit = Path.Combine(directory.FullName, "r.xml");
            var (exit, output, error) = Run("simulate", "--peer", Path.Combine(s_peers, "send-100-then-close.jsonl"), "--all-profiles", "--schedules", "20",
                "--report", json, "--junit", junit, "--", s_samples, "data-loss", "fixed");
            Assert.True(exit == 0, output + error);
            Assert.Contains("windows: pass (20 schedule(s)", output, StringComparison.Ordinal);
            Assert.Contains("documented: pass", output, StringComparison.Ordinal);
            Assert.Contains("\"passed\": true", File.ReadAllText(json), StringComparison.Ordinal);
            Assert.Contains("<testcase classname=\"simulate.send-100-then-close\" name=\"wine-8\"", File.ReadAllText(junit), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Traces_writes_the_full_record_of_each_failing_run()
    {
        var directory = Directory.CreateTempSubdirectory("sim-cli-");
        try
        {
            var (exit, output, _) = Run("simulate", "--peer", Path.Combine(s_peers, "two-downloads.jsonl"), "--traces", directory.FullName, "--", s_samples, "stale-handle", "buggy");
            Assert.Equal(1, exit);
            var record = File.ReadAllText(Path.Combine(directory.FullName, "windows.sim.txt"));
            Assert.Contains("note SIM-STALE-HANDLE", record, StringComparison.Ordinal);
            Assert.Contains("record: ", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_ready_made_peer_needs_no_file()
    {
        var (exit, output, _) = Run("simulate", "--peer", "source:100", "--schedules", "10", "--", s_samples, "data-loss", "fixed");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void A_bad_peer_script_is_exit_2_with_file_and_line()
    {
        var directory = Directory.CreateTempSubdirectory("sim-cli-");
        try
        {
            var peer = Path.Combine(directory.FullName, "bad.jsonl");
            File.WriteAllText(peer, "{\"format\":\"wsaasyncselect-peer\",\"version\":1}\n{\"do\":\"accept\"}\n{\"do\":\"sned\"}\n");
            var (exit, output, error) = Run("simulate", "--peer", peer, "--", s_samples, "data-loss", "fixed");
            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, output);
            Assert.StartsWith($"error: {peer}:3: unknown action \"sned\"", error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--replay", "1,x")]
    [InlineData("--seed", "-1")]
    [InlineData("--profile", "nope")]
    public void Bad_options_are_exit_2(string option, string value)
    {
        var (exit, _, error) = Run("simulate", "--peer", "echo", option, value, "--", s_samples, "data-loss", "fixed");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_that_cannot_be_started_is_exit_3()
    {
        var (exit, _, error) = Run("simulate", "--peer", "echo", "--", "no/such/program.dll");
        Assert.Equal(3, exit);
        Assert.StartsWith("error: the program cannot be started: no/such/program.dll: no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_samples_command_prints_one_line_per_variant_and_passes_when_each_is_as_expected()
    {
        var (exit, output, error) = Run("samples", "--catalog", Path.Combine(Repository.Root, "samples", "samples.jsonl"), "--program", s_samples, "--schedules", "40");
        Assert.True(exit == 0, output + error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(12, lines.Length);
        Assert.All(lines[..^2], l => Assert.EndsWith("ok", l, StringComparison.Ordinal));
        Assert.Contains("managed data-loss           buggy  expected: SIM-DATA-LOSS under windows", output, StringComparison.Ordinal);
        Assert.StartsWith("managed: 40 schedules per profile, seed 1", lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("10 variant(s), 10 as expected, 0 unexpected", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_samples_command_fails_when_a_variant_is_not_caught_as_the_catalogue_says()
    {
        var directory = Directory.CreateTempSubdirectory("sim-cli-");
        try
        {
            var catalog = Path.Combine(directory.FullName, "samples.jsonl");
            var peer = Path.Combine(s_peers, "send-100-then-close.jsonl").Replace("\\", "/", StringComparison.Ordinal);
            File.WriteAllText(catalog, $"{{\"sample\":\"data-loss\",\"variant\":\"fixed\",\"peer\":\"{peer}\",\"caught\":{{\"windows\":\"SIM-DATA-LOSS\"}}}}\n");
            var (exit, output, _) = Run("samples", "--catalog", catalog, "--program", s_samples, "--schedules", "10");
            Assert.Equal(1, exit);
            Assert.Contains("UNEXPECTED", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
