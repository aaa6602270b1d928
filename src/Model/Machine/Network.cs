namespace WinsockConformance.Model;

/// <summary>
/// What the peer and the network do. Each input changes conditions and marks what newly occurred
/// (<see cref="SocketState.Occurred"/>); <see cref="Notifier"/> then decides what is delivered.
/// </summary>
internal static class Network
{
    public static void Apply(StepBuilder b, NetworkInput input)
    {
        var i = b.Target;
        // WINE-24: a segment arriving wakes Wine's poll, which then sees a byte SO_OOBINLINE made readable.
        var s = b[i].InlineChangeUnseen && WakesPoll(input, b[i]) ? b[i] with { InlineChangeUnseen = false } : b[i];
        b[i] = input switch
        {
            PeerConnect => s with
            {
                PendingConnections = s.PendingConnections + 1,
                PendingInlineBits = s.PendingInlineBits | (s.OobInline ? 1 << s.PendingConnections : 0),
                Occurred = s.Occurred | NetworkEvents.Accept,
            },
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

    /// <summary>
    /// Whether the input puts a segment on the wire to the socket (data, FIN, RST, or the ACK of a read that frees
    /// send space). A peer.read with nothing unread, or the peer's SD_RECEIVE, sends nothing (FUZZ-35, seed 31415).
    /// </summary>
    private static bool WakesPoll(NetworkInput input, SocketState s) => input switch
    {
        PeerShutdown { How: ShutdownHow.Receive } => false,
        PeerRead => s.SendBlocked,
        _ => true,
    };

    /// <summary>An RST arrives: Windows discards what was unread (recv fails with WSAECONNRESET); WINE-13 keeps it.</summary>
    private static SocketState Reset(StepBuilder b, SocketState s)
    {
        if (s.HungUp)
        {
            // WINE-26: Wine stopped watching the socket at the hang-up, so the RST reports nothing.
            b.Apply(RuleId.WineBothDirectionsShutHangsUp);
            if (b.Profile.ResetUnseenAfterHangup)
            {
                // WINE-37: nor does Wine learn of it, so recv reads what is left and then 0, as after a FIN.
                b.Apply(RuleId.WineResetUnseenAfterHangup);
                return s with { Peer = s.Peer | PeerFlags.Closed, SendBlocked = false };
            }

            return s with { Peer = s.Peer | PeerFlags.Reset | PeerFlags.Closed, SendBlocked = false };
        }

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
            ReadableBytes = keep || b.Profile.FionreadCountsAfterReset ? s.ReadableBytes : 0,
            UrgentBytes = keep ? s.UrgentBytes : 0,
            SendBlocked = false,
            Occurred = s.Occurred | NetworkEvents.Close | ResetWrite(b, s),
        };
    }

    /// <summary>WINE-27: with the RST Linux reports POLLOUT, which Wine sees if it still watches for FD_WRITE (not after SD_SEND).</summary>
    public static NetworkEvents ResetWrite(StepBuilder b, SocketState s) =>
        b.Profile.ResetReportsArmedWrite && (s.LocalShutdown & ShutdownFlags.Send) == 0 ? NetworkEvents.Write : NetworkEvents.None;

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
        if (b.Profile.UrgentMarkSplitsStream && s.IsStream)
        {
            return ArriveAtMark(b, s);
        }

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

    /// <summary>
    /// WINE-24: Linux keeps one urgent pointer; the byte stays in the stream as a mark. An earlier urgent byte
    /// still ahead becomes normal data (inline it already was); one at the read position is dropped.
    /// </summary>
    private static SocketState ArriveAtMark(StepBuilder b, SocketState s)
    {
        b.Apply(RuleId.WineUrgentMarkSplitsStream);
        if (s.UrgentMark >= 0)
        {
            b.Apply(RuleId.WineSingleUrgentByte);
        }

        if (s.OobInline)
        {
            // S3, WINE-12: read inline, FD_READ; FD_OOB holds (UrgentBytes = Linux's valid urgent byte) until read past.
            b.Apply(RuleId.RecvOobWithInlineInvalid);
            b.Apply(RuleId.WineInlineUrgentAlsoPostsOob);
            return s with
            {
                UrgentMark = s.ReadableBytes,
                ReadableBytes = s.ReadableBytes + 1,
                UrgentBytes = b.Profile.InlineUrgentAlsoSignalsOob ? 1 : 0,
                Occurred = s.Occurred | NetworkEvents.Read | NetworkEvents.Oob,
            };
        }

        var readable = s.UrgentMark > 0 ? s.ReadableBytes + 1 : s.ReadableBytes;
        return s with { ReadableBytes = readable, UrgentMark = readable, UrgentBytes = 1, Occurred = s.Occurred | NetworkEvents.Oob };
    }

    private static SocketState Fin(StepBuilder b, SocketState s)
    {
        b.Apply(RuleId.CloseNotFromLocalShutdown);
        if (s.PeerSentFin)
        {
            return s;
        }

        var fin = s with { Peer = s.Peer | PeerFlags.SentFin, Occurred = s.Occurred | NetworkEvents.Close };
        return (s.LocalShutdown & ShutdownFlags.Send) != 0 ? HangUp(b, fin) : fin;
    }

    /// <summary>
    /// WINE-26: the second direction is shut. Linux reports POLLHUP: Wine posts FD_CLOSE at once (unread data or not)
    /// and, once it has the hang-up with the send side shut, stops watching the socket.
    /// </summary>
    public static SocketState HangUp(StepBuilder b, SocketState s)
    {
        if (!b.Profile.BothDirectionsShutHangsUp || s.IsReset || !s.IsStream || s.Phase != SocketPhase.Connected)
        {
            return s;
        }

        b.Apply(RuleId.WineBothDirectionsShutHangsUp);
        if (s.HangupSeen)
        {
            // Wine saw the FIN already (WINE-25): with the send side shut too, sock_get_poll_events stops polling
            // at once, so no POLLHUP is reported: no FD_CLOSE and no wake-up (FUZZ-41, seed 1111 #738).
            return s with { HungUp = true };
        }

        return s with { HungUp = true, HangupSeen = true, Occurred = s.Occurred | NetworkEvents.Close };
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
