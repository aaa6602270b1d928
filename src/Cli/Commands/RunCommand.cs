using System.CommandLine;
using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.RealWinsock.Live;
using WinsockConformance.Reports;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;
// Model has an internal Settling of its own (the model settling a state); here it is the live run's settling wait.
using Settling = WinsockConformance.RealWinsock.Live.Settling;

namespace WinsockConformance.Cli;

/// <summary>
/// run: the main job. Checks every scenario of a folder against the model first (all bad files reported at once, exit 2,
/// before any stack is touched), then runs them on the real ws2_32 (or the model, with --stack model) — in --jobs worker
/// processes, merged back in the corpus's order — writes the traces, checks each against the profile and prints the
/// conformance report; --report and --junit write it for CI. Exit 0 only when nothing diverges unexpectedly and nothing
/// is flaky; 130 or 143 when SIGINT or SIGTERM stopped it (the reports say what ran).
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenarios = new Option<string>("--scenarios") { Description = "A scenario file, or a folder of them (searched recursively)", DefaultValueFactory = _ => "scenarios" };
        var profile = ProfileOption.Create(null);
        var repeat = new Option<int>("--repeat") { Description = "Run each scenario N times; differing traces are reported as flaky", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here" };
        var traces = new Option<string?>("--traces") { Description = "Folder for the captured traces (default: .cache/traces/<stack>; --traces traces/<stack> refreshes the committed captures); one run at a time writes to a folder" };
        var stackOption = new Option<string>("--stack") { Description = "live (real ws2_32: Windows, or Wine) or model", DefaultValueFactory = _ => "live" };
        var quiet = RunOptions.Quiet((int)Settling.Default.NativeQuiet.TotalMilliseconds);
        var jobs = RunOptions.Jobs();
        var shard = RunOptions.Shard("the corpus");
        var worker = RunOptions.Worker();
        var known = new Option<string>("--known-differences") { Description = "Folder of the stacks' known differences from windows (NAME.known.tsv); default: stacks/ in a checkout, else the copy beside the tool", DefaultValueFactory = _ => KnownStacks.DefaultFolderHere() };
        var allowFixed = new Option<bool>("--allow-fixed") { Description = "A known difference that no longer happens is reported as fixed but does not fail the run" };
        var command = new Command("run", "Run a scenario corpus on a stack, check every trace against the model, report.")
        {
            scenarios, profile, repeat, report, junit, traces, stackOption, quiet, jobs, shard, worker, known, allowFixed,
        };
        command.SetAction(parse => Guard.Run(stderr, () => new Run(stdout, stderr)
        {
            Scenarios = parse.GetValue(scenarios)!,
            ProfileName = parse.GetValue(profile),
            Repeat = parse.GetValue(repeat),
            ReportPath = parse.GetValue(report),
            JUnitPath = parse.GetValue(junit),
            TracesOption = parse.GetValue(traces),
            StackKind = parse.GetValue(stackOption)!,
            QuietMs = RunOptions.CheckQuiet(parse.GetValue(quiet)),
            Jobs = parse.GetValue(jobs),
            Shard = Shard.Parse(parse.GetValue(shard)),
            Worker = WorkerShare.Parse(parse.GetValue(worker)),
            KnownFolder = parse.GetValue(known)!,
            AllowFixed = parse.GetValue(allowFixed),
        }.Execute()));
        return command;
    }

    /// <summary>One invocation of run, its options checked.</summary>
    private sealed class Run(TextWriter stdout, TextWriter stderr)
    {
        public required string Scenarios { get; init; }

        public string? ProfileName { get; init; }

        public int Repeat { get; init; }

        public string? ReportPath { get; init; }

        public string? JUnitPath { get; init; }

        public string? TracesOption { get; init; }

        public required string StackKind { get; init; }

        public int? QuietMs { get; init; }

        public int? Jobs { get; init; }

        public Shard Shard { get; init; }

        public WorkerShare? Worker { get; init; }

        public required string KnownFolder { get; init; }

        public bool AllowFixed { get; init; }

        public int Execute()
        {
            if (Repeat < 1)
            {
                throw new UsageException("--repeat must be at least 1");
            }

            var (stackName, native, stackNote) = RunOptions.Identify(StackKind, ProfileName);
            var judged = ProfileName is { } name ? ProfileOption.Resolve(name) : native;

            // The known differences are read before anything runs: a bad line is bad input like a bad scenario.
            var known = KnownJudgement.For(native, judged, KnownFolder);
            var tracesDirectory = TracesOption ?? Path.Combine(".cache", "traces", stackName);
            if (Worker is null)
            {
                OutputPaths.RequireWritableFile("--report", ReportPath);
                OutputPaths.RequireWritableFile("--junit", JUnitPath);
                OutputPaths.RequireWritableFolder("--traces", tracesDirectory);
            }

            // Every file is read and every scenario checked against the model before any stack is touched.
            var load = ScenarioCorpus.Load(Scenarios);
            IReadOnlyList<TraceReadException> errors = Worker is null ? [.. load.Errors, .. ScenarioCorpus.Validate(load.Scenarios, judged)] : load.Errors;
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    Guard.Report(stderr, ExitCodes.BadInput, $"error: {e.Message}");
                }

                stderr.WriteLine($"{errors.Count} of {load.Scenarios.Count + load.Errors.Count} scenario files are bad input; nothing was run");
                return ExitCodes.BadInput;
            }

            var runnable = load.Scenarios.Where(c => RunOptions.Runnable(StackKind, c.Scenario)).ToList();
            var skipped = load.Scenarios.Count - runnable.Count;
            var tracePaths = ScenarioCorpus.TracePaths(Scenarios, [.. runnable.Select(r => r.Path)], tracesDirectory);
            var (first, length) = Shard.Range(runnable.Count);
            var items = Enumerable.Range((int)first, (int)length).Select(i => new CorpusItem(i, runnable[i].Path, tracePaths[i], runnable[i].Scenario)).ToList();
            var scenariosLine = $"{items.Count} scenarios"
                + (Shard.IsWhole ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (shard {Shard} of {runnable.Count}: {first + 1} to {first + length})"))
                + (skipped > 0 ? $" ({skipped} skipped: not producible over loopback)" : string.Empty);

            using var interruption = Interruption.Listen();
            return Worker is { } share
                ? AsWorker(share, judged, known, items, interruption)
                : AsRun(stackName, judged, known, stackNote, tracesDirectory, items, scenariosLine, interruption);
        }

        private int AsRun(string stackName, Profile judged, KnownJudgement? known, string? stackNote, string tracesDirectory, List<CorpusItem> items, string scenariosLine, Interruption interruption)
        {
            using var journal = RunJournal.FromEnvironment();
            using var folderLock = TracesFolderLock.Acquire(tracesDirectory, stderr, interruption.Token, () => journal.Waiting("another run's traces folder"));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var header = new RunReport
            {
                Command = "run",
                Stack = stackName,
                Profile = judged.Name,
                Repeat = Repeat,
                Planned = items.Count,
                Shard = Shard.IsWhole ? null : Shard.ToString(),
                KnownDifferences = known?.Description,
                Provenance = ReportProvenance.Now(stackName, ToolVersion.Text),
                StackNote = stackNote,
                AllowFixed = AllowFixed,
                Results = [],
            };
            journal.Header(header, ReportPath, JUnitPath);
            var results = new OrderedResults([.. items.Select(i => i.Index)], stdout, journal, RunReportWriter.ProgressLine);
            var jobs = RunOptions.JobsFor(Jobs, StackKind, items.Count);
            string? failure = null;
            var exit = ExitCodes.Conforms;
            if (jobs <= 1)
            {
                using var stack = RunOptions.CreateStack(StackKind, judged, QuietMs, (int)Settling.Default.NativeQuiet.TotalMilliseconds);
                stdout.WriteLine(RunOptions.StackLine(stack, judged));
                if (stackNote is not null)
                {
                    stdout.WriteLine(stackNote);
                }
                stdout.WriteLine(scenariosLine);
                RunOptions.OnStep(stack, journal.Step);

                new ConformanceRunner(stack, judged, interruption.Token) { Known = known }.Run(
                    items,
                    Repeat,
                    (item, outcome) => results.Add(ResultEntries.From(outcome, item.Index), string.Empty),
                    item => journal.Scenario(item.Index, ConformanceRunner.NameOf(item)));
            }
            else
            {
                (exit, failure) = new Coordinator(stdout, journal, results).Run(jobs, scenariosLine, w => WorkerArguments(judged, tracesDirectory, w, jobs), interruption.Token);
            }

            var report = header with
            {
                DurationSeconds = clock.Elapsed.TotalSeconds,
                Results = results.Finish(),
                Interruption = interruption.Requested ? $"interrupted by {interruption.Signal}" : failure,
            };
            stdout.Write(RunReportWriter.Summary(report));
            if (ReportPath is { } reportPath)
            {
                RunReportWriter.WriteJson(report, reportPath);
            }

            if (JUnitPath is { } junitPath)
            {
                RunReportWriter.WriteJUnit(report, junitPath);
            }

            exit = interruption.Requested ? interruption.ExitCode
                : exit != ExitCodes.Conforms ? exit
                : report.Passed ? ExitCodes.Conforms : ExitCodes.Diverges;
            journal.End(exit);
            return exit;
        }

        private int AsWorker(WorkerShare share, Profile judged, KnownJudgement? known, List<CorpusItem> items, Interruption interruption)
        {
            var output = new WorkerOutput(stdout);
            using var stack = RunOptions.CreateStack(StackKind, judged, QuietMs, (int)Settling.Default.NativeQuiet.TotalMilliseconds);
            output.Hello(RunOptions.StackLine(stack, judged), stack.Name, RunOptions.StackDescription(stack));
            CorpusItem? current = null;
            RunOptions.OnStep(stack, (step, call) => output.At(current!.Index, ConformanceRunner.NameOf(current), step, call));

            new ConformanceRunner(stack, judged, interruption.Token) { Known = known }.Run(
                items.Where((_, position) => share.Takes(position)),
                Repeat,
                (item, outcome) => output.Result(ResultEntries.From(outcome, item.Index), string.Empty),
                item => current = item);
            output.End(null);
            return interruption.Requested ? interruption.ExitCode : ExitCodes.Conforms;
        }

        private List<string> WorkerArguments(Profile judged, string tracesDirectory, int worker, int jobs) =>
        [
            "run", "--scenarios", Scenarios, "--profile", judged.Name, "--repeat", Invariant(Repeat), "--traces", tracesDirectory,
            "--stack", StackKind, .. RunOptions.QuietArguments(QuietMs), "--known-differences", KnownFolder, "--shard", Shard.ToString(), "--worker", $"{Invariant(worker)}/{Invariant(jobs)}",
        ];

        private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
