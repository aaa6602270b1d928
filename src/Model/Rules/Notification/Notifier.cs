namespace WinsockConformance.Model;

// Settling one socket after a step that changed it, the way a stack's notification machinery looks at it, in the
// shape of Wine's server/sock.c (docs/sources.md #wine-server-latch, #wine-server-delivery; sock.c of the Wine 8 era), which Windows and the
// documentation share without Wine's twists:
//
//   Watch   (sock_get_poll_events): what the stack looks at, and what the OS reports whatever was asked;
//   Latch   (post_socket_event, as sock_dispatch_events calls it): which bits are recorded, selected or not;
//   Deliver (sock_wake_up): the recorded, selected bits are posted (message mode), or the event object is set
//           (event mode).
//
// Plus when the poll runs again at all (sock_reselect), which only WINE-24's unseen SO_OOBINLINE change depends on.
// Windows' rules: a selected, armed bit whose condition holds is latched (D1) and delivered, posted (A1, A2) or
// recorded and signaled (A3, B3); edges (FD_CONNECT, QoS and change notifications) latch only in the step they occur;
// B4's quiet bits wait for a new occurrence. Each Wine rule is in one place:
//
//   Watch:   WINE-26 (both directions shut: nothing watched), WINE-8 (reset: nothing watched), WINE-19 (no urgent
//            watch after the FIN), WINE-24 (an unseen SO_OOBINLINE change), WINE-20 (the reset's latch bit apart from
//            the FIN's, so still armed), WINE-25 (the FIN seen by the readability peek), WINE-6 (the readability
//            watched for the FIN), WINE-27 (POLLOUT with the RST, reported whatever was asked);
//   Latch:   WINE-30 (the RST or hang-up recorded whatever the mask) and Wine 10's WINE-35 (with FD_WRITE on a socket
//            never registered), WINE-38 (Wine 10: FD_WRITE recorded with a completed connect), WINE-25 (the hang-up
//            recorded unselected), WINE-6 (readability found while peeking for the FIN recorded unselected), WINE-27
//            (FD_WRITE with the RST);
//   Deliver: WINE-28 (the wake-up sets the event again while a selected event is recorded);
//   sock_reselect: WINE-24 (RequestReselects, SegmentReselects).

/// <summary>Watch, latch and deliver for one socket: what settling does to each socket a step changed.</summary>
internal static class Notifier
{
    private const NetworkEvents OneShotEdges =
        NetworkEvents.Qos | NetworkEvents.GroupQos | NetworkEvents.RoutingInterfaceChange | NetworkEvents.AddressListChange;

    public static SocketState Settle(StepBuilder b, SocketState s)
    {
        if (!s.IsLive)
        {
            // A socket the step closed: nothing more is posted for it (F2); its transients clear.
            return ClearTransients(s);
        }

        var watched = Watch(b, s);
        var latched = Latch(b, s, watched);
        return Deliver(b, s, watched, latched);
    }

    /// <summary>What the stack looks at for one socket, after a step.</summary>
    /// <param name="Reported">The latch word the poll starts from (an RST's latch re-opened apart from the FIN's, WINE-20).</param>
    /// <param name="Conditions">What holds among what the stack looks at, and what is reported whatever was asked.</param>
    /// <param name="Anyway">What the OS reports whatever was asked, this step: the RST (POLLERR) or the hang-up (POLLHUP).</param>
    /// <param name="Seen">This step's new occurrences the stack saw: among what it looks at, or reported anyway.</param>
    /// <param name="Quiet">B4: bits that wait for a new occurrence.</param>
    /// <param name="Armed">Selected, not latched, not quiet: what the application asked for.</param>
    /// <param name="SeesFin">WINE-25: readability is watched and the 0-byte peek finds the FIN (Wine's <c>hangup</c>).</param>
    /// <param name="PeeksForFin">WINE-6: readability is watched for the FIN (FD_CLOSE armed, FD_READ not latched).</param>
    private readonly record struct Watched(
        NetworkEvents Reported, NetworkEvents Conditions, NetworkEvents Anyway, NetworkEvents Seen, NetworkEvents Quiet, NetworkEvents Armed, bool SeesFin, bool PeeksForFin);

    /// <summary>What this poll recorded.</summary>
    /// <param name="Bits">Recorded with their error words, and handed to delivery.</param>
    /// <param name="Unselected">WINE-25: the hang-up recorded while FD_CLOSE is not selected (no error word, nothing delivered).</param>
    private readonly record struct Latched(NetworkEvents Bits, NetworkEvents Unselected);

