using System.CommandLine;
using System.Globalization;
using WinsockConformance.Generation;
using WinsockConformance.Model;
using WinsockConformance.RealWinsock.Live;
using WinsockConformance.Reports;
using WinsockConformance.Stacks;

namespace WinsockConformance.Cli;

/// <summary>
/// fuzz: differential property testing. Generated scenarios run on the model and on the live stack (in --jobs worker
/// processes, each a Wine process, merged back in index order); a disagreement is shrunk on the stack and saved as a
/// counterexample. --model-only checks the model's invariants on generated scenarios instead, fast.
/// Exit codes as run: 0 nothing unresolved, 1 a disagreement (or invariant violation, or a flaky one),
/// 2 bad input, 3 the stack cannot be driven, 130/143 stopped by SIGINT/SIGTERM.
/// </summary>
internal static class FuzzCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var count = new Option<long>("--count", "-n") { Description = "Number of scenarios to generate", DefaultValueFactory = _ => 100 };
        var seed = new Option<string>("--seed", "-s") { Description = "Seed (an unsigned 64-bit number); the same seed generates the same scenarios", DefaultValueFactory = _ => "1" };
        var start = new Option<long>("--start") { Description = "Index of the first scenario (replays one scenario of a longer run with --count 1)", DefaultValueFactory = _ => 0 };
        var profile = ProfileOption.Create(null);
        var report = new Option<string?>("--report") { Description = "Write the JSON report here (run's format plus a \"fuzz\" section)" };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here" };
        var modelOnly = new Option<bool>("--model-only") { Description = "Run the generated scenarios on the model alone, checking its invariants after every step" };
        var counterexamples = new Option<string>("--counterexamples") { Description = "Folder for shrunk counterexamples", DefaultValueFactory = _ => "counterexamples" };
        var traces = new Option<string?>("--traces") { Description = "Also save every scenario's trace in this folder" };
        var coverage = new Option<string?>("--coverage") { Description = "Write the rule coverage of live-verified steps as Markdown here (docs/coverage.md)" };
        var stackOption = new Option<string>("--stack") { Description = "live (real ws2_32: Windows, or Wine), model (the stack's profile), or model:PROFILE (the model under PROFILE as a stand-in stack)", DefaultValueFactory = _ => "live" };
        // On Windows 2 ms rather than run's 6 ms: every disagreement is run again before it counts, so a message later
        // than the quiet period shows up as flaky instead of passing silently; 2 x 1,000 scenarios under Wine 8 gave the
        // same outcomes at 2 and 6 ms, at 22 and 9 scenarios/s (docs/benchmarks.md). Under Wine the server's ordering.
        var quiet = RunOptions.Quiet(FuzzSettings.DefaultQuietMs);
        var shrinkBudget = new Option<int>("--shrink-budget") { Description = "Most stack runs one shrink may make", DefaultValueFactory = _ => 300 };
        var noAvoid = new Option<bool>("--no-avoid") { Description = "Generate the situations of known findings too (to see whether a profile switch resolved them)" };
        var maxDisagreements = new Option<int>("--max-disagreements") { Description = "Stop after this many shrunk disagreements (counted in index order, whatever --jobs)", DefaultValueFactory = _ => 20 };
        var jobs = RunOptions.Jobs();
        var shard = RunOptions.Shard("the seed's scenario range");
        var worker = RunOptions.Worker();
        var command = new Command("fuzz", "Differential property testing: generated scenarios on the model and the live stack; disagreements shrunk on the stack.")
        {
            count, seed, start, profile, report, junit, modelOnly, counterexamples, traces, coverage, stackOption, quiet, shrinkBudget, maxDisagreements, noAvoid, jobs, shard, worker,
        };
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var seedValue = ParseSeed(parse.GetValue(seed)!);
            var n = parse.GetValue(count);
            var first = parse.GetValue(start);
            if (n < 1 || first < 0)
            {
                throw new UsageException("--count must be at least 1 and --start at least 0");
            }

            var chosen = parse.GetValue(profile) is { } name ? ProfileOption.Resolve(name) : null;
            if (parse.GetValue(modelOnly))
            {
                return ModelOnly(stdout, stderr, seedValue, first, n, chosen);
            }

            return new Fuzz(stdout, stderr)
            {
                Seed = seedValue,
                Count = n,
                Start = first,
                Chosen = chosen,
                ReportPath = parse.GetValue(report),
                JUnitPath = parse.GetValue(junit),
                CounterexampleDirectory = parse.GetValue(counterexamples)!,
                TracesDirectory = parse.GetValue(traces),
                CoveragePath = parse.GetValue(coverage),
                StackKind = parse.GetValue(stackOption)!,
                QuietMs = RunOptions.CheckQuiet(parse.GetValue(quiet)),
                ShrinkBudget = Math.Max(1, parse.GetValue(shrinkBudget)),
                MaxDisagreements = Math.Max(1, parse.GetValue(maxDisagreements)),
                NoAvoid = parse.GetValue(noAvoid),
                Jobs = parse.GetValue(jobs),
                Shard = Shard.Parse(parse.GetValue(shard)),
                Worker = WorkerShare.Parse(parse.GetValue(worker)),
            }.Execute();
        }));
        return command;
    }

    /// <summary>One invocation of fuzz on a stack, its options checked.</summary>
    private sealed class Fuzz(TextWriter stdout, TextWriter stderr)
    {
        public ulong Seed { get; init; }

        public long Count { get; init; }

        public long Start { get; init; }

        public Profile? Chosen { get; init; }

        public string? ReportPath { get; init; }

        public string? JUnitPath { get; init; }

        public required string CounterexampleDirectory { get; init; }

        public string? TracesDirectory { get; init; }

        public string? CoveragePath { get; init; }

        public required string StackKind { get; init; }

        public int? QuietMs { get; init; }

        public int ShrinkBudget { get; init; }

        public int MaxDisagreements { get; init; }

        public bool NoAvoid { get; init; }

        public int? Jobs { get; init; }

        public Shard Shard { get; init; }

        public WorkerShare? Worker { get; init; }

        public int Execute()
        {
            var (stackName, native, _) = RunOptions.Identify(StackKind, Chosen?.Name);
            var judged = Chosen ?? native;
            if (Worker is null)
            {
                OutputPaths.RequireWritableFile("--report", ReportPath);
                OutputPaths.RequireWritableFile("--junit", JUnitPath);
                OutputPaths.RequireWritableFile("--coverage", CoveragePath);
                OutputPaths.RequireWritableFolder("--counterexamples", CounterexampleDirectory);
                OutputPaths.RequireWritableFolder("--traces", TracesDirectory);
            }

            var settings = new FuzzSettings
            {
                Seed = Seed,
                Start = Start,
                Count = Count,
                Profile = judged,
                CounterexampleDirectory = CounterexampleDirectory,
                TracesDirectory = TracesDirectory,
                ShrinkBudget = ShrinkBudget,
                MaxDisagreements = MaxDisagreements,
                KnownFindings = NoAvoid ? [] : KnownFindings.For(judged),
            };
            var (offset, length) = Shard.Range(Count);
            var indices = FuzzRun.Indices(Start + offset, length).ToList();
            using var interruption = Interruption.Listen();
            return Worker is { } share
                ? AsWorker(share, settings, indices, interruption)
                : AsRun(stackName, settings, indices, interruption);
        }

        private string StackArgument => (StackKind == "live" ? string.Empty : " --stack " + StackKind) + (NoAvoid ? " --no-avoid" : string.Empty);

        private int AsRun(string stackName, FuzzSettings settings, List<long> indices, Interruption interruption)
        {
            using var journal = RunJournal.FromEnvironment();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var header = new RunReport
            {
                Provenance = ReportProvenance.Now(stackName, ToolVersion.Text),
                Command = "fuzz",
                Stack = stackName,
                Profile = settings.Profile.Name,
                Planned = indices.Count,
                Shard = Shard.IsWhole ? null : Shard.ToString(),
                Fuzz = new FuzzSection(Seed, indices.Count == 0 ? Start : indices[0], indices.Count, [.. settings.KnownFindings.Select(f => f.Id)]),
                Results = [],
            };
            journal.Header(header, ReportPath, JUnitPath);
            var progress = new FuzzProgress(stderr, indices.Count, interactive: !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error));
            var inconclusive = 0;
            var failing = 0;
            var results = new OrderedResults(indices, stdout, journal, _ => null)
            {
                Enough = printed => printed.Count(e => e.Counterexample is not null) >= MaxDisagreements,
            };
            bool Finished(ResultEntry entry, string output)
            {
                inconclusive += entry.Verdict == Verdicts.Inconclusive ? 1 : 0;
                failing += entry.UnexpectedDivergence || entry.Flaky ? 1 : 0;
                var more = results.Add(entry, output);
                progress.Update(results.Printed.Count, failing, inconclusive);
                return more;
            }

            var intro = string.Create(CultureInfo.InvariantCulture, $"fuzz: seed {Seed}, scenarios {header.Fuzz.Start}..{header.Fuzz.Start + indices.Count - 1}{(Shard.IsWhole ? string.Empty : $" (shard {Shard} of {Start}..{Start + Count - 1})")}, loopback-only generation ({GenerationOptions.Loopback.MinSteps}-{GenerationOptions.Loopback.MaxSteps} steps, at most {GenerationOptions.Loopback.MaxSockets} sockets)")
                + (settings.KnownFindings.Count > 0
                    ? $"\navoiding {settings.KnownFindings.Count} known findings awaiting a profile switch (.fuzz-findings.md; --no-avoid to include them): {string.Join(", ", settings.KnownFindings.Select(f => f.Id))}"
                    : string.Empty);
            var jobs = RunOptions.JobsFor(Jobs, StackKind, indices.Count);
            string stackDescription;
            string? failure = null;
            var exit = ExitCodes.Conforms;
            if (jobs <= 1)
            {
                using var stack = RunOptions.CreateStack(StackKind, settings.Profile, QuietMs, FuzzSettings.DefaultQuietMs);
                stackDescription = RunOptions.StackDescription(stack);
                stdout.WriteLine(RunOptions.StackLine(stack, settings.Profile));
                stdout.WriteLine(intro);
                RunOptions.OnStep(stack, journal.Step);

                var run = new FuzzRun(new DifferentialRunner(stack, settings.Profile), settings, StackArgument, CounterexampleText.Render, DifferenceText.Contradiction, interruption.Token);
                var started = indices.Select(i =>
                {
                    journal.Scenario(i, string.Create(CultureInfo.InvariantCulture, $"fuzz-{Seed}-{i}"));
                    return i;
                });
                run.Execute(started, r => Finished(Entry(r), r.Output));
            }
            else
            {
                var coordinator = new Coordinator(stdout, journal, results);
                (exit, failure) = coordinator.Run(jobs, intro, w => WorkerArguments(settings.Profile, w, jobs), interruption.Token);
                stackDescription = coordinator.Stack?.Description ?? stackName;
            }

            var printed = results.Finish();
            progress.Update(printed.Count, failing, inconclusive, final: true);
            if (results.Stopped)
            {
                stdout.WriteLine($"stopping after {MaxDisagreements} disagreements (--max-disagreements)");
            }

            var report = header with
            {
                DurationSeconds = clock.Elapsed.TotalSeconds,
                Results = printed,
                Fuzz = header.Fuzz! with { StackDescription = stackDescription },
                Interruption = interruption.Requested ? $"interrupted by {interruption.Signal}" : failure,
            };
            stdout.Write(FuzzReport.Summary(report));
            if (ReportPath is { } reportPath)
            {
                RunReportWriter.WriteJson(report, reportPath);
            }

            if (JUnitPath is { } junitPath)
            {
                RunReportWriter.WriteJUnit(report, junitPath);
            }

            if (CoveragePath is { } coveragePath)
            {
                var commandLine = string.Create(CultureInfo.InvariantCulture, $"./conformance fuzz --count {Count} --seed {Seed}{(Start == 0 ? string.Empty : $" --start {Start}")}{(Chosen is null ? string.Empty : " --profile " + Chosen.Name)}{StackArgument} --coverage {coveragePath.Replace('\\', '/')}");
                var runLine = string.Create(CultureInfo.InvariantCulture, $"{report.Results.Count} generated scenarios, {report.Steps} steps; {report.Conforming} conforming, {report.UnexpectedDivergences} unresolved disagreements.");
                File.WriteAllText(coveragePath, RunReportJson.Coverage(report).Markdown(commandLine, stackDescription, runLine, settings.KnownFindings));
            }

            exit = interruption.Requested ? interruption.ExitCode
                : exit != ExitCodes.Conforms ? exit
                : report.Passed ? ExitCodes.Conforms : ExitCodes.Diverges;
            journal.End(exit);
            return exit;
        }

        private int AsWorker(WorkerShare share, FuzzSettings settings, List<long> indices, Interruption interruption)
        {
            var output = new WorkerOutput(stdout);
            using var stack = RunOptions.CreateStack(StackKind, settings.Profile, QuietMs, FuzzSettings.DefaultQuietMs);
            output.Hello(RunOptions.StackLine(stack, settings.Profile), stack.Name, RunOptions.StackDescription(stack));
            long current = 0;
            RunOptions.OnStep(stack, (step, call) => output.At(current, $"fuzz-{Seed}-{current}", step, call));

            var run = new FuzzRun(new DifferentialRunner(stack, settings.Profile), settings, StackArgument, CounterexampleText.Render, DifferenceText.Contradiction, interruption.Token);
            var mine = indices.Where((_, position) => share.Takes(position)).Select(i => current = i);
            run.Execute(mine, r => output.Result(Entry(r), r.Output));
            output.End(null);
            return interruption.Requested ? interruption.ExitCode : ExitCodes.Conforms;
        }

        private List<string> WorkerArguments(Profile judged, int worker, int jobs)
        {
            List<string> arguments =
            [
                "fuzz", "--seed", Invariant(Seed), "--start", Invariant(Start), "--count", Invariant(Count), "--profile", judged.Name,
                "--counterexamples", CounterexampleDirectory, "--stack", StackKind, .. RunOptions.QuietArguments(QuietMs),
                "--shrink-budget", Invariant(ShrinkBudget), "--max-disagreements", Invariant(MaxDisagreements),
                "--shard", Shard.ToString(), "--worker", $"{Invariant(worker)}/{Invariant(jobs)}",
            ];
            if (TracesDirectory is { } traces)
            {
                arguments.AddRange(["--traces", traces]);
            }

            if (NoAvoid)
            {
                arguments.Add("--no-avoid");
            }

            return arguments;
        }

        private static ResultEntry Entry(FuzzScenarioResult r)
        {
            var entry = ResultEntries.From(r.Outcome, r.Index) with
            {
                RulesConfirmed = ResultEntries.RuleIds(r.RulesConfirmed),
                Known = r.Known,
                StackRuns = r.StackRuns,
            };
            return r.Counterexample is not { } c ? entry : entry with
            {
                Counterexample = new CounterexampleEntry(
                    c.ScenarioPath.Replace('\\', '/'), c.TracePath.Replace('\\', '/'), c.OriginalPath.Replace('\\', '/'), c.Original.Count, c.Minimal.Count, c.ShrinkRuns, c.Replay),
            };
        }

        private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Invariant(ulong value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static int ModelOnly(TextWriter stdout, TextWriter stderr, ulong seed, long start, long count, Profile? profile)
    {
        using var interruption = Interruption.Listen();
        var progress = new FuzzProgress(stderr, count, interactive: !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error));
        var result = ModelFuzz.Run(seed, start, count, profile, GenerationOptions.ModelFuzz, (done, failures) => progress.Update(done, failures, 0), interruption.Token);
        progress.Update(result.Scenarios, result.Failures.Count, 0, final: true);
        stdout.Write(FuzzReport.ModelOnlySummary(result, seed, profile?.Name ?? Profiles.Names));
        return result.Interrupted ? interruption.ExitCode : result.Failures.Count == 0 ? ExitCodes.Conforms : ExitCodes.Diverges;
    }

    private static ulong ParseSeed(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--seed \"{text}\": expected an unsigned 64-bit number");
}
