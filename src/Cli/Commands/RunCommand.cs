using System.CommandLine;
using WinsockConformance.Model;
using WinsockConformance.RealWinsock.Live;
using WinsockConformance.Reports;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>
/// run: the main job. Runs every scenario of a folder on the real ws2_32 (or the model, with
/// --stack model), writes the traces, checks each against the profile and prints the conformance
/// report; --report and --junit write it for CI. Exit 0 only when nothing diverges unexpectedly
/// and nothing is flaky.
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
        var traces = new Option<string?>("--traces") { Description = "Folder for the captured traces (default: .cache/traces/<stack>; --traces traces/<stack> refreshes the committed captures)" };
        var stackOption = new Option<string>("--stack") { Description = "live (real ws2_32: Windows, or Wine) or model", DefaultValueFactory = _ => "live" };
        var quiet = new Option<int?>("--quiet-ms") { Description = "Settle every step by this quiet period after its predicted effects arrived (default: the wineserver's ordering under Wine, 6 ms on Windows)" };
        var command = new Command("run", "Run a scenario corpus on a stack, check every trace against the model, report.")
        {
            scenarios, profile, repeat, report, junit, traces, stackOption, quiet,
        };
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var corpus = ScenarioCorpus.Load(parse.GetValue(scenarios)!);
            using var stack = CreateStack(parse.GetValue(stackOption)!, parse.GetValue(profile), parse.GetValue(quiet));
            var chosen = parse.GetValue(profile) is { } name ? ProfileOption.Resolve(name) : stack.NativeProfile;
            var runnable = corpus.Where(c => LiveStackFilter(stack, c.Scenario) is null).ToList();
            var skipped = corpus.Count - runnable.Count;
            stdout.WriteLine($"stack {stack.Name} ({stack.Provenance.Os}; ws2_32 {stack.Provenance.Ws2_32 ?? "?"}{(stack.Provenance.Wine is null ? string.Empty : "; wine " + stack.Provenance.Wine)}), profile {chosen.Name}");
            stdout.WriteLine($"{runnable.Count} scenarios" + (skipped > 0 ? $" ({skipped} skipped: not producible over loopback)" : string.Empty)
                + (OperatingSystem.IsWindows() && stack is LiveStack live ? $"; settling: {live.SettlingDescription}" : string.Empty));
            var repeatCount = Math.Max(1, parse.GetValue(repeat));
            var directory = parse.GetValue(traces) ?? Path.Combine(".cache", "traces", stack.Name);
            var runner = new ConformanceRunner(stack, chosen, directory, stdout);
            var summary = runner.Run(runnable, repeatCount);
            stdout.Write(RunReportWriter.Summary(summary));
            if (parse.GetValue(report) is { } reportPath)
            {
                RunReportWriter.WriteJson(summary, reportPath);
            }

            if (parse.GetValue(junit) is { } junitPath)
            {
                RunReportWriter.WriteJUnit(summary, junitPath);
            }

            return summary.UnexpectedDivergences == 0 && summary.Flaky == 0 ? ExitCodes.Conforms : ExitCodes.Diverges;
        }));
        return command;
    }

    private static string? LiveStackFilter(IScenarioStack stack, Trace scenario) =>
        OperatingSystem.IsWindows() && stack is LiveStack ? LiveStack.Unreachable(scenario) : null;

    private static IScenarioStack CreateStack(string kind, string? profile, int? quietMs)
    {
        switch (kind)
        {
            case "model":
                return new ModelStack(ProfileOption.Resolve(profile ?? Profiles.Windows.Name));
            case "live":
                if (!OperatingSystem.IsWindows())
                {
                    throw new UsageException("the live stack needs Windows, or Wine on Linux: use ./conformance run (it starts this probe under Wine), or --stack model");
                }

                try
                {
                    return new LiveStack(Settling.Choose(quietMs, Settling.Default.NativeQuiet));
                }
                catch (StackFailureException e)
                {
                    throw new StackUnavailableException(e.Message);
                }

            default:
                throw new UsageException($"unknown stack '{kind}'; expected live or model");
        }
    }
}
