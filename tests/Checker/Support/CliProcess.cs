using System.Diagnostics;
using System.Globalization;

namespace WinsockConformance.CheckerTests.Support;

/// <summary>
/// The command line in a process of its own and a process group of its own (<c>setsid</c>), as a CI job or a terminal
/// runs it, so a test can signal the whole group the way Ctrl-C or a cancelled job does. Its journal
/// (<c>CONFORMANCE_JOURNAL</c>) tells the test how far the run got.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private CliProcess(Process process, string journal)
    {
        _process = process;
        Journal = journal;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The journal file the run appends to.</summary>
    public string Journal { get; }

    public int Id => _process.Id;

    /// <summary>
    /// Starts <c>dotnet winsock-conformance.dll ARGS</c> under setsid in <paramref name="folder"/>, with SIGINT and SIGTERM
    /// at their defaults as in a terminal (a test host may have inherited SIGINT ignored, and .NET then leaves it so).
    /// </summary>
    public static CliProcess Start(string folder, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "winsock-conformance.dll");
        var journal = Path.Combine(folder, $"journal-{Guid.NewGuid():N}.jsonl");
        var start = new ProcessStartInfo("env", ["--default-signal=INT,QUIT,TERM", "setsid", "--wait", "dotnet", cli, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["CONFORMANCE_JOURNAL"] = journal;
        start.Environment.Remove("CONFORMANCE_INTERRUPT");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start setsid");
        return new CliProcess(process, journal);
    }

    /// <summary>
    /// The run's process group: that of the dotnet process setsid started, once it runs (setsid leads a new group in
    /// place, or, when it was started as a group leader, forks a child to lead one; --wait passes the exit on).
    /// </summary>
    public int Group()
    {
        var clock = Stopwatch.StartNew();
        var seen = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
        {
            if (Stat(_process.Id) is { } own && own.Command == "dotnet")
            {
                return own.Group;
            }

            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && Stat(pid) is { } child && child.Parent == _process.Id && child.Command == "dotnet")
                {
                    return child.Group;
                }
            }

            seen = Stat(_process.Id)?.ToString() ?? "gone";
            Thread.Sleep(10);
        }

        throw new InvalidOperationException(_process.HasExited
            ? $"process {_process.Id} ended (exit {_process.ExitCode}) before its group could be signalled (last seen: {seen})\n{_stdout.Result}\n{_stderr.Result}"
            : $"no dotnet process {_process.Id} or child of it (last seen: {seen})");
    }

    /// <summary>The command name, parent and process group of a process, from /proc/PID/stat (null once it is gone).</summary>
    private static (string Command, int Parent, int Group)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var command = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
            return (command, int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits until the journal holds <paramref name="count"/> lines starting with <paramref name="prefix"/>; false if the process ended first or time ran out.</summary>
    public bool WaitForJournal(string prefix, int count, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !_process.HasExited)
        {
            if (File.Exists(Journal) && ReadJournal().Count(l => l.StartsWith(prefix, StringComparison.Ordinal)) >= count)
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    public IReadOnlyList<string> ReadJournal()
    {
        using var stream = new FileStream(Journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM, KILL) to the whole process group, as a terminal's Ctrl-C does.</summary>
    public void SignalGroup(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", "--", $"-{Group()}"]) { RedirectStandardError = true })!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the end (killing the group past <paramref name="limit"/>) and returns the exit code and what was printed.</summary>
    public ProbeRun Finish(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            SignalGroup("KILL");
            _process.WaitForExit();
            throw new TimeoutException($"the run did not end within {limit.TotalSeconds} s\n{_stdout.Result}\n{_stderr.Result}");
        }

        return new ProbeRun(_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}

/// <summary>A fact that needs Linux's process groups (setsid, kill): skipped elsewhere, saying why.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux process groups (setsid, kill -- -PGID)";
        }
    }
}
