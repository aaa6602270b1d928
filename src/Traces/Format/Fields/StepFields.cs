using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>setsockopt's options (the model has one input per option).</summary>
internal enum SocketOption
{
    OobInline,
    Linger,
}

/// <summary>ioctlsocket's commands (the model has one input per command).</summary>
internal enum IoctlSocketCommand
{
    NonBlocking,
    BytesReadable,
}

/// <summary>
/// Every field a step line can have, declared once: the operation table (<see cref="Operations"/>) says which
/// operation uses which, the reader reads their keys, the writer writes them, the reference documents them.
/// A new field is one line here.
/// </summary>
internal static class StepFields
{
    /// <summary>The keys of a step line and of the end line (the reader cannot tell them apart until the line is read).</summary>
    internal static readonly KeySet Keys = new();

    internal static readonly Key Step = Keys.Add("step");
    internal static readonly Key Op = Keys.Add("op");
    internal static readonly Key Comment = Keys.Add("comment");
    internal static readonly Key Observed = Keys.Add("observed", ObservedReader.Read);
    internal static readonly Key End = Keys.Add("end");

    public static readonly NameField Socket = new(Keys.Add("socket"), "the socket the step is about");

    public static readonly ChoiceField<SocketKind> SocketType = new(Keys.Add("type"), "the socket type (TCP or UDP)",
        [("stream", SocketKind.Stream), ("dgram", SocketKind.Datagram)],
        [("tcp", SocketKind.Stream), ("SOCK_STREAM", SocketKind.Stream), ("udp", SocketKind.Datagram), ("SOCK_DGRAM", SocketKind.Datagram)]);

    public static readonly ChoiceField<ConnectTarget> Target = new(Keys.Add("target"), "where the connection goes",
        [("peer", ConnectTarget.Peer), ("refused", ConnectTarget.Refused), ("timeout", ConnectTarget.TimedOut)]);

    public static readonly NameField As = new(Keys.Add("as"), "the new socket's name");

    public static readonly CountField Len = new(Keys.Add("len"), "a byte count");

    public static readonly SendAmountField SendLen = new(Keys.Add("len"), "a byte count, or `\"fill\"` = send repeatedly until `WSAEWOULDBLOCK`");

    public static readonly SetField<RecvFlags> Flags = new(Keys.Add("flags"), "recv's flags", "flag", "MSG_PEEK / MSG_OOB",
        [("MSG_OOB", RecvFlags.Oob), ("MSG_PEEK", RecvFlags.Peek)]);

    public static readonly SwitchField BadArgs = new(Keys.Add("badArgs"), "`true` = the call fails its argument checks (a buffer the stack rejects)");

    public static readonly ChoiceField<ShutdownHow> How = new(Keys.Add("how"), "which direction",
        [("SD_RECEIVE", ShutdownHow.Receive), ("SD_SEND", ShutdownHow.Send), ("SD_BOTH", ShutdownHow.Both)]);

    public static readonly ChoiceField<SocketOption> Option = new(Keys.Add("option"), "the option at SOL_SOCKET",
        [("SO_OOBINLINE", SocketOption.OobInline), ("SO_LINGER", SocketOption.Linger)]);

    public static readonly CountField Value = new(Keys.Add("value"), "0 or 1");

    public static readonly CountField OnOff = new(Keys.Add("onoff"), "0 or 1");

    public static readonly CountField Linger = new(Keys.Add("linger"), "seconds");

    public static readonly ChoiceField<IoctlSocketCommand> Cmd = new(Keys.Add("cmd"), "the command",
        [("FIONBIO", IoctlSocketCommand.NonBlocking), ("FIONREAD", IoctlSocketCommand.BytesReadable)]);

    public static readonly NameField Window = new(Keys.Add("window"), "a window name");

    public static readonly CountField Msg = new(Keys.Add("msg"), "the message number is WM_USER + msg");

    public static readonly CountField MsgMin = new(Keys.Add("msgMin"), "the lowest message number retrieved (WM_USER + msgMin)");

    public static readonly CountField MsgMax = new(Keys.Add("msgMax"), "the highest message number retrieved (WM_USER + msgMax)");

    public static readonly SwitchField Remove = new(Keys.Add("remove"), "`false` = PeekMessage with PM_NOREMOVE (the message stays queued)");

    public static readonly NameField Event = new(Keys.Add("event"), "an event object's name");

    public static readonly SetField<NetworkEvents> Events = new(Keys.Add("events"), "the event mask", "event", "FD_* names",
        [.. NetworkEventNames.Bits.Select(b => (b.NativeName(), b))]);

    public static readonly ChoiceField<IoctlCode> Code = new(Keys.Add("code"), "the control code",
        [("SIO_GET_QOS", IoctlCode.GetQos), ("SIO_GET_GROUP_QOS", IoctlCode.GetGroupQos),
         ("SIO_ROUTING_INTERFACE_CHANGE", IoctlCode.RoutingInterfaceChange), ("SIO_ADDRESS_LIST_CHANGE", IoctlCode.AddressListChange)]);
}
