using System.CommandLine;
using System.Globalization;
using WinsockConformance.Simulation.Native;
using WinsockConformance.Simulation.Native.Live;
using WinsockConformance.Simulation.Native.Wine;
using WinsockConformance.Simulation.Network;

namespace WinsockConformance.Cli;

/// <summary>
/// native-live --peer PEER [--repeat N] -- PROGRAM.exe [ARGS...]: runs a native program on the real stack (under Wine,
/// Wine's own ws2_32) against the peer script played over loopback TCP ("{port}" in ARGS becomes its port), to set
/// beside what simulate finds. Exit 0 when every run exited 0, 1 otherwise.
/// </summary>
internal static class NativeLiveCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var peer = new Option<string>("--peer") { Description = $"The peer script (or a ready-made peer: {ReadyPeers.Names}), played over loopback TCP", Required = true };
        var repeat = new Option<int>("--repeat") { Description = "Runs of the program", DefaultValueFactory = _ => 1 };
        var shim = new Option<string?>("--shim") { Description = "The native build's folder (for the keeper that holds Wine's session; default: WSASIM_SHIM)" };
        var program = new Argument<string[]>("program") { Description = "After --: the native program and its arguments; {port} becomes the peer's port", Arity = ArgumentArity.OneOrMore };
        var command = new Command("native-live", "Run a native program on the real stack (Wine's own ws2_32) against a peer script played over loopback TCP.")
        {
            peer, repeat, shim, program,
        };
        command.SetAction(parse => Guard.Run(stderr, () => SimulateCommand.Simulation(stderr, () =>
        {
            var words = parse.GetValue(program)!;
            var script = ReadyPeers.Load(parse.GetValue(peer)!);
            var runs = parse.GetValue(repeat) is var n and >= 1 ? n : throw new UsageException("--repeat must be at least 1");
            using var live = LivePrograms.Start(parse.GetValue(shim));
            var failed = 0;
            for (var i = 0; i < runs; i++)
            {
                var outcome = live.Run.Run(Path.GetFullPath(words[0]), words[1..], script);
                failed += outcome.Passed ? 0 : 1;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: {outcome.Summary} ({outcome.Elapsed.TotalSeconds:0.0} s)"));
                foreach (var line in outcome.Output.Take(20))
                {
                    stdout.WriteLine($"  program: {line}");
                }

                foreach (var note in outcome.PeerNotes)
                {
                    stdout.WriteLine($"  peer: {note}");
                }
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs - failed} of {runs} run(s) passed on the real stack"));
            return failed == 0 ? ExitCodes.Conforms : ExitCodes.Diverges;
        })));
        return command;
    }
}

/// <summary>A warm Wine session (the keeper) and a launcher for real-stack runs.</summary>
internal sealed class LivePrograms : IDisposable
{
    private readonly WineSession? _session;

    private LivePrograms(LiveRun run, WineSession? session)
    {
        Run = run;
        _session = session;
    }

    public LiveRun Run { get; }

    public static LivePrograms Start(string? shim)
    {
        var wine = OperatingSystem.IsWindows() ? null : WineSettings.FromEnvironment();
        var launcher = new ProgramLauncher(wine);
        var session = wine is null ? null : new WineSession(launcher, ShimFiles.Find(shim).Keeper);
        return new LivePrograms(new LiveRun(launcher), session);
    }

    public void Dispose() => _session?.Dispose();
}
