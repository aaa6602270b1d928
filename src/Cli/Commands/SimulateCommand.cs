using System.CommandLine;
using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Reports;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Cli;

/// <summary>
/// simulate --peer PEER [--profile P | --all-profiles] [--schedules N] [--seed S] [--replay CHOICES] -- PROGRAM [ARGS...]:
/// runs a managed program on the simulated Winsock under seeded schedules and judges each run with the oracles.
/// Exit 0 every schedule passed every oracle, 1 one failed, 2 bad input, 3 the program cannot be started (or made a
/// call the simulator does not answer).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var peer = new Option<string>("--peer") { Description = $"The peer: a peer script (JSON Lines, docs/simulator.md) or a ready-made peer ({ReadyPeers.Names})", Required = true };
        var profile = ProfileOption.Create("windows");
        var allProfiles = new Option<bool>("--all-profiles") { Description = "Run under every profile (windows, wine-8, documented)" };
        var schedules = new Option<int>("--schedules", "-n") { Description = "Schedules to explore per profile", DefaultValueFactory = _ => ExplorationSettings.DefaultSchedules };
        var seed = new Option<string>("--seed", "-s") { Description = "Seed (an unsigned 64-bit number); the same seed gives the same schedules, byte for byte", DefaultValueFactory = _ => "1" };
        var replay = new Option<string?>("--replay") { Description = "Replay one schedule: the choices a report printed (e.g. 0*4,1,0*3,1)" };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here" };
        var traces = new Option<string?>("--traces") { Description = "Write, per profile, the failing run (or the first schedule's) as a trace check replays (PROFILE.trace.jsonl) and as a record (PROFILE.sim.txt) in this folder" };
        var allTraces = new Option<bool>("--all-traces") { Description = "With --traces: also every schedule's run as a trace, DIR/PROFILE/N.trace.jsonl (each run recorded: slower)" };
        var budget = new Option<int>("--budget") { Description = "Program calls one run may make before SIM-BUDGET fires", DefaultValueFactory = _ => RunSettings.DefaultBudget };
        var flood = new Option<int>("--flood") { Description = "SIM-FLOOD's K: the most messages one socket may have queued", DefaultValueFactory = _ => RunSettings.DefaultFloodLimit };
        var load = new Option<string>("--load") { Description = "auto (the default: one load for all runs unless the program has mutable static fields), shared, or fresh (a new load per run, like a new process; slower)", DefaultValueFactory = _ => "auto" };
        var noShrink = new Option<bool>("--no-shrink") { Description = "Report the first failing schedule as found, without shrinking it" };
        var shim = new Option<string?>("--shim") { Description = "A native program's ws2_32 shim: the folder native/build.sh made (default: WSASIM_SHIM; ./conformance sets it)" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "A native program's runs at once (each run is a process; a managed program runs one at a time)", DefaultValueFactory = _ => NativePrograms.DefaultJobs };
        var program = new Argument<string[]>("program") { Description = "After --: the program (a .NET .dll, or a native Windows .exe) and its arguments", Arity = ArgumentArity.OneOrMore };
        var command = new Command("simulate", "Run a managed program on the simulated Winsock, against a peer, under seeded adversarial schedules; judge every run with the oracles.")
        {
            peer, profile, allProfiles, schedules, seed, replay, report, junit, traces, allTraces, budget, flood, load, noShrink, shim, jobs, program,
        };
        command.SetAction(parse => Guard.Run(stderr, () => Simulation(stderr, () =>
        {
            var directory = parse.GetValue(traces);
            if (parse.GetValue(allTraces) && directory is null)
            {
                throw new UsageException("--all-traces needs --traces DIR");
            }

            var settings = new ExplorationSettings
            {
                Schedules = parse.GetValue(schedules) is var n and >= 1 ? n : throw new UsageException("--schedules must be at least 1"),
                Seed = ParseSeed(parse.GetValue(seed)!),
                Replay = parse.GetValue(replay) is { } text ? Choices.Parse(text) ?? throw new UsageException($"--replay '{text}': expected choices like 0*4,1,0*3,1") : null,
                Shrink = !parse.GetValue(noShrink),
                Budget = Math.Max(1, parse.GetValue(budget)),
                FloodLimit = Math.Max(1, parse.GetValue(flood)),
                Jobs = parse.GetValue(jobs) is var j and >= 1 ? j : throw new UsageException("--jobs must be at least 1"),
            };
            var peerName = parse.GetValue(peer)!;
            var script = ReadyPeers.Load(peerName);
            var profiles = parse.GetValue(allProfiles) ? Profiles.All : [ProfileOption.Resolve(parse.GetValue(profile)!)];
            var words = parse.GetValue(program)!;
            var loading = parse.GetValue(load) switch
            {
                "auto" => ProgramLoading.Auto,
                "shared" => ProgramLoading.Shared,
                "fresh" => ProgramLoading.Fresh,
                var other => throw new UsageException($"--load '{other}': expected auto, shared or fresh"),
            };
            using var native = NativePrograms.IsNative(words[0]) ? NativePrograms.Create(words[0], words[1..], parse.GetValue(shim)) : null;
            IProgramUnderTest under = native ?? (IProgramUnderTest)new ManagedProgram(words[0], words[1..], loading);
            stdout.WriteLine($"program: {(native is not null ? native.Loading : ((ManagedProgram)under).Loading)}");
            if (parse.GetValue(allTraces))
            {
                settings = settings with
                {
                    OnRun = (p, i, run) =>
                    {
                        var folder = Directory.CreateDirectory(Path.Combine(directory!, p.Name)).FullName;
                        SimulationReportFiles.WriteTrace(Path.Combine(folder, $"{i + 1:D4}.trace.jsonl"), under.Display, script, p, run);
                    },
                };
            }

            var result = Exploration.Explore(under, script, profiles, settings);
            string Replay(Profile p, string choices) =>
                $"./conformance simulate --peer {Quote(peerName)} --profile {p.Name} --replay {choices} -- {string.Join(' ', words.Select(Quote))}";
            stdout.Write(SimulationReportText.Render(result, Replay));
            if (native is not null)
            {
                stdout.WriteLine($"native runs: {native.Timings}");
            }

            if (parse.GetValue(report) is { } json)
            {
                SimulationReportFiles.WriteJson(result, json, Replay);
            }

            if (parse.GetValue(junit) is { } xml)
            {
                SimulationReportFiles.WriteJUnit(result, xml, Replay);
            }

            if (directory is not null)
            {
                var recorded = settings with { OnRun = null };
                foreach (var file in SimulationReportFiles.WriteRecords(result, directory, p => Exploration.FirstSchedule(under, new RunSettings(p.Profile, script, recorded.Budget, recorded.FloodLimit), recorded)))
                {
                    stdout.WriteLine($"record: {file}");
                }
            }

            return result.Unsupported ? ExitCodes.StackFailure : result.Passed ? ExitCodes.Conforms : ExitCodes.Diverges;
        })));
        return command;
    }

    /// <summary>Turns the simulator's input and start-up errors into the tool's exit codes (2 bad input, 3 cannot start).</summary>
    public static int Simulation(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (PeerScriptException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ProgramLoadException e)
        {
            stderr.WriteLine($"error: the program cannot be started: {e.Message}");
            return ExitCodes.StackFailure;
        }
    }

    public static ulong ParseSeed(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new UsageException($"--seed '{text}': expected an unsigned 64-bit number");

    private static string Quote(string word) => word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or ',') ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
