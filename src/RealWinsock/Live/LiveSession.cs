using System.Runtime.Versioning;
using WinsockConformance.Model;
using WinsockConformance.Traces;
using Stopwatch = System.Diagnostics.Stopwatch;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>What executing one input on the real stack returned (messages are collected separately, by settling).</summary>
internal readonly record struct LiveOutcome(NativeCall Call, long? Value = null, ObservedEnumeration? Enumerated = null, string? Note = null)
{
    /// <summary>For getMessages: what the application retrieved from the real queue, in order.</summary>
    public IReadOnlyList<ObservedMessage> Delivered { get; init; } = [];
}

/// <summary>
/// One scenario on the real stack: the sockets under test, their peers, the message-only windows and
/// the event objects, all owned by the thread that runs the scenario. Executes each input exactly as an
/// application (or, for peer.* inputs, the network) would. Posted messages stay in the real thread queue
/// until a getMessages step retrieves them (<see cref="QueueLedger{T}"/>): each step's call runs on a queue
/// holding every undelivered message, so a stack that removed queued messages (at closesocket, mask 0, a
/// re-registration) would be seen doing so, and each message is still attributed to the step that posted it.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class LiveSession(WinsockApi api, LoopbackPeer peer, MessageWindow markerWindow) : IDisposable
{
    /// <summary>WSAAsyncSelect message numbers are WM_USER + the scenario's "msg".</summary>
    public const uint WM_USER = 0x0400;

    /// <summary>Bound on <see cref="Fill"/>'s acknowledge-and-send rounds; five or six are the rule on Linux loopback.</summary>
    private const int MaxFillRounds = 16;

    /// <summary>Longer than Linux's delayed-ACK timer on loopback (TCP_ATO_MIN, 40 ms), 60 ms in Stopwatch ticks: see <see cref="Fill"/>.</summary>
    private static readonly long DelayedAckWaitTicks = Stopwatch.Frequency * 60 / 1000;

    /// <summary>Bound on <see cref="Fill"/>'s waits for a delayed ACK (one is the rule; each that frees space costs another).</summary>
    private const int MaxDelayedAckWaits = 3;

    private readonly List<LiveSocket> _sockets = [];
    private readonly Dictionary<string, MessageWindow> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProbeEventHandle> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<PeerConnection>> _pendingPeers = new(StringComparer.Ordinal);
    private readonly List<ObservedMessage> _arrivedWhileRetrieving = [];
    private QueueLedger<ObservedMessage>? _ledger;
    private List<string> _oddities = [];

    public IReadOnlyDictionary<string, ProbeEventHandle> EventObjects => _events;

    /// <summary>Set by <see cref="Abandon"/>: a step hung and the watchdog released it.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>
    /// The latest of <paramref name="since"/> and the moments the peers last read a byte (Stopwatch timestamps): a step
    /// that moves data (peer.read draining a filled send buffer takes hundreds of reads, and seconds on a loaded
    /// machine) is progressing, not hung. Called from the watchdog's thread; the peers' timestamps are read atomically.
    /// </summary>
    public long LastProgress(long since)
    {
        var latest = since;
        foreach (var s in _sockets.ToArray())
        {
            if (s.Peer is { } p)
            {
                latest = Math.Max(latest, p.LastRead);
            }
        }

        return latest;
    }

    /// <summary>
    /// Called by the watchdog thread when a step hangs: closes every socket under test so the blocked call
    /// returns. The scenario cannot go on after this; the trace ends marked interrupted.
    /// </summary>
    public void Abandon()
    {
        Abandoned = true;
        foreach (var s in _sockets.ToArray())
        {
            s.Handle.ForceClose();
        }
    }

    public LiveOutcome Execute(Input input) => input switch
    {
        SocketCall c => CreateSocket(c),
        BindCall c => new(api.Bind(Current(c.Name).Handle)),
        ListenCall c => new(api.Listen(Current(c.Name).Handle)),
        ConnectCall c => Connect(Current(c.Name), c.Target),
        AcceptCall c => Accept(Current(c.Listener), c.NewName),
        RecvCall c => Recv(Current(c.Name), c),
        SendCall c => Send(Current(c.Name), c),
        ShutdownCall c => Shutdown(Current(c.Name), c.How),
        CloseSocketCall c => Close(Current(c.Name)),
        SetOobInlineCall c => new(api.SetOobInline(Target(c.Name), c.Enabled)),
        SetLingerCall c => new(api.SetLinger(Target(c.Name), (ushort)(c.OnOff ? 1 : 0), (ushort)c.Seconds)),
        SetNonBlockingCall c => new(api.IoctlFionbio(Target(c.Name), c.NonBlocking ? 1u : 0u)),
        FionreadCall c => Fionread(c.Name),
        AsyncSelectCall c => new(api.AsyncSelect(Target(c.Name), Window(c.Window).Handle, WM_USER + (uint)c.Message, (int)c.Mask)),
        EventSelectCall c => new(api.EventSelect(Target(c.Name), Event(c.EventObject), (int)c.Mask)),
        EnumNetworkEventsCall c => Enumerate(c),
        IoctlCall c => Ioctl(c),
        GetMessagesCall c => Retrieve(c.Window),
        PeerConnect c => PeerConnectTo(Current(c.Listener)),
        PeerSend c => PeerSend(Current(c.Name), c.Length),
        PeerSendUrgent c => PeerDo(c.Name, p => p.SendUrgent()),
        // The peer's SD_RECEIVE puts nothing on the wire, and the format gives it no effect on this side: a later
        // peer.read or peer.close still drains what was sent. A real shutdown(SD_RECEIVE) on the peer socket would
        // break that (Wine's recv returns 0 from then on, so nothing is drained and closesocket with unread data
        // sends an RST; Windows resets the connection when data arrives after it), so it is not called (H-2).
        PeerShutdown { How: ShutdownHow.Receive } c => PeerDo(c.Name, _ => { }),
        PeerShutdown c => PeerDo(c.Name, p => p.ShutdownSend()), // SD_BOTH too: its receive half is left out as above
        PeerClose c => PeerDrain(Current(c.Name), p =>
        {
            // Everything sent is read first: closing with unread data would send an RST, not a FIN.
            p.CloseGracefully();
        }),
        PeerAbort c => PeerDo(c.Name, p => p.CloseAbortively(), endsFill: true),
        PeerRead c => PeerDrain(Current(c.Name), _ => { }),
        NetworkChange c => throw new NotSupportedException($"{c.Op} cannot be produced over loopback"),
        _ => throw new System.Diagnostics.UnreachableException($"unhandled input {input}"),
    };

    /// <summary>
    /// Creates every event object the scenario's WSAEventSelect steps name, before the first step: an event object
    /// created later could take the handle value of a socket the scenario closed. (Its first WSAEventSelect finds it
    /// not signaled, as a fresh one would be.)
    /// </summary>
    public void CreateEventObjects(IEnumerable<Input> inputs)
    {
        foreach (var select in inputs.OfType<EventSelectCall>())
        {
            _ = Event(select.EventObject);
        }
    }

    /// <summary>
    /// The messages posted since the last call, in arrival order; they stay queued. A queued message that vanished from
    /// the real queue (the stack removed it) is noted in <paramref name="oddities"/> and will not be delivered.
    /// </summary>
    public IReadOnlyList<ObservedMessage> Collect(List<string> oddities)
    {
        _oddities = oddities;
        var collected = new List<ObservedMessage>(_arrivedWhileRetrieving);
        _arrivedWhileRetrieving.Clear();
        collected.AddRange(Ledger.Collect());
        var lost = Ledger.TakeLost();
        if (lost.Count > 0)
        {
            oddities.Add($"{lost.Count} queued message(s) vanished from the thread queue: {string.Join(", ", lost.Select(m => MessageText.Format(m.Window, m.Message, m.Socket, m.Generation ?? 1, m.Event, m.Error, LatestGeneration(m.Socket))))}");
        }

        return collected;
    }

    /// <summary>Puts the undelivered messages back into the real queue, in order: call when a step has settled.</summary>
    public void Requeue() => Ledger.Requeue();

    /// <summary>The newest generation of a socket name (how a message about it is written).</summary>
    public int LatestGeneration(string name) => _sockets.FindLast(s => s.Ref.Name == name)?.Ref.Generation ?? 1;

    private QueueLedger<ObservedMessage> Ledger =>
        _ledger ??= new QueueLedger<ObservedMessage>(new ThreadQueue(), new QueuedMessage(markerWindow.Handle, Interop.Interop.User32.WM_APP, 0, 0), Interpret);

    /// <summary>What a message means when it arrives: which window, socket and event; null for anything not WSAAsyncSelect's.</summary>
    private ObservedMessage? Interpret(QueuedMessage m)
    {
        var window = _windows.FirstOrDefault(w => w.Value.Handle == m.Hwnd).Key;
        if (window is null || m.Message < WM_USER)
        {
            return null;
        }

        var selectEvent = Winsock.WSAGETSELECTEVENT(m.LParam);
        var bit = (NetworkEvents)selectEvent;
        if (!NetworkEventNames.Bits.Contains(bit))
        {
            _oddities.Add($"message with lParam 0x{m.LParam:X} carries {selectEvent:X} (not one FD_* bit)");
            return null;
        }

        var socket = SocketFor(m.WParam);
        if (socket is null)
        {
            _oddities.Add($"message {bit.NativeName()} for unknown wParam 0x{m.WParam:X}");
            return null;
        }

        return new ObservedMessage(window, (int)(m.Message - WM_USER), socket.Ref.Name, socket.Ref.Generation, bit, (WsaError)Winsock.WSAGETSELECTERROR(m.LParam));
    }

    /// <summary>The event objects signaled now, by name; remembered as <see cref="LastSignaled"/>.</summary>
    public IReadOnlyList<string> SignaledEvents() =>
        LastSignaled = [.. _events.Where(e => api.IsSignaled(e.Value)).Select(e => e.Key).Order(StringComparer.Ordinal)];

    /// <summary>What <see cref="SignaledEvents"/> last found (none before the first step: events are created unsignaled).</summary>
    public IReadOnlyList<string> LastSignaled { get; private set; } = [];

    private LiveOutcome CreateSocket(SocketCall c)
    {
        var call = api.Socket(c.Kind == Model.SocketKind.Stream ? SocketKind.Stream : SocketKind.Datagram, out var handle);
        var previous = _sockets.FindLast(s => s.Ref.Name == c.Name);
        var generation = previous is null ? 1 : previous.Ref.Generation + 1;
        _sockets.Add(new LiveSocket(new SocketRef(c.Name, generation), c.Kind, handle));
        return new(call.IsSocketError ? call : new NativeCall(0, 0));
    }

    private LiveOutcome Connect(LiveSocket s, ConnectTarget target)
    {
        if (s.Kind == Model.SocketKind.Datagram)
        {
            s.DatagramPeer ??= peer.OpenDatagram();
            return new(api.Connect(s.Handle, s.DatagramPeer.Port));
        }

        if (target == ConnectTarget.TimedOut)
        {
            throw new NotSupportedException("a connect that times out cannot be produced over loopback");
        }

        var call = api.Connect(s.Handle, target == ConnectTarget.Peer ? peer.ListenerPort : peer.RefusedPort);
        if (target == ConnectTarget.Peer && (!call.IsSocketError || call.Error == Winsock.WSAEWOULDBLOCK))
        {
            s.Peer = peer.AcceptConnection();
        }

        return new(call);
    }

    private LiveOutcome Accept(LiveSocket listener, string newName)
    {
        var call = api.Accept(listener.Handle, out var accepted);
        if (call.IsSocketError)
        {
            accepted.Dispose();
            return new(call);
        }

        var previous = _sockets.FindLast(s => s.Ref.Name == newName);
        var socket = new LiveSocket(new SocketRef(newName, previous is null ? 1 : previous.Ref.Generation + 1), Model.SocketKind.Stream, accepted);
        if (_pendingPeers.TryGetValue(listener.Ref.Name, out var queue) && queue.Count > 0)
        {
            socket.Peer = queue.Dequeue();
        }

        _sockets.Add(socket);
        return new(new NativeCall(0, 0));
    }

    private LiveOutcome Recv(LiveSocket s, RecvCall c)
    {
        var flags = ((c.Flags & RecvFlags.Oob) != 0 ? Winsock.MSG_OOB : 0) | ((c.Flags & RecvFlags.Peek) != 0 ? Winsock.MSG_PEEK : 0);
        if (c.BadArguments)
        {
            return new(api.RecvWithInvalidBuffer(Target(s), c.Length, flags));
        }

        return s.Kind == Model.SocketKind.Datagram
            ? new(api.RecvFrom(Target(s), c.Length, out _, flags))
            : new(api.Recv(Target(s), c.Length, flags));
    }

    private LiveOutcome Send(LiveSocket s, SendCall c)
    {
        var tail = FinishFill(s);
        var outcome = SendNow(s, c);
        return tail is null ? outcome : outcome with { Note = outcome.Note is null ? tail : tail + "; " + outcome.Note };
    }

    private LiveOutcome SendNow(LiveSocket s, SendCall c)
    {
        if (c.Fill)
        {
            return Fill(s);
        }

        if (s.Kind == Model.SocketKind.Datagram && c.IsSendTo)
        {
            s.DatagramPeer ??= peer.OpenDatagram();
            return new(api.SendTo(Target(s), c.Length, s.DatagramPeer.Port));
        }

        var call = api.Send(Target(s), c.Length);
        if (s.Kind == Model.SocketKind.Stream && call.ReturnValue > 0)
        {
            s.SentBytes += call.ReturnValue;
        }

        return new(call);
    }

    /// <summary>
    /// send until WSAEWOULDBLOCK, so that the send buffer stays full until the peer reads (H-1, H-5): no later step
    /// but peer.read or peer.close may free send space, whatever the peer sends meanwhile and however long it takes.
    /// Send space comes back whenever the peer acknowledges data, so the fill must end with every byte that reached the
    /// peer acknowledged and the peer's window shut. On Linux loopback the peer delays its ACK (~40 ms, or until its
    /// next data, urgent byte or FIN carries it), so after each WSAEWOULDBLOCK it acknowledges at once (recv with
    /// MSG_PEEK) and the fill sends on, until a round right after the acknowledgement sends nothing. A peek makes Linux
    /// acknowledge only more than one segment, though, and how many segments the last window let in depends on what
    /// the peer's buffer held: on a fresh connection (quick ACKs) or after peer.read, one 8 KiB segment could be left
    /// unacknowledged. So the first time a round sends nothing the peer drains its buffer (<see
    /// cref="PeerConnection.DrainQueued"/>), whose ACK covers that segment and reopens the window from empty, and the
    /// rounds go on: with the peer's buffer (<see cref="LoopbackPeer.ReceiveBufferSize"/>) the two segments that window
    /// lets in are acknowledged by the next peek with a zero window. Measured: nothing unacknowledged and no window
    /// left after a fill, whatever came before it, and no send space back within 0.45 s.
    /// </summary>
    private LiveOutcome Fill(LiveSocket s)
    {
        var burst = SendUntilFull(s);
        long total = burst.TotalBytes;
        if (s.Peer is null)
        {
            return new(burst.Last, Note: $"{total} bytes before the last call");
        }

        var drained = false;
        for (var round = 1; round < MaxFillRounds && burst.Last.FailedWith(Winsock.WSAEWOULDBLOCK); round++)
        {
            s.Peer.AcknowledgeReceived();
            burst = SendUntilFull(s);
            total += burst.TotalBytes;
            if (burst.TotalBytes > 0 || !burst.Last.FailedWith(Winsock.WSAEWOULDBLOCK))
            {
                continue;
            }

            if (!drained)
            {
                s.Peer.DrainQueued();
                drained = true;
                continue;
            }

            // H-6: a peek makes Linux acknowledge only more than one segment's worth; a shorter remainder (a fill after
            // unread data, or after the peer's FIN) is acknowledged by the delayed-ACK timer (~40 ms) and frees send
            // space then, in the middle of a later step. Only a later send on this socket can see that space, so the
            // wait for it is left to the next one (FinishFill); a peer.read, peer.close or peer.abort, a shutdown or a
            // closesocket first makes it moot.
            s.FillTail = new FillTail(Stopwatch.GetTimestamp() + DelayedAckWaitTicks, round);
            break;
        }

        return new(burst.Last, Note: $"{total} bytes before the last call");
    }

    /// <summary>
    /// The end of an earlier fill on this socket (H-6), run before the next send on it, as the fill itself would have
    /// run it: once the delayed-ACK timer has surely fired, send again; while that frees space the peek-and-send rounds
    /// go on until one sends nothing, and the wait is repeated. Returns a note when it sent anything.
    /// </summary>
    private string? FinishFill(LiveSocket s)
    {
        if (s.FillTail is not { } tail || s.Peer is null)
        {
            return null;
        }

        s.FillTail = null;
        long total = 0;
        var round = tail.Round;
        var due = tail.Due;
        for (var waits = 0; waits < MaxDelayedAckWaits; waits++)
        {
            var left = due - Stopwatch.GetTimestamp();
            if (left > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            }

            var burst = SendUntilFull(s);
            total += burst.TotalBytes;
            if (burst.TotalBytes == 0)
            {
                break;
            }

            while (true)
            {
                if (++round >= MaxFillRounds || !burst.Last.FailedWith(Winsock.WSAEWOULDBLOCK))
                {
                    return FillTailNote(total);
                }

                s.Peer.AcknowledgeReceived();
                burst = SendUntilFull(s);
                total += burst.TotalBytes;
                if (burst.TotalBytes == 0 && burst.Last.FailedWith(Winsock.WSAEWOULDBLOCK))
                {
                    break;
                }
            }

            due = Stopwatch.GetTimestamp() + DelayedAckWaitTicks;
        }

        return total == 0 ? null : FillTailNote(total);
    }

    private static string FillTailNote(long bytes) => $"first {bytes} more bytes of the earlier fill (send space a delayed ACK freed, H-6)";

    private SendBurst SendUntilFull(LiveSocket s)
    {
        var burst = api.SendUntilWouldBlock(Target(s));
        s.SentBytes += burst.TotalBytes;
        return burst;
    }

    private LiveOutcome Shutdown(LiveSocket s, ShutdownHow how)
    {
        if (how != ShutdownHow.Receive)
        {
            s.FillTail = null;
        }

        return new(api.Shutdown(Target(s), (int)how));
    }

    private static LiveOutcome Close(LiveSocket s)
    {
        s.FillTail = null;
        var call = s.Handle.CloseExplicitly();
        s.Closed = !call.IsSocketError;
        return new(call);
    }

    private LiveOutcome Fionread(string name)
    {
        var call = api.IoctlFionread(Target(name), out var available);
        return new(call, call.IsSocketError ? null : available);
    }

    private LiveOutcome Enumerate(EnumNetworkEventsCall c)
    {
        var call = api.EnumNetworkEvents(Target(c.Name), c.EventObject is null ? null : Event(c.EventObject), out var snapshot);
        if (call.IsSocketError)
        {
            return new(call);
        }

        var events = (NetworkEvents)snapshot.NetworkEvents;
        var errors = new List<BitError>();
        for (var bit = 0; bit < snapshot.ErrorCodes.Length; bit++)
        {
            var flag = (NetworkEvents)(1 << bit);
            if ((events & flag) != 0 && snapshot.ErrorCodes[bit] != 0)
            {
                errors.Add(new BitError(flag, (WsaError)snapshot.ErrorCodes[bit]));
            }
        }

        return new(call, Enumerated: new ObservedEnumeration(events, errors));
    }

    private LiveOutcome Ioctl(IoctlCall c) => c.Code switch
    {
        IoctlCode.GetQos => new(api.IoctlGetQos(Target(c.Name), out _)),
        IoctlCode.RoutingInterfaceChange => new(api.IoctlRoutingInterfaceChange(Target(c.Name), out _)),
        IoctlCode.AddressListChange => new(api.IoctlAddressListChange(Target(c.Name), out _)),
        IoctlCode.GetGroupQos => throw new NotSupportedException("SIO_GET_GROUP_QOS is not driven by the probe"),
        _ => throw new System.Diagnostics.UnreachableException(c.Code.ToString()),
    };

    /// <summary>getMessages: the application's PeekMessage(window, PM_REMOVE) loop, on the real queue.</summary>
    private LiveOutcome Retrieve(string window)
    {
        var delivered = Ledger.Retrieve(Window(window).Handle, out var fresh);
        _arrivedWhileRetrieving.AddRange(fresh);
        return new(new NativeCall(0, 0)) { Delivered = delivered };
    }

    private LiveOutcome PeerConnectTo(LiveSocket listener)
    {
        LoopbackPeer.Require(api.GetSockNamePort(listener.Handle, out var port), "getsockname");
        var connection = peer.Connect(port);
        if (!_pendingPeers.TryGetValue(listener.Ref.Name, out var queue))
        {
            _pendingPeers[listener.Ref.Name] = queue = new Queue<PeerConnection>();
        }

        queue.Enqueue(connection);
        return new(new NativeCall(0, 0));
    }

    private LiveOutcome PeerSend(LiveSocket s, int length)
    {
        if (s.Kind == Model.SocketKind.Datagram)
        {
            LoopbackPeer.Require(api.GetSockNamePort(s.Handle, out var port), "getsockname");
            s.DatagramPeer ??= peer.OpenDatagram();
            s.DatagramPeer.SendTo(port, length);
            return new(new NativeCall(0, 0));
        }

        return PeerDo(s.Ref.Name, p => p.Send(length));
    }

    /// <summary>The peer reads every byte the socket's sends have accepted so far (peer.read: "reads everything it was sent"), then acts.</summary>
    private static LiveOutcome PeerDrain(LiveSocket s, Action<PeerConnection> then)
    {
        var p = s.Peer ?? throw new InvalidOperationException($"socket '{s.Ref.Name}' has no peer connection");
        s.FillTail = null;
        p.ReadExactly(s.SentBytes);
        then(p);
        return new(new NativeCall(0, 0));
    }

    private LiveOutcome PeerDo(string name, Action<PeerConnection> action, bool endsFill = false)
    {
        var s = Current(name);
        if (endsFill)
        {
            s.FillTail = null;
        }

        action(s.Peer ?? throw new InvalidOperationException($"socket '{name}' has no peer connection"));
        return new(new NativeCall(0, 0));
    }

    private LiveSocket Current(string name) =>
        _sockets.FindLast(s => s.Ref.Name == name) ?? throw new InvalidOperationException($"no socket named '{name}'");

    /// <summary>The handle a call goes to; WinsockApi passes a closed one's stale value on, so the stack answers WSAENOTSOCK itself.</summary>
    private ProbeSocketHandle Target(string name) => Current(name).Handle;

    private static ProbeSocketHandle Target(LiveSocket s) => s.Handle;

    /// <summary>The socket a message's wParam names: the live one holding that handle value, else the newest closed one.</summary>
    private LiveSocket? SocketFor(nint wParam) =>
        _sockets.FindLast(s => s.RawValue == wParam && !s.Closed) ?? _sockets.FindLast(s => s.RawValue == wParam);

    private MessageWindow Window(string name)
    {
        if (!_windows.TryGetValue(name, out var window))
        {
            _windows[name] = window = MessageWindow.Create("probe-" + name);
        }

        return window;
    }

    private ProbeEventHandle Event(string name)
    {
        if (!_events.TryGetValue(name, out var handle))
        {
            LoopbackPeer.Require(api.CreateEvent(out handle), "WSACreateEvent");
            _events[name] = handle;
        }

        return handle;
    }

    public void Dispose()
    {
        foreach (var s in _sockets)
        {
            s.Peer?.Dispose();
            s.DatagramPeer?.Dispose();
            s.Handle.Dispose();
        }

        foreach (var queue in _pendingPeers.Values)
        {
            foreach (var p in queue)
            {
                p.Dispose();
            }
        }

        foreach (var e in _events.Values)
        {
            e.Dispose();
        }

        foreach (var w in _windows.Values)
        {
            w.Dispose();
        }

        MessageWindow.DrainThreadQueue();
    }
}
