namespace WinsockConformance.Model;

// The recv family: recv, recvfrom, WSARecv, WSARecvFrom, with MSG_PEEK and MSG_OOB.
//
// docs/sources.md #ms-lpwsprecv, #ms-recv, #win-c-reenabling: a recv returns min(available, len), 0 once a gracefully closed
// stream is drained, WSAEWOULDBLOCK when a nonblocking socket has nothing, WSAECONNRESET after an RST (S1); MSG_PEEK
// copies without consuming (S2); with SO_OOBINLINE, recv(MSG_OOB) fails with WSAEINVAL (S3); a datagram recv returns
// one datagram and a short buffer fails with WSAEMSGSIZE (S6); WSAENOTCONN unconnected (S8), WSAESHUTDOWN after
// SD_RECEIVE (S9). Every recv that reaches the stack re-enables FD_READ, or FD_OOB with MSG_OOB, whatever it returns
// (C1, C3: the re-enabling table); one failing its argument checks follows the table's C2 row and its variants.
// Wine differs where Linux does: the urgent byte is a mark in the stream (WINE-24), data survives an RST (WINE-13),
// an unconnected recv waits (WINE-21), a recv after a refused connect returns 0 (WINE-23), recv(MSG_OOB) with
// SO_OOBINLINE fails before the shutdown check (WINE-29).

