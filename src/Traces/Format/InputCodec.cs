using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>Thrown for a malformed line; the reader adds file and line.</summary>
public sealed class TraceFormatException(string message) : Exception(message);

/// <summary>Reads and writes the input part of a step line; describes an input in one short line.</summary>
public static class InputCodec
{
    /// <summary>Every operation name the format knows, for error messages and the schema.</summary>
    public static readonly IReadOnlyList<string> Operations =
    [
        "socket", "WSASocket", "bind", "listen", "connect", "WSAConnect", "accept", "WSAAccept",
        "recv", "recvfrom", "WSARecv", "WSARecvFrom", "send", "sendto", "WSASend", "WSASendTo",
        "shutdown", "closesocket", "setsockopt", "ioctlsocket", "WSAAsyncSelect", "WSAEventSelect",
        "WSAEnumNetworkEvents", "WSAIoctl", "getMessages",
        "peer.connect", "peer.send", "peer.sendOob", "peer.shutdown", "peer.close", "peer.abort", "peer.read",
        "net.qosChange", "net.groupQosChange", "net.routingInterfaceChange", "net.addressListChange",
    ];

    public static Input Read(JsonElement line)
    {
        var op = RequiredString(line, "op");
        return op switch
        {
            "socket" or "WSASocket" => new SocketCall(Socket(line), ReadKind(line), op),
            "bind" => new BindCall(Socket(line)),
            "listen" => new ListenCall(Socket(line)),
            "connect" or "WSAConnect" => new ConnectCall(Socket(line), ReadTarget(line), op),
            "accept" or "WSAAccept" => new AcceptCall(Socket(line), RequiredString(line, "as"), op),
            "recv" or "recvfrom" or "WSARecv" or "WSARecvFrom" =>
                new RecvCall(Socket(line), RequiredInt(line, "len"), ReadRecvFlags(line), OptionalBool(line, "badArgs"), op),
            "send" or "sendto" or "WSASend" or "WSASendTo" => ReadSend(line, op),
            "shutdown" => new ShutdownCall(Socket(line), ReadHow(line)),
            "closesocket" => new CloseSocketCall(Socket(line)),
            "setsockopt" => ReadSetSockOpt(line),
            "ioctlsocket" => ReadIoctlSocket(line),
            "WSAAsyncSelect" => new AsyncSelectCall(Socket(line), OptionalString(line, "window") ?? TraceFormat.DefaultWindow,
                OptionalInt(line, "msg") ?? TraceFormat.DefaultMessage, ReadEvents(line, "events")),
            "WSAEventSelect" => new EventSelectCall(Socket(line), RequiredString(line, "event"), ReadEvents(line, "events")),
            "WSAEnumNetworkEvents" => new EnumNetworkEventsCall(Socket(line), OptionalString(line, "event")),
            "WSAIoctl" => new IoctlCall(Socket(line), ReadIoctlCode(line)),
            "getMessages" => new GetMessagesCall(OptionalString(line, "window") ?? TraceFormat.DefaultWindow),
            "peer.connect" => new PeerConnect(Socket(line)),
            "peer.send" => new PeerSend(Socket(line), RequiredInt(line, "len")),
            "peer.sendOob" => new PeerSendUrgent(Socket(line)),
            "peer.shutdown" => new PeerShutdown(Socket(line), ReadHow(line)),
            "peer.close" => new PeerClose(Socket(line)),
            "peer.abort" => new PeerAbort(Socket(line)),
            "peer.read" => new PeerRead(Socket(line)),
            "net.qosChange" => new NetworkChange(Socket(line), NetworkChangeKind.Qos),
            "net.groupQosChange" => new NetworkChange(Socket(line), NetworkChangeKind.GroupQos),
            "net.routingInterfaceChange" => new NetworkChange(Socket(line), NetworkChangeKind.RoutingInterface),
            "net.addressListChange" => new NetworkChange(Socket(line), NetworkChangeKind.AddressList),
            _ => throw new TraceFormatException($"unknown operation \"{op}\"; expected one of: {string.Join(", ", Operations)}"),
        };
    }

