namespace WinsockConformance.Model;

/// <summary>The socket's type, as socket() was asked for it.</summary>
public enum SocketKind
{
    /// <summary>SOCK_STREAM over TCP.</summary>
    Stream,

    /// <summary>SOCK_DGRAM over UDP.</summary>
    Datagram,
}

/// <summary>Where a socket is in its life. Each member states what holds in it.</summary>
public enum SocketPhase
{
    /// <summary>Created, no local address.</summary>
    Unbound,

    /// <summary>Has a local address; for a stream socket, not connected (a failed connect returns here).</summary>
    Bound,

    /// <summary>A stream socket after listen(): connections queue in PendingConnections.</summary>
    Listening,

    /// <summary>A stream socket with an established connection (the peer may since have closed or reset it).</summary>
    Connected,

    /// <summary>closesocket() was called: the handle is gone and nothing more is posted for it.</summary>
    Closed,
}

/// <summary>The directions the application has shut down on its side (shutdown()).</summary>
[Flags]
public enum ShutdownFlags
{
    /// <summary>Neither direction.</summary>
    None = 0,

    /// <summary>SD_RECEIVE was called.</summary>
    Receive = 1,

    /// <summary>SD_SEND was called: FIN was sent.</summary>
    Send = 2,

    /// <summary>Both directions.</summary>
    Both = Receive | Send,
}

/// <summary>What the peer end of a stream connection has done.</summary>
[Flags]
public enum PeerFlags
{
    /// <summary>The peer has done none of these.</summary>
    None = 0,

    /// <summary>The peer sent FIN (shutdown SD_SEND or graceful close).</summary>
    SentFin = 1,

    /// <summary>The peer called closesocket: data sent to it now draws an RST.</summary>
    Closed = 2,

    /// <summary>The connection was reset (peer abortive close, or data sent to a closed peer).</summary>
    Reset = 4,

    /// <summary>The peer shut down its receive direction.</summary>
    ShutReceive = 8,
}
