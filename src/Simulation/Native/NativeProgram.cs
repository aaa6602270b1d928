using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Native.Channel;
using WinsockConformance.Simulation.Native.Protocol;
using WinsockConformance.Simulation.Native.Wine;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Native;

/// <summary>How the shim gets into a native program.</summary>
internal enum ShimAttach
{
    /// <summary>The program imports ws2_32.dll: the shim stands in for it through a DLL override (Wine only).</summary>
    Override,

    /// <summary>The program was linked against the shim's import library: it imports wsasim.dll (Wine and Windows).</summary>
    Linked,
}

/// <summary>
/// A native Windows program (x64 PE) run on the simulated Winsock: each run starts the program's process (under Wine
/// on Linux) with the shim in place of ws2_32 and answers the shim's requests on that run's stack, in lock-step, until
/// the process ends or the run does (the reply then ends the process). Runs are separate processes, so an exploration
/// runs several at once. docs/native-shim-design.md has the design and its measurements.
/// </summary>
internal sealed class NativeProgram : IProgramUnderTest, IDisposable
{
    /// <summary>The protocol the shim must speak (native/shim/protocol.h, WSASIM_PROTOCOL_VERSION).</summary>
    public const int ProtocolVersion = 2;

    /// <summary>How long a run may go without a request before the program counts as stuck outside the watched calls.</summary>
    public static readonly TimeSpan DefaultWatchdog = TimeSpan.FromSeconds(30);

    private readonly string _path;
    private readonly string[] _arguments;
    private readonly ProgramLauncher _launcher;
    private readonly ProgramStage _stage;
    private readonly Lazy<WineSession?> _session;
    private readonly bool _owner;