    public static void Write(Utf8JsonWriter w, Input input)
    {
        w.WriteString("op", input.Op);
        if (input.Socket is not null)
        {
            w.WriteString("socket", input.Socket);
        }

        switch (input)
        {
            case SocketCall c:
                w.WriteString("type", c.Kind == SocketKind.Stream ? "stream" : "dgram");
                break;
            case BindCall or ListenCall or CloseSocketCall or PeerConnect or PeerSendUrgent or PeerClose or PeerAbort or PeerRead or NetworkChange:
                break;
            case ConnectCall c:
                w.WriteString("target", c.Target switch
                {
                    ConnectTarget.Peer => "peer",
                    ConnectTarget.Refused => "refused",
                    ConnectTarget.TimedOut => "timeout",
                    _ => throw new System.Diagnostics.UnreachableException(c.Target.ToString()),
                });
                break;
            case AcceptCall c:
                w.WriteString("as", c.NewName);
                break;
            case RecvCall c:
                w.WriteNumber("len", c.Length);
                if (c.Flags != RecvFlags.None)
                {
                    w.WriteStartArray("flags");
                    if ((c.Flags & RecvFlags.Oob) != 0)
                    {
                        w.WriteStringValue("MSG_OOB");
                    }

                    if ((c.Flags & RecvFlags.Peek) != 0)
                    {
                        w.WriteStringValue("MSG_PEEK");
                    }

                    w.WriteEndArray();
                }

                if (c.BadArguments)
                {
                    w.WriteBoolean("badArgs", true);
                }

                break;
            case SendCall c:
                if (c.Fill)
                {
                    w.WriteString("len", "fill");
                }
                else
                {
                    w.WriteNumber("len", c.Length);
                }

                break;
            case ShutdownCall c:
                w.WriteString("how", HowName(c.How));
                break;
            case PeerShutdown c:
                w.WriteString("how", HowName(c.How));
                break;
            case SetOobInlineCall c:
                w.WriteString("option", "SO_OOBINLINE");
                w.WriteNumber("value", c.Enabled ? 1 : 0);
                break;
            case SetLingerCall c:
                w.WriteString("option", "SO_LINGER");
                w.WriteNumber("onoff", c.OnOff ? 1 : 0);
                w.WriteNumber("linger", c.Seconds);
                break;
            case SetNonBlockingCall c:
                w.WriteString("cmd", "FIONBIO");
                w.WriteNumber("value", c.NonBlocking ? 1 : 0);
                break;
            case FionreadCall:
                w.WriteString("cmd", "FIONREAD");
                break;
            case AsyncSelectCall c:
                if (c.Window != TraceFormat.DefaultWindow)
                {
                    w.WriteString("window", c.Window);
                }

                if (c.Message != TraceFormat.DefaultMessage)
                {
                    w.WriteNumber("msg", c.Message);
                }

                WriteEvents(w, "events", c.Mask);
                break;
            case EventSelectCall c:
                w.WriteString("event", c.EventObject);
                WriteEvents(w, "events", c.Mask);
                break;
            case EnumNetworkEventsCall c:
                if (c.EventObject is not null)
                {
                    w.WriteString("event", c.EventObject);
                }

                break;
            case IoctlCall c:
                w.WriteString("code", IoctlName(c.Code));
                break;
            case GetMessagesCall c:
                if (c.Window != TraceFormat.DefaultWindow)
                {
                    w.WriteString("window", c.Window);
                }

                break;
            case PeerSend c:
                w.WriteNumber("len", c.Length);
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"unhandled input {input}");
        }
    }

    /// <summary>One short line, e.g. "recv a 50 MSG_PEEK" or "WSAAsyncSelect a FD_READ|FD_CLOSE".</summary>
    public static string Describe(Input input) => input switch
    {
        SocketCall c => $"{c.Op} {c.Name} {(c.Kind == SocketKind.Stream ? "stream" : "dgram")}",
        ConnectCall c => $"{c.Op} {c.Name}" + (c.Target == ConnectTarget.Peer ? " -> peer" : c.Target == ConnectTarget.Refused ? " -> closed port" : " -> no answer"),
        AcceptCall c => $"{c.Op} {c.Listener} as {c.NewName}",
        RecvCall c => $"{c.Op} {c.Name} {c.Length}"
            + ((c.Flags & RecvFlags.Oob) != 0 ? " MSG_OOB" : string.Empty)
            + ((c.Flags & RecvFlags.Peek) != 0 ? " MSG_PEEK" : string.Empty)
            + (c.BadArguments ? " (bad buffer)" : string.Empty),
        SendCall c => c.Fill ? $"{c.Op} {c.Name} until WSAEWOULDBLOCK" : $"{c.Op} {c.Name} {c.Length}",
        ShutdownCall c => $"shutdown {c.Name} {HowName(c.How)}",
        SetOobInlineCall c => $"setsockopt {c.Name} SO_OOBINLINE={(c.Enabled ? 1 : 0)}",
        SetLingerCall c => $"setsockopt {c.Name} SO_LINGER={{{(c.OnOff ? 1 : 0)},{c.Seconds}}}",
        SetNonBlockingCall c => $"ioctlsocket {c.Name} FIONBIO={(c.NonBlocking ? 1 : 0)}",
        FionreadCall c => $"ioctlsocket {c.Name} FIONREAD",
        AsyncSelectCall c => $"WSAAsyncSelect {c.Name} "
            + (c.Window == TraceFormat.DefaultWindow && c.Message == TraceFormat.DefaultMessage ? string.Empty : $"{c.Window}/{c.Message} ")
            + NetworkEventNames.Format(c.Mask),
        EventSelectCall c => $"WSAEventSelect {c.Name} {c.EventObject} {NetworkEventNames.Format(c.Mask)}",
        EnumNetworkEventsCall c => $"WSAEnumNetworkEvents {c.Name}" + (c.EventObject is null ? string.Empty : " " + c.EventObject),
        IoctlCall c => $"WSAIoctl {c.Name} {IoctlName(c.Code)}",
        GetMessagesCall c => c.Window == TraceFormat.DefaultWindow ? "getMessages" : $"getMessages {c.Window}",
        PeerSend c => $"peer.send {c.Name} {c.Length}",
        PeerShutdown c => $"peer.shutdown {c.Name} {HowName(c.How)}",
        _ => $"{input.Op} {input.Socket}",
    };

    public static string HowName(ShutdownHow how) => how switch
    {
        ShutdownHow.Receive => "SD_RECEIVE",
        ShutdownHow.Send => "SD_SEND",
        ShutdownHow.Both => "SD_BOTH",
        _ => throw new System.Diagnostics.UnreachableException(how.ToString()),
    };

    public static string IoctlName(IoctlCode code) => code switch
    {
        IoctlCode.GetQos => "SIO_GET_QOS",
        IoctlCode.GetGroupQos => "SIO_GET_GROUP_QOS",
        IoctlCode.RoutingInterfaceChange => "SIO_ROUTING_INTERFACE_CHANGE",
        IoctlCode.AddressListChange => "SIO_ADDRESS_LIST_CHANGE",
        _ => throw new System.Diagnostics.UnreachableException(code.ToString()),
    };

    public static void WriteEvents(Utf8JsonWriter w, string name, NetworkEvents mask)
    {
        w.WriteStartArray(name);
        foreach (var bit in NetworkEventNames.Each(mask))
        {
            w.WriteStringValue(bit.NativeName());
        }

        w.WriteEndArray();
    }

    public static NetworkEvents ReadEvents(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var array))
        {
            throw new TraceFormatException($"missing \"{name}\": expected an array of FD_* names (empty for mask 0)");
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TraceFormatException($"\"{name}\" must be an array of FD_* names, got {array.ValueKind}");
        }

        var mask = NetworkEvents.None;
        foreach (var item in array.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.ToString();
            if (!NetworkEventNames.TryParse(text, out var bit))
            {
                throw new TraceFormatException($"\"{name}\": unknown event \"{text}\"; expected FD_READ, FD_WRITE, FD_OOB, FD_ACCEPT, FD_CONNECT, FD_CLOSE, FD_QOS, FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE or FD_ADDRESS_LIST_CHANGE");
            }

            mask |= bit;
        }

        return mask;
    }

    private static SendCall ReadSend(JsonElement line, string op)
    {
        var socket = Socket(line);
        if (line.TryGetProperty("len", out var len) && len.ValueKind == JsonValueKind.String)
        {
            return len.GetString() == "fill"
                ? new SendCall(socket, 0, Fill: true, Api: op)
                : throw new TraceFormatException("\"len\" must be a byte count or \"fill\" (send until WSAEWOULDBLOCK)");
        }

        return new SendCall(socket, RequiredInt(line, "len"), Api: op);
    }

    private static Input ReadSetSockOpt(JsonElement line)
    {
        var socket = Socket(line);
        return RequiredString(line, "option") switch
        {
            "SO_OOBINLINE" => new SetOobInlineCall(socket, RequiredInt(line, "value") != 0),
            "SO_LINGER" => new SetLingerCall(socket, RequiredInt(line, "onoff") != 0, RequiredInt(line, "linger")),
            var other => throw new TraceFormatException($"setsockopt option \"{other}\" is not supported; expected SO_OOBINLINE or SO_LINGER"),
        };
    }

    private static Input ReadIoctlSocket(JsonElement line)
    {
        var socket = Socket(line);
        return RequiredString(line, "cmd") switch
        {
            "FIONBIO" => new SetNonBlockingCall(socket, RequiredInt(line, "value") != 0),
            "FIONREAD" => new FionreadCall(socket),
            var other => throw new TraceFormatException($"ioctlsocket command \"{other}\" is not supported; expected FIONBIO or FIONREAD"),
        };
    }

    private static IoctlCode ReadIoctlCode(JsonElement line) => RequiredString(line, "code") switch
    {
        "SIO_GET_QOS" => IoctlCode.GetQos,
        "SIO_GET_GROUP_QOS" => IoctlCode.GetGroupQos,
        "SIO_ROUTING_INTERFACE_CHANGE" => IoctlCode.RoutingInterfaceChange,
        "SIO_ADDRESS_LIST_CHANGE" => IoctlCode.AddressListChange,
        var other => throw new TraceFormatException($"WSAIoctl code \"{other}\" is not supported; expected SIO_GET_QOS, SIO_GET_GROUP_QOS, SIO_ROUTING_INTERFACE_CHANGE or SIO_ADDRESS_LIST_CHANGE"),
    };

    private static SocketKind ReadKind(JsonElement line) => (OptionalString(line, "type") ?? "stream") switch
    {
        "stream" or "tcp" or "SOCK_STREAM" => SocketKind.Stream,
        "dgram" or "udp" or "SOCK_DGRAM" => SocketKind.Datagram,
        var other => throw new TraceFormatException($"\"type\" must be \"stream\" or \"dgram\", got \"{other}\""),
    };

    private static ConnectTarget ReadTarget(JsonElement line) => (OptionalString(line, "target") ?? "peer") switch
    {
        "peer" => ConnectTarget.Peer,
        "refused" => ConnectTarget.Refused,
        "timeout" => ConnectTarget.TimedOut,
        var other => throw new TraceFormatException($"\"target\" must be \"peer\", \"refused\" or \"timeout\", got \"{other}\""),
    };

    private static ShutdownHow ReadHow(JsonElement line) => RequiredString(line, "how") switch
    {
        "SD_RECEIVE" => ShutdownHow.Receive,
        "SD_SEND" => ShutdownHow.Send,
        "SD_BOTH" => ShutdownHow.Both,
        var other => throw new TraceFormatException($"\"how\" must be SD_RECEIVE, SD_SEND or SD_BOTH, got \"{other}\""),
    };

    private static RecvFlags ReadRecvFlags(JsonElement line)
    {
        if (!line.TryGetProperty("flags", out var array))
        {
            return RecvFlags.None;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TraceFormatException("\"flags\" must be an array of MSG_PEEK / MSG_OOB");
        }

        var flags = RecvFlags.None;
        foreach (var item in array.EnumerateArray())
        {
            flags |= (item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText()) switch
            {
                "MSG_PEEK" => RecvFlags.Peek,
                "MSG_OOB" => RecvFlags.Oob,
                var other => throw new TraceFormatException($"\"flags\": unknown flag \"{other}\"; expected MSG_PEEK or MSG_OOB"),
            };
        }

        return flags;
    }

    private static string Socket(JsonElement line) => RequiredString(line, "socket");

    public static string RequiredString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            throw new TraceFormatException($"missing \"{name}\" (a string)");
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new TraceFormatException($"\"{name}\" must be a non-empty string, got {value.ValueKind}");
        }

        return value.GetString()!;
    }

    public static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? RequiredString(obj, name) : null;

    public static int RequiredInt(JsonElement obj, string name) =>
        OptionalInt(obj, name) ?? throw new TraceFormatException($"missing \"{name}\" (a number)");

    public static int? OptionalInt(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < 0)
        {
            throw new TraceFormatException($"\"{name}\" must be a non-negative integer, got {value.GetRawText()}");
        }

        return number;
    }

    public static bool OptionalBool(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TraceFormatException($"\"{name}\" must be true or false, got {value.GetRawText()}"),
        };
    }
}
