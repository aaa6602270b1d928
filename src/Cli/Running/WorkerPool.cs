using System.Diagnostics;
using System.Text.Json;
using WinsockConformance.Reports;

namespace WinsockConformance.Cli;

/// <summary>One line a worker printed: its stack line, a step it started, a finished scenario, or its end.</summary>
internal abstract record WorkerLine(int Worker);

/// <summary>The worker's stack is up: the line a run prints about it.</summary>
/// <param name="Description">The stack as the fuzz coverage file names it: "wine-8.0 (…; wine …)".</param>
internal sealed record WorkerHello(int Worker, string StackLine, string StackName, string Description) : WorkerLine(Worker);

internal sealed record WorkerAt(int Worker, long Index, string Scenario, int Step, string Call) : WorkerLine(Worker);

internal sealed record WorkerResult(int Worker, ResultEntry Entry, string Output) : WorkerLine(Worker);

/// <summary>The worker is done with its share; <paramref name="Note"/> is what it would print at the end.</summary>
internal sealed record WorkerEnd(int Worker, string? Note) : WorkerLine(Worker);

/// <summary>
/// <c>--jobs N</c>: N processes of this program, each running its share of the scenarios on its own stack (its own
/// Winsock, peers and windows: under Wine N Wine processes sharing one wineserver), each printing what it finished as
/// JSON lines; the caller merges them in the original order. Processes rather than threads because sockets share a
/// process's handle table: a socket of one scenario could take the value of a socket another closed (H-3).
/// </summary>
internal sealed class WorkerPool(int jobs, Func<int, IReadOnlyList<string>> argumentsFor) : IDisposable
{
    /// <summary>How long workers get to stop on their own once the run is interrupted, before they are killed.</summary>
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(20);

    private readonly List<Process> _processes = [];

    /// <summary>Exit codes of the workers, once <see cref="Run"/> returned.</summary>
    public IReadOnlyList<int> ExitCodes { get; private set; } = [];

    /// <summary>
    /// Starts every worker and hands each line to <paramref name="onLine"/> (from the workers' reading threads, one at a
    /// time); returns when all have ended. Once <paramref name="stop"/> is cancelled the workers, which see the same
    /// signal, get <see cref="s_grace"/> to finish their step and report, then are killed. <paramref name="onLine"/>
    /// returning false ends the run early (the workers are killed).
    /// </summary>
    public void Run(Func<WorkerLine, bool> onLine, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        var gate = new Lock();
        var enough = new CancellationTokenSource();
        var readers = new List<Thread>();
        for (var w = 0; w < jobs; w++)
        {
            var process = Start(argumentsFor(w));
            _processes.Add(process);
            var worker = w;
            var reader = new Thread(() =>
            {
                string? line;
                while ((line = process.StandardOutput.ReadLine()) is not null)
                {
                    if (Parse(worker, line) is not { } parsed)
                    {
                        continue;
                    }

                    lock (gate)
                    {
                        if (!enough.IsCancellationRequested && !onLine(parsed))
                        {
                            enough.Cancel();
                        }
                    }
                }
            }) { IsBackground = true, Name = $"worker {w} reader" };
            reader.Start();
            readers.Add(reader);
        }

        using var onStop = stop.Register(() => KillAfter(s_grace));
        using var onEnough = enough.Token.Register(() => KillAfter(TimeSpan.Zero));
        foreach (var reader in readers)
        {
            reader.Join();
        }

        foreach (var process in _processes)
        {
            process.WaitForExit();
        }

        ExitCodes = [.. _processes.Select(p => p.ExitCode)];
    }

    /// <summary>The command that starts this program again: its executable, or the dotnet host and its assembly.</summary>
    private static ProcessStartInfo Command()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        var assembly = typeof(WorkerPool).Assembly.Location;
        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(path).Equals("winsock-conformance", StringComparison.OrdinalIgnoreCase))
        {
            info.FileName = path;
        }
        else
        {
            // Under the dotnet host (or a test host): run the assembly with the host that runs this one.
            info.FileName = Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";
            info.ArgumentList.Add(assembly);
        }

        return info;
    }

    private static Process Start(IReadOnlyList<string> arguments)
    {
        var info = Command();
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // Workers write no journal of their own: their lines reach the parent's.
        info.Environment.Remove(RunJournal.Variable);
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start a worker ({info.FileName})");
    }

    private void KillAfter(TimeSpan grace)
    {
        var processes = _processes.ToArray();
        _ = Task.Run(async () =>
        {
            await Task.Delay(grace).ConfigureAwait(false);
            foreach (var p in processes)
            {
                try
                {
                    if (!p.HasExited)
                    {
                        p.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        });
    }

    private static WorkerLine? Parse(int worker, string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.TryGetProperty("hello", out var hello))
        {
            return new WorkerHello(worker, hello.GetProperty("line").GetString()!, hello.GetProperty("stack").GetString()!, hello.GetProperty("description").GetString()!);
        }

        if (root.TryGetProperty("at", out var at))
        {
            return new WorkerAt(worker, at.GetProperty("index").GetInt64(), at.GetProperty("scenario").GetString()!, at.GetProperty("step").GetInt32(), at.GetProperty("call").GetString()!);
        }

        if (root.TryGetProperty("result", out var result))
        {
            return new WorkerResult(worker, RunReportJson.ReadEntry(result, -1), root.TryGetProperty("output", out var output) ? output.GetString()! : string.Empty);
        }

        return root.TryGetProperty("end", out var end)
            ? new WorkerEnd(worker, end.TryGetProperty("note", out var note) ? note.GetString() : null)
            : null;
    }

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            p.Dispose();
        }
    }
}

/// <summary>What a worker prints: the lines <see cref="WorkerPool"/> reads.</summary>
internal sealed class WorkerOutput(TextWriter stdout)
{
    /// <summary>ASCII only (everything else escaped): the pipe between the processes is read whatever the console's code page.</summary>
    private static readonly JsonWriterOptions s_ascii = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };

    private readonly Lock _lock = new();

    public void Hello(string stackLine, string stackName, string description) => Line(w =>
    {
        w.WriteStartObject("hello");
        w.WriteString("line", stackLine);
        w.WriteString("stack", stackName);
        w.WriteString("description", description);
        w.WriteEndObject();
    });

    public void At(long index, string scenario, int step, string call) => Line(w =>
    {
        w.WriteStartObject("at");
        w.WriteNumber("index", index);
        w.WriteString("scenario", scenario);
        w.WriteNumber("step", step);
        w.WriteString("call", call);
        w.WriteEndObject();
    });

    public void Result(ResultEntry entry, string output) => Line(w =>
    {
        w.WritePropertyName("result");
        RunReportJson.WriteEntry(w, entry);
        w.WriteString("output", output);
    });

    public void End(string? note) => Line(w =>
    {
        w.WriteStartObject("end");
        w.WriteString("note", note);
        w.WriteEndObject();
    });

    private void Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_ascii))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        lock (_lock)
        {
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            stdout.Flush();
        }
    }
}
