using System.Globalization;
using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Recording;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Network;

/// <summary>What the peer's next step would be, for the scheduler's weights.</summary>
internal enum PeerStepKind
{
    /// <summary>Bytes arrive (one segment).</summary>
    Data,

    /// <summary>An urgent byte arrives.</summary>
    Urgent,

    /// <summary>The peer's FIN or RST (shutdown, close, abort).</summary>
    Finish,

    /// <summary>The peer reads what the program sent (send space returns).</summary>
    Read,

    /// <summary>The peer connects to the program's listener.</summary>
    Connect,
}

/// <summary>One step of the peer's script: what it does, whether it waits for the scheduler, what kind it is, and on which connection.</summary>
internal sealed class PeerStep
{
    internal PeerStep(bool instant, PeerStepKind kind, Connection? target, Action run)
    {
        Instant = instant;
        Kind = kind;
        Target = target;
        Run = run;
    }

    /// <summary>Changes nothing the program can see (no model step): done at once, not scheduled.</summary>
    public bool Instant { get; }

    public PeerStepKind Kind { get; }

    public Connection? Target { get; }

    internal Action Run { get; }
}

/// <summary>The peer expected other bytes than the program sent, or the program stopped sending before the peer had them.</summary>
internal interface IExpectationObserver
{
    void ExpectationFailed(ExpectAction action, Connection connection, string detail);
}

/// <summary>
/// The peer: runs a <see cref="PeerScript"/> against the program, one step at a time, when the scheduler says so.
/// Steps that change nothing the program can see (taking an accepted connection, a satisfied wait, matching bytes
/// already read) happen at once (<c>Settle</c>); each step with a model input waits for the scheduler
/// (<see cref="Ready"/>, <see cref="Take"/>). How a send is cut into segments is a schedule choice.
/// </summary>
internal sealed class PeerNetwork
{
    private readonly PeerScript _script;
    private readonly Choices _choices;
    private readonly RunRecord _record;
    private readonly IExpectationObserver _expectations;
    private readonly List<Connection> _connections = [];
    private readonly List<Connection> _scriptConnections = [];
    private readonly List<Connection> _incoming = [];
    private readonly Queue<byte[]> _segments = new();
    private readonly ByteQueue _echoPending = new();
    private Connection? _segmentTarget;
    private int _next;
    private long _progress;
    private ushort _nextPeerPort = 50000;

    public PeerNetwork(PeerScript script, Choices choices, RunRecord record, IExpectationObserver expectations)
    {
        _script = script;
        _choices = choices;
        _record = record;
        _expectations = expectations;
    }

    /// <summary>The stack the peer acts on (set once the run is assembled).</summary>
    public SimulatedStack Stack { get; set; } = null!;

    public PeerScript Script => _script;

    public IReadOnlyList<Connection> Connections => _connections;

    /// <summary>The script is done: every action has happened.</summary>
    public bool Finished => _next >= _script.Actions.Count && _segments.Count == 0;

    /// <summary>The action the peer is at, or null when the script is done.</summary>
    public PeerAction? Current => _next < _script.Actions.Count ? _script.Actions[_next] : null;

    // ---- the program's connects ---------------------------------------------------------------------------------

    public ConnectAnswer AnswerConnect(SockAddr target)
    {
        var refused = _script.RefusedPorts.ToList();
        var accepted = _script.AcceptedPorts.ToList();
        if (refused.Contains(target.Port))
        {
            return ConnectAnswer.Refused;
        }

        if (accepted.Contains(target.Port) || (accepted.Contains(null) && !refused.Contains(null)))
        {
            return ConnectAnswer.Accepted;
        }

        return ConnectAnswer.Refused;
    }

    public Connection Established(SockAddr target, SimSocket socket)
    {
        var connection = new Connection(_connections.Count + 1, target);
        _connections.Add(connection);
        _incoming.Add(connection);
        return connection;
    }

    // ---- stepping -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Does every step that needs no schedule decision, then returns the next step that does (null when the peer waits
    /// for the program, or is done). Take it with <see cref="Take"/> before anything else changes.
    /// </summary>
    public PeerStep? Ready()
    {
        while (true)
        {
            var unit = Plan();
            if (unit is null || !unit.Instant)
            {
                return unit;
            }

            unit.Run();
        }
    }

    /// <summary>Takes a step <see cref="Ready"/> returned.</summary>
    public static void Take(PeerStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        step.Run();
    }

