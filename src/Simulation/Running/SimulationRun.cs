using System.Diagnostics.CodeAnalysis;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Oracles;
using WinsockConformance.Simulation.Recording;
using WinsockConformance.Simulation.Scheduling;
using WinsockConformance.Simulation.Windowing;

namespace WinsockConformance.Simulation.Running;

/// <summary>
/// One schedule of one program against one peer under one profile: assembles the stack, the simulated user32 queue,
/// the peer and the scheduler, binds them to the running thread (the managed API finds them through
/// <see cref="Current"/>), runs the program, and collects what the oracles said.
/// </summary>
internal sealed class SimulationRun : ISimulationObserver, IQueueObserver, IExpectationObserver, IRunControl, IOracleContext
{
    /// <summary>The network windows a schedule can choose (its first choice): the default, then small ones that make sends fail with WSAEWOULDBLOCK.</summary>
    public static readonly IReadOnlyList<int> Windows = [SimulatedStack.DefaultBufferSize, 4096, 512];

    [ThreadStatic]
    private static SimulationRun? t_current;

    private readonly RunSettings _settings;
    private readonly Choices _choices;
    private readonly ScheduleDriver _driver;
    private readonly OracleCheck[] _checks;
    private readonly Dictionary<SocketRef, PostedNotification> _retrievedBySocket = [];
    private readonly Dictionary<string, RuleSet> _stepRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleSet> _createdRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleSet> _closedRules = new(StringComparer.Ordinal);
    private PostedNotification? _lastRetrieved;
    private OracleFailure? _failure;
    private string? _ending;
    private bool _idle;

    /// <param name="settings">The profile, the peer and the bounds.</param>
    /// <param name="choices">The schedule's choices, read as the run needs them.</param>
    /// <param name="host">
    /// Who delivers the stack's posts and event signals, given the run's queue: by default the queue itself (a managed
    /// program retrieves from it); a native program's host posts to the program's real windows and keeps the queue as a
    /// mirror of its real one, for the oracles.
    /// </param>
    public SimulationRun(RunSettings settings, Choices choices, Func<SimulationRun, ISimulationHost>? host = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _choices = choices;
        Record = new RunRecord(settings.Record);
        User32 = new SimulatedUser32(this);
        Peer = new PeerNetwork(settings.Peer, choices, Record, this);
        _driver = new ScheduleDriver(choices, Peer, this, settings.Budget);
        var window = Windows[choices.Choose(Windows.Count, r => r.NextDouble() switch
        {
            < 0.6 => 0,
            < 0.85 => 1,
            _ => 2,
        })];
        Stack = new SimulatedStack(settings.Profile, host?.Invoke(this) ?? User32, _driver, this) { NetworkWindow = window };
        Peer.Stack = Stack;
        _driver.Stack = Stack;
        User32.Driver = _driver;
        User32.RetrievedNotification = (origin, filter) => Stack.Retrieved(origin, filter.Hwnd, filter.Min, filter.Max, filter.Remove);
        Record.SocketText = r => Stack.SocketOf(r).ToString();
        _checks = [new DataLossCheck(settings.Peer.AllowUnread), new ClosedHandleCheck(), new StaleHandleCheck(), new FloodCheck(), new HangCheck()];
        if (window != SimulatedStack.DefaultBufferSize)
        {
            Record.Note($"schedule: the network holds {window} bytes in flight per connection");
        }
    }

    /// <summary>The run the calling thread's program is in.</summary>
    public static SimulationRun Current =>
        t_current ?? throw new InvalidOperationException("no simulated run on this thread: the Winsock-shaped API works only inside a program run by the simulator (./conformance simulate)");

    /// <summary>Whether the calling thread runs a program under the simulator.</summary>
    public static bool Active => t_current is not null;

    public SimulatedStack Stack { get; }

    public SimulatedUser32 User32 { get; }

    public PeerNetwork Peer { get; }

    public RunRecord Record { get; }

    public ScheduleDriver Driver => _driver;

    public int FloodLimit => _settings.FloodLimit;

    public bool Stopped => _failure is not null || _ending is not null;

    // ---- running ------------------------------------------------------------------------------------------------

