using System.Text.Json;
using WinsockConformance.Reports;

namespace WinsockConformance.Cli;

/// <summary>
/// What a run has done so far, appended line by line (JSON Lines) and flushed at once, so that a run that cannot write
/// its own report — killed, or hung on a stack that stopped answering — still gets one: <c>./conformance</c> reads the
/// journal back (<see cref="FinishCommand"/>) and writes the summary, the JSON and the JUnit report from it, marked
/// interrupted, with the scenario and step the run was at. Lines: the run's header with the report paths, one
/// <c>{"at":…}</c> per step started, one <c>{"result":…}</c> per scenario finished, and <c>{"end":EXIT}</c> when the run
/// wrote its reports itself. Every write also marks the run alive (the file's time) for the script's stall watch.
/// The file is named by <see cref="Variable"/>; without it nothing is written.
/// </summary>
internal sealed class RunJournal : IDisposable
{
    public const string Variable = "CONFORMANCE_JOURNAL";

    private readonly FileStream? _file;
    private readonly Lock _lock = new();
    private long _index;
    private string _scenario = string.Empty;
    private int _worker = -1;

    private RunJournal(FileStream? file) => _file = file;

    public static RunJournal None { get; } = new(null);

    /// <summary>The journal the script asked for, or <see cref="None"/>.</summary>
    public static RunJournal FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? new RunJournal(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            : None;

    public void Header(RunReport run, string? reportPath, string? junitPath) => Write(w =>
    {
        w.WritePropertyName("run");
        RunReportJson.WriteReport(w, run, withResults: false);
        w.WriteString("report", reportPath);
        w.WriteString("junit", junitPath);
    });

    /// <summary>A scenario starts (the steps that follow are its).</summary>
    public void Scenario(long index, string name, int worker = -1)
    {
        lock (_lock)
        {
            _index = index;
            _scenario = name;
            _worker = worker;
        }
    }

    /// <summary>A step starts: where a run that stops answering stopped.</summary>
    public void Step(int number, string call) => At(_index, _scenario, number, call, _worker);

    public void At(long index, string scenario, int step, string call, int worker) => Write(w =>
    {
        w.WriteStartObject("at");
        w.WriteNumber("index", index);
        w.WriteString("scenario", scenario);
        w.WriteNumber("step", step);
        w.WriteString("call", call);
        if (worker >= 0)
        {
            w.WriteNumber("worker", worker);
        }

        w.WriteEndObject();
    });

    public void Result(ResultEntry entry) => Write(w =>
    {
        w.WritePropertyName("result");
        RunReportJson.WriteEntry(w, entry);
    });

    /// <summary>The run is alive but waiting (for another run's traces folder): keeps the stall watch quiet.</summary>
    public void Waiting(string what) => Write(w => w.WriteString("waiting", what));

    public void End(int exitCode) => Write(w => w.WriteNumber("end", exitCode));

    private void Write(Action<Utf8JsonWriter> body)
    {
        if (_file is null)
        {
            return;
        }

        lock (_lock)
        {
            using (var w = new Utf8JsonWriter(_file, RunReportJson.LineOptions))
            {
                w.WriteStartObject();
                body(w);
                w.WriteEndObject();
            }

            _file.WriteByte((byte)'\n');
            _file.Flush();
        }
    }

    public void Dispose() => _file?.Dispose();
}
