namespace WinsockConformance.Model;

// Ending a connection: shutdown and closesocket, and calls on a closed handle.
//
// docs/sources.md #ms-wsaasyncselect, #win-f-cancel-close, #win-g-close: no local shutdown produces FD_CLOSE (G2); closesocket posts no FD_CLOSE to the
// socket's own window and nothing is posted for it afterwards (F2), while messages already queued stay queued (F1); a
// call on a closed socket fails with WSAENOTSOCK (F3). Wine's shutdown(SD_BOTH) cancels the registration (WINE-7), and
// a shutdown(SD_SEND) after the peer's FIN shuts both directions, which Linux reports as a hang-up (WINE-26, in
// Rules/Network).

/// <summary>shutdown, closesocket, and any call on a closed handle.</summary>
internal static class CloseShutdown
{
    /// <summary>F3: a call on a closed socket fails with WSAENOTSOCK (Validation lets it through only while no newer socket has the handle value).</summary>
    public static CallOutcome OnClosedHandle(StepBuilder b)
    {
        b.Cite(RuleId.ClosedHandleIsNotSocket);
        return CallOutcome.Fail(WsaError.NotSocket);
    }

    public static CallOutcome Shutdown(StepBuilder b, int i, ShutdownHow how)
    {
        var s = b[i];
        if (s.Kind == SocketKind.Stream && s.Phase != SocketPhase.Connected)
        {
            b.Cite(RuleId.NotConnected);
            return CallOutcome.Fail(WsaError.NotConnected);
        }

        var flags = how switch
        {
            ShutdownHow.Receive => ShutdownFlags.Receive,
            ShutdownHow.Send => ShutdownFlags.Send,
            ShutdownHow.Both => ShutdownFlags.Both,
            _ => throw new System.Diagnostics.UnreachableException(how.ToString()),
        };
        b.Cite(RuleId.CloseNotFromLocalShutdown);
        var shutsSend = (flags & ~s.LocalShutdown & ShutdownFlags.Send) != 0;
        s = s with { LocalShutdown = s.LocalShutdown | flags };
        if (shutsSend && s.PeerSentFin)
        {
            s = PeerAndNetwork.BothDirectionsShut(b, s);
        }

        if (how == ShutdownHow.Both && b.Profile.ShutdownBothCancelsRegistration)
        {
            b.Cite(ProfileSwitches.ShutdownBothCancelsRegistration);
            s = s with { Registration = NoRegistration.Instance };
        }

        b[i] = s;
        return CallOutcome.Success;
    }

    public static CallOutcome CloseSocket(StepBuilder b, int i)
    {
        // F1, F2: nothing more is posted for it, no FD_CLOSE, and queued messages stay queued.
        b.Cite(RuleId.NoCloseForLocalClose);
        if (b.HasQueued(b[i].Ref))
        {
            b.Cite(RuleId.QueuedMessagesSurvive);
        }

        b[i] = b[i] with { Phase = SocketPhase.Closed, Registration = NoRegistration.Instance, Pending = NetworkEvents.None, CreatedBeforeClose = b.CreatedCount };
        b.FreeHandleSlots = b.FreeHandleSlots.Add(b[i].HandleSlot);
        return CallOutcome.Success;
    }
}