    /// <summary>
    /// sock_get_poll_events: which conditions the stack looks at. Windows and the documentation look at every one;
    /// Wine's server, for a connected stream socket, at none once it is reset (WINE-8) or both directions are shut
    /// after it saw the FIN (WINE-26), and not at urgent data once it saw the FIN (WINE-19). An RST or a hang-up is
    /// reported whatever was asked (POLLERR, POLLHUP), with POLLOUT for an RST when Linux gives it (WINE-27).
    /// </summary>
    private static Watched Watch(StepBuilder b, SocketState s)
    {
        var p = b.Profile;
        var (lookedAt, anyway) = PollEvents(s, p);
        var watching = lookedAt != NetworkEvents.None;
        var reported = s.Reported;
        if (s.IsStream && s.Phase == SocketPhase.Connected && s.IsReset && (s.Occurred & NetworkEvents.Close) != 0)
        {
            if (s.BothDirectionsShut)
            {
                // WINE-26: the RST comes after the hang-up, when nothing is polled any more: it reports nothing.
                b.Cite(ProfileSwitches.BothDirectionsShutHangsUp);
            }
            else if (p.ResetAfterFinClosesAgain && (reported & NetworkEvents.Close) != 0)
            {
                // WINE-20: RESET is a latch bit apart from HUP (the FIN's), so "mask & ~reported_events" still has it and
                // FD_CLOSE comes a second time (FUZZ-25).
                b.Cite(ProfileSwitches.ResetAfterFinClosesAgain);
                reported &= ~NetworkEvents.Close;
            }
        }

        var mask = s.Registration.Mask;
        var conditions = (Levels.Of(s, p) & lookedAt) | anyway;

        // B4: a quiet bit waits for a new occurrence; it stops waiting once its level drops.
        var quiet = s.Quiet & conditions & ~s.Occurred;
        var armed = mask & ~reported & ~quiet;
        NoteUnwatched(b, s, mask, armed);

        // sock_get_poll_events asks for POLLIN when FD_READ is armed, or FD_CLOSE is armed and FD_READ not latched; the
        // 0-byte peek then finds the FIN once no data is left (WINE-25), or finds data (WINE-6).
        var pollsReadable = (armed & NetworkEvents.Read) != 0 || ((armed & NetworkEvents.Close) != 0 && (reported & NetworkEvents.Read) == 0);
        var seesFin = p.TracksWineHangup && pollsReadable && !s.WineSawFin && s.PeerSentFin && !s.IsReset
            && s.ReadableBytes == 0 && s.Phase == SocketPhase.Connected;
        var peeksForFin = p.CloseTiming == CloseTiming.AfterDrainAndReadRearmed && watching
            && s.IsStream && s.Phase == SocketPhase.Connected && (armed & NetworkEvents.Close) != 0 && (reported & NetworkEvents.Read) == 0;
        return new Watched(reported, conditions, anyway, s.Occurred & (lookedAt | anyway), quiet, armed, seesFin, peeksForFin);
    }

    /// <summary>
    /// What holds for a socket as the stack sees it: the levels it looks at, and what is reported whatever was asked
    /// (for a socket a step settled, which has no new occurrence, only the levels). select() and poll-style checks
    /// read the same (<see cref="Readiness"/>).
    /// </summary>
    internal static NetworkEvents Conditions(SocketState s, Profile p)
    {
        var (lookedAt, anyway) = PollEvents(s, p);
        return (Levels.Of(s, p) & lookedAt) | anyway;
    }

