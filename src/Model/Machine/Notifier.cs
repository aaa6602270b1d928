namespace WinsockConformance.Model;

/// <summary>
/// Latching and delivery, run after every step for every socket: a selected, un-latched bit whose
/// condition holds is latched (D1) and delivered: posted in message mode (A1, A2), recorded and
/// signaled in event mode (A3, B3). Edges (FD_CONNECT, QoS and change notifications) latch only in
/// the step they occur.
/// </summary>
internal static class Notifier
{
    private const NetworkEvents OneShotEdges =
        NetworkEvents.Qos | NetworkEvents.GroupQos | NetworkEvents.RoutingInterfaceChange | NetworkEvents.AddressListChange;

    /// <summary>Settles every open socket (one the step closed only clears its transients).</summary>
    public static void Settle(StepBuilder b) => b.SettleOpenSockets(SettleOne);

    private static SocketState SettleOne(StepBuilder b, SocketState s)
    {
        if (!s.IsLive)
        {
            return ClearTransients(s);
        }

        var profile = b.Profile;
        var mask = s.Registration.Mask;
        var conditions = Conditions.Of(s, profile);

        // B4: a quiet bit waits for a new occurrence; it stops waiting once its level drops.
        var quiet = s.Quiet & conditions & ~s.Occurred;
        var armed = mask & ~s.Reported & ~quiet;
        // WINE-12 raises FD_OOB as an edge for an inline urgent byte, so Oob edges count too.
        var latch = armed & (conditions | (s.Edges & (OneShotEdges | NetworkEvents.Oob)));

        if ((s.Edges & NetworkEvents.Connect) != 0 && (s.Reported & NetworkEvents.Connect) == 0)
        {
            // B8: a completed connect is recorded whatever the mask; message mode posts it only if selected.
            latch |= NetworkEvents.Connect;
            b.Apply(RuleId.ConnectRecordedWhileUnselected);
            if (profile.ConnectRecordsWrite && s.EdgeConnectError == WsaError.None && (s.Reported & NetworkEvents.Write) == 0
                && (mask & NetworkEvents.Write) == 0)
            {
                // WINE-38: the poll that completes the connect records FD_WRITE with FD_CONNECT, whatever the mask.
                latch |= NetworkEvents.Write;
                b.Apply(RuleId.WineConnectRecordsWrite);
            }
        }

        // WINE-25: the poll that finds the FIN marks it seen, and latches FD_CLOSE even when unselected.
        var seesHangup = Conditions.SeesHangup(s, profile, armed);
        var hangupLatch = seesHangup && profile.HangupLatchedWhenUnselected && (mask & NetworkEvents.Close) == 0
            ? NetworkEvents.Close & ~s.Reported
            : NetworkEvents.None;
        if (hangupLatch != NetworkEvents.None)
        {
            b.Apply(RuleId.WineHangupLatchedWhenUnselected);
        }

        if (s.IsReset && profile.ResetSocketUnwatched && (s.Occurred & NetworkEvents.Close) == 0 && armed != NetworkEvents.None)
        {
            // WINE-8: registered and armed, but a reset socket is no longer watched, so nothing is seen.
            b.Apply(RuleId.WineResetSocketUnwatched);
        }

        Resignal(b, s);
        if (profile.ResetRecordedWhateverTheMask && (s.IsReset || s.HungUp) && (s.Occurred & NetworkEvents.Close) != 0 && (s.Reported & NetworkEvents.Close) == 0)
        {
            // WINE-30: poll reports an RST or a hang-up whatever was asked; Wine records it even unselected or unregistered.
            latch |= NetworkEvents.Close;
            if ((mask & NetworkEvents.Close) == 0)
            {
                b.Apply(RuleId.WineResetRecordedWhateverTheMask);
            }

            if (profile.ResetRecordsWrite && s.IsReset && s.Registration is NoRegistration && (s.Reported & NetworkEvents.Write) == 0)
            {
                // WINE-35: an RST Wine finds on a socket it was not watching also reports POLLOUT, recorded as FD_WRITE.
                latch |= NetworkEvents.Write;
                b.Apply(RuleId.WineResetRecordsWrite);
            }
        }

        NoteUnboundDatagram(b, s, mask);
        if (s.UrgentBytes > 0 && (mask & ~s.Reported & NetworkEvents.Oob) != 0 && Conditions.UrgentUnwatched(s, profile))
        {
            b.Apply(RuleId.WineHangupStopsUrgent);
        }
        if ((latch & s.Quiet) != 0)
        {
            // B4: a bit re-opened by an event-mode re-registration fires on its new occurrence.
            b.Apply(RuleId.EventReregistrationReopensLatch);
        }

        // (A reset socket is not watched at all under WINE-8, so nothing is seen there either: FUZZ-18.)
        var wineReadLatch = profile.CloseTiming == CloseTiming.AfterDrainAndReadRearmed
            && !(s.IsReset && profile.ResetSocketUnwatched) && !s.HungUp
            && (armed & NetworkEvents.Close) != 0 && ((s.Reported | latch) & NetworkEvents.Read) == 0 && s.ReadableBytes > 0 && !s.InlineChangeUnseen;
        if (latch == NetworkEvents.None && quiet == s.Quiet && !wineReadLatch && !seesHangup)
        {
            // Fast path: nothing latches, so nothing changes but the transients.
            NoteSuppressed(b, s, mask);
            return ClearTransients(s);
        }

        var reported = s.Reported | latch | hangupLatch;
        if (s.IsReset && (latch & NetworkEvents.Write) != 0)
        {
            b.Apply(RuleId.WineResetReportsArmedWrite);
        }

        if (wineReadLatch)
        {
            // WINE-6: Wine watches readability to find EOF; data seen there latches FD_READ even when unselected.
            latch |= NetworkEvents.Read;
            reported |= NetworkEvents.Read;
            b.Apply(RuleId.WineCloseAfterDrain);
        }

        NoteSuppressed(b, s, mask);
        var errors = new LatchedErrors(
            (latch & NetworkEvents.Connect) != 0 ? s.EdgeConnectError : s.ConnectError,
            (latch & NetworkEvents.Close) != 0 ? CloseErrorOf(b, s) : s.CloseError);
        if ((latch & NetworkEvents.Connect) != 0 && s.EdgeConnectError != WsaError.None)
        {
            b.Apply(RuleId.ConnectFailureError);
        }

        // One copy of the socket per step: delivery works on the values, the transients clear here too.
        // WINE-25: the unselected hang-up is recorded too; event mode keeps it for a later selection (seed 27182 #633).
        var pending = Deliver(b, s, s.Pending | latch | hangupLatch, latch, errors);
        WakeUp(b, s, latch | hangupLatch, pending);
        return s with
        {
            Reported = reported,
            Pending = pending,
            Quiet = quiet & ~latch,
            ConnectError = errors.Connect,
            CloseError = errors.Close,
            Occurred = NetworkEvents.None,
            Edges = NetworkEvents.None,
            EdgeConnectError = WsaError.None,
            HangupSeen = s.HangupSeen || seesHangup,
        };
    }