    public NativeProgram(string path, IReadOnlyList<string> arguments, ShimFiles shim, WineSettings? wine)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(shim);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ProgramLoadException($"{path}: no such file");
        }

        var image = ProgramImage.Read(full) ?? throw new ProgramLoadException($"{path}: not a Windows program (no PE header)");
        if (image.IsManaged)
        {
            throw new ProgramLoadException($"{path}: a .NET assembly, not a native program");
        }

        if (image.Machine != Machine.Amd64)
        {
            throw new ProgramLoadException($"{path}: built for {image.Machine}; the shim is x64 only (build the program for x86_64)");
        }

        Attach = image.LinksShim ? ShimAttach.Linked : ShimAttach.Override;
        if (Attach == ShimAttach.Override && wine is null)
        {
            throw new ProgramLoadException($"{path} imports ws2_32.dll: on Windows ws2_32 is a KnownDLL and cannot be stood in for; link the program against wsasim (docs/testing-wrappers.md)");
        }

        _path = path;
        _arguments = [.. arguments];
        _launcher = new ProgramLauncher(wine);
        _stage = new ProgramStage(full, shim);
        _session = new Lazy<WineSession?>(() => wine is null ? null : new WineSession(_launcher, shim.Keeper), LazyThreadSafetyMode.ExecutionAndPublication);
        _owner = true;
        Display = string.Join(' ', new[] { path }.Concat(arguments));
    }

    private NativeProgram(NativeProgram program, IReadOnlyList<string> arguments)
    {
        _path = program._path;
        _arguments = [.. arguments];
        _launcher = program._launcher;
        _stage = program._stage;
        _session = program._session;
        Attach = program.Attach;
        Watchdog = program.Watchdog;
        Timings = program.Timings;
        Display = string.Join(' ', new[] { _path }.Concat(arguments));
    }

    /// <summary>The same program with other arguments, sharing this one's Wine session and stage (this one disposes them).</summary>
    public NativeProgram WithArguments(IReadOnlyList<string> arguments) => new(this, arguments);

    public string Display { get; }

    public ShimAttach Attach { get; }

    public int Parallelism => int.MaxValue;

    public TimeSpan Watchdog { get; init; } = DefaultWatchdog;

    /// <summary>Where the runs' time went (shared by the programs <see cref="WithArguments"/> makes).</summary>
    public RunTimings Timings { get; } = new();

    /// <summary>One sentence on how the program runs, for reports.</summary>
    public string Loading => Attach == ShimAttach.Linked
        ? "native, linked against wsasim.dll (the shim); a process per run"
        : "native, the shim standing in for ws2_32.dll (DLL override); a process per run";

    public RunOutcome Run(RunSettings settings, Choices choices)
    {
        _ = _session.Value;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using IShimChannel channel = _launcher.UnderWine ? new FifoChannel() : new NamedPipeChannel();
        using var process = _launcher.Start(_stage.Program, _arguments, channel.ProgramSide, Attach == ShimAttach.Override);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync().ContinueWith(_ => channel.ProcessExited(process.ExitCode), TaskScheduler.Default);
        var session = new Session(channel, process, Watchdog);
        RunOutcome outcome;
        try
        {
            outcome = session.Run(settings, choices, Display, stderr);
        }
        finally
        {
            // The process ends before the channel goes (its watcher writes into it).
            var ended = clock.Elapsed;
            session.End();
            exited.Wait();
            Timings.Add(session.Hello, ended - session.Hello, clock.Elapsed - ended, session.Requests);
        }

        if (outcome.Record.Keeps)
        {
            Output(outcome, "stdout", stdout.Result);
            Output(outcome, "stderr", stderr.Result);
        }

        return outcome;
    }

    /// <summary>The program's console output, as notes after its run (it arrives beside the calls, not between them).</summary>
    private static void Output(RunOutcome outcome, string stream, string text)
    {
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(100))
        {
            outcome.Record.Note($"program {stream}: {line}");
        }
    }

    public void Dispose()
    {
        if (!_owner)
        {
            return;
        }

        if (_session.IsValueCreated)
        {
            _session.Value?.Dispose();
        }

        _stage.Dispose();
    }

    /// <summary>One run's conversation with the shim.</summary>
    private sealed class Session(IShimChannel channel, Process process, TimeSpan watchdog)
    {
        /// <summary>How long a program may take to start and make its first Winsock call.</summary>
        private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(120);

        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private bool _awaitingReply;
        private volatile bool _watchdogFired;

        /// <summary>When the shim's hello came (the program's first Winsock call), from the process's start.</summary>
        public TimeSpan Hello { get; private set; }

        public int Requests { get; private set; }

        public RunOutcome Run(RunSettings settings, Choices choices, string display, Task<string> stderr)
        {
            using var timer = new Timer(_ => Stuck(), null, s_startLimit, Timeout.InfiniteTimeSpan);
            var hello = Read();
            Hello = _clock.Elapsed;
            if (hello.Op == ShimOp.Exited)
            {
                var status = (int)hello.Arg(0);
                var said = stderr.Wait(TimeSpan.FromSeconds(5)) ? stderr.Result.Trim() : string.Empty;
                throw new ProgramLoadException(_watchdogFired
                    ? $"{display}: the program made no Winsock call within {s_startLimit.TotalSeconds:0} s of its start, so it was ended{Said(said)}"
                    : status == 0
                    ? $"{display}: the program ended without calling Winsock (is it built against ws2_32 or wsasim?){Said(said)}"
                    : $"{display}: the program ended (status {status}) before its first Winsock call{Said(said)}");
            }

            if (hello.Op != ShimOp.Hello || (int)hello.Arg(0) != ProtocolVersion)
            {
                throw new ProgramLoadException($"{display}: its shim speaks protocol {(hello.Op == ShimOp.Hello ? hello.Arg(0) : "?")}, this harness {ProtocolVersion}: use the shim ./conformance builds");
            }

            NativeHost? host = null;
            var run = new SimulationRun(settings, choices, r => host = new NativeHost(r.User32));
            var calls = new ShimCalls(run, host!);
            Reply(new ShimReply(), timer);
            return run.Execute(() => Converse(run, host!, calls, timer), status => $"the process exited with code {status}");
        }

        /// <summary>Writes a reply and starts the watchdog: from now on the program's time counts, not the harness's.</summary>
        private void Reply(ShimReply reply, Timer timer)
        {
            channel.Write(reply);
            timer.Change(watchdog, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Requests until the process ends: calls and idle points answered, notices taken.</summary>
        private int Converse(SimulationRun run, NativeHost host, ShimCalls calls, Timer timer)
        {
            while (true)
            {
                var request = Read();
                Requests++;
                switch (request.Op)
                {
                    case ShimOp.Exited when _watchdogFired:
                        run.Fire(Oracles.Oracles.Hang, string.Create(CultureInfo.InvariantCulture,
                            $"the program made no call for {watchdog.TotalSeconds:0} s: busy, or blocked outside the calls the shim watches (docs/native-shim-design.md), so it was ended"), run.RetrievedRules(null));
                        break;
                    case ShimOp.Exited:
                        return (int)request.Arg(0);
                    case ShimOp.Retrieved:
                        host.Retrieved(request.Handle(0), (uint)request.Arg(1), request.Handle(2), request.Handle(3), request.Arg(4) == 1 ? "GetMessage" : "PeekMessage");
                        break;
                    case ShimOp.Note:
                        run.Record.Note("program: " + request.Text);
                        break;
                    default:
                        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                        _awaitingReply = true;
                        var reply = calls.Answer(request);
                        host.Reply = null;
                        _awaitingReply = false;
                        Reply(reply, timer);
                        break;
                }
            }
        }

        private ShimRequest Read()
        {
            try
            {
                return channel.Read();
            }
            catch (InvalidDataException e)
            {
                throw new SimulatorBugException($"the shim's channel: {e.Message}");
            }
        }

        private void Stuck()
        {
            _watchdogFired = true;
            Kill();
        }

        /// <summary>After the run: a request still waiting gets the reply that ends the process; a process that lingers is killed.</summary>
        public void End()
        {
            if (_awaitingReply)
            {
                _awaitingReply = false;
                var end = new ShimReply();
                end.Effect(new ShimEffect(EffectKind.Terminate, 0));
                try
                {
                    channel.Write(end);
                }
                catch (IOException)
                {
                    // The process is gone already.
                }
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Kill();
                process.WaitForExit();
            }
        }

        private void Kill()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }
        }

        private static string Said(string stderr) => stderr.Length == 0 ? string.Empty : $"; it said: {stderr.ReplaceLineEndings(" | ")}";
    }
}