    /// <summary>
    /// sock_get_poll_events' connected case: which levels are looked at (none once both directions are shut after the
    /// FIN, WINE-26, or once reset, WINE-8; not urgent data once the FIN was seen, WINE-19; not a byte SO_OOBINLINE made
    /// readable until the poll runs again, WINE-24), and what this step's RST or hang-up reports whatever was asked.
    /// </summary>
    private static (NetworkEvents LookedAt, NetworkEvents Anyway) PollEvents(SocketState s, Profile p)
    {
        if (!s.IsStream || s.Phase != SocketPhase.Connected)
        {
            return (NetworkEvents.All, NetworkEvents.None);
        }

        if (s.BothDirectionsShut)
        {
            // WINE-26: "hangup && wr_shutdown": no longer polled. Only the hang-up's own POLLHUP reports; an RST after it, nothing.
            return (NetworkEvents.None, s.IsReset ? NetworkEvents.None : s.Occurred & NetworkEvents.Close);
        }

        if (s.IsReset && p.ResetSocketUnwatched)
        {
            // WINE-8: "reset": no longer polled. The RST itself reports, with POLLOUT when Linux gave it (WINE-27).
            return (NetworkEvents.None, s.Occurred & (NetworkEvents.Close | NetworkEvents.Write));
        }

        var lookedAt = NetworkEvents.All;
        if (p.HangupStopsUrgentWatch && s.WineSawFin)
        {
            // WINE-19: "if (!sock->hangup)" guards POLLPRI.
            lookedAt &= ~NetworkEvents.Oob;
        }

        if (s.InlineChangeUnseen)
        {
            // WINE-24: the byte SO_OOBINLINE made readable is not seen until the poll runs again.
            lookedAt &= ~NetworkEvents.Read;
        }

        // An RST is reported whatever was asked (POLLERR).
        return (lookedAt, s.IsReset ? s.Occurred & NetworkEvents.Close : NetworkEvents.None);
    }

    /// <summary>Names the rules of what is selected and not looked at (WINE-8, WINE-19), and of an unbound UDP socket's FD_WRITE (B5, WINE-2, DOC-8).</summary>
    private static void NoteUnwatched(StepBuilder b, SocketState s, NetworkEvents mask, NetworkEvents armed)
    {
        var p = b.Profile;
        if (s.IsReset && p.ResetSocketUnwatched && (s.Occurred & NetworkEvents.Close) == 0 && armed != NetworkEvents.None)
        {
            // WINE-8: registered and armed, but a reset socket is no longer watched, so nothing is seen (FUZZ-18).
            b.Cite(ProfileSwitches.ResetSocketUnwatched);
        }

        if (s.UrgentBytes > 0 && (mask & ~s.Reported & NetworkEvents.Oob) != 0 && p.HangupStopsUrgentWatch && s.WineSawFin)
        {
            b.Cite(ProfileSwitches.HangupStopsUrgentWatch);
        }

        if (s.Kind == SocketKind.Datagram && s.Phase == SocketPhase.Unbound && (mask & ~s.Reported & NetworkEvents.Write) != 0)
        {
            b.Cite(ProfileSwitches.UnboundDatagramWrite);
        }
    }

