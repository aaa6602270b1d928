using System.Diagnostics;
using System.Globalization;

namespace ShimPrototype.Harness;

/// <summary>How the shim gets into the program.</summary>
internal enum Attach
{
    /// <summary>Unmodified program, shim copied beside it as ws2_32.dll, WINEDLLOVERRIDES=ws2_32=n.</summary>
    Override,

    /// <summary>The program was linked against the shim's import library (it imports wsasim.dll).</summary>
    Linked,
}

/// <summary>What became of one run of the program.</summary>
internal sealed record RunResult(string Verdict, int? ExitCode, List<string> Trace, string Stdout, string Stderr,
    double StartToHelloMs, double HelloToEndMs, double EndToExitMs, double ExitToCollectedMs, int Requests);

/// <summary>One run: start the program under Wine with the channel, answer the shim until the process ends.</summary>
internal static class ProgramRun
{
    public static RunResult Execute(string exe, IReadOnlyList<string> args, Attach attach, int seed, TimeSpan watchdog)
    {
        using var channel = new FifoChannel();
        var info = new ProcessStartInfo("wine")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(exe);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WSASIM_CHANNEL"] = channel.WindowsPath;
        info.Environment["WINEDEBUG"] = "-all";
        if (attach == Attach.Override)
        {
            info.Environment["WINEDLLOVERRIDES"] = "ws2_32=n";
        }

        var trace = new List<string>();
        var stack = new ToyStack(seed, trace);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wine did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.WaitForExitAsync().ContinueWith(_ => channel.PostExited(process.ExitCode), TaskScheduler.Default);
        using var timer = new Timer(_ => Kill(process), null, watchdog, Timeout.InfiniteTimeSpan);

        double hello = 0, end = 0;
        var requests = 0;
        string? crash = null;
        int? exitCode = null;
        while (true)
        {
            var request = channel.ReadRequest();
            if (request.Op == Op.Exited)
            {
                exitCode = (int)(long)request.Args[0];
                break;
            }

            requests++;
            if (request.Op == Op.Hello)
            {
                hello = clock.Elapsed.TotalMilliseconds;
            }
            else if (request.Op == Op.Crash)
            {
                crash = string.Create(CultureInfo.InvariantCulture, $"crashed: exception 0x{request.Args[0]:X8} at 0x{request.Args[1]:X}");
            }

            var reply = stack.Handle(request);
            if (stack.Ended && end == 0)
            {
                end = clock.Elapsed.TotalMilliseconds;
            }

            if (request.Op != Op.Retrieved)
            {
                channel.WriteReply(reply);
            }
        }

        var exited = clock.Elapsed.TotalMilliseconds;
        if (end == 0)
        {
            end = exited;
        }

        var verdict = crash
            ?? (stack.Ended ? "quiescent: the harness ended it"
            : hello == 0 ? $"exited before any Winsock call (code {exitCode})"
            : $"exited by itself (code {exitCode})");
        var output = stdout.Result;
        var errors = stderr.Result;
        process.WaitForExit();
        var collected = clock.Elapsed.TotalMilliseconds;
        return new RunResult(verdict, exitCode, trace, output, errors, hello, end - hello, exited - end, collected - exited, requests);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile.
        }
    }
}
