using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>Native names for the error codes and FD_* bits the probe meets, for human-readable output.</summary>
internal static class WsaErrorNames
{
    public static string? Name(int error) => error switch
    {
        0 => "0",
        Winsock.WSA_INVALID_HANDLE => nameof(Winsock.WSA_INVALID_HANDLE),
        Winsock.WSA_INVALID_PARAMETER => nameof(Winsock.WSA_INVALID_PARAMETER),
        Winsock.WSA_IO_PENDING => nameof(Winsock.WSA_IO_PENDING),
        Winsock.WSAEINTR => nameof(Winsock.WSAEINTR),
        Winsock.WSAEBADF => nameof(Winsock.WSAEBADF),
        Winsock.WSAEACCES => nameof(Winsock.WSAEACCES),
        Winsock.WSAEFAULT => nameof(Winsock.WSAEFAULT),
        Winsock.WSAEINVAL => nameof(Winsock.WSAEINVAL),
        Winsock.WSAEMFILE => nameof(Winsock.WSAEMFILE),
        Winsock.WSAEWOULDBLOCK => nameof(Winsock.WSAEWOULDBLOCK),
        Winsock.WSAEINPROGRESS => nameof(Winsock.WSAEINPROGRESS),
        Winsock.WSAEALREADY => nameof(Winsock.WSAEALREADY),
        Winsock.WSAENOTSOCK => nameof(Winsock.WSAENOTSOCK),
        Winsock.WSAEDESTADDRREQ => nameof(Winsock.WSAEDESTADDRREQ),
        Winsock.WSAEMSGSIZE => nameof(Winsock.WSAEMSGSIZE),
        Winsock.WSAEPROTOTYPE => nameof(Winsock.WSAEPROTOTYPE),
        Winsock.WSAENOPROTOOPT => nameof(Winsock.WSAENOPROTOOPT),
        Winsock.WSAEPROTONOSUPPORT => nameof(Winsock.WSAEPROTONOSUPPORT),
        Winsock.WSAESOCKTNOSUPPORT => nameof(Winsock.WSAESOCKTNOSUPPORT),
        Winsock.WSAEOPNOTSUPP => nameof(Winsock.WSAEOPNOTSUPP),
        Winsock.WSAEPFNOSUPPORT => nameof(Winsock.WSAEPFNOSUPPORT),
        Winsock.WSAEAFNOSUPPORT => nameof(Winsock.WSAEAFNOSUPPORT),
        Winsock.WSAEADDRINUSE => nameof(Winsock.WSAEADDRINUSE),
        Winsock.WSAEADDRNOTAVAIL => nameof(Winsock.WSAEADDRNOTAVAIL),
        Winsock.WSAENETDOWN => nameof(Winsock.WSAENETDOWN),
        Winsock.WSAENETUNREACH => nameof(Winsock.WSAENETUNREACH),
        Winsock.WSAENETRESET => nameof(Winsock.WSAENETRESET),
        Winsock.WSAECONNABORTED => nameof(Winsock.WSAECONNABORTED),
        Winsock.WSAECONNRESET => nameof(Winsock.WSAECONNRESET),
        Winsock.WSAENOBUFS => nameof(Winsock.WSAENOBUFS),
        Winsock.WSAEISCONN => nameof(Winsock.WSAEISCONN),
        Winsock.WSAENOTCONN => nameof(Winsock.WSAENOTCONN),
        Winsock.WSAESHUTDOWN => nameof(Winsock.WSAESHUTDOWN),
        Winsock.WSAETIMEDOUT => nameof(Winsock.WSAETIMEDOUT),
        Winsock.WSAECONNREFUSED => nameof(Winsock.WSAECONNREFUSED),
        Winsock.WSAEHOSTUNREACH => nameof(Winsock.WSAEHOSTUNREACH),
        Winsock.WSASYSNOTREADY => nameof(Winsock.WSASYSNOTREADY),
        Winsock.WSAVERNOTSUPPORTED => nameof(Winsock.WSAVERNOTSUPPORTED),
        Winsock.WSANOTINITIALISED => nameof(Winsock.WSANOTINITIALISED),
        Winsock.WSAEDISCON => nameof(Winsock.WSAEDISCON),
        _ => null,
    };

    /// <summary>"WSAEWOULDBLOCK(10035)", or the bare number when the code has no known name.</summary>
    public static string Format(int error)
        => error == 0 ? "0" : Name(error) is { } name ? $"{name}({error})" : $"{error}";

    /// <summary>"FD_READ|FD_WRITE" for a mask of FD_* bits; unknown bits are printed in hex.</summary>
    public static string FormatEvents(int mask)
    {
        if (mask == 0)
        {
            return "0";
        }

        var parts = new List<string>();
        for (int bit = 0; bit < 32; bit++)
        {
            int flag = 1 << bit;
            if ((mask & flag) != 0)
            {
                parts.Add(EventName(bit) ?? $"0x{flag:X}");
            }
        }

        return string.Join('|', parts);
    }

    /// <summary>FD_* name for an event bit index (FD_READ_BIT = 0 … FD_ADDRESS_LIST_CHANGE_BIT = 9).</summary>
    public static string? EventName(int bit) => bit switch
    {
        Winsock.FD_READ_BIT => nameof(Winsock.FD_READ),
        Winsock.FD_WRITE_BIT => nameof(Winsock.FD_WRITE),
        Winsock.FD_OOB_BIT => nameof(Winsock.FD_OOB),
        Winsock.FD_ACCEPT_BIT => nameof(Winsock.FD_ACCEPT),
        Winsock.FD_CONNECT_BIT => nameof(Winsock.FD_CONNECT),
        Winsock.FD_CLOSE_BIT => nameof(Winsock.FD_CLOSE),
        Winsock.FD_QOS_BIT => nameof(Winsock.FD_QOS),
        Winsock.FD_GROUP_QOS_BIT => nameof(Winsock.FD_GROUP_QOS),
        Winsock.FD_ROUTING_INTERFACE_CHANGE_BIT => nameof(Winsock.FD_ROUTING_INTERFACE_CHANGE),
        Winsock.FD_ADDRESS_LIST_CHANGE_BIT => nameof(Winsock.FD_ADDRESS_LIST_CHANGE),
        _ => null,
    };
}
