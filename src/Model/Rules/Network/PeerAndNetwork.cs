namespace WinsockConformance.Model;

// What the peer and the network do: peer.connect, peer.send, peer.sendOob, peer.shutdown, peer.close, peer.abort,
// peer.read, and the QoS and change notifications (net.*).
//
// Each input changes the socket's conditions and marks what newly occurred (SocketState.Occurred, Edges); the notifier
// then decides what is recorded and delivered (Rules/Notification). docs/sources.md #ms-wsaasyncselect, #win-g-close: the peer's
// FIN makes FD_CLOSE due, its SD_RECEIVE does not (G2); an RST discards what was unread (S1) and FD_CLOSE carries an
// error (G4); with SO_OOBINLINE an urgent byte is normal data (S3) and Windows queues several (S10); a QoS change is an
// edge (Q1) and a change notification answers an outstanding WSAIoctl (C9). Under Wine, Linux's TCP decides: one urgent
// byte kept as a mark in the stream (WINE-5, WINE-24), POLLPRI for an inline one (WINE-12), data kept after an RST
// (WINE-13; counted by FIONREAD only, WINE-34), POLLOUT with the RST (WINE-27), POLLHUP once both directions are
// shut (WINE-26), and an RST after that never seen (WINE-37).

/// <summary>The peer's and the network's inputs.</summary>
internal static class PeerAndNetwork
{
    public static void Apply(StepBuilder b, NetworkInput input)
    {
        // H-6: the peer's closesocket frees a handle value of the process the model does not place.
        b.PeerFreedHandle |= input is PeerClose or PeerAbort;
        var i = b.Target;
        var s = b[i].InlineChangeUnseen && Notifier.SegmentReselects(input, b[i]) ? b[i] with { InlineChangeUnseen = false } : b[i];
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
    /// An RST arrives: Windows discards what was unread (recv fails with WSAECONNRESET); WINE-13 keeps it. The RST is an
    /// occurrence of FD_CLOSE; with it Linux reports POLLOUT, which Wine sees if it still watches for FD_WRITE (WINE-27).
    /// Whether anyone still watches, and whether it latches apart from the FIN's FD_CLOSE, is Notifier.Watch's.
    /// </summary>
    private static SocketState Reset(StepBuilder b, SocketState s)
    {
        if (s.BothDirectionsShut && b.Profile.ResetUnseenAfterHangup)
        {
            // WINE-37: Wine stopped polling at the hang-up (WINE-26) and never learns of the RST: recv reads what is
            // left and then 0, as after a FIN.
            b.Cite(ProfileSwitches.BothDirectionsShutHangsUp);
            b.Cite(ProfileSwitches.ResetUnseenAfterHangup);
            return s with { Peer = s.Peer | PeerFlags.Closed, SendBlocked = false };
        }

        // WINE-34: Linux's SIOCINQ still counts what arrived before the RST, though recv fails.
        var keep = b.Profile.RecvAfterResetReadsRest;
        var write = b.Profile.ResetReportsArmedWrite && (s.LocalShutdown & ShutdownFlags.Send) == 0 ? NetworkEvents.Write : NetworkEvents.None;
        return s with
        {
            Peer = s.Peer | PeerFlags.Reset | PeerFlags.Closed,
            ReadableBytes = keep || b.Profile.FionreadCountsAfterReset ? s.ReadableBytes : 0,
            UrgentBytes = keep ? s.UrgentBytes : 0,
            SendBlocked = false,
            Occurred = s.Occurred | NetworkEvents.Close | write,
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
        if (b.Profile.UrgentMarkSplitsStream && s.IsStream)
        {
            return ArriveAtMark(b, s);
        }

        if (s.OobInline)
        {
            // S3: with SO_OOBINLINE the urgent byte is normal data and raises FD_READ.
            b.Cite(RuleId.RecvOobWithInlineInvalid);
            var inline = s with { ReadableBytes = s.ReadableBytes + 1, Occurred = s.Occurred | NetworkEvents.Read };
            if (b.Profile.InlineUrgentAlsoSignalsOob)
            {
                // WINE-12: Linux still reports POLLPRI for it.
                b.Cite(ProfileSwitches.InlineUrgentAlsoSignalsOob);
                inline = inline with { Edges = inline.Edges | NetworkEvents.Oob };
            }

            return inline;
        }

        if (!b.Profile.KeepsSeveralUrgentBytes && s.UrgentBytes > 0)
        {
            // WINE-5: Linux keeps one urgent byte; the newer one replaces it.
            b.Cite(ProfileSwitches.KeepsSeveralUrgentBytes);
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
        b.Cite(ProfileSwitches.UrgentMarkSplitsStream);
        if (s.UrgentMark >= 0)
        {
            // WINE-5: one urgent pointer, so the newer byte takes over the mark.
            b.Cite(ProfileSwitches.KeepsSeveralUrgentBytes);
        }

        if (s.OobInline)
        {
            // S3, WINE-12: read inline, FD_READ; FD_OOB holds (UrgentBytes = Linux's valid urgent byte) until read past.
            b.Cite(RuleId.RecvOobWithInlineInvalid);
            b.Cite(ProfileSwitches.InlineUrgentAlsoSignalsOob);
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
        b.Cite(RuleId.CloseNotFromLocalShutdown);
        if (s.PeerSentFin)
        {
            return s;
        }

        var fin = s with { Peer = s.Peer | PeerFlags.SentFin, Occurred = s.Occurred | NetworkEvents.Close };
        return (s.LocalShutdown & ShutdownFlags.Send) != 0 ? BothDirectionsShut(b, fin) : fin;
    }

    /// <summary>
    /// WINE-26: the second direction is shut (this side's SD_SEND and the peer's FIN, either order). Linux reports
    /// POLLHUP: Wine records FD_CLOSE at once, unread data or not, and, with the send side shut and its <c>hangup</c>
    /// flag set, sock_get_poll_events stops watching the socket (Notifier.Watch).
    /// </summary>
    public static SocketState BothDirectionsShut(StepBuilder b, SocketState s)
    {
        if (!b.Profile.BothDirectionsShutHangsUp || s.IsReset || !s.IsStream || s.Phase != SocketPhase.Connected)
        {
            return s;
        }

        b.Cite(ProfileSwitches.BothDirectionsShutHangsUp);
        if (s.WineSawFin)
        {
            // Wine saw the FIN already (WINE-25): with the send side shut too, sock_get_poll_events stops polling
            // at once, so no POLLHUP is reported: no FD_CLOSE and no wake-up (FUZZ-41, seed 1111 #738).
            return s with { BothDirectionsShut = true };
        }

        return s with { BothDirectionsShut = true, WineSawFin = true, Occurred = s.Occurred | NetworkEvents.Close };
    }

    private static SocketState Change(StepBuilder b, SocketState s, NetworkChangeKind kind)
    {
        b.Cite(kind is NetworkChangeKind.Qos or NetworkChangeKind.GroupQos ? RuleId.QosEdgeTriggered : RuleId.ChangeNotificationNeedsIoctl);
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
