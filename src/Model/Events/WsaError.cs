namespace WinsockConformance.Model;

/// <summary>Winsock error codes with their native values (winsock2.h). <c>None</c> is success.</summary>
public enum WsaError
{
    None = 0,
    Interrupted = 10004,
    Fault = 10014,
    InvalidArgument = 10022,
    WouldBlock = 10035,
    InProgress = 10036,
    Already = 10037,
    NotSocket = 10038,
    MessageSize = 10040,
    OperationNotSupported = 10045,
    AddressInUse = 10048,
    NetworkDown = 10050,
    NetworkUnreachable = 10051,
    ConnectionAborted = 10053,
    ConnectionReset = 10054,
    NoBuffers = 10055,
    IsConnected = 10056,
    NotConnected = 10057,
    Shutdown = 10058,
    TimedOut = 10060,
    ConnectionRefused = 10061,
}

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
