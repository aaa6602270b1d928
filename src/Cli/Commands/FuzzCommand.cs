using System.CommandLine;
using System.Globalization;
using WinsockConformance.Generation;
using WinsockConformance.Model;
using WinsockConformance.RealWinsock.Live;
using WinsockConformance.Reports;
using WinsockConformance.Stacks;

namespace WinsockConformance.Cli;

/// <summary>
/// fuzz: differential property testing. Generated scenarios run on the model and on the live stack (in
/// this process: one Wine process runs them all); a disagreement is shrunk on the stack and saved as a
/// counterexample. --model-only checks the model's invariants on generated scenarios instead, fast.
/// Exit codes as run: 0 nothing unresolved, 1 a disagreement (or invariant violation, or a flaky one),
/// 2 bad input, 3 the stack cannot be driven.
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
        var quiet = new Option<int?>("--quiet-ms") { Description = "Settle every step by this quiet period after its predicted effects arrived (default: the wineserver's ordering under Wine, 2 ms on Windows)" };
        var shrinkBudget = new Option<int>("--shrink-budget") { Description = "Most stack runs one shrink may make", DefaultValueFactory = _ => 300 };
        var noAvoid = new Option<bool>("--no-avoid") { Description = "Generate the situations of known findings too (to see whether a profile switch resolved them)" };
        var maxDisagreements = new Option<int>("--max-disagreements") { Description = "Stop after this many shrunk disagreements", DefaultValueFactory = _ => 20 };
        var command = new Command("fuzz", "Differential property testing: generated scenarios on the model and the live stack; disagreements shrunk on the stack.")
        {
            count, seed, start, profile, report, junit, modelOnly, counterexamples, traces, coverage, stackOption, quiet, shrinkBudget, maxDisagreements, noAvoid,
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

            var stackKind = parse.GetValue(stackOption)!;
            using var stack = CreateStack(stackKind, chosen, parse.GetValue(quiet));
            var judged = chosen ?? stack.NativeProfile;
            var settings = new FuzzSettings
            {
                Seed = seedValue,
                Start = first,
                Count = n,
                Profile = judged,
                CounterexampleDirectory = parse.GetValue(counterexamples)!,
                TracesDirectory = parse.GetValue(traces),
                ShrinkBudget = Math.Max(1, parse.GetValue(shrinkBudget)),
                MaxDisagreements = Math.Max(1, parse.GetValue(maxDisagreements)),
                KnownFindings = parse.GetValue(noAvoid) ? [] : KnownFindings.For(judged),
            };
            stdout.WriteLine($"stack {stack.Name} ({stack.Provenance.Os}; ws2_32 {stack.Provenance.Ws2_32 ?? "?"}{(stack.Provenance.Wine is null ? string.Empty : "; wine " + stack.Provenance.Wine)}), profile {judged.Name}"
                + (OperatingSystem.IsWindows() && stack is LiveStack live ? $"; settling: {live.SettlingDescription}" : string.Empty));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz: seed {seedValue}, scenarios {first}..{first + n - 1}, loopback-only generation ({GenerationOptions.Loopback.MinSteps}-{GenerationOptions.Loopback.MaxSteps} steps, at most {GenerationOptions.Loopback.MaxSockets} sockets)"));
            if (settings.KnownFindings.Count > 0)
            {
                stdout.WriteLine($"avoiding {settings.KnownFindings.Count} known findings awaiting a profile switch (.fuzz-findings.md; --no-avoid to include them): {string.Join(", ", settings.KnownFindings.Select(f => f.Id))}");
            }

            var stackArgument = (stackKind == "live" ? string.Empty : " --stack " + stackKind) + (parse.GetValue(noAvoid) ? " --no-avoid" : string.Empty);
            var progress = new FuzzProgress(stderr, n, interactive: !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error));
            var summary = new FuzzRun(new DifferentialRunner(stack, judged), settings, stackArgument, stdout, progress, CounterexampleText.Render, DifferenceText.Contradiction).Execute();
            stdout.Write(FuzzReport.Summary(summary));
            if (parse.GetValue(report) is { } reportPath)
            {
                FuzzReport.WriteJson(summary, reportPath);
            }

            if (parse.GetValue(junit) is { } junitPath)
            {
                FuzzReport.WriteJUnit(summary, junitPath);
            }

            if (parse.GetValue(coverage) is { } coveragePath)
            {
                var commandLine = string.Create(CultureInfo.InvariantCulture, $"./conformance fuzz --count {n} --seed {seedValue}{(first == 0 ? string.Empty : $" --start {first}")}{(chosen is null ? string.Empty : " --profile " + chosen.Name)}{stackArgument} --coverage {coveragePath.Replace('\\', '/')}");
                var runLine = string.Create(CultureInfo.InvariantCulture, $"{summary.Run.Outcomes.Count} generated scenarios, {summary.Run.Steps} steps; {summary.Run.Conforming} conforming, {summary.Run.UnexpectedDivergences} unresolved disagreements.");
                File.WriteAllText(coveragePath, summary.Coverage.Markdown(commandLine, $"{stack.Name} ({stack.Provenance.Os}{(stack.Provenance.Wine is null ? string.Empty : "; wine " + stack.Provenance.Wine)})", runLine, settings.KnownFindings));
            }

            return summary.Passed ? ExitCodes.Conforms : ExitCodes.Diverges;
        }));
        return command;
    }

    private static int ModelOnly(TextWriter stdout, TextWriter stderr, ulong seed, long start, long count, Profile? profile)
    {
        var progress = new FuzzProgress(stderr, count, interactive: !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error));
        var result = ModelFuzz.Run(seed, start, count, profile, GenerationOptions.ModelFuzz, (done, failures) => progress.Update(done, failures, 0));
        progress.Update(count, result.Failures.Count, 0, final: true);
        stdout.Write(FuzzReport.ModelOnlySummary(result, seed, profile?.Name ?? Profiles.Names));
        return result.Failures.Count == 0 ? ExitCodes.Conforms : ExitCodes.Diverges;
    }

    private static ulong ParseSeed(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--seed \"{text}\": expected an unsigned 64-bit number");

    private static IScenarioStack CreateStack(string kind, Profile? profile, int? quietMs)
    {
        if (kind.StartsWith("model", StringComparison.Ordinal))
        {
            var name = kind == "model" ? profile?.Name ?? Profiles.Windows.Name : kind.StartsWith("model:", StringComparison.Ordinal) ? kind["model:".Length..] : null;
            return name is null
                ? throw new UsageException($"unknown stack '{kind}'; expected live, model or model:PROFILE")
                : new ModelStack(ProfileOption.Resolve(name));
        }

        if (kind != "live")
        {
            throw new UsageException($"unknown stack '{kind}'; expected live, model or model:PROFILE");
        }

        if (!OperatingSystem.IsWindows())
        {
            throw new UsageException("the live stack needs Windows, or Wine on Linux: use ./conformance fuzz (it starts this probe under Wine), --model-only, or --stack model");
        }

        try
        {
            return new LiveStack(Settling.Choose(quietMs, TimeSpan.FromMilliseconds(FuzzSettings.DefaultQuietMs)));
        }
        catch (StackFailureException e)
        {
            throw new StackUnavailableException(e.Message);
        }
    }
}
