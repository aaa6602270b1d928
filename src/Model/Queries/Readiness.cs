namespace WinsockConformance.Model;

/// <summary>
/// What select() and poll-style checks see for a socket: the same levels the notifier latches on, read
/// without a step. The simulated stack answers select() and the simulator's hang oracle from here, so
/// "readable" means one thing everywhere.
/// </summary>
internal static class Readiness
{
    /// <summary>The FD_* conditions that hold for the socket now (the notifier's levels; nothing latched or delivered).</summary>
    public static NetworkEvents Conditions(SocketState socket, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(profile);
        return Notifier.Conditions(socket, profile);
    }

    /// <summary>
    /// select()'s readfds: data to read (FD_READ's level), a queued connection (FD_ACCEPT's), or a stream whose
    /// peer closed or reset it, so recv returns at once (0 or an error) whatever FD_CLOSE's timing.
    /// </summary>
    public static bool Readable(SocketState socket, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!socket.IsLive)
        {
            return false;
        }

        if ((Conditions(socket, profile) & (NetworkEvents.Read | NetworkEvents.Accept)) != 0 || socket.ReadableBytes > 0)
        {
            return true;
        }

        return socket.IsStream && socket.Phase == SocketPhase.Connected && (socket.PeerSentFin || socket.IsReset);
    }

    /// <summary>select()'s writefds: FD_WRITE's level (connected, send space, not shut down, not reset).</summary>
    public static bool Writable(SocketState socket, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.IsLive && (Conditions(socket, profile) & NetworkEvents.Write) != 0;
    }

    /// <summary>select()'s exceptfds: an urgent byte to read out of band, or a failed connect attempt.</summary>
    public static bool Exceptional(SocketState socket, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.IsLive && ((socket.UrgentBytes > 0 && !socket.OobInline) || (socket.ConnectFailed && socket.Phase != SocketPhase.Connected));
    }
}
