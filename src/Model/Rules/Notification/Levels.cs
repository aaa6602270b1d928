namespace WinsockConformance.Model;

// The levels: which FD_* conditions hold for a socket right now, as a poll of the socket would find them if it
// looked (what the stack looks at is Notifier.Watch's; what is recorded and delivered, Notifier.Latch's and Deliver's).
//
// docs/sources.md #ms-wsaasyncselect, #win-b-registration, #win-c-reenabling, #win-d-level, #win-g-close: FD_READ while normal data is unread (urgent data too with SO_OOBINLINE,
// S3), FD_OOB while urgent data is unread, FD_WRITE while a connected socket has send space (S4), FD_ACCEPT while a
// connection is queued; FD_CLOSE once the peer's FIN or RST came (G1: at once, even with unread data; the
// documentation: after the drain, DOC-3; Wine: after the drain and once FD_READ is re-enabled, WINE-6, because it finds
// the FIN with a 0-byte peek while watching readability); an unbound UDP socket is writable in message mode only (B5;
// WINE-2, DOC-8). The documentation's FD_CONNECT is the level "a connection exists" (DOC-1). FD_CONNECT, FD_QOS and
// the change notifications are edges (SocketState.Edges), not levels.

/// <summary>The conditions that hold for a socket.</summary>
internal static class Levels
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

        var conditions = NetworkEvents.None;
        if (s.ReadableBytes > 0)
        {
            conditions |= NetworkEvents.Read;
        }

        // Inline, UrgentBytes is set only under WINE-24 with WINE-12: Linux keeps POLLPRI until the byte is read past.
        if (s.UrgentBytes > 0)
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

        if ((s.LocalShutdown & ShutdownFlags.Send) == 0 && (s.Phase == SocketPhase.Bound || UnboundWritable(s, profile)))
        {
            conditions |= NetworkEvents.Write;
        }

        return conditions;
    }

    /// <summary>B5, WINE-2, DOC-8: whether an unbound UDP socket is writable in its mode.</summary>
    public static bool UnboundWritable(SocketState s, Profile profile) => profile.UnboundDatagramWrite switch
    {
        UnboundDatagramWrite.MessageModeOnly => !s.InEventMode,
        UnboundDatagramWrite.BothModes => true,
        UnboundDatagramWrite.AfterBind => false,
        var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
    };

    /// <summary>Whether the peer's FIN or RST makes FD_CLOSE due, per the profile's timing (G1, DOC-3, WINE-6).</summary>
    private static bool CloseDue(SocketState s, Profile profile)
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
