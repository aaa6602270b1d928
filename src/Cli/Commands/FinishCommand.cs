using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using WinsockConformance.Reports;

namespace WinsockConformance.Cli;

/// <summary>
/// finish (internal, run by <c>./conformance</c>): writes the summary, the JSON and the JUnit report of a run whose probe
/// ended without writing them — killed, or stopped because its stack stopped answering — from the run's journal
/// (<see cref="RunJournal"/>): every scenario that finished, and the one that was running, marked interrupted with the
/// step it had reached. Exits with the code it is given (3 for a stack that stopped answering, 130/143 for a signal).
/// </summary>
internal static class FinishCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var journal = new Option<string>("--journal") { Required = true, Description = "The run's journal" };
        var reason = new Option<string>("--reason") { Required = true, Description = "Why the run did not end by itself" };
        var exit = new Option<int>("--exit") { Required = true, Description = "The exit code to end with" };
        var commandName = new Option<string>("--command") { Description = "run or fuzz: for the report of a run that never started", DefaultValueFactory = _ => "run" };
        var report = new Option<string?>("--report") { Description = "Where the probe was to write its JSON report (used when the journal has no header)" };
        var junit = new Option<string?>("--junit") { Description = "Where the probe was to write its JUnit report (used when the journal has no header)" };
        var command = new Command("finish", "Write the reports of a run that could not, from its journal.")
        {
            journal, reason, exit, commandName, report, junit,
        };
        command.Hidden = true;
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var code = parse.GetValue(exit);
            var why = parse.GetValue(reason)!;
            // A probe that ended before its journal's header ran nothing: its report says so.
            var (run, reportPath, junitPath) = Read(parse.GetValue(journal)!, why) ?? (new RunReport
            {
                Command = parse.GetValue(commandName)!,
                Stack = "unknown (the probe ended before its stack was up)",
                Profile = "unknown",
                Results = [],
                Interruption = why + ", before the run started",
            }, parse.GetValue(report), parse.GetValue(junit));
            stdout.Write(run.Fuzz is null ? RunReportWriter.Summary(run) : FuzzReport.Summary(run));
            if (reportPath is not null)
            {
                RunReportWriter.WriteJson(run, reportPath);
            }

            if (junitPath is not null)
            {
                RunReportWriter.WriteJUnit(run, junitPath);
            }

            stderr.WriteLine($"error: {why}; the reports were written from the run's journal");
            return code;
        }));
        return command;
    }

    /// <summary>The run as far as the journal tells it, or null if it ended before the run's header.</summary>
    public static (RunReport Report, string? ReportPath, string? JUnitPath)? Read(string path, string reason)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        JsonElement? header = null;
        string? reportPath = null;
        string? junitPath = null;
        var results = new Dictionary<long, ResultEntry>();
        var at = new Dictionary<int, (long Index, string Scenario, int Step, string Call)>();
        var documents = new List<JsonDocument>();
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                JsonDocument json;
                try
                {
                    json = JsonDocument.Parse(line);
                }
                catch (JsonException)
                {
                    continue; // the last line, cut off when the probe was killed
                }

                documents.Add(json);
                var root = json.RootElement;
                if (root.TryGetProperty("run", out var run))
                {
                    header = run;
                    reportPath = root.GetProperty("report").GetString();
                    junitPath = root.GetProperty("junit").GetString();
                }
                else if (root.TryGetProperty("result", out var result))
                {
                    var entry = RunReportJson.ReadEntry(result, results.Count);
                    results[entry.Index] = entry;
                }
                else if (root.TryGetProperty("at", out var step))
                {
                    var worker = step.TryGetProperty("worker", out var w) ? w.GetInt32() : -1;
                    at[worker] = (step.GetProperty("index").GetInt64(), step.GetProperty("scenario").GetString()!, step.GetProperty("step").GetInt32(), step.GetProperty("call").GetString()!);
                }
            }

            if (header is not { } h)
            {
                return null;
            }

            // The scenarios that were running: the last step each worker started, in scenarios that did not finish.
            var running = at.Values.Where(a => !results.ContainsKey(a.Index)).OrderBy(a => a.Index).ToList();
            foreach (var (index, scenario, step, call) in running)
            {
                results[index] = new ResultEntry
                {
                    Index = index,
                    Scenario = scenario,
                    File = string.Empty,
                    Trace = string.Empty,
                    Verdict = Verdicts.Inconclusive,
                    Expected = true,
                    Steps = step - 1,
                    InconclusiveReason = string.Create(CultureInfo.InvariantCulture, $"{reason} at step {step} ({call})"),
                    Interrupted = true,
                };
            }

            var where = running.Count == 0 ? string.Empty
                : " at " + string.Join(", ", running.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Scenario} step {r.Step} ({r.Call})")));
            var ordered = results.Values.OrderBy(r => r.Index).ToList();
            var report = RunReportJson.ReadReport(h, ordered) with
            {
                Interruption = reason + where,
                DurationSeconds = ordered.Sum(r => r.Seconds),
            };
            return (report, reportPath, junitPath);
        }
        finally
        {
            foreach (var d in documents)
            {
                d.Dispose();
            }
        }
    }
}