    /// <summary>
    /// WINE-28: whatever Wine's poll reported for the socket (a selected event or not: the read it watches for the
    /// FIN, the hang-up) ends in a wake-up that sets the event object while a selected event is recorded, even if
    /// another socket's enumeration reset it meanwhile (seeds 1618 #227, 8675309 #948).
    /// </summary>
    private static void WakeUp(StepBuilder b, SocketState s, NetworkEvents reported, NetworkEvents pending)
    {
        if (b.Profile.WakeUpResignalsRecorded && reported != NetworkEvents.None && s.Registration is EventRegistration e
            && (pending & e.SelectedMask) != 0 && !b.IsSignaled(e.EventObject))
        {
            b.SetSignaled(e.EventObject, true);
            b.Apply(RuleId.WineWakeUpResignalsRecorded);
        }
    }

    /// <summary>
    /// WINE-28: a hang-up or an RST is reported by poll whatever was asked, and Wine's wake-up then sets the event
    /// object while a selected event is recorded, even if another socket's enumeration reset it meanwhile.
    /// </summary>
    private static void Resignal(StepBuilder b, SocketState s)
    {
        if (b.Profile.WakeUpResignalsRecorded && s.Registration is EventRegistration e
            && (s.Occurred & NetworkEvents.Close) != 0 && (s.IsReset || s.HungUp) && (s.Pending & e.SelectedMask) != 0
            && !b.IsSignaled(e.EventObject))
        {
            b.SetSignaled(e.EventObject, true);
            b.Apply(RuleId.WineWakeUpResignalsRecorded);
        }
    }

    /// <summary>The error words FD_CONNECT and FD_CLOSE carry once this step's latches are recorded.</summary>
    private readonly record struct LatchedErrors(WsaError Connect, WsaError Close)
    {
        public WsaError Of(NetworkEvents bit) => bit switch
        {
            NetworkEvents.Connect => Connect,
            NetworkEvents.Close => Close,
            _ => WsaError.None,
        };
    }

