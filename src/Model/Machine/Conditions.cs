namespace WinsockConformance.Model;

/// <summary>
/// The levels: which FD_* conditions hold for a socket right now. Delivery and latching are in
/// <see cref="Notifier"/>; this file only says what is true.
/// </summary>
internal static class Conditions
{
    public static NetworkEvents Of(SocketState s, Profile profile)
    {
        if (!s.IsLive)
        {
            return NetworkEvents.None;
        }

        return s.Kind == SocketKind.Stream ? OfStream(s, profile) : OfDatagram(s, profile);
    }

    private static NetworkEvents OfStream(SocketState s, Profile profile)
    {
        if (s.Phase == SocketPhase.Listening)
        {
            // FD_ACCEPT: a connection is queued (C4, D2).
            return s.PendingConnections > 0 ? NetworkEvents.Accept : NetworkEvents.None;
        }

        if (s.Phase != SocketPhase.Connected)
        {
            return NetworkEvents.None;
        }

        if (s.IsReset && profile.ResetSocketUnwatched)
        {
            // WINE-8: a reset socket is no longer watched; only the RST's own occurrence reports
            // (with FD_WRITE when Wine was watching for it, WINE-27).
            return s.Occurred & (NetworkEvents.Close | NetworkEvents.Write);
        }

        if (s.HungUp)
        {
            // WINE-26: both directions shut; only the hang-up's own FD_CLOSE reports, nothing afterwards.
            return s.Occurred & NetworkEvents.Close;
        }

        var conditions = NetworkEvents.None;
        if (s.ReadableBytes > 0 && !s.InlineChangeUnseen)
        {
            conditions |= NetworkEvents.Read;
        }

        // Inline, UrgentBytes is set only under WINE-24 with WINE-12: Linux keeps POLLPRI until the byte is read past.
        if (s.UrgentBytes > 0 && !UrgentUnwatched(s, profile))
        {
            conditions |= NetworkEvents.Oob;
        }

        if (!s.SendBlocked && (s.LocalShutdown & ShutdownFlags.Send) == 0 && !s.IsReset)
        {
            conditions |= NetworkEvents.Write;
        }

        if (CloseDue(s, profile))
        {
            conditions |= NetworkEvents.Close;
        }

        if (profile.ConnectIsLevel)
        {
            // DOC-1: "a connection exists" counts as the FD_CONNECT condition.
            conditions |= NetworkEvents.Connect;
        }

        return conditions;
    }

    private static NetworkEvents OfDatagram(SocketState s, Profile profile)
    {
        var conditions = NetworkEvents.None;
        if (s.Datagrams.Count > 0)
        {
            conditions |= NetworkEvents.Read;
        }

        var writableWhenUnbound = s.InEventMode ? profile.UnboundDatagramWritableInEventMode : profile.UnboundDatagramWritableInMessageMode;
        if ((s.LocalShutdown & ShutdownFlags.Send) == 0 && (s.Phase == SocketPhase.Bound || writableWhenUnbound))
        {
            // B5 / WINE-2 / DOC-8.
            conditions |= NetworkEvents.Write;
        }

        return conditions;
    }

    /// <summary>WINE-19: once Wine has seen the FIN (WINE-25), urgent data is no longer watched.</summary>
    public static bool UrgentUnwatched(SocketState s, Profile profile) =>
        profile.HangupStopsUrgentWatch && s.HangupSeen;

    /// <summary>
    /// WINE-25: Wine looks for the FIN only while it watches readability (FD_READ armed, or FD_CLOSE armed with
    /// FD_READ re-enabled) and finds it when no data is left (its 0-byte peek returns 0).
    /// </summary>
    public static bool SeesHangup(SocketState s, Profile profile, NetworkEvents armed) =>
        (profile.HangupLatchedWhenUnselected || profile.HangupStopsUrgentWatch)
        && !s.HangupSeen && s.PeerSentFin && !s.IsReset && s.ReadableBytes == 0 && s.Phase == SocketPhase.Connected
        && ((armed & NetworkEvents.Read) != 0 || ((armed & NetworkEvents.Close) != 0 && (s.Reported & NetworkEvents.Read) == 0));

    /// <summary>Whether the peer's FIN or RST makes FD_CLOSE due, per the profile's timing (G1, DOC-3, WINE-6).</summary>
    public static bool CloseDue(SocketState s, Profile profile)
    {
        if (s.IsReset)
        {
            return true;
        }

        if (!s.PeerSentFin)
        {
            return false;
        }

        return profile.CloseTiming switch
        {
            CloseTiming.Immediately => true,
            CloseTiming.AfterDrain => s.ReadableBytes == 0,
            CloseTiming.AfterDrainAndReadRearmed => s.ReadableBytes == 0 && (s.Reported & NetworkEvents.Read) == 0,
            _ => throw new System.Diagnostics.UnreachableException(profile.CloseTiming.ToString()),
        };
    }
}