    /// <summary>
    /// post_socket_event, as sock_dispatch_events calls it for what the poll reported: a bit is recorded unless already
    /// latched. Windows records what is armed and holds, this step's edges, and a completed connect whatever the mask
    /// (B8). Wine's post_socket_event has no mask check, so it also records what it saw while watching for something
    /// else: the RST or the hang-up (WINE-30), the FIN found by the readability peek (WINE-25), and data found there (WINE-6).
    /// </summary>
    private static Latched Latch(StepBuilder b, SocketState s, Watched w)
    {
        var p = b.Profile;
        var mask = s.Registration.Mask;

        // WINE-12 raises FD_OOB as an edge for an inline urgent byte, so Oob edges count too.
        var latch = w.Armed & (w.Conditions | (s.Edges & (OneShotEdges | NetworkEvents.Oob)));
        if ((s.Edges & NetworkEvents.Connect) != 0 && (w.Reported & NetworkEvents.Connect) == 0)
        {
            // B8: a completed connect is recorded whatever the mask; message mode posts it only if selected.
            latch |= NetworkEvents.Connect;
            b.Cite(RuleId.ConnectRecordedWhileUnselected);
            if (p.ConnectRecordsWrite && s.EdgeConnectError == WsaError.None && (w.Reported & NetworkEvents.Write) == 0
                && (mask & NetworkEvents.Write) == 0)
            {
                // WINE-38: sock_dispatch_events' SOCK_CONNECTING case posts CONNECT and WRITE together, whatever the mask.
                latch |= NetworkEvents.Write;
                b.Cite(ProfileSwitches.ConnectRecordsWrite);
            }
        }

        if (p.ResetRecordedWhateverTheMask && (w.Anyway & NetworkEvents.Close) != 0 && (w.Reported & NetworkEvents.Close) == 0)
        {
            // WINE-30: poll reports an RST or a hang-up whatever was asked, and it is recorded even unselected or unregistered.
            latch |= NetworkEvents.Close;
            if ((mask & NetworkEvents.Close) == 0)
            {
                b.Cite(ProfileSwitches.ResetRecordedWhateverTheMask);
            }

            if (p.ResetRecordsWrite && s.IsReset && s.Registration is NoRegistration && (w.Reported & NetworkEvents.Write) == 0)
            {
                // WINE-35: an RST Wine finds on a socket it was not watching also reports POLLOUT, recorded as FD_WRITE.
                latch |= NetworkEvents.Write;
                b.Cite(ProfileSwitches.ResetRecordsWrite);
            }
        }

        var unselected = w.SeesFin && p.HangupLatchedWhenUnselected && (mask & NetworkEvents.Close) == 0
            ? NetworkEvents.Close & ~w.Reported
            : NetworkEvents.None;
        if (unselected != NetworkEvents.None)
        {
            // WINE-25: the FIN the peek found is recorded as FD_CLOSE though unselected (event mode keeps it, seed 27182 #633).
            b.Cite(ProfileSwitches.HangupLatchedWhenUnselected);
        }

        if ((latch & s.Quiet) != 0)
        {
            // B4: a bit re-opened by an event-mode re-registration fires on its new occurrence.
            b.Cite(RuleId.EventReregistrationReopensLatch);
        }

        if (s.IsReset && (latch & NetworkEvents.Write) != 0)
        {
            // WINE-27: the POLLOUT that came with the RST is recorded as FD_WRITE.
            b.Cite(ProfileSwitches.ResetReportsArmedWrite);
        }

        if (w.PeeksForFin && (w.Conditions & NetworkEvents.Read) != 0 && (latch & NetworkEvents.Read) == 0)
        {
            // WINE-6: the readability watched for the FIN finds data: FD_READ is recorded even when unselected.
            latch |= NetworkEvents.Read;
            b.Cite(ProfileSwitches.CloseTiming);
        }

        if ((w.Seen & mask & w.Reported & ~s.Pending) != 0)
        {
            // D1: a new occurrence of a selected, latched event produces nothing.
            b.Cite(RuleId.LatchedUntilReenabled);
            if (s.InEventMode && p.EventReregistration == EventReregistration.KeepLatches)
            {
                // WINE-1: under Windows a re-registration would have re-opened this latch.
                b.Cite(ProfileSwitches.EventReregistration);
            }
        }

        return new Latched(latch, unselected);
    }

    /// <summary>
    /// sock_wake_up: message mode posts every recorded, selected bit, one message each in the posting order (A1, A2),
    /// and forgets the rest (they stay latched); event mode keeps them for WSAEnumNetworkEvents and sets the event object
    /// when a selected bit is recorded (A3). Wine 8's wake-up runs after whatever its poll reported and sets the event
    /// whenever a selected bit is recorded and not enumerated, even after another socket's enumeration reset it (WINE-28).
    /// </summary>
    private static SocketState Deliver(StepBuilder b, SocketState s, Watched w, Latched l)
    {
        var p = b.Profile;
        var recorded = l.Bits | l.Unselected;
        var pending = s.Pending | recorded;
        var connectError = s.ConnectError;
        var closeError = s.CloseError;
        if ((l.Bits & NetworkEvents.Connect) != 0)
        {
            connectError = s.EdgeConnectError;
            if (connectError != WsaError.None)
            {
                b.Cite(RuleId.ConnectFailureError);
            }
        }

        if ((l.Bits & NetworkEvents.Close) != 0)
        {
            closeError = CloseError(b, s);
        }

        switch (s.Registration)
        {
            case MessageRegistration m:
                Post(b, s, m, pending & m.SelectedMask, connectError, closeError);
                pending = NetworkEvents.None;
                break;

            case EventRegistration e:
                if ((l.Bits & e.SelectedMask) != 0)
                {
                    b.SetSignaled(e.EventObject, true);
                    b.Cite(RuleId.EventBitsAccumulate);
                }

                if (p.WakeUpResignalsRecorded && (recorded != NetworkEvents.None || (w.Anyway & NetworkEvents.Close) != 0)
                    && (pending & e.SelectedMask) != 0 && !b.IsSignaled(e.EventObject))
                {
                    // WINE-28: "if (events) set_event" for everything pending and selected, whatever this poll added (seeds 1618 #227, 8675309 #948).
                    b.SetSignaled(e.EventObject, true);
                    b.Cite(ProfileSwitches.WakeUpResignalsRecorded);
                }

                break;

            case NoRegistration:
                break;

            default:
                throw new System.Diagnostics.UnreachableException(s.Registration.ToString());
        }

        var reported = w.Reported | recorded;
        var quiet = w.Quiet & ~l.Bits;
        var sawFin = s.WineSawFin || w.SeesFin;
        if (reported == s.Reported && pending == s.Pending && quiet == s.Quiet && connectError == s.ConnectError && closeError == s.CloseError
            && sawFin == s.WineSawFin)
        {
            return ClearTransients(s);
        }

        return s with
        {
            Reported = reported,
            Pending = pending,
            Quiet = quiet,
            ConnectError = connectError,
            CloseError = closeError,
            WineSawFin = sawFin,
            Occurred = NetworkEvents.None,
            Edges = NetworkEvents.None,
            EdgeConnectError = WsaError.None,
        };
    }

