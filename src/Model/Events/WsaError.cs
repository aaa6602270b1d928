namespace WinsockConformance.Model;

/// <summary>Winsock error codes with their native values (winsock2.h). <c>None</c> is success.</summary>
public enum WsaError
{
    /// <summary>Success (0): the call did not fail.</summary>
    None = 0,

    /// <summary>WSAEINTR (10004): a blocking call was interrupted (WSACancelBlockingCall, or the socket closed under it).</summary>
    Interrupted = 10004,

    /// <summary>WSAEFAULT (10014): a bad pointer or a buffer too short for the call.</summary>
    Fault = 10014,

    /// <summary>WSAEINVAL (10022): an invalid argument, or a call the socket's state does not allow (listen before bind, accept on a socket not listening).</summary>
    InvalidArgument = 10022,

    /// <summary>WSAEWOULDBLOCK (10035): the call would block on a nonblocking socket: retry after the FD_* notification it re-enables.</summary>
    WouldBlock = 10035,

    /// <summary>WSAEINPROGRESS (10036): a blocking call is in progress on this thread.</summary>
    InProgress = 10036,

    /// <summary>WSAEALREADY (10037): a nonblocking connect is already in progress on the socket.</summary>
    Already = 10037,

    /// <summary>WSAENOTSOCK (10038): the handle is not a socket (or a socket that was closed).</summary>
    NotSocket = 10038,

    /// <summary>WSAEMSGSIZE (10040): a datagram was larger than the buffer: the buffer holds its start and the rest is lost.</summary>
    MessageSize = 10040,

    /// <summary>WSAEOPNOTSUPP (10045): the operation is not supported on this socket (e.g. MSG_OOB on a datagram socket, listen on UDP).</summary>
    OperationNotSupported = 10045,

    /// <summary>WSAEADDRINUSE (10048): the local address is already in use.</summary>
    AddressInUse = 10048,

    /// <summary>WSAENETDOWN (10050): the network subsystem failed.</summary>
    NetworkDown = 10050,

    /// <summary>WSAENETUNREACH (10051): the network cannot be reached.</summary>
    NetworkUnreachable = 10051,

    /// <summary>WSAECONNABORTED (10053): the connection was aborted on this side (the error FD_CLOSE carries after a reset on Windows).</summary>
    ConnectionAborted = 10053,

    /// <summary>WSAECONNRESET (10054): the peer reset the connection (RST).</summary>
    ConnectionReset = 10054,

    /// <summary>WSAENOBUFS (10055): no buffer space.</summary>
    NoBuffers = 10055,

    /// <summary>WSAEISCONN (10056): the socket is already connected.</summary>
    IsConnected = 10056,

    /// <summary>WSAENOTCONN (10057): the socket is not connected.</summary>
    NotConnected = 10057,

    /// <summary>WSAESHUTDOWN (10058): the direction was shut down with shutdown().</summary>
    Shutdown = 10058,

    /// <summary>WSAETIMEDOUT (10060): the connection attempt timed out.</summary>
    TimedOut = 10060,

    /// <summary>WSAECONNREFUSED (10061): the connection was refused (no listener: RST to the SYN).</summary>
    ConnectionRefused = 10061,
}

/// <summary>The native names of <see cref="WsaError"/> values ("WSAEWOULDBLOCK"), as traces and reports write them.</summary>
public static class WsaErrorNames
{
    private static readonly (WsaError Error, string Name)[] s_names =
    [
        (WsaError.None, "0"),
        (WsaError.Interrupted, "WSAEINTR"),
        (WsaError.Fault, "WSAEFAULT"),
        (WsaError.InvalidArgument, "WSAEINVAL"),
        (WsaError.WouldBlock, "WSAEWOULDBLOCK"),
        (WsaError.InProgress, "WSAEINPROGRESS"),
        (WsaError.Already, "WSAEALREADY"),
        (WsaError.NotSocket, "WSAENOTSOCK"),
        (WsaError.MessageSize, "WSAEMSGSIZE"),
        (WsaError.OperationNotSupported, "WSAEOPNOTSUPP"),
        (WsaError.AddressInUse, "WSAEADDRINUSE"),
        (WsaError.NetworkDown, "WSAENETDOWN"),
        (WsaError.NetworkUnreachable, "WSAENETUNREACH"),
        (WsaError.ConnectionAborted, "WSAECONNABORTED"),
        (WsaError.ConnectionReset, "WSAECONNRESET"),
        (WsaError.NoBuffers, "WSAENOBUFS"),
        (WsaError.IsConnected, "WSAEISCONN"),
        (WsaError.NotConnected, "WSAENOTCONN"),
        (WsaError.Shutdown, "WSAESHUTDOWN"),
        (WsaError.TimedOut, "WSAETIMEDOUT"),
        (WsaError.ConnectionRefused, "WSAECONNREFUSED"),
    ];

    /// <summary>The native name; an unknown code (a real stack may return one) renders as its number.</summary>
    public static string NativeName(this WsaError error)
    {
        foreach (var (candidate, name) in s_names)
        {
            if (candidate == error)
            {
                return name;
            }
        }

        return ((int)error).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Accepts a native name or a decimal number.</summary>
    public static bool TryParse(string text, out WsaError error)
    {
        foreach (var (candidate, name) in s_names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                error = candidate;
                return true;
            }
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            error = (WsaError)number;
            return true;
        }

        error = WsaError.None;
        return false;
    }
}