    /// <summary>Reads what the program sent before it ended, so expectations on it are judged; nothing else runs.</summary>
    public void FinishAfterExit()
    {
        var guard = 0;
        while (Plan() is { } unit && guard++ < 100_000)
        {
            if (!unit.Instant && unit.Kind != PeerStepKind.Read)
            {
                return;
            }

            unit.Run();
        }
    }

    private static PeerStep Instant(Action run) => new(true, PeerStepKind.Data, null, run);

    private static PeerStep Scheduled(PeerStepKind kind, Connection target, Action run) => new(false, kind, target, run);

    private PeerStep? Plan()
    {
        if (_segments.Count > 0)
        {
            return PlanSegment();
        }

        if (Current is not { } action)
        {
            return null;
        }

        return action switch
        {
            AcceptAction a => PlanAccept(a),
            RefuseAction => Instant(Advance),
            ConnectAction c => PlanConnect(c),
            SendAction s => PlanSend(s),
            SendUrgentAction u => PlanUrgent(u),
            ShutdownAction or CloseAction or AbortAction => PlanFinish(action),
            ReadAction r => PlanRead(r, Target(r), r.Count, expected: null),
            ExpectAction e => PlanRead(e, Target(e), e.Bytes.Length, e.Bytes),
            WaitAction w => Holds(w) ? Instant(Advance) : null,
            EchoAction e => PlanEcho(e),
            SinkAction s => PlanSink(s),
            _ => throw new System.Diagnostics.UnreachableException(action.ToString()),
        };
    }

    private void Advance()
    {
        _next++;
        _progress = 0;
    }

    private Connection Target(PeerAction action) =>
        _scriptConnections[(action.Connection ?? _scriptConnections.Count) - 1];

    private PeerStep? PlanAccept(AcceptAction a)
    {
        var index = _incoming.FindIndex(c => a.Port is null || c.PeerAddress.Port == a.Port);
        if (index < 0)
        {
            return null;
        }

        return Instant(() =>
        {
            var connection = _incoming[index];
            _incoming.RemoveAt(index);
            _scriptConnections.Add(connection);
            Advance();
        });
    }

    private PeerStep? PlanConnect(ConnectAction c)
    {
        var listener = Stack.LiveSockets.FirstOrDefault(s => s.Listening && (c.Port is null || s.Local?.Port == c.Port));
        if (listener is null || !Stack.Allows(new PeerConnect(listener.Name)))
        {
            return null;
        }

        var connection = new Connection(_connections.Count + 1, SockAddr.LoopbackPort(_nextPeerPort));
        return Scheduled(PeerStepKind.Connect, connection, () =>
        {
            _nextPeerPort++;
            _connections.Add(connection);
            _scriptConnections.Add(connection);
            if (_record.Keeps)
            {
                _record.PeerText = () => $"peer.connect {listener} ({connection}, from {connection.PeerAddress})";
            }
            Stack.PeerConnect(listener, connection);
            Advance();
        });
    }

    /// <summary>An action on a connection whose program end is closed: the peer's part of it has no effect the program can see.</summary>
    private PeerStep Dropped(PeerAction action, Connection connection) => Instant(() =>
    {
        _record.Note($"peer: {action.Verb} (line {action.Line}) dropped: the program closed {connection}");
        Advance();
    });

    private PeerStep? PlanSend(SendAction s)
    {
        var connection = Target(s);
        if (connection.ProgramClosed)
        {
            return Dropped(s, connection);
        }

        if (SimulatedStack.ProgramEnd(connection) is not { } name || !Stack.Allows(new PeerSend(name, s.Bytes.Length)))
        {
            return null;
        }

        return Scheduled(PeerStepKind.Data, connection, () =>
        {
            Advance();
            Cut(connection, s.Bytes);
            PlanSegment()!.Run();
        });
    }

