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
            // The peer reads what it was sent before closing (so a FIN, not an RST, goes out): send space returns.
            PeerClose => PeerCloses(b, s),
            PeerAbort => Reset(b, s),
            PeerRead => s.SendBlocked ? s with { SendBlocked = false, Occurred = s.Occurred | NetworkEvents.Write } : s,
            NetworkChange change => Change(b, s, change.Kind),
            _ => throw new System.Diagnostics.UnreachableException($"unhandled network input {input}"),
        };
    }

    /// <summary>An RST arrives: Windows discards what was unread (recv fails with WSAECONNRESET); WINE-13 keeps it.</summary>
    private static SocketState Reset(StepBuilder b, SocketState s)
    {
        var keep = b.Profile.RecvAfterResetReadsRest;
        var reported = s.Reported;
        if (b.Profile.ResetAfterFinClosesAgain && (reported & NetworkEvents.Close) != 0)
        {
            // WINE-20: the reset latch is separate from the hang-up one, so FD_CLOSE comes again (FUZZ-25).
            b.Apply(RuleId.WineResetAfterFinClosesAgain);
            reported &= ~NetworkEvents.Close;
        }

        return s with
        {
            Peer = s.Peer | PeerFlags.Reset | PeerFlags.Closed,
            Reported = reported,
            ReadableBytes = keep ? s.ReadableBytes : 0,
            UrgentBytes = keep ? s.UrgentBytes : 0,
            SendBlocked = false,
            Occurred = s.Occurred | NetworkEvents.Close,
        };
    }

    /// <summary>
    /// The peer reads what it was sent, then closes: a FIN (not an RST) goes out, and the send space
    /// it freed returns, so a blocked sender gets FD_WRITE (found by fuzzing, FUZZ-10).
    /// </summary>
    private static SocketState PeerCloses(StepBuilder b, SocketState s)
    {
        var fin = Fin(b, s);
        return fin with
        {
            Peer = fin.Peer | PeerFlags.Closed,
            SendBlocked = false,
            Occurred = fin.Occurred | (s.SendBlocked ? NetworkEvents.Write : NetworkEvents.None),
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
            var inline = s with { ReadableBytes = s.ReadableBytes + 1, Occurred = s.Occurred | NetworkEvents.Read };
            if (b.Profile.InlineUrgentAlsoSignalsOob)
            {
                b.Apply(RuleId.WineInlineUrgentAlsoPostsOob);
                inline = inline with { Edges = inline.Edges | NetworkEvents.Oob };
            }

            return inline;
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
            // Q1: every change posts once, latched or not.
            NetworkChangeKind.Qos => s with { Edges = s.Edges | NetworkEvents.Qos, Reported = s.Reported & ~NetworkEvents.Qos },
            NetworkChangeKind.GroupQos => s with { Edges = s.Edges | NetworkEvents.GroupQos, Reported = s.Reported & ~NetworkEvents.GroupQos },
            NetworkChangeKind.RoutingInterface when s.RoutingQueryOutstanding =>
                s with { Edges = s.Edges | NetworkEvents.RoutingInterfaceChange, RoutingQueryOutstanding = false },
            NetworkChangeKind.AddressList when s.AddressQueryOutstanding =>
                s with { Edges = s.Edges | NetworkEvents.AddressListChange, AddressQueryOutstanding = false },
            NetworkChangeKind.RoutingInterface or NetworkChangeKind.AddressList => s,
            _ => throw new System.Diagnostics.UnreachableException(kind.ToString()),
        };
    }
}
