using System.Diagnostics;
using WinsockConformance.CheckerTests.Support;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Paths that are not plain trace files: each gets one line and exit 2 (or, for what a killed capture leaves,
/// an inconclusive verdict), within seconds, never a hang or a stack trace.
/// </summary>
public sealed class InputFileTests(TraceFiles files) : IClassFixture<TraceFiles>
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("check")]
    [InlineData("explain")]
    public void A_directory_an_empty_name_and_a_missing_file_are_bad_input(string command)
    {
        foreach (var (path, says) in new[] { (Path.GetTempPath(), "it is a directory"), (string.Empty, "the file name is empty"), (files.PathOf("missing.jsonl"), "cannot read the file") })
        {
            var run = Within(command, path);
            BadInputAssert.IsReported(run, path, 0, says);
        }
    }

    [Fact]
    public void An_endless_device_is_bad_input_not_a_hang()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var run = Within("check", "/dev/zero");
        BadInputAssert.IsReported(run, "/dev/zero", 1, "longer than 16 MiB");
    }

    [Fact]
    public void A_file_over_2_GiB_is_read_as_a_stream()
    {
        // Given a sparse 3 GiB file (NUL bytes: not UTF-8 text)
        var path = files.PathOf("sparse.jsonl");
        using (var stream = File.Create(path))
        {
            stream.SetLength(3L << 30);
        }

        // When / Then: bad input at its first line, at once
        var run = Within("check", path);
        BadInputAssert.IsReported(run, path, 1, "");
        File.Delete(path);
    }

    [Fact]
    public void A_fifo_with_no_writer_reads_as_an_interrupted_capture_instead_of_hanging()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Given a FIFO nobody writes to
        var path = files.PathOf("fifo.jsonl");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
        }

        // When it is checked and explained
        var check = Within("check", path);
        var explain = Within("explain", path);

        // Then check says inconclusive (nothing was written), explain that the file is empty
        Assert.True(check.ExitCode == 0 && check.Out.StartsWith("verdict: inconclusive\n", StringComparison.Ordinal), check.ToString());
        BadInputAssert.IsReported(explain, path, 1, "empty file");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("{\"format\":\"wsaasyncselect-trace\",\"version\":1,\"ki")]
    public void A_capture_killed_before_its_header_was_written_is_inconclusive_for_check_and_bad_input_for_explain(string content)
    {
        // Given what a capture killed at once leaves
        var path = files.PathOf($"killed-{content.Length}.jsonl");
        File.WriteAllText(path, content);

        // When
        var check = Within("check", path);
        var explain = Within("explain", path);

        // Then
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.StartsWith("verdict: inconclusive\n", check.Out, StringComparison.Ordinal);
        Assert.Contains("why: the capture was interrupted before its header", check.Out, StringComparison.Ordinal);
        Assert.Equal(2, explain.ExitCode);
        BadInputAssert.HasNoStackTrace(explain);
    }

    [Fact]
    public void Check_of_several_files_checks_every_one_and_ends_with_a_summary()
    {
        // Given a conforming trace, a bad file and a cut one
        var good = files.Write("several-good.jsonl", TraceFiles.TraceHeader, """{"step":1,"op":"socket","socket":"a","observed":{"ret":0}}""", TraceFiles.CompleteEnd);
        var bad = files.Write("several-bad.jsonl", TraceFiles.TraceHeader, """{"step":1,"op":"sokcet","socket":"a","observed":{"ret":0}}""");
        var cut = files.Write("several-cut.jsonl", TraceFiles.TraceHeader);

        // When
        var run = Within("check", good, bad, cut);

        // Then every file is reported, the bad one in one line, and the exit code is the worst (bad input)
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("verdict: conforms\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("verdict: inconclusive\n", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("checked 3 files: 1 conform, 0 diverge, 1 inconclusive, 1 bad input\n", run.Out, StringComparison.Ordinal);
        Assert.StartsWith($"error: {bad}:2: unknown operation", run.Error, StringComparison.Ordinal);
        BadInputAssert.HasNoStackTrace(run);
    }

    [Fact]
    public void Explain_prints_each_step_as_it_reads_it()
    {
        // Given a scenario whose third step is impossible
        var path = files.Write("streamed.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""", """{"op":"bind","socket":"a"}""", """{"op":"peer.send","socket":"a","len":1}""");

        // When
        var run = Within("explain", path);

        // Then the steps before it are printed, then the error
        BadInputAssert.IsReported(run, path, 4, "step 3 (peer.send a 1) is impossible here");
        Assert.Contains("  1  socket a stream\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  2  bind a\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_out_of_memory_is_one_line_and_exit_3()
    {
        // Given a trace whose one step signals 1.5 million event objects (a 15 MB line)
        var path = files.Write("huge-line.jsonl", TraceFiles.TraceHeader,
            "{\"step\":1,\"op\":\"socket\",\"socket\":\"a\",\"observed\":{\"ret\":0,\"signaled\":[" + string.Join(',', Enumerable.Range(0, 1_500_000).Select(i => $"\"e{i}\"")) + "]}}");

        // When the command line checks it in a process whose heap is limited to 16 MiB
        var cli = Path.Combine(AppContext.BaseDirectory, "winsock-conformance.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "check", path]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x1000000";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(s_limit), "the check did not end");

        // Then one line says so, with the resource exit code
        Assert.True(process.ExitCode == 3, $"exit {process.ExitCode}: {error}");
        Assert.Equal("error: out of memory (a resource problem, not a verdict): give the process more memory, or check fewer or smaller files at once\n", error.ReplaceLineEndings("\n"));
    }

    private static ProbeRun Within(params string[] args)
    {
        var task = Task.Run(() => ProbeRun.Of(args));
        Assert.True(task.Wait(s_limit), $"{string.Join(' ', args)} took longer than {s_limit.TotalSeconds} s");
        return task.Result;
    }
}
