namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>Return value of most Winsock functions on failure.</summary>
        internal const int SOCKET_ERROR = -1;

        /// <summary>INVALID_SOCKET is (SOCKET)(~0).</summary>
        internal const nint INVALID_SOCKET = -1;

        // Winsock error codes (winerror.h), native spellings.
        internal const int WSAEINTR = 10004;
        internal const int WSAEBADF = 10009;
        internal const int WSAEACCES = 10013;
        internal const int WSAEFAULT = 10014;
        internal const int WSAEINVAL = 10022;
        internal const int WSAEMFILE = 10024;
        internal const int WSAEWOULDBLOCK = 10035;
        internal const int WSAEINPROGRESS = 10036;
        internal const int WSAEALREADY = 10037;
        internal const int WSAENOTSOCK = 10038;
        internal const int WSAEDESTADDRREQ = 10039;
        internal const int WSAEMSGSIZE = 10040;
        internal const int WSAEPROTOTYPE = 10041;
        internal const int WSAENOPROTOOPT = 10042;
        internal const int WSAEPROTONOSUPPORT = 10043;
        internal const int WSAESOCKTNOSUPPORT = 10044;
        internal const int WSAEOPNOTSUPP = 10045;
        internal const int WSAEPFNOSUPPORT = 10046;
        internal const int WSAEAFNOSUPPORT = 10047;
        internal const int WSAEADDRINUSE = 10048;
        internal const int WSAEADDRNOTAVAIL = 10049;
        internal const int WSAENETDOWN = 10050;
        internal const int WSAENETUNREACH = 10051;
        internal const int WSAENETRESET = 10052;
        internal const int WSAECONNABORTED = 10053;
        internal const int WSAECONNRESET = 10054;
        internal const int WSAENOBUFS = 10055;
        internal const int WSAEISCONN = 10056;
        internal const int WSAENOTCONN = 10057;
        internal const int WSAESHUTDOWN = 10058;
        internal const int WSAETIMEDOUT = 10060;
        internal const int WSAECONNREFUSED = 10061;
        internal const int WSAEHOSTUNREACH = 10065;
        internal const int WSASYSNOTREADY = 10091;
        internal const int WSAVERNOTSUPPORTED = 10092;
        internal const int WSANOTINITIALISED = 10093;
        internal const int WSAEDISCON = 10101;
        internal const int WSA_INVALID_HANDLE = 6;
        internal const int WSA_INVALID_PARAMETER = 87;
        internal const int WSA_IO_PENDING = 997;
    }
}
