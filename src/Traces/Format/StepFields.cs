using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// The top-level fields of one step line as <see cref="FastStepReader"/> meets them, then turned into
/// a step by the rules of <see cref="InputCodec.Read"/> and TraceReader.ReadStep. Every "false" here
/// means "let the slow path read this line": a null, an unknown or repeated property, a value of an
/// unexpected type, or anything the slow path would reject.
/// </summary>
internal struct StepFields(FastReadContext context)
{
    private readonly FastReadContext _context = context;
    private int _seen;
    private int? _step;
    private string? _op;
    private string? _socket;
    private string? _type;
    private string? _target;
    private string? _as;
    private int? _len;
    private bool _lenIsFill;
    private RecvFlags? _flags;
    private bool? _badArgs;
    private string? _how;
    private string? _option;
    private int? _value;
    private int? _onOff;
    private int? _linger;
    private string? _cmd;
    private string? _window;
    private int? _msg;
    private string? _event;
    private NetworkEvents? _events;
    private string? _code;
    private string? _comment;
    private ObservedStep? _observed;

    /// <summary>Reads one property; the reader is left on the value's last token.</summary>
    public bool TryReadProperty(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped)
        {
            return false;
        }

        var name = r.ValueSpan;
        var bit = Bit(name);
        if (bit == 0 || (_seen & bit) != 0 || !r.Read())
        {
            return false;
        }

