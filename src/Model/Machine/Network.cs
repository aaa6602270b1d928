namespace WinsockConformance.Model;

/// <summary>
/// What the peer and the network do. Each input changes conditions and marks what newly occurred
/// (<see cref="SocketState.Occurred"/>); <see cref="Notifier"/> then decides what is delivered.
/// </summary>
internal static class Network
{
    public static void Apply(StepBuilder b, NetworkInput input)
    {
        var i = b.IndexOf(input.Socket!);
        var s = b[i];
        b[i] = input switch
        {
            PeerConnect => s with { PendingConnections = s.PendingConnections + 1, Occurred = s.Occurred | NetworkEvents.Accept },
            PeerSend send => Arrive(s, send.Length),
            PeerSendUrgent => ArriveUrgent(b, s),
            PeerShutdown { How: ShutdownHow.Receive } => s with { Peer = s.Peer | PeerFlags.ShutReceive },
            PeerShutdown => Fin(b, s),
            PeerClose => Fin(b, s) with { Peer = s.Peer | PeerFlags.SentFin | PeerFlags.Closed },
            PeerAbort => s with
            {
                Peer = s.Peer | PeerFlags.Reset | PeerFlags.Closed,
                ReadableBytes = 0,
                UrgentBytes = 0,
                SendBlocked = false,
                Occurred = s.Occurred | NetworkEvents.Close,
            },
            PeerRead => s.SendBlocked ? s with { SendBlocked = false, Occurred = s.Occurred | NetworkEvents.Write } : s,
            NetworkChange change => Change(b, s, change.Kind),
            _ => throw new System.Diagnostics.UnreachableException($"unhandled network input {input}"),
        };
    }

    private static SocketState Arrive(SocketState s, int length) =>
        s.Kind == SocketKind.Datagram
            ? s with { Datagrams = s.Datagrams.Add(length), Occurred = s.Occurred | NetworkEvents.Read }
            : s with { ReadableBytes = s.ReadableBytes + length, Occurred = s.Occurred | NetworkEvents.Read };

    private static SocketState ArriveUrgent(StepBuilder b, SocketState s)
    {
        if (s.OobInline)
        {
            // S3: with SO_OOBINLINE the urgent byte is normal data and raises FD_READ.
            b.Apply(RuleId.RecvOobWithInlineInvalid);
            return s with { ReadableBytes = s.ReadableBytes + 1, Occurred = s.Occurred | NetworkEvents.Read };
        }

        if (!b.Profile.KeepsSeveralUrgentBytes && s.UrgentBytes > 0)
        {
            // WINE-5: Linux keeps one urgent byte; the newer one replaces it.
            b.Apply(RuleId.WineSingleUrgentByte);
            return s with { Occurred = s.Occurred | NetworkEvents.Oob };
        }

        return s with { UrgentBytes = s.UrgentBytes + 1, Occurred = s.Occurred | NetworkEvents.Oob };
    }

    private static SocketState Fin(StepBuilder b, SocketState s)
    {
        b.Apply(RuleId.CloseNotFromLocalShutdown);
        return s.PeerSentFin ? s : s with { Peer = s.Peer | PeerFlags.SentFin, Occurred = s.Occurred | NetworkEvents.Close };
    }

    private static SocketState Change(StepBuilder b, SocketState s, NetworkChangeKind kind)
    {
        b.Apply(kind is NetworkChangeKind.Qos or NetworkChangeKind.GroupQos ? RuleId.QosEdgeTriggered : RuleId.ChangeNotificationNeedsIoctl);
        return kind switch
        {
            NetworkChangeKind.Qos => s with { Edges = s.Edges | NetworkEvents.Qos },
            NetworkChangeKind.GroupQos => s with { Edges = s.Edges | NetworkEvents.GroupQos },
            NetworkChangeKind.RoutingInterface when s.RoutingQueryOutstanding =>
                s with { Edges = s.Edges | NetworkEvents.RoutingInterfaceChange, RoutingQueryOutstanding = false },
            NetworkChangeKind.AddressList when s.AddressQueryOutstanding =>
                s with { Edges = s.Edges | NetworkEvents.AddressListChange, AddressQueryOutstanding = false },
            NetworkChangeKind.RoutingInterface or NetworkChangeKind.AddressList => s,
            _ => throw new System.Diagnostics.UnreachableException(kind.ToString()),
        };
    }
}