    /// <summary>Runs <paramref name="program"/> (the program's Main) on this thread to its end, then the end-of-run checks.</summary>
    /// <param name="program">The program's Main: returns its exit code.</param>
    /// <param name="exitText">How the program's exit code is told ("Main returned 3"; a native program's process exits).</param>
    public RunOutcome Execute(Func<int> program, Func<int, string>? exitText = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        string? problem = null;
        var verdict = RunVerdict.Passed;
        t_current = this;
        try
        {
            var exit = program();
            var text = exitText?.Invoke(exit) ?? $"Main returned {exit}";
            Ended(text);
            if (exit != 0)
            {
                Guarded(() => Fire(Oracles.Oracles.Exit, text, RetrievedRules(null)));
            }
        }
        catch (UnsupportedCallException e)
        {
            verdict = RunVerdict.Unsupported;
            problem = e.Message;
            Ended("stopped at an unsupported call");
        }
        catch (ProgramExitException e)
        {
            Ended($"Sim.Exit({e.ExitCode})");
            if (e.ExitCode != 0)
            {
                Guarded(() => Fire(Oracles.Oracles.Exit, $"the program exited with code {e.ExitCode}", RetrievedRules(null)));
            }
        }
        catch (SimulationStoppedException)
        {
            Ended(_failure is not null ? "stopped where an oracle fired" : _ending ?? "stopped");
        }
        catch (SimulatorBugException e)
        {
            verdict = RunVerdict.Error;
            problem = e.Message;
            Ended("stopped by a simulator bug");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var unwrapped = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            Ended("the program threw");
            Guarded(() => Fire(Oracles.Oracles.Exit, $"the program threw {unwrapped.GetType().Name}: {unwrapped.Message}{WhereThrown(unwrapped)}", RetrievedRules(null)));
        }
        finally
        {
            t_current = null;
        }

        if (verdict == RunVerdict.Passed)
        {
            verdict = Finish(ref problem);
        }

        Record.EventObjectsSetByProgram = Stack.EventObjectsSetByProgram;

        if (_failure is not null && verdict == RunVerdict.Passed)
        {
            verdict = RunVerdict.Failed;
        }

        return new RunOutcome(verdict, _failure, problem, _ending ?? "ended", [.. _choices.Made], Record, _driver.Calls);
    }

    /// <summary>After the program: Windows closes what it left open, the peer reads what it was sent, expectations are judged.</summary>
    private RunVerdict Finish(ref string? problem)
    {
        if (_failure is not null)
        {
            return RunVerdict.Failed;
        }

        if (_idle)
        {
            // The program still waits: its sockets stay open, and IdleForever has judged what was pending.
            return RunVerdict.Passed;
        }

        try
        {
            Stack.ProgramEnded();
            Peer.FinishAfterExit();
            if (Peer.Current is ExpectAction expect)
            {
                Fire(Oracles.Oracles.PeerExpect, $"the peer still expects {PeerNetwork.Quote(expect.Bytes)} (line {expect.Line}) after the program ended", RuleSet.Empty);
            }
        }
        catch (SimulationStoppedException e) when (e is not UnsupportedCallException)
        {
            // An oracle fired in the end-of-run checks: recorded in _failure.
        }
        catch (UnsupportedCallException e)
        {
            problem = e.Message;
            return RunVerdict.Unsupported;
        }
        catch (SimulatorBugException e)
        {
            problem = e.Message;
            return RunVerdict.Error;
        }

        return _failure is null ? RunVerdict.Passed : RunVerdict.Failed;
    }

    private void Ended(string how) => _ending ??= how;

    private static void Guarded(Action fire)
    {
        try
        {
            fire();
        }
        catch (SimulationStoppedException)
        {
        }
    }

    private static string WhereThrown(Exception e)
    {
        var frame = e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (frame is null)
        {
            return string.Empty;
        }

        // "at Type.Method(...) in /some/dir/File.cs:line 44": the file name is enough, and the same on every machine.
        var at = frame.LastIndexOf(" in ", StringComparison.Ordinal);
        if (at > 0)
        {
            var location = frame[(at + 4)..];
            frame = frame[..at] + " in " + Path.GetFileName(location);
        }

        return $" ({frame})";
    }

    // ---- oracles ------------------------------------------------------------------------------------------------

    [DoesNotReturn]
    public void Fire(Oracle oracle, string detail, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        if (_failure is null)
        {
            _failure = new OracleFailure(oracle, Record.Next, detail, rules);
            Record.Note($"{oracle.Id}: {detail}");
        }

        throw new SimulationStoppedException($"{oracle.Id}: {detail}");
    }

    /// <summary>Sim.Assert failed in the program.</summary>
    public void AssertionFailed(string message) => Fire(Oracles.Oracles.Assert, message, RetrievedRules(null));

    public void ExpectationFailed(ExpectAction action, Connection connection, string detail) =>
        Fire(Oracles.Oracles.PeerExpect, detail, connection.ProgramSocket is { } s ? StepRules(s.Ref) : RuleSet.Empty);

    [DoesNotReturn]
    public void IdleForever(string api)
    {
        foreach (var check in _checks)
        {
            check.IdleForever(this, api);
        }

        if (Peer.Current is ExpectAction expect)
        {
            Fire(Oracles.Oracles.PeerExpect, $"the program waits in {api} with nothing left to happen, but the peer still expects {PeerNetwork.Quote(expect.Bytes)} (line {expect.Line})", RuleSet.Empty);
        }

        var waiting = Peer.Waiting();
        _idle = true;
        _ending = $"the program waits in {api} with nothing left to happen" + (waiting is null ? string.Empty : $" (the peer waits at {waiting})");
        Record.Note(_ending);
        throw new SimulationStoppedException(_ending);
    }

