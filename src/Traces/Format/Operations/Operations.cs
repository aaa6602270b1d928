using System.Diagnostics;
using System.Text.Json;
using WinsockConformance.Model;
using static WinsockConformance.Traces.StepFields;

namespace WinsockConformance.Traces;

/// <summary>
/// The operation table: one row per operation of the format (docs/trace-format.md, "Operation reference", is
/// generated from it, and so is the JSON Schema's step definition). A new operation is one row here, plus its
/// rule in the model.
/// </summary>
internal static class Operations
{
    /// <summary>Every operation, in the reference's order.</summary>
    public static readonly IReadOnlyList<Operation> All =
    [
        Call("socket", ["WSASocket"], [Socket.Required, SocketType.Default(SocketKind.Stream)],
            (f, api) => new SocketCall(f.Socket, f.Get(SocketType), api),
            "Creates socket `socket` (AF_INET, TCP or UDP); a reused name gets the next generation.",
            "0")
            .Form<SocketCall>((c, w) => w.Write(SocketType, c.Kind), c => $"{c.Op} {c.Name} {SocketType.NameOf(c.Kind)}"),
        Call("bind", [], [Socket.Required],
            (f, _) => new BindCall(f.Socket),
            "Binds to 127.0.0.1, port 0.",
            "0 / -1 `WSAEINVAL` if already bound")
            .Form<BindCall>(),
        Call("listen", [], [Socket.Required],
            (f, _) => new ListenCall(f.Socket),
            "`listen` (TCP).",
            "0 / -1")
            .Form<ListenCall>(),
        Call("connect", ["WSAConnect"], [Socket.Required, Target.Default(ConnectTarget.Peer)],
            (f, api) => new ConnectCall(f.Socket, f.Get(Target), api),
            "Connects to the peer's listener (`peer`), to a port nobody listens on (`refused`: the SYN is answered with RST), or to an address that never answers (`timeout`; not producible over loopback, model only). Over loopback the attempt completes within the step. UDP: sets the default destination (only `peer`).",
            "blocking: 0 or -1 `WSAECONNREFUSED`/`WSAETIMEDOUT`; nonblocking (any registered socket): -1 `WSAEWOULDBLOCK`, the outcome arrives as FD_CONNECT")
            .Form<ConnectCall>((c, w) => w.Write(Target, c.Target), c => $"{c.Op} {c.Name} -> " + c.Target switch
            {
                ConnectTarget.Peer => "peer",
                ConnectTarget.Refused => "closed port",
                ConnectTarget.TimedOut => "no answer",
                _ => throw new UnreachableException(c.Target.ToString()),
            }),
        Call("accept", ["WSAAccept"], [Socket.Required.Says("the listener"), As.Required],
            (f, api) => new AcceptCall(f.Socket, f.Get(As), api),
            "Accepts one queued connection on listener `socket`; the new socket inherits the listener's registration and options.",
            "0 / -1 `WSAEWOULDBLOCK` if none queued")
            .Form<AcceptCall>((c, w) => w.Write(As, c.NewName), c => $"{c.Op} {c.Listener} as {c.NewName}"),
        Call("recv", ["recvfrom", "WSARecv", "WSARecvFrom"], [Socket.Required, Len.Required, Flags.Optional, BadArgs.Optional],
            (f, api) => new RecvCall(f.Socket, f.Get(Len), f.Get(Flags), f.Get(BadArgs), api),
            "Receives at most `len` bytes (UDP: one datagram; larger than `len` → `WSAEMSGSIZE`). `MSG_OOB` reads the urgent byte.",
            "bytes read; 0 at end of stream; -1 `WSAEWOULDBLOCK`, `WSAECONNRESET`, `WSAESHUTDOWN`, `WSAENOTCONN`, `WSAEFAULT` (`badArgs`), `WSAEINVAL` (`MSG_OOB` with SO_OOBINLINE)")
            .Form<RecvCall>(
                (c, w) =>
                {
                    w.Write(Len, c.Length);
                    w.WriteUnless(Flags, c.Flags, RecvFlags.None);
                    w.WriteUnless(BadArgs, c.BadArguments, false);
                },
                c => $"{c.Op} {c.Name} {c.Length}"
                    + ((c.Flags & RecvFlags.Oob) != 0 ? " MSG_OOB" : string.Empty)
                    + ((c.Flags & RecvFlags.Peek) != 0 ? " MSG_PEEK" : string.Empty)
                    + (c.BadArguments ? " (bad buffer)" : string.Empty)),
        Call("send", ["sendto", "WSASend", "WSASendTo"], [Socket.Required, SendLen.Required],
            (f, api) => f.Get(SendLen) is var amount && amount.Fill ? new SendCall(f.Socket, 0, Fill: true, Api: api) : new SendCall(f.Socket, amount.Bytes, Api: api),
            "Sends `len` bytes to the peer (UDP: one datagram; `sendto`/`WSASendTo` need no connect). `\"fill\"` records only the last call, which fails.",
            "`len`; -1 `WSAEWOULDBLOCK` (always, for `\"fill\"`), `WSAENOTCONN`, `WSAESHUTDOWN`, `WSAECONNRESET`")
            .Form<SendCall>(
                (c, w) => w.Write(SendLen, new SendAmount(c.Length, c.Fill)),
                c => c.Fill ? $"{c.Op} {c.Name} until WSAEWOULDBLOCK" : $"{c.Op} {c.Name} {c.Length}"),
        Call("shutdown", [], [Socket.Required, How.Required],
            (f, _) => new ShutdownCall(f.Socket, f.Get(How)),
            "Local shutdown.",
            "0 / -1 `WSAENOTCONN`")
            .Form<ShutdownCall>((c, w) => w.Write(How, c.How), c => $"shutdown {c.Name} {How.NameOf(c.How)}"),
        Call("closesocket", [], [Socket.Required],
            (f, _) => new CloseSocketCall(f.Socket),
            "Closes the socket. Messages already posted for it stay queued.",
            "0")
            .Form<CloseSocketCall>(),
        Call("setsockopt", [], [Socket.Required, Option.Required, Value.For(Option, "SO_OOBINLINE"), OnOff.For(Option, "SO_LINGER"), Linger.For(Option, "SO_LINGER")],
            (f, _) => f.Get(Option) switch
            {
                SocketOption.OobInline => new SetOobInlineCall(f.Socket, f.Get(Value) != 0),
                SocketOption.Linger => new SetLingerCall(f.Socket, f.Get(OnOff) != 0, f.Get(Linger)),
                var other => throw new UnreachableException(other.ToString()),
            },
            "Sets the option at `SOL_SOCKET`.",
            "0")
            .Form<SetOobInlineCall>(
                (c, w) =>
                {
                    w.Write(Option, SocketOption.OobInline);
                    w.Write(Value, c.Enabled ? 1 : 0);
                },
                c => $"setsockopt {c.Name} SO_OOBINLINE={(c.Enabled ? 1 : 0)}")
            .Form<SetLingerCall>(
                (c, w) =>
                {
                    w.Write(Option, SocketOption.Linger);
                    w.Write(OnOff, c.OnOff ? 1 : 0);
                    w.Write(Linger, c.Seconds);
                },
                c => $"setsockopt {c.Name} SO_LINGER={{{(c.OnOff ? 1 : 0)},{c.Seconds}}}"),
        Call("ioctlsocket", [], [Socket.Required, Cmd.Required, Value.For(Cmd, "FIONBIO")],
            (f, _) => f.Get(Cmd) switch
            {
                IoctlSocketCommand.NonBlocking => new SetNonBlockingCall(f.Socket, f.Get(Value) != 0),
                IoctlSocketCommand.BytesReadable => new FionreadCall(f.Socket),
                var other => throw new UnreachableException(other.ToString()),
            },
            "FIONBIO switches blocking mode (back to blocking fails with `WSAEINVAL` while a registration is active). FIONREAD records the readable byte count in `observed.value`.",
            "0 / -1 `WSAEINVAL`")
            .Form<SetNonBlockingCall>(
                (c, w) =>
                {
                    w.Write(Cmd, IoctlSocketCommand.NonBlocking);
                    w.Write(Value, c.NonBlocking ? 1 : 0);
                },
                c => $"ioctlsocket {c.Name} FIONBIO={(c.NonBlocking ? 1 : 0)}")
            .Form<FionreadCall>((c, w) => w.Write(Cmd, IoctlSocketCommand.BytesReadable), c => $"ioctlsocket {c.Name} FIONREAD"),
        Call("WSAAsyncSelect", [], [Socket.Required, Events.Required, Window.Default(TraceFormat.DefaultWindow), Msg.Default(TraceFormat.DefaultMessage)],
            (f, _) => new AsyncSelectCall(f.Socket, f.Get(Window), f.Get(Msg), f.Get(Events)),
            "Message-mode registration: post to `window` with `WM_USER+msg`. `\"events\":[]` cancels. Makes the socket nonblocking; replaces any earlier registration.",
            "0")
            .Form<AsyncSelectCall>(
                (c, w) =>
                {
                    w.WriteUnless(Window, c.Window, TraceFormat.DefaultWindow);
                    w.WriteUnless(Msg, c.Message, TraceFormat.DefaultMessage);
                    w.Write(Events, c.Mask);
                },
                c => $"WSAAsyncSelect {c.Name} "
                    + (c.Window == TraceFormat.DefaultWindow && c.Message == TraceFormat.DefaultMessage ? string.Empty : $"{c.Window}/{c.Message} ")
                    + NetworkEventNames.Format(c.Mask)),
        Call("WSAEventSelect", [], [Socket.Required, Event.Required, Events.Required],
            (f, _) => new EventSelectCall(f.Socket, f.Get(Event), f.Get(Events)),
            "Event-mode registration with event object `event` (created on first mention). Makes the socket nonblocking.",
            "0")
            .Form<EventSelectCall>(
                (c, w) =>
                {
                    w.Write(Event, c.EventObject);
                    w.Write(Events, c.Mask);
                },
                c => $"WSAEventSelect {c.Name} {c.EventObject} {NetworkEventNames.Format(c.Mask)}"),
        Call("WSAEnumNetworkEvents", [], [Socket.Required, Event.Optional.Says("the event object to reset")],
            (f, _) => new EnumNetworkEventsCall(f.Socket, f.Find(Event)),
            "Returns and clears the recorded network events of the selected bits (in `observed.enumerated`); resets `event` if given.",
            "0")
            .Form<EnumNetworkEventsCall>(
                (c, w) =>
                {
                    if (c.EventObject is not null)
                    {
                        w.Write(Event, c.EventObject);
                    }
                },
                c => $"WSAEnumNetworkEvents {c.Name}" + (c.EventObject is null ? string.Empty : " " + c.EventObject)),
        Call("WSAIoctl", [], [Socket.Required, Code.Required],
            (f, _) => new IoctlCall(f.Socket, f.Get(Code)),
            "The notification-related control codes (they re-enable FD_QOS / FD_GROUP_QOS / the change events).",
            "0; the two change codes -1 `WSAEWOULDBLOCK` (nonblocking query outstanding)")
            .Form<IoctlCall>((c, w) => w.Write(Code, c.Code), c => $"WSAIoctl {c.Name} {Code.NameOf(c.Code)}"),
        Call("getMessages", [], [Window.Default(TraceFormat.DefaultWindow)],
            (f, _) => new GetMessagesCall(f.Get(Window)),
            "The application retrieves every message queued for `window` (PeekMessage with PM_REMOVE until empty); they appear in `observed.delivered`.",
            "0")
            .Form<GetMessagesCall>(
                (c, w) => w.WriteUnless(Window, c.Window, TraceFormat.DefaultWindow),
                c => c.Window == TraceFormat.DefaultWindow ? "getMessages" : $"getMessages {c.Window}"),
        Call("getMessage", [], [Window.Optional.Says("a window name; none = any window (GetMessage's NULL hWnd)"), MsgMin.Default(0), MsgMax.Default(int.MaxValue), Remove.Default(true)],
            (f, _) => new GetMessageCall(f.Find(Window), f.Get(MsgMin), f.Get(MsgMax), f.Get(Remove)),
            "Version 2. The application takes the first queued message that passes the filters (GetMessage, or PeekMessage with PM_REMOVE; `\"remove\":false` is PM_NOREMOVE: it stays queued): for `window` (none: any window) with a number from `WM_USER+msgMin` to `WM_USER+msgMax`. It appears in `observed.delivered`; nothing there means none was queued.",
            "0",
            since: TraceFormat.Version2)
            .Form<GetMessageCall>(
                (c, w) =>
                {
                    if (c.Window is not null)
                    {
                        w.Write(Window, c.Window);
                    }

                    w.WriteUnless(MsgMin, c.MessageMin, 0);
                    w.WriteUnless(MsgMax, c.MessageMax, int.MaxValue);
                    w.WriteUnless(Remove, c.Remove, true);
                },
                c => "getMessage"
                    + (c.Window is null ? string.Empty : " " + c.Window)
                    + (c.MessageMin == 0 && c.MessageMax == int.MaxValue ? string.Empty : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" WM_USER+{c.MessageMin}..WM_USER+{c.MessageMax}"))
                    + (c.Remove ? string.Empty : " PM_NOREMOVE")),
        Network("peer.connect", [], [Socket.Required.Says("a listener")],
            (f, _) => new PeerConnect(f.Socket),
            "A peer connects; the connection completes and queues on the listener.",
            "The peer `connect`s to the listener's port and waits for the handshake.")
            .Form<PeerConnect>(),
        Network("peer.send", [], [Socket.Required, Len.Required],
            (f, _) => new PeerSend(f.Socket, f.Get(Len)),
            "`len` bytes arrive (UDP: one datagram of `len` bytes; the socket must be bound).",
            "The peer `send`s `len` bytes (bounded wait for send space), or `sendto`s one datagram.")
            .Form<PeerSend>((c, w) => w.Write(Len, c.Length), c => $"peer.send {c.Name} {c.Length}"),
        Network("peer.sendOob", [], [Socket.Required],
            (f, _) => new PeerSendUrgent(f.Socket),
            "One urgent (out-of-band) byte arrives.",
            "`send(1 byte, MSG_OOB)`.")
            .Form<PeerSendUrgent>(),
        Network("peer.shutdown", [], [Socket.Required, How.Required],
            (f, _) => new PeerShutdown(f.Socket, f.Get(How)),
            "`SD_SEND` or `SD_BOTH`: the peer sends FIN (FD_CLOSE). `SD_RECEIVE`: no effect on this side (no notification; a later `peer.read` or `peer.close` still reads what was sent).",
            "`SD_SEND`, `SD_BOTH`: `shutdown(SD_SEND)` on the peer socket. `SD_RECEIVE` puts nothing on the wire and is not called: a peer that really shut its receive side could not read any more (Wine's recv fails; Windows resets the connection when data arrives), which is not what a later `peer.read`/`peer.close` means.")
            .Form<PeerShutdown>((c, w) => w.Write(How, c.How), c => $"peer.shutdown {c.Name} {How.NameOf(c.How)}"),
        Network("peer.close", [], [Socket.Required],
            (f, _) => new PeerClose(f.Socket),
            "Graceful close: FIN arrives.",
            "The peer first **reads everything it was sent** (as `peer.read`), then `closesocket` with default linger, so a FIN (not an RST) goes out.")
            .Form<PeerClose>(),
        Network("peer.abort", [], [Socket.Required],
            (f, _) => new PeerAbort(f.Socket),
            "Abortive close: RST arrives (FD_CLOSE with `WSAECONNABORTED` under `windows`).",
            "`setsockopt(SO_LINGER, {1, 0})`, then `closesocket` → RST.")
            .Form<PeerAbort>(),
        Network("peer.read", [], [Socket.Required],
            (f, _) => new PeerRead(f.Socket),
            "The peer reads everything it was sent: send space returns (after a `\"fill\"` send, FD_WRITE).",
            "The peer reads until it has received every byte the sends of the socket under test accepted so far (a bounded wait: data may still be leaving a filled send buffer, or be held back by Nagle for the peer's delayed ACK).")
            .Form<PeerRead>(),
        Network("net.qosChange", [], [Socket.Required],
            (f, _) => new NetworkChange(f.Socket, NetworkChangeKind.Qos),
            "The socket's QoS changes (FD_QOS).",
            "Not producible over loopback: model only.")
            .Form<NetworkChange>(),
        Network("net.groupQosChange", [], [Socket.Required],
            (f, _) => new NetworkChange(f.Socket, NetworkChangeKind.GroupQos),
            "Group QoS change (FD_GROUP_QOS).",
            "Model only.")
            .Form<NetworkChange>(),
        Network("net.routingInterfaceChange", [], [Socket.Required],
            (f, _) => new NetworkChange(f.Socket, NetworkChangeKind.RoutingInterface),
            "Routing interface change (FD_ROUTING_INTERFACE_CHANGE).",
            "Model only.")
            .Form<NetworkChange>(),
        Network("net.addressListChange", [], [Socket.Required],
            (f, _) => new NetworkChange(f.Socket, NetworkChangeKind.AddressList),
            "Address list change (FD_ADDRESS_LIST_CHANGE).",
            "Model only.")
            .Form<NetworkChange>(),
    ];

    private static readonly Dictionary<string, Operation> s_byName = All.SelectMany(o => o.Names.Select(n => (n, o))).ToDictionary(x => x.n, x => x.o, StringComparer.Ordinal);

    /// <summary>Every name an op may have, aliases included, in the table's order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.SelectMany(o => o.Names)];

    public static Operation? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>The row an input belongs to (by its op name, which is the API it was called through).</summary>
    public static Operation Of(Input input) =>
        Find(input.Op) ?? throw new UnreachableException($"no operation row for {input.Op}");

    /// <summary>One short line, e.g. "recv a 50 MSG_PEEK" or "WSAAsyncSelect a FD_READ|FD_CLOSE".</summary>
    public static string Describe(Input input) => Of(input).FormOf(input).Describe(input);

    /// <summary>Writes the input part of a step line: op, socket, then the operation's fields.</summary>
    public static void Write(Utf8JsonWriter w, Input input)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(input);
        w.WriteString("op", input.Op);
        if (input.Socket is not null)
        {
            Socket.Write(w, input.Socket);
        }

        Of(input).FormOf(input).Write(input, new FieldWriter(w));
    }

    private static Operation Call(string name, string[] aliases, FieldUse[] fields, Func<FieldValues, string, Input> read, string summary, string returns, int since = TraceFormat.Version1) =>
        new(name, aliases, OperationGroup.Call, fields, read, summary, returns, since);

    private static Operation Network(string name, string[] aliases, FieldUse[] fields, Func<FieldValues, string, Input> read, string summary, string onRealStack) =>
        new(name, aliases, OperationGroup.Network, fields, read, summary, onRealStack);
}
