namespace WinsockConformance.Simulation.Api;

/// <summary>The winsock2.h / ws2def.h / ws2tcpip.h constants the simulated calls take and return, with their native values.</summary>
public static partial class Winsock
{
    public const int SOCKET_ERROR = -1;
    public static readonly nint INVALID_SOCKET = -1;

    public const int AF_UNSPEC = 0;
    public const int AF_INET = 2;
    public const int AF_INET6 = 23;
    public const int SOCK_STREAM = 1;
    public const int SOCK_DGRAM = 2;
    public const int IPPROTO_TCP = 6;
    public const int IPPROTO_UDP = 17;
    public const uint INADDR_ANY = 0;
    public const uint INADDR_LOOPBACK = 0x7F000001;
    public const uint INADDR_NONE = 0xFFFFFFFF;

    public const int FD_READ = 0x01;
    public const int FD_WRITE = 0x02;
    public const int FD_OOB = 0x04;
    public const int FD_ACCEPT = 0x08;
    public const int FD_CONNECT = 0x10;
    public const int FD_CLOSE = 0x20;
    public const int FD_QOS = 0x40;
    public const int FD_GROUP_QOS = 0x80;
    public const int FD_ROUTING_INTERFACE_CHANGE = 0x100;
    public const int FD_ADDRESS_LIST_CHANGE = 0x200;
    public const int FD_ALL_EVENTS = 0x3FF;
    public const int FD_MAX_EVENTS = 10;

    public const int FD_READ_BIT = 0;
    public const int FD_WRITE_BIT = 1;
    public const int FD_OOB_BIT = 2;
    public const int FD_ACCEPT_BIT = 3;
    public const int FD_CONNECT_BIT = 4;
    public const int FD_CLOSE_BIT = 5;

    public const int MSG_OOB = 0x1;
    public const int MSG_PEEK = 0x2;

    public const int SD_RECEIVE = 0;
    public const int SD_SEND = 1;
    public const int SD_BOTH = 2;

    public const int SOL_SOCKET = 0xFFFF;
    public const int SO_DEBUG = 0x0001;
    public const int SO_ACCEPTCONN = 0x0002;
    public const int SO_REUSEADDR = 0x0004;
    public const int SO_KEEPALIVE = 0x0008;
    public const int SO_DONTROUTE = 0x0010;
    public const int SO_BROADCAST = 0x0020;
    public const int SO_LINGER = 0x0080;
    public const int SO_OOBINLINE = 0x0100;
    public const int SO_DONTLINGER = ~SO_LINGER;
    public const int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    public const int SO_SNDBUF = 0x1001;
    public const int SO_RCVBUF = 0x1002;
    public const int SO_ERROR = 0x1007;
    public const int SO_TYPE = 0x1008;
    public const int TCP_NODELAY = 0x0001;

    public const int FIONBIO = unchecked((int)0x8004667E);
    public const int FIONREAD = 0x4004667F;
    public const int SIOCATMARK = 0x40047307;

    public const int WSADESCRIPTION_LEN = 256;
    public const int FD_SETSIZE = 64;

    public const int WSAEINTR = 10004;
    public const int WSAEBADF = 10009;
    public const int WSAEACCES = 10013;
    public const int WSAEFAULT = 10014;
    public const int WSAEINVAL = 10022;
    public const int WSAEMFILE = 10024;
    public const int WSAEWOULDBLOCK = 10035;
    public const int WSAEINPROGRESS = 10036;
    public const int WSAEALREADY = 10037;
    public const int WSAENOTSOCK = 10038;
    public const int WSAEDESTADDRREQ = 10039;
    public const int WSAEMSGSIZE = 10040;
    public const int WSAEPROTOTYPE = 10041;
    public const int WSAENOPROTOOPT = 10042;
    public const int WSAEPROTONOSUPPORT = 10043;
    public const int WSAESOCKTNOSUPPORT = 10044;
    public const int WSAEOPNOTSUPP = 10045;
    public const int WSAEPFNOSUPPORT = 10046;
    public const int WSAEAFNOSUPPORT = 10047;
    public const int WSAEADDRINUSE = 10048;
    public const int WSAEADDRNOTAVAIL = 10049;
    public const int WSAENETDOWN = 10050;
    public const int WSAENETUNREACH = 10051;
    public const int WSAENETRESET = 10052;
    public const int WSAECONNABORTED = 10053;
    public const int WSAECONNRESET = 10054;
    public const int WSAENOBUFS = 10055;
    public const int WSAEISCONN = 10056;
    public const int WSAENOTCONN = 10057;
    public const int WSAESHUTDOWN = 10058;
    public const int WSAETIMEDOUT = 10060;
    public const int WSAECONNREFUSED = 10061;
    public const int WSAEHOSTUNREACH = 10065;
    public const int WSASYSNOTREADY = 10091;
    public const int WSAVERNOTSUPPORTED = 10092;
    public const int WSANOTINITIALISED = 10093;
    public const int WSAHOST_NOT_FOUND = 11001;
    public const int WSANO_DATA = 11004;
    public const int WSA_INVALID_HANDLE = 6;
    public const int WSA_INVALID_PARAMETER = 87;
    public const int WSAEAI_NONAME = WSAHOST_NOT_FOUND;

    public const int WSA_WAIT_EVENT_0 = 0;
    public const int WSA_MAXIMUM_WAIT_EVENTS = 64;
    public const int WSA_WAIT_FAILED = -1;
    public const int WSA_WAIT_TIMEOUT = 0x102;
    public const int WSA_WAIT_IO_COMPLETION = 0xC0;
    public const int WSA_INFINITE = -1;
    public static readonly nint WSA_INVALID_EVENT = 0;

    /// <summary>MAKEWORD(2, 2): the version every Winsock 2 program asks for.</summary>
    public const ushort WINSOCK_VERSION_2_2 = 0x0202;

    /// <summary>WSAGETSELECTEVENT: the FD_* bit in a WSAAsyncSelect message's lParam.</summary>
    public static int WSAGETSELECTEVENT(nint lParam) => (int)(lParam & 0xFFFF);

    /// <summary>WSAGETSELECTERROR: the error word in a WSAAsyncSelect message's lParam.</summary>
    public static int WSAGETSELECTERROR(nint lParam) => (int)((lParam >> 16) & 0xFFFF);

    /// <summary>WSAMAKESELECTREPLY: an lParam as WSAAsyncSelect builds it.</summary>
    public static nint WSAMAKESELECTREPLY(int fdEvent, int error) => (nint)(uint)((fdEvent & 0xFFFF) | ((error & 0xFFFF) << 16));

    public static ushort MAKEWORD(byte low, byte high) => (ushort)(low | (high << 8));
}
