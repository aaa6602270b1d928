using System.CommandLine;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>check TRACE... --profile P: compare observed traces with the model's prediction.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("trace") { Description = "One or more trace files", Arity = ArgumentArity.OneOrMore };
        var profile = ProfileOption.Create(null);
        var report = new Option<string?>("--report") { Description = "Write the JSON report of every file here (docs/report-format.md)" };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here: one test case per file" };
        var command = new Command("check", "Compare observed traces with the model. Exit 0 conforms (or inconclusive), 1 diverges, 2 bad input, 3 out of memory; several files: the worst.")
        {
            files, profile, report, junit,
        };
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var chosen = parse.GetValue(profile) is { } name ? ProfileOption.Resolve(name) : null;
            var paths = parse.GetValue(files)!;
            var reportPath = parse.GetValue(report);
            var junitPath = parse.GetValue(junit);
            OutputPaths.RequireWritableFile("--report", reportPath);
            OutputPaths.RequireWritableFile("--junit", junitPath);
            var tally = new Tally();
            var results = new List<ResultEntry>();
            var checkedReports = new List<CheckReport>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var path in paths)
            {
                // Each file is checked whatever happened to the one before: a bad file is reported and counted.
                try
                {
                    // Each step is checked as it is read; the report and any error are those of reading the whole file first.
                    var report = Checker.CheckFile(path, header => ChooseProfile(chosen, header, path));
                    stdout.Write(ReportText.Render(report));
                    tally.Add(report.Verdict);
                    results.Add(Entry(report, path, results.Count));
                    checkedReports.Add(report);
                }
                catch (TraceReadException e)
                {
                    Guard.Report(stderr, ExitCodes.BadInput, $"error: {e.Message}");
                    tally.BadInput++;
                }
            }

            if (paths.Length > 1)
            {
                stdout.WriteLine(tally.Summary(paths.Length));
            }

            if (reportPath is not null || junitPath is not null)
            {
                var run = AsReport(results, checkedReports, clock.Elapsed.TotalSeconds, paths.Length);
                if (reportPath is not null)
                {
                    RunReportWriter.WriteJson(run, reportPath);
                }

                if (junitPath is not null)
                {
                    RunReportWriter.WriteJUnit(run, junitPath);
                }
            }

            return tally.ExitCode;
        }));
        return command;
    }

    /// <summary>A checked file as a report's result: every divergence is unexpected (check knows no stack to explain it).</summary>
    private static ResultEntry Entry(CheckReport report, string path, int index) => ResultEntries.From(
        new ScenarioOutcome { Scenario = report.Scenario ?? Path.GetFileNameWithoutExtension(path), ScenarioPath = path, TracePath = path, Report = report },
        index);

    /// <summary>The files checked as one report: the traces' stacks and the profiles used, each named once.</summary>
    private static RunReport AsReport(List<ResultEntry> results, List<CheckReport> reports, double seconds, int files)
    {
        var stacks = string.Join(", ", reports.Select(r => r.Stack ?? "unknown").Distinct(StringComparer.Ordinal));
        return new RunReport
        {
            Command = "check",
            Stack = stacks.Length == 0 ? "unknown" : stacks,
            Profile = string.Join(", ", reports.Select(r => r.Profile).Distinct(StringComparer.Ordinal)),
            DurationSeconds = seconds,
            Planned = files,
            Provenance = ReportProvenance.Now(stacks, ToolVersion.Text),
            Results = results,
        };
    }

    /// <summary>--profile if given, else the trace header's "profile", else windows.</summary>
    private static Profile ChooseProfile(Profile? option, TraceHeader? header, string path)
    {
        if (option is not null)
        {
            return option;
        }

        if (header?.Profile is not { } fromHeader)
        {
            return Profiles.Windows;
        }

        return Profiles.Find(fromHeader)
            ?? throw new TraceReadException(path, 1, $"the header's \"profile\" is {SafeText.Quote(fromHeader)}; expected one of: {Profiles.Names} (or pass --profile)");
    }

    /// <summary>How many files got each verdict, and the exit code of the worst.</summary>
    private sealed class Tally
    {
        private readonly int[] _verdicts = new int[3];

        public int BadInput { get; set; }

        public int ExitCode => BadInput > 0 ? ExitCodes.BadInput : _verdicts[(int)Verdict.Diverges] > 0 ? ExitCodes.Diverges : ExitCodes.Conforms;

        public void Add(Verdict verdict) => _verdicts[(int)verdict]++;

        public string Summary(int files) =>
            $"checked {files} files: {_verdicts[(int)Verdict.Conforms]} conform, {_verdicts[(int)Verdict.Diverges]} diverge, {_verdicts[(int)Verdict.Inconclusive]} inconclusive, {BadInput} bad input";
    }
}
