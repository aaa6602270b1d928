namespace WinsockConformance.Model;

// The send family: send, sendto, WSASend, WSASendTo, and the model's "send until WSAEWOULDBLOCK" (fill).
//
// docs/sources.md #ms-wsasend, #win-c-reenabling: a nonblocking send into a full buffer fails with WSAEWOULDBLOCK and
// space returns when the peer reads (S4); WSAENOTCONN unconnected (S8), WSAESHUTDOWN after SD_SEND (S9); after a
// failed connect WSAENOTCONN is assumed (X2). Data sent to a peer that has closed draws an RST (S12). Which sends
// re-enable FD_WRITE is the re-enabling table's C6 row and its variants (WINE-10, DOC-4). Wine's send fails after a
// refused connect or on a never-connected socket with WSAECONNRESET (WINE-14), and on an unconnected UDP socket with
// WSAEINVAL (WINE-16); Wine 8 and 10 bind an unbound UDP socket before any check (WINE-33).

/// <summary>The send family.</summary>
internal static class Send
{
    public static CallOutcome Call(StepBuilder b, int i, SendCall c)
    {
        var s = b[i];
        var outcome = Result(b, ref s, c);
        b[i] = ReenablingTable.After(b, s, ReenablingCall.Send, NetworkEvents.Write, outcome);
        return outcome;
    }

    private static CallOutcome Result(StepBuilder b, ref SocketState s, SendCall c)
    {
        if (s.Kind == SocketKind.Datagram)
        {
            return Datagram(b, ref s, c);
        }

        if (s.Phase is SocketPhase.Unbound or SocketPhase.Bound && (s.ConnectFailed || b.Profile.NeverConnectedSendLikeFailedConnect))
        {
            // X2 or WINE-14 (after a refused connect, and for Wine on a socket that never connected, which Linux treats alike).
            b.Cite(ProfileSwitches.SendAfterFailedConnectError);
            if (!s.ConnectFailed)
            {
                b.Cite(ProfileSwitches.NeverConnectedSendLikeFailedConnect);
            }

            return CallOutcome.Fail(b.Profile.SendAfterFailedConnectError);
        }

        if (s.Phase != SocketPhase.Connected)
        {
            b.Cite(RuleId.NotConnected);
            return CallOutcome.Fail(WsaError.NotConnected);
        }

        if ((s.LocalShutdown & ShutdownFlags.Send) != 0)
        {
            b.Cite(RuleId.ShutdownDirection);
            return CallOutcome.Fail(WsaError.Shutdown);
        }

        if (s.IsReset)
        {
            return CallOutcome.Fail(WsaError.ConnectionReset);
        }

        if ((s.Peer & PeerFlags.Closed) != 0)
        {
            return ToClosedPeer(b, ref s, c);
        }

        b.Cite(RuleId.SendFillsBuffer);
        if (s.SendBlocked || c.Fill)
        {
            s = s with { SendBlocked = true };
            return CallOutcome.Fail(WsaError.WouldBlock);
        }

        return new CallOutcome(c.Length, WsaError.None);
    }

    private static CallOutcome Datagram(StepBuilder b, ref SocketState s, SendCall c)
    {
        var error = b.Profile.UnconnectedDatagramSendError;
        if (b.Profile.DatagramSendBindsFirst)
        {
            // WINE-33: Wine's send binds an unbound UDP socket before any other check, then checks shutdown.
            b.Cite(ProfileSwitches.DatagramSendBindsFirst);
            s = s with { Phase = SocketPhase.Bound };
            if ((s.LocalShutdown & ShutdownFlags.Send) != 0)
            {
                b.Cite(RuleId.ShutdownDirection);
                return CallOutcome.Fail(WsaError.Shutdown);
            }
        }

        if (!c.IsSendTo && !s.DatagramConnected)
        {
            b.Cite(ProfileSwitches.UnconnectedDatagramSendError);
            return CallOutcome.Fail(error);
        }

        if ((s.LocalShutdown & ShutdownFlags.Send) != 0)
        {
            b.Cite(RuleId.ShutdownDirection);
            return CallOutcome.Fail(WsaError.Shutdown);
        }

        // sendto binds an unbound socket implicitly.
        s = s with { Phase = SocketPhase.Bound };
        return new CallOutcome(c.Length, WsaError.None);
    }

    /// <summary>
    /// S12: the data draws an RST: the send that carries it succeeds, a fill's next send fails. WINE-13 keeps what was
    /// unread. The RST is an occurrence of FD_CLOSE (and, WINE-20, a latch of its own: Notifier.Watch).
    /// </summary>
    private static CallOutcome ToClosedPeer(StepBuilder b, ref SocketState s, SendCall c)
    {
        b.Cite(RuleId.ClosedPeerDrawsReset);
        var keep = b.Profile.RecvAfterResetReadsRest;
        s = s with
        {
            Peer = s.Peer | PeerFlags.Reset,
            ReadableBytes = keep || b.Profile.FionreadCountsAfterReset ? s.ReadableBytes : 0,
            UrgentBytes = keep ? s.UrgentBytes : 0,
            Occurred = s.Occurred | NetworkEvents.Close,
        };
        return c.Fill ? CallOutcome.Fail(WsaError.ConnectionReset) : new CallOutcome(c.Length, WsaError.None);
    }
}