    [DoesNotReturn]
    public void BudgetExhausted(int budget) =>
        Fire(Oracles.Oracles.Budget, $"the program made {budget} calls without finishing or waiting", RetrievedRules(null));

    public bool StaleMessageQueued
    {
        get
        {
            foreach (var m in User32.Queued)
            {
                if (m.Origin is { } o && !Stack.SocketOf(o.Notification.Socket).Open)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public RuleSet RetrievedRules(SocketRef? socket)
    {
        if (socket is { } s)
        {
            return _retrievedBySocket.TryGetValue(s, out var o) ? o.Rules : RuleSet.Empty;
        }

        return _lastRetrieved?.Rules ?? RuleSet.Empty;
    }

    public RuleSet StepRules(SocketRef socket) => _stepRules.GetValueOrDefault(Stack.SocketOf(socket).Name);

    public (RuleSet Created, RuleSet Closed) LifeRules(SocketRef socket)
    {
        var name = Stack.SocketOf(socket).Name;
        return (_createdRules.GetValueOrDefault(name), _closedRules.GetValueOrDefault(name));
    }

    // ---- what the stack and the queue report ---------------------------------------------------------------------

    public int NextEvent => Record.Next;

    public void HandleUsed(string api, nint handle, HandleStatus status)
    {
        foreach (var check in _checks)
        {
            check.HandleUsed(this, api, handle, status);
        }
    }

    public void Closing(SimSocket socket, SocketState before, string api)
    {
        foreach (var check in _checks)
        {
            check.Closing(this, socket, before, api);
        }
    }

    public void Stepped(Input input, Observation observation, IReadOnlyList<PostedNotification> posted)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(observation);
        Record.Stepped(input, observation);
        switch (input)
        {
            case SocketCall c:
                _createdRules[c.Name] = observation.Rules;
                break;
            case AcceptCall a:
                _createdRules[a.NewName] = observation.Rules;
                _stepRules[a.Listener] = observation.Rules;
                break;
            case CloseSocketCall c:
                _closedRules[c.Name] = observation.Rules;
                _stepRules[c.Name] = observation.Rules;
                break;
            default:
                if (input.Socket is { } name)
                {
                    _stepRules[name] = observation.Rules;
                }

                break;
        }
    }

    public void Returned(string description, long result, int lastError) =>
        Record.Call(description, result, lastError == 0 ? null : ErrorNames.Of(lastError));

    public void Posted(QueuedMessage message, int queuedForSameSocket)
    {
        foreach (var check in _checks)
        {
            check.Posted(this, message, queuedForSameSocket);
        }
    }

    public void Retrieved(QueuedMessage message, string api)
    {
        ArgumentNullException.ThrowIfNull(message);
        _driver.Progressed();
        if (message.Origin is { } origin)
        {
            _lastRetrieved = origin;
            _retrievedBySocket[origin.Notification.Socket] = origin;
            var n = origin.Notification;
            var socket = Stack.SocketOf(n.Socket);
            if (Record.Keeps)
            {
                Record.Message(() => $"{api} -> {socket} {n.Event.NativeName()}" + (n.Error == WsaError.None ? string.Empty : " " + n.Error.NativeName()) + $" (hwnd 0x{message.Hwnd:X}, msg 0x{message.Message:X}, posted at event {origin.Step})", message.WParam);
            }
            else
            {
                Record.Message(string.Empty);
            }
        }
        else
        {
            Record.Message(() => $"{api} -> msg 0x{message.Message:X} hwnd 0x{message.Hwnd:X} wParam 0x{message.WParam:X} lParam 0x{message.LParam:X}");
        }

        foreach (var check in _checks)
        {
            check.Retrieved(this, message);
        }
    }

    public void Peeked(QueuedMessage message, string api)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Record.Keeps)
        {
            // Counted as when kept: a search's run and its recorded replay number their events alike.
            Record.Message(string.Empty);
        }
        else if (message.Origin is { } origin)
        {
            var n = origin.Notification;
            var socket = Stack.SocketOf(n.Socket);
            Record.Message(() => $"{api}(PM_NOREMOVE) sees {socket} {n.Event.NativeName()}" + (n.Error == WsaError.None ? string.Empty : " " + n.Error.NativeName()) + $" (hwnd 0x{message.Hwnd:X}, msg 0x{message.Message:X}, posted at event {origin.Step}); it stays queued", message.WParam);
        }
    }

    public void FoundNothing(string api) => _driver.Polled(api);
}