/// <summary>The recv family.</summary>
internal static class Receive
{
    public static CallOutcome Recv(StepBuilder b, int i, RecvCall c)
    {
        var s = b[i];
        var oob = (c.Flags & RecvFlags.Oob) != 0;
        var bit = oob ? NetworkEvents.Oob : NetworkEvents.Read;
        if (b.Profile.RecvOnUnconnectedWaits && Validation.RecvWaitsUnconnected(s, c) && !c.BadArguments)
        {
            // WINE-21: queued like any receive; Validation rejects the blocking form, which never returns.
            b.Cite(ProfileSwitches.RecvOnUnconnectedWaits);
            return Reached(b, i, s, bit, CallOutcome.Fail(WsaError.WouldBlock));
        }

        if (s.Kind == SocketKind.Stream && s.ConnectFailed && s.Phase != SocketPhase.Connected && b.Profile.RecvAfterFailedConnectReturnsZero && !c.BadArguments)
        {
            // WINE-23: Linux's recv on a socket whose connect was refused reports end of stream.
            b.Cite(ProfileSwitches.RecvAfterFailedConnectReturnsZero);
            return Reached(b, i, s, bit, new CallOutcome(0, WsaError.None));
        }

        if (s.Kind == SocketKind.Stream && s.Phase != SocketPhase.Connected)
        {
            b.Cite(RuleId.NotConnected);
            return CallOutcome.Fail(WsaError.NotConnected);
        }

        if (s.Kind == SocketKind.Datagram && s.Phase == SocketPhase.Unbound)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (oob && s.OobInline && b.Profile.InlineOobRecvFailsEarly && !c.BadArguments)
        {
            // WINE-29: Wine rejects it before the shutdown check, and the call re-enables nothing.
            b.Cite(RuleId.RecvOobWithInlineInvalid);
            b.Cite(ProfileSwitches.InlineOobRecvFailsEarly);
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (c.BadArguments)
        {
            // C2: message mode re-posts, event mode does not (WINE-4: Wine never; DOC-5: both).
            var rejected = CallOutcome.Fail(WsaError.Fault);
            b[i] = ReenablingTable.After(b, s, ReenablingCall.RecvBadArguments, bit, rejected);
            return rejected;
        }

        if ((s.LocalShutdown & ShutdownFlags.Receive) != 0)
        {
            b.Cite(RuleId.ShutdownDirection);
            return Reached(b, i, s, bit, CallOutcome.Fail(WsaError.Shutdown));
        }

        var (outcome, after) = s.Kind == SocketKind.Datagram ? Datagram(b, s, c) : oob ? Urgent(b, s, c) : Stream(b, s, c);
        return Reached(b, i, after, bit, outcome);
    }

    /// <summary>C1, C3: a recv that reached the stack re-enables its event, whatever it returned.</summary>
    private static CallOutcome Reached(StepBuilder b, int i, SocketState s, NetworkEvents bit, CallOutcome outcome)
    {
        b[i] = ReenablingTable.After(b, s, ReenablingCall.Recv, bit, outcome);
        return outcome;
    }

    private static (CallOutcome, SocketState) Stream(StepBuilder b, SocketState s, RecvCall c)
    {
        b.Cite(RuleId.RecvResult);
        if (s.IsReset && !b.Profile.RecvAfterResetReadsRest)
        {
            return (CallOutcome.Fail(WsaError.ConnectionReset), s);
        }

        if (s.IsReset)
        {
            b.Cite(ProfileSwitches.RecvAfterResetReadsRest);
        }

        if (s.UrgentMark >= 0)
        {
            return AtMark(b, s, c);
        }

        if (s.ReadableBytes > 0)
        {
            var n = Math.Min(s.ReadableBytes, c.Length);
            if ((c.Flags & RecvFlags.Peek) != 0)
            {
                b.Cite(RuleId.PeekDoesNotConsume);
                return (new CallOutcome(n, WsaError.None), s);
            }

            return (new CallOutcome(n, WsaError.None), s with { ReadableBytes = s.ReadableBytes - n });
        }

        return s.PeerSentFin || s.IsReset ? (new CallOutcome(0, WsaError.None), s) : (CallOutcome.Fail(WsaError.WouldBlock), s);
    }

    /// <summary>
    /// WINE-24: a read stops at the urgent mark. One that starts there reads on; it skips the out-of-band byte's
    /// place and drops that byte unless recv(MSG_OOB) took it (inline, the byte is read as data). MSG_PEEK moves nothing.
    /// </summary>
    private static (CallOutcome, SocketState) AtMark(StepBuilder b, SocketState s, RecvCall c)
    {
        b.Cite(ProfileSwitches.UrgentMarkSplitsStream);
        var peek = (c.Flags & RecvFlags.Peek) != 0;
        if (peek)
        {
            b.Cite(RuleId.PeekDoesNotConsume);
        }

        if (s.UrgentMark > 0)
        {
            var before = Math.Min(s.UrgentMark, c.Length);
            return (new CallOutcome(before, WsaError.None),
                peek ? s : s with { ReadableBytes = s.ReadableBytes - before, UrgentMark = s.UrgentMark - before });
        }

        var n = Math.Min(s.ReadableBytes, c.Length);
        var after = peek ? s : s with { ReadableBytes = s.ReadableBytes - n, UrgentMark = -1, UrgentBytes = 0 };
        if (n > 0)
        {
            return (new CallOutcome(n, WsaError.None), after);
        }

        return (s.PeerSentFin || s.IsReset ? new CallOutcome(0, WsaError.None) : CallOutcome.Fail(WsaError.WouldBlock), after);
    }

    private static (CallOutcome, SocketState) Urgent(StepBuilder b, SocketState s, RecvCall c)
    {
        if (s.IsReset && b.Profile.RecvAfterResetReadsRest && s.UrgentBytes > 0 && !s.PeerSentFin)
        {
            // WINE-13: Linux's tcp_recv_urg refuses an urgent byte on a connection reset before any FIN arrived.
            b.Cite(ProfileSwitches.RecvAfterResetReadsRest);
            return (CallOutcome.Fail(WsaError.NotConnected), s);
        }

        if (s.IsReset && !b.Profile.RecvAfterResetReadsRest)
        {
            // S1: the connection was reset; recv(MSG_OOB) fails like any recv.
            b.Cite(RuleId.RecvResult);
            return (CallOutcome.Fail(WsaError.ConnectionReset), s);
        }

        if (s.OobInline)
        {
            b.Cite(RuleId.RecvOobWithInlineInvalid);
            return (CallOutcome.Fail(WsaError.InvalidArgument), s);
        }

        if (s.UrgentBytes == 0)
        {
            return (CallOutcome.Fail(WsaError.WouldBlock), s);
        }

        b.Cite(RuleId.UrgentBytesQueue);
        return (c.Flags & RecvFlags.Peek) != 0
            ? (new CallOutcome(1, WsaError.None), s)
            : (new CallOutcome(1, WsaError.None), s with { UrgentBytes = s.UrgentBytes - 1 });
    }

    private static (CallOutcome, SocketState) Datagram(StepBuilder b, SocketState s, RecvCall c)
    {
        b.Cite(RuleId.DatagramRecv);
        if (s.Datagrams.Count == 0)
        {
            return (CallOutcome.Fail(WsaError.WouldBlock), s);
        }

        var size = s.Datagrams[0];
        var after = (c.Flags & RecvFlags.Peek) != 0 ? s : s with { Datagrams = s.Datagrams.RemoveAt(0) };
        return size > c.Length ? (CallOutcome.Fail(WsaError.MessageSize), after) : (new CallOutcome(size, WsaError.None), after);
    }
}