    /// <summary>Hands out the latched bits; returns what stays pending (event mode keeps it for WSAEnumNetworkEvents).</summary>
    private static NetworkEvents Deliver(StepBuilder b, SocketState s, NetworkEvents pending, NetworkEvents latched, LatchedErrors errors)
    {
        switch (s.Registration)
        {
            case MessageRegistration m:
                var toPost = pending & m.SelectedMask;
                var count = 0;
                var order = NetworkEventNames.PostingOrder;
                for (var k = 0; k < order.Count; k++)
                {
                    var bit = order[k];
                    if ((toPost & bit) != 0)
                    {
                        b.Post(new Notification(m.Window, m.Message, s.Ref, bit, errors.Of(bit)));
                        count++;
                    }
                }

                if (count > 0)
                {
                    b.Apply(RuleId.OneBitPerMessage);
                }

                if (count > 1)
                {
                    b.Apply(RuleId.PostingOrder);
                }

                if ((toPost & (NetworkEvents.Connect | NetworkEvents.Write)) == (NetworkEvents.Connect | NetworkEvents.Write))
                {
                    b.Apply(RuleId.ConnectThenWrite);
                }

                // Message mode hands everything out at once: unselected latched bits are dropped, still latched.
                return NetworkEvents.None;

            case EventRegistration e:
                if ((latched & e.SelectedMask) != 0)
                {
                    b.SetSignaled(e.EventObject, true);
                    b.Apply(RuleId.EventBitsAccumulate);
                }

                return pending;

            case NoRegistration:
                return pending;

            default:
                throw new System.Diagnostics.UnreachableException(s.Registration.ToString());
        }
    }

    /// <summary>Names D1 when a new occurrence of a selected, latched event produced nothing.</summary>
    private static void NoteSuppressed(StepBuilder b, SocketState s, NetworkEvents mask)
    {
        if ((s.Occurred & mask & s.Reported & ~s.Pending) != 0)
        {
            b.Apply(RuleId.LatchedUntilReenabled);
            if (s.InEventMode && b.Profile.EventReregistration == EventReregistration.KeepLatches)
            {
                // WINE-1: under Windows a re-registration would have re-opened this latch.
                b.Apply(RuleId.WineEventReregistrationKeepsLatches);
            }
        }
    }

    /// <summary>Names the rule deciding FD_WRITE for an unbound UDP socket (B5, WINE-2, DOC-8).</summary>
    private static void NoteUnboundDatagram(StepBuilder b, SocketState s, NetworkEvents mask)
    {
        if (s.Kind != SocketKind.Datagram || s.Phase != SocketPhase.Unbound || (mask & ~s.Reported & NetworkEvents.Write) == 0)
        {
            return;
        }

        var p = b.Profile;
        b.Apply(s.InEventMode && p.UnboundDatagramWritableInEventMode ? RuleId.WineUnboundDatagramSignalsWrite
            : p.UnboundDatagramWritableInMessageMode ? RuleId.UnboundDatagramWrite
            : RuleId.DocDatagramWriteAfterBind);
    }

    public static WsaError ErrorOf(SocketState s, NetworkEvents bit) => bit switch
    {
        NetworkEvents.Connect => s.ConnectError,
        NetworkEvents.Close => s.CloseError,
        _ => WsaError.None,
    };

    private static WsaError CloseErrorOf(StepBuilder b, SocketState s)
    {
        if (s.IsReset)
        {
            b.Apply(b.Profile.ResetCloseError switch
            {
                WsaError.ConnectionReset => RuleId.DocResetErrorConnReset,
                WsaError.None => RuleId.WineResetCloseErrorZero,
                _ => RuleId.CloseResetError,
            });
            return b.Profile.ResetCloseError;
        }

        b.Apply(RuleId.CloseGracefulErrorZero);
        b.Apply(b.Profile.CloseTiming switch
        {
            CloseTiming.Immediately => RuleId.CloseOnPeerFinImmediately,
            CloseTiming.AfterDrain => RuleId.DocCloseAfterDrain,
            CloseTiming.AfterDrainAndReadRearmed => RuleId.WineCloseAfterDrain,
            _ => throw new System.Diagnostics.UnreachableException(b.Profile.CloseTiming.ToString()),
        });
        return WsaError.None;
    }

    private static SocketState ClearTransients(SocketState s) =>
        s.Occurred == NetworkEvents.None && s.Edges == NetworkEvents.None && s.EdgeConnectError == WsaError.None
            ? s
            : s with { Occurred = NetworkEvents.None, Edges = NetworkEvents.None, EdgeConnectError = WsaError.None };
}