        _seen |= bit;
        switch (bit)
        {
            case 1 << 0: return Json.TryNonNegativeInt(ref r, out _step);
            case 1 << 1: return Json.TryName(ref r, _context.Names, out _op);
            case 1 << 2: return Json.TryName(ref r, _context.Names, out _socket);
            case 1 << 3: return Json.TryName(ref r, _context.Names, out _type);
            case 1 << 4: return Json.TryName(ref r, _context.Names, out _target);
            case 1 << 5: return Json.TryName(ref r, _context.Names, out _as);
            case 1 << 6: return TryReadLen(ref r);
            case 1 << 7: return Json.TryRecvFlags(ref r, out _flags);
            case 1 << 8: return Json.TryBool(ref r, out _badArgs);
            case 1 << 9: return Json.TryName(ref r, _context.Names, out _how);
            case 1 << 10: return Json.TryName(ref r, _context.Names, out _option);
            case 1 << 11: return Json.TryNonNegativeInt(ref r, out _value);
            case 1 << 12: return Json.TryNonNegativeInt(ref r, out _onOff);
            case 1 << 13: return Json.TryNonNegativeInt(ref r, out _linger);
            case 1 << 14: return Json.TryName(ref r, _context.Names, out _cmd);
            case 1 << 15: return Json.TryName(ref r, _context.Names, out _window);
            case 1 << 16: return Json.TryNonNegativeInt(ref r, out _msg);
            case 1 << 17: return Json.TryName(ref r, _context.Names, out _event);
            case 1 << 18: return Json.TryEvents(ref r, out _events);
            case 1 << 19: return Json.TryName(ref r, _context.Names, out _code);
            case 1 << 20: return Json.TryText(ref r, out _comment);
            case 1 << 21: return FastObservedReader.TryRead(ref r, _context, out _observed);
            default: return false;
        }
    }

    private static int Bit(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("step"u8) => 1 << 0,
        _ when name.SequenceEqual("op"u8) => 1 << 1,
        _ when name.SequenceEqual("socket"u8) => 1 << 2,
        _ when name.SequenceEqual("type"u8) => 1 << 3,
        _ when name.SequenceEqual("target"u8) => 1 << 4,
        _ when name.SequenceEqual("as"u8) => 1 << 5,
        _ when name.SequenceEqual("len"u8) => 1 << 6,
        _ when name.SequenceEqual("flags"u8) => 1 << 7,
        _ when name.SequenceEqual("badArgs"u8) => 1 << 8,
        _ when name.SequenceEqual("how"u8) => 1 << 9,
        _ when name.SequenceEqual("option"u8) => 1 << 10,
        _ when name.SequenceEqual("value"u8) => 1 << 11,
        _ when name.SequenceEqual("onoff"u8) => 1 << 12,
        _ when name.SequenceEqual("linger"u8) => 1 << 13,
        _ when name.SequenceEqual("cmd"u8) => 1 << 14,
        _ when name.SequenceEqual("window"u8) => 1 << 15,
        _ when name.SequenceEqual("msg"u8) => 1 << 16,
        _ when name.SequenceEqual("event"u8) => 1 << 17,
        _ when name.SequenceEqual("events"u8) => 1 << 18,
        _ when name.SequenceEqual("code"u8) => 1 << 19,
        _ when name.SequenceEqual("comment"u8) => 1 << 20,
        _ when name.SequenceEqual("observed"u8) => 1 << 21,
        _ => 0,
    };

    /// <summary>"len" is a byte count, or "fill" for a send until WSAEWOULDBLOCK.</summary>
    private bool TryReadLen(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            _lenIsFill = r.ValueTextEquals("fill"u8);
            return _lenIsFill;
        }

        return Json.TryNonNegativeInt(ref r, out _len);
    }

    public readonly bool TryBuild(int line, int expectedNumber, out TraceStep step)
    {
        step = null!;
        if ((_step ?? expectedNumber) != expectedNumber || _op is null || TryInput(_op) is not { } input)
        {
            return false;
        }

        step = new TraceStep(line, expectedNumber, input, _observed, _comment);
        return true;
    }

    /// <summary>InputCodec.Read's table, declining wherever it would throw.</summary>
    private readonly Input? TryInput(string op) => op switch
    {
        "socket" or "WSASocket" when _socket is not null && Kind() is { } kind => new SocketCall(_socket, kind, op),
        "bind" when _socket is not null => new BindCall(_socket),
        "listen" when _socket is not null => new ListenCall(_socket),
        "connect" or "WSAConnect" when _socket is not null && Target() is { } target => new ConnectCall(_socket, target, op),
        "accept" or "WSAAccept" when _socket is not null && _as is not null => new AcceptCall(_socket, _as, op),
        "recv" or "recvfrom" or "WSARecv" or "WSARecvFrom" when _socket is not null && _len is { } len =>
            new RecvCall(_socket, len, _flags ?? RecvFlags.None, _badArgs ?? false, op),
        "send" or "sendto" or "WSASend" or "WSASendTo" when _socket is not null && _lenIsFill => new SendCall(_socket, 0, Fill: true, Api: op),
        "send" or "sendto" or "WSASend" or "WSASendTo" when _socket is not null && _len is { } len => new SendCall(_socket, len, Api: op),
        "shutdown" when _socket is not null && How() is { } how => new ShutdownCall(_socket, how),
        "closesocket" when _socket is not null => new CloseSocketCall(_socket),
        "setsockopt" when _socket is not null => SetSockOpt(),
        "ioctlsocket" when _socket is not null => IoctlSocket(),
        "WSAAsyncSelect" when _socket is not null && _events is { } mask =>
            new AsyncSelectCall(_socket, _window ?? TraceFormat.DefaultWindow, _msg ?? TraceFormat.DefaultMessage, mask),
        "WSAEventSelect" when _socket is not null && _event is not null && _events is { } mask => new EventSelectCall(_socket, _event, mask),
        "WSAEnumNetworkEvents" when _socket is not null => new EnumNetworkEventsCall(_socket, _event),
        "WSAIoctl" when _socket is not null && Code() is { } code => new IoctlCall(_socket, code),
        "getMessages" => new GetMessagesCall(_window ?? TraceFormat.DefaultWindow),
        "peer.connect" when _socket is not null => new PeerConnect(_socket),
        "peer.send" when _socket is not null && _len is { } len => new PeerSend(_socket, len),
        "peer.sendOob" when _socket is not null => new PeerSendUrgent(_socket),
        "peer.shutdown" when _socket is not null && How() is { } how => new PeerShutdown(_socket, how),
        "peer.close" when _socket is not null => new PeerClose(_socket),
        "peer.abort" when _socket is not null => new PeerAbort(_socket),
        "peer.read" when _socket is not null => new PeerRead(_socket),
        "net.qosChange" when _socket is not null => new NetworkChange(_socket, NetworkChangeKind.Qos),
        "net.groupQosChange" when _socket is not null => new NetworkChange(_socket, NetworkChangeKind.GroupQos),
        "net.routingInterfaceChange" when _socket is not null => new NetworkChange(_socket, NetworkChangeKind.RoutingInterface),
        "net.addressListChange" when _socket is not null => new NetworkChange(_socket, NetworkChangeKind.AddressList),
        _ => null,
    };

    private readonly SocketKind? Kind() => (_type ?? "stream") switch
    {
        "stream" or "tcp" or "SOCK_STREAM" => SocketKind.Stream,
        "dgram" or "udp" or "SOCK_DGRAM" => SocketKind.Datagram,
        _ => null,
    };

    private readonly ConnectTarget? Target() => (_target ?? "peer") switch
    {
        "peer" => ConnectTarget.Peer,
        "refused" => ConnectTarget.Refused,
        "timeout" => ConnectTarget.TimedOut,
        _ => null,
    };

    private readonly ShutdownHow? How() => _how switch
    {
        "SD_RECEIVE" => ShutdownHow.Receive,
        "SD_SEND" => ShutdownHow.Send,
        "SD_BOTH" => ShutdownHow.Both,
        _ => null,
    };

    private readonly IoctlCode? Code() => _code switch
    {
        "SIO_GET_QOS" => IoctlCode.GetQos,
        "SIO_GET_GROUP_QOS" => IoctlCode.GetGroupQos,
        "SIO_ROUTING_INTERFACE_CHANGE" => IoctlCode.RoutingInterfaceChange,
        "SIO_ADDRESS_LIST_CHANGE" => IoctlCode.AddressListChange,
        _ => null,
    };

    private readonly Input? SetSockOpt() => _option switch
    {
        "SO_OOBINLINE" when _value is { } value => new SetOobInlineCall(_socket!, value != 0),
        "SO_LINGER" when _onOff is { } onOff && _linger is { } linger => new SetLingerCall(_socket!, onOff != 0, linger),
        _ => null,
    };

    private readonly Input? IoctlSocket() => _cmd switch
    {
        "FIONBIO" when _value is { } value => new SetNonBlockingCall(_socket!, value != 0),
        "FIONREAD" => new FionreadCall(_socket!),
        _ => null,
    };
}