    /// <summary>Posts one message per bit, in the posting order (A1, A2; G6: FD_CONNECT before FD_WRITE).</summary>
    private static void Post(StepBuilder b, SocketState s, MessageRegistration m, NetworkEvents toPost, WsaError connectError, WsaError closeError)
    {
        if (toPost == NetworkEvents.None)
        {
            return;
        }

        var count = 0;
        var order = NetworkEventNames.PostingOrder;
        for (var k = 0; k < order.Count; k++)
        {
            var bit = order[k];
            if ((toPost & bit) != 0)
            {
                var error = bit switch
                {
                    NetworkEvents.Connect => connectError,
                    NetworkEvents.Close => closeError,
                    _ => WsaError.None,
                };
                b.Post(new Notification(m.Window, m.Message, s.Ref, bit, error));
                count++;
            }
        }

        b.Cite(RuleId.OneBitPerMessage);
        if (count > 1)
        {
            b.Cite(RuleId.PostingOrder);
        }

        if ((toPost & (NetworkEvents.Connect | NetworkEvents.Write)) == (NetworkEvents.Connect | NetworkEvents.Write))
        {
            b.Cite(RuleId.ConnectThenWrite);
        }
    }

    /// <summary>The error word FD_CLOSE carries: the profile's for an RST (G4, DOC-2, WINE-11), 0 for a graceful close (G3).</summary>
    private static WsaError CloseError(StepBuilder b, SocketState s)
    {
        if (s.IsReset)
        {
            b.Cite(ProfileSwitches.ResetCloseError);
            return b.Profile.ResetCloseError;
        }

        b.Cite(RuleId.CloseGracefulErrorZero);
        b.Cite(ProfileSwitches.CloseTiming);
        return WsaError.None;
    }

    private static SocketState ClearTransients(SocketState s) =>
        s.Occurred == NetworkEvents.None && s.Edges == NetworkEvents.None && s.EdgeConnectError == WsaError.None
            ? s
            : s with { Occurred = NetworkEvents.None, Edges = NetworkEvents.None, EdgeConnectError = WsaError.None };

    /// <summary>
    /// sock_reselect after a request, for WINE-24: whether the call makes Wine's server poll the socket again, and so
    /// see a byte SO_OOBINLINE made readable: a registration, or a recv, send or shutdown that reaches the server. Not
    /// the options and counts ntdll sets on the Unix socket itself, a recv its argument checks reject (WINE-4,
    /// WINE-29), a recv after shutdown(SD_RECEIVE) (seed 4444 #72), nor a connect on a connected socket (WSAEISCONN,
    /// seed 123457 #560).
    /// </summary>
    public static bool RequestReselects(Profile profile, SocketState s, CallInput call) => call switch
    {
        RecvCall { BadArguments: true } => false,
        RecvCall when (s.LocalShutdown & ShutdownFlags.Receive) != 0 => false,
        RecvCall { Flags: var f } when (f & RecvFlags.Oob) != 0 && s.OobInline && profile.InlineOobRecvFailsEarly => false,
        AsyncSelectCall or EventSelectCall or RecvCall or SendCall or ShutdownCall => true,
        _ => false,
    };

    /// <summary>
    /// The poll runs again when a segment reaches the socket (data, FIN, RST, or the ACK of a read that frees send
    /// space), for WINE-24. A peer.read with nothing unread, or the peer's SD_RECEIVE, sends nothing (FUZZ-35, seed 31415).
    /// </summary>
    public static bool SegmentReselects(NetworkInput input, SocketState s) => input switch
    {
        PeerShutdown { How: ShutdownHow.Receive } => false,
        PeerRead => s.SendBlocked,
        _ => true,
    };
}