    /// <summary>The schedule's cut of a send into segments: 0 cuts most often; each cut point is a choice too.</summary>
    private void Cut(Connection connection, byte[] bytes)
    {
        _segmentTarget = connection;
        var pieces = bytes.Length < 2 ? 0 : Math.Min(bytes.Length - 1, _choices.Choose(4, r => r.NextDouble() switch
        {
            < 0.55 => 0,
            < 0.80 => 1,
            < 0.90 => 2,
            _ => 3,
        }));
        if (pieces == 0)
        {
            _segments.Enqueue(bytes);
            return;
        }

        var cuts = new SortedSet<int>();
        for (var k = 0; k < pieces; k++)
        {
            cuts.Add(1 + _choices.Choose(bytes.Length - 1, r => r.Below(bytes.Length - 1)));
        }

        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            _segments.Enqueue(bytes[start..cut]);
            start = cut;
        }
    }

    private PeerStep? PlanSegment()
    {
        var connection = _segmentTarget!;
        if (connection.ProgramClosed)
        {
            return Instant(() =>
            {
                _record.Note($"peer: {_segments.Sum(s => s.Length)} bytes not sent: the program closed {connection}");
                _segments.Clear();
            });
        }

        var segment = _segments.Peek();
        if (SimulatedStack.ProgramEnd(connection) is not { } name || !Stack.Allows(new PeerSend(name, segment.Length)))
        {
            return null;
        }

        return Scheduled(PeerStepKind.Data, connection, () =>
        {
            _segments.Dequeue();
            var socket = connection.ProgramSocket;
            if (_record.Keeps)
            {
                _record.PeerText = () => $"peer.send {socket} {segment.Length} bytes {Quote(segment)}";
            }
            Stack.PeerSend(connection, segment);
        });
    }

    private PeerStep? PlanUrgent(SendUrgentAction u)
    {
        var connection = Target(u);
        if (connection.ProgramClosed)
        {
            return Dropped(u, connection);
        }

        if (SimulatedStack.ProgramEnd(connection) is not { } name || !Stack.Allows(new PeerSendUrgent(name)))
        {
            return null;
        }

        return Scheduled(PeerStepKind.Urgent, connection, () =>
        {
            var socket = connection.ProgramSocket;
            if (_record.Keeps)
            {
                _record.PeerText = () => $"peer.sendOob {socket} {Quote([u.Value])}";
            }
            Stack.PeerSendUrgent(connection, u.Value);
            Advance();
        });
    }

    private PeerStep? PlanFinish(PeerAction action)
    {
        var connection = Target(action);
        if (connection.ProgramClosed)
        {
            return Dropped(action, connection);
        }

        if (SimulatedStack.ProgramEnd(connection) is not { } name)
        {
            return null;
        }

        NetworkInput input = action switch
        {
            ShutdownAction => new PeerShutdown(name, ShutdownHow.Send),
            CloseAction => new PeerClose(name),
            _ => new PeerAbort(name),
        };
        if (!Stack.Allows(input))
        {
            return null;
        }

        return Scheduled(PeerStepKind.Finish, connection, () =>
        {
            var socket = connection.ProgramSocket;
            if (_record.Keeps)
            {
                _record.PeerText = () => $"{input.Op} {socket}";
            }
            switch (action)
            {
                case ShutdownAction:
                    Stack.PeerShutdown(connection);
                    break;
                case CloseAction:
                    Stack.PeerClose(connection);
                    break;
                default:
                    Stack.PeerAbort(connection);
                    break;
            }

            Advance();
        });
    }

    /// <summary>
    /// read and expect: consume what the peer has read; read more when the program has sent some; give up (expect:
    /// fail) when the program can send no more.
    /// </summary>
    private PeerStep? PlanRead(PeerAction action, Connection connection, int? count, byte[]? expected)
    {
        var wanted = count ?? int.MaxValue;
        if (connection.PeerReceived.Count > 0)
        {
            return Instant(() =>
            {
                var n = (int)Math.Min(connection.PeerReceived.Count, wanted - _progress);
                var got = connection.PeerReceived.Peek()[..n].ToArray();
                connection.PeerReceived.Skip(n);
                if (expected is not null)
                {
                    var at = (int)_progress;
                    for (var k = 0; k < n; k++)
                    {
                        if (got[k] != expected[at + k])
                        {
                            var offset = connection.PeerReadTotal - connection.PeerReceived.Count - n + k;
                            _expectations.ExpectationFailed((ExpectAction)action, connection,
                                $"the peer expected {Quote(expected)} (line {action.Line}) but byte {offset} of {connection} is {Quote(got.AsSpan(k, Math.Min(n - k, 16)))}, not {Quote(expected.AsSpan(at + k, Math.Min(expected.Length - at - k, 16)))}");
                            return;
                        }
                    }
                }

                _progress += n;
                if (count is null || _progress >= wanted)
                {
                    _record.Note($"peer: {action.Verb} on {connection}: {(expected is null ? n + " bytes" : "matched " + Quote(expected))}");
                    Advance();
                }
            });
        }

        if (connection.InFlight.Count > 0)
        {
            return PlanPeerRead(connection);
        }

        if (connection.ProgramClosed || connection.ProgramShutSend)
        {
            return Instant(() =>
            {
                if (expected is not null)
                {
                    _expectations.ExpectationFailed((ExpectAction)action, connection,
                        $"the peer expected {Quote(expected)} (line {action.Line}) but the program {(connection.ProgramClosed ? "closed" : "shut down sending on")} {connection} after {_progress} of its {expected.Length} bytes");
                    return;
                }

                _record.Note($"peer: read on {connection} got {_progress} bytes: the program sends no more");
                Advance();
            });
        }

        return null;
    }

    private PeerStep PlanPeerRead(Connection connection) => Scheduled(PeerStepKind.Read, connection, () =>
    {
        var count = connection.InFlight.Count;
        var start = connection.InFlight.Peek()[..Math.Min(count, QuotedBytes + 1)].ToArray();
        var end = connection.ProgramSocket?.ToString() ?? connection.ToString();
        string Text() => $"peer.read {end} {count} bytes {Quote(start, count)}";
        if (SimulatedStack.ProgramEnd(connection) is null)
        {
            _record.Note(Text);
        }
        else
        {
            _record.PeerText = Text;
        }

        Stack.PeerRead(connection);
    });

    private bool Holds(WaitAction w)
    {
        var c = Target(w);
        return w.Until switch
        {
            PeerWaitCondition.Received => c.ProgramReceivedTotal >= w.Count,
            PeerWaitCondition.Sent => c.ProgramSentTotal >= w.Count,
            PeerWaitCondition.Shutdown => c.ProgramShutSend || c.ProgramClosed,
            PeerWaitCondition.Closed => c.ProgramClosed,
            _ => throw new System.Diagnostics.UnreachableException(w.Until.ToString()),
        };
    }

    private PeerStep? PlanEcho(EchoAction e)
    {
        var connection = Target(e);
        if (_echoPending.Count > 0 && !connection.ProgramClosed)
        {
            return PlanEchoSend(connection);
        }

        if (connection.PeerReceived.Count > 0)
        {
            return Instant(() =>
            {
                _echoPending.Append(connection.PeerReceived.Peek());
                connection.PeerReceived.Clear();
            });
        }

        return PlanDrainThenClose(e, connection);
    }

    private PeerStep? PlanEchoSend(Connection connection)
    {
        if (SimulatedStack.ProgramEnd(connection) is not { } name || !Stack.Allows(new PeerSend(name, _echoPending.Count)))
        {
            return null;
        }

        return Scheduled(PeerStepKind.Data, connection, () =>
        {
            var bytes = _echoPending.Peek().ToArray();
            _echoPending.Clear();
            Cut(connection, bytes);
            PlanSegment()!.Run();
        });
    }

    private PeerStep? PlanSink(SinkAction s)
    {
        var connection = Target(s);
        if (connection.PeerReceived.Count > 0)
        {
            return Instant(() =>
            {
                _record.Note($"peer: sink read {connection.PeerReceived.Count} bytes on {connection}");
                connection.PeerReceived.Clear();
            });
        }

        return PlanDrainThenClose(s, connection);
    }

    /// <summary>echo and sink: read while the program sends; once it shuts down or closes, close too.</summary>
    private PeerStep? PlanDrainThenClose(PeerAction action, Connection connection)
    {
        if (connection.InFlight.Count > 0)
        {
            return PlanPeerRead(connection);
        }

        if (!connection.ProgramClosed && !connection.ProgramShutSend)
        {
            return null;
        }

        _echoPending.Clear();
        if (SimulatedStack.ProgramEnd(connection) is { } name && Stack.Allows(new PeerClose(name)))
        {
            return Scheduled(PeerStepKind.Finish, connection, () =>
            {
                var socket = connection.ProgramSocket;
                if (_record.Keeps)
                {
                    _record.PeerText = () => $"peer.close {socket} ({action.Verb} done)";
                }
                Stack.PeerClose(connection);
                Advance();
            });
        }

        return Instant(Advance);
    }

    /// <summary>How many bytes a quote shows.</summary>
    public const int QuotedBytes = 24;

    /// <summary>Bytes as a quoted string, non-printable ones escaped, long ones cut.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes) => Quote(bytes, bytes.Length);

    /// <summary>The first bytes of <paramref name="total"/> as a quoted string.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes, int total)
    {
        var text = new StringBuilder("\"");
        var shown = Math.Min(bytes.Length, QuotedBytes);
        foreach (var b in bytes[..shown])
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : string.Create(CultureInfo.InvariantCulture, $"\\x{b:x2}"));
        }

        text.Append('"');
        if (total > shown)
        {
            text.Append(CultureInfo.InvariantCulture, $"…({total} bytes)");
        }

        return text.ToString();
    }

    /// <summary>A line about what the peer still waits for, for reports; null when the script is done.</summary>
    public string? Waiting() => Current is { } a ? $"line {a.Line}: {a.Verb}" : null;
}
