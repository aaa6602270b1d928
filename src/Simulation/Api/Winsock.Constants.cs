namespace WinsockConformance.Simulation.Api;

/// <summary>The winsock2.h / ws2def.h / ws2tcpip.h constants the simulated calls take and return, with their native values.</summary>
public static partial class Winsock
{
    /// <summary>SOCKET_ERROR (-1): what a failing call returns; WSAGetLastError says why.</summary>
    public const int SOCKET_ERROR = -1;

    /// <summary>INVALID_SOCKET: what socket() and accept() return when they fail.</summary>
    public static readonly nint INVALID_SOCKET = -1;

    /// <summary>AF_UNSPEC (0): any address family (getaddrinfo hints).</summary>
    public const int AF_UNSPEC = 0;

    /// <summary>AF_INET (2): IPv4, the only family the simulator answers.</summary>
    public const int AF_INET = 2;

    /// <summary>AF_INET6 (23): IPv6 (not simulated: socket() fails with WSAEAFNOSUPPORT).</summary>
    public const int AF_INET6 = 23;

    /// <summary>SOCK_STREAM (1): a TCP stream socket.</summary>
    public const int SOCK_STREAM = 1;

    /// <summary>SOCK_DGRAM (2): a UDP datagram socket.</summary>
    public const int SOCK_DGRAM = 2;

    /// <summary>IPPROTO_TCP (6): the TCP protocol, and the option level of TCP_NODELAY.</summary>
    public const int IPPROTO_TCP = 6;

    /// <summary>IPPROTO_UDP (17): the UDP protocol.</summary>
    public const int IPPROTO_UDP = 17;

    /// <summary>INADDR_ANY (0.0.0.0): bind to any local address.</summary>
    public const uint INADDR_ANY = 0;

    /// <summary>INADDR_LOOPBACK (127.0.0.1), in host byte order: pass it through htonl.</summary>
    public const uint INADDR_LOOPBACK = 0x7F000001;

    /// <summary>INADDR_NONE (255.255.255.255): what inet_addr returns for text that is not an address.</summary>
    public const uint INADDR_NONE = 0xFFFFFFFF;

    /// <summary>FD_READ (0x1): data (or a datagram) is there to read; re-enabled by a recv-family call.</summary>
    public const int FD_READ = 0x01;

    /// <summary>FD_WRITE (0x2): the socket can send: after connect or accept, and after a send that failed with WSAEWOULDBLOCK once space returns.</summary>
    public const int FD_WRITE = 0x02;

    /// <summary>FD_OOB (0x4): urgent (out-of-band) data is there to read with MSG_OOB; re-enabled by recv(MSG_OOB).</summary>
    public const int FD_OOB = 0x04;

    /// <summary>FD_ACCEPT (0x8): a connection is queued on a listening socket; re-enabled by accept.</summary>
    public const int FD_ACCEPT = 0x08;

    /// <summary>FD_CONNECT (0x10): a connect completed, successfully or not (the error word says which); never re-enabled.</summary>
    public const int FD_CONNECT = 0x10;

    /// <summary>FD_CLOSE (0x20): the peer closed (FIN) or reset the connection; posted once, never re-enabled.</summary>
    public const int FD_CLOSE = 0x20;

    /// <summary>FD_QOS (0x40): the socket's quality of service changed; re-enabled by WSAIoctl(SIO_GET_QOS).</summary>
    public const int FD_QOS = 0x40;

    /// <summary>FD_GROUP_QOS (0x80): reserved: the group's quality of service changed.</summary>
    public const int FD_GROUP_QOS = 0x80;

    /// <summary>FD_ROUTING_INTERFACE_CHANGE (0x100): the route to the destination changed, after WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE).</summary>
    public const int FD_ROUTING_INTERFACE_CHANGE = 0x100;

    /// <summary>FD_ADDRESS_LIST_CHANGE (0x200): the local address list changed, after WSAIoctl(SIO_ADDRESS_LIST_CHANGE).</summary>
    public const int FD_ADDRESS_LIST_CHANGE = 0x200;

    /// <summary>FD_ALL_EVENTS (0x3FF): every FD_* bit.</summary>
    public const int FD_ALL_EVENTS = 0x3FF;

    /// <summary>FD_MAX_EVENTS (10): the length of <see cref="WSANETWORKEVENTS.iErrorCode"/>, one slot per FD_*_BIT.</summary>
    public const int FD_MAX_EVENTS = 10;

    /// <summary>FD_READ_BIT (0): FD_READ's index in <see cref="WSANETWORKEVENTS.iErrorCode"/>.</summary>
    public const int FD_READ_BIT = 0;

    /// <summary>FD_WRITE_BIT (1): FD_WRITE's index in <see cref="WSANETWORKEVENTS.iErrorCode"/>.</summary>
    public const int FD_WRITE_BIT = 1;

    /// <summary>FD_OOB_BIT (2): FD_OOB's index in <see cref="WSANETWORKEVENTS.iErrorCode"/>.</summary>
    public const int FD_OOB_BIT = 2;

    /// <summary>FD_ACCEPT_BIT (3): FD_ACCEPT's index in <see cref="WSANETWORKEVENTS.iErrorCode"/>.</summary>
    public const int FD_ACCEPT_BIT = 3;

    /// <summary>FD_CONNECT_BIT (4): FD_CONNECT's index in <see cref="WSANETWORKEVENTS.iErrorCode"/>.</summary>
    public const int FD_CONNECT_BIT = 4;

    /// <summary>FD_CLOSE_BIT (5): FD_CLOSE's index in <see cref="WSANETWORKEVENTS.iErrorCode"/>.</summary>
    public const int FD_CLOSE_BIT = 5;

    /// <summary>MSG_OOB (0x1): recv the urgent byte, or send one.</summary>
    public const int MSG_OOB = 0x1;

    /// <summary>MSG_PEEK (0x2): recv without removing the data (it still re-enables FD_READ).</summary>
    public const int MSG_PEEK = 0x2;

    /// <summary>SD_RECEIVE (0): shutdown() stops receiving.</summary>
    public const int SD_RECEIVE = 0;

    /// <summary>SD_SEND (1): shutdown() stops sending: the peer gets FIN.</summary>
    public const int SD_SEND = 1;

    /// <summary>SD_BOTH (2): shutdown() of both directions.</summary>
    public const int SD_BOTH = 2;

    /// <summary>SOL_SOCKET (0xFFFF): the option level of the SO_* options.</summary>
    public const int SOL_SOCKET = 0xFFFF;

    /// <summary>SO_DEBUG: record debugging information (not simulated: a run that sets it is reported unsupported).</summary>
    public const int SO_DEBUG = 0x0001;

    /// <summary>SO_ACCEPTCONN (read-only): whether the socket is listening.</summary>
    public const int SO_ACCEPTCONN = 0x0002;

    /// <summary>SO_REUSEADDR: allow binding an address in use.</summary>
    public const int SO_REUSEADDR = 0x0004;

    /// <summary>SO_KEEPALIVE: send keep-alive probes.</summary>
    public const int SO_KEEPALIVE = 0x0008;

    /// <summary>SO_DONTROUTE: bypass routing (not simulated).</summary>
    public const int SO_DONTROUTE = 0x0010;

    /// <summary>SO_BROADCAST: allow sending to a broadcast address.</summary>
    public const int SO_BROADCAST = 0x0020;

    /// <summary>SO_LINGER: how closesocket ends a connection with unsent data (<see cref="LINGER"/>).</summary>
    public const int SO_LINGER = 0x0080;

    /// <summary>SO_OOBINLINE: urgent data is read in line with normal data, and FD_OOB is not posted for it.</summary>
    public const int SO_OOBINLINE = 0x0100;

    /// <summary>SO_DONTLINGER: a BOOL that sets SO_LINGER's l_onoff to its negation.</summary>
    public const int SO_DONTLINGER = ~SO_LINGER;

    /// <summary>SO_EXCLUSIVEADDRUSE: no other socket may bind the same address.</summary>
    public const int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;

    /// <summary>SO_SNDBUF: the send buffer size, in bytes.</summary>
    public const int SO_SNDBUF = 0x1001;

    /// <summary>SO_RCVBUF: the receive buffer size, in bytes.</summary>
    public const int SO_RCVBUF = 0x1002;

    /// <summary>SO_ERROR (read-only): the socket's pending error, cleared by reading it.</summary>
    public const int SO_ERROR = 0x1007;

    /// <summary>SO_TYPE (read-only): SOCK_STREAM or SOCK_DGRAM.</summary>
    public const int SO_TYPE = 0x1008;

    /// <summary>TCP_NODELAY (level IPPROTO_TCP): disable Nagle's algorithm.</summary>
    public const int TCP_NODELAY = 0x0001;

    /// <summary>FIONBIO: ioctlsocket command that makes the socket nonblocking (argument non-zero) or blocking. WSAAsyncSelect and WSAEventSelect make a socket nonblocking, and it cannot be made blocking while registered.</summary>
    public const int FIONBIO = unchecked((int)0x8004667E);

    /// <summary>FIONREAD: ioctlsocket command that reads how many bytes recv would return now (for UDP, see the profile).</summary>
    public const int FIONREAD = 0x4004667F;

    /// <summary>SIOCATMARK: ioctlsocket command that says whether all urgent data has been read.</summary>
    public const int SIOCATMARK = 0x40047307;

    /// <summary>WSADESCRIPTION_LEN (256): the capacity of <see cref="WSADATA.szDescription"/> in C.</summary>
    public const int WSADESCRIPTION_LEN = 256;

    /// <summary>FD_SETSIZE (64): how many sockets an <see cref="FD_SET"/> holds.</summary>
    public const int FD_SETSIZE = 64;

    /// <summary>WSAEINTR (10004): a blocking call was interrupted (WSACancelBlockingCall, or the socket closed under it).</summary>
    public const int WSAEINTR = 10004;

    /// <summary>WSAEBADF (10009): a bad file handle.</summary>
    public const int WSAEBADF = 10009;

    /// <summary>WSAEACCES (10013): access denied (e.g. a broadcast send without SO_BROADCAST, or an address held exclusively).</summary>
    public const int WSAEACCES = 10013;

    /// <summary>WSAEFAULT (10014): a bad pointer or a buffer too short for the call.</summary>
    public const int WSAEFAULT = 10014;

    /// <summary>WSAEINVAL (10022): an invalid argument, or a call the socket's state does not allow (listen before bind, accept on a socket not listening).</summary>
    public const int WSAEINVAL = 10022;

    /// <summary>WSAEMFILE (10024): no more socket handles.</summary>
    public const int WSAEMFILE = 10024;

    /// <summary>WSAEWOULDBLOCK (10035): the call would block on a nonblocking socket: retry after the FD_* notification it re-enables.</summary>
    public const int WSAEWOULDBLOCK = 10035;

    /// <summary>WSAEINPROGRESS (10036): a blocking call is in progress on this thread.</summary>
    public const int WSAEINPROGRESS = 10036;

    /// <summary>WSAEALREADY (10037): a nonblocking connect is already in progress on the socket.</summary>
    public const int WSAEALREADY = 10037;

    /// <summary>WSAENOTSOCK (10038): the handle is not a socket (or a socket that was closed).</summary>
    public const int WSAENOTSOCK = 10038;

    /// <summary>WSAEDESTADDRREQ (10039): a destination address is required.</summary>
    public const int WSAEDESTADDRREQ = 10039;

    /// <summary>WSAEMSGSIZE (10040): a datagram was larger than the buffer: the buffer holds its start and the rest is lost.</summary>
    public const int WSAEMSGSIZE = 10040;

    /// <summary>WSAEPROTOTYPE (10041): the protocol does not fit the socket type.</summary>
    public const int WSAEPROTOTYPE = 10041;

    /// <summary>WSAENOPROTOOPT (10042): an unknown or unsupported socket option.</summary>
    public const int WSAENOPROTOOPT = 10042;

    /// <summary>WSAEPROTONOSUPPORT (10043): the protocol is not supported.</summary>
    public const int WSAEPROTONOSUPPORT = 10043;

    /// <summary>WSAESOCKTNOSUPPORT (10044): the socket type is not supported in this address family.</summary>
    public const int WSAESOCKTNOSUPPORT = 10044;

    /// <summary>WSAEOPNOTSUPP (10045): the operation is not supported on this socket (e.g. MSG_OOB on a datagram socket, listen on UDP).</summary>
    public const int WSAEOPNOTSUPP = 10045;

    /// <summary>WSAEPFNOSUPPORT (10046): the protocol family is not supported.</summary>
    public const int WSAEPFNOSUPPORT = 10046;

    /// <summary>WSAEAFNOSUPPORT (10047): the address family is not supported.</summary>
    public const int WSAEAFNOSUPPORT = 10047;

    /// <summary>WSAEADDRINUSE (10048): the local address is already in use.</summary>
    public const int WSAEADDRINUSE = 10048;

    /// <summary>WSAEADDRNOTAVAIL (10049): the address is not valid on this machine.</summary>
    public const int WSAEADDRNOTAVAIL = 10049;

    /// <summary>WSAENETDOWN (10050): the network subsystem failed.</summary>
    public const int WSAENETDOWN = 10050;

    /// <summary>WSAENETUNREACH (10051): the network cannot be reached.</summary>
    public const int WSAENETUNREACH = 10051;

    /// <summary>WSAENETRESET (10052): the connection broke while an operation was in progress (keep-alive).</summary>
    public const int WSAENETRESET = 10052;

    /// <summary>WSAECONNABORTED (10053): the connection was aborted on this side (the error FD_CLOSE carries after a reset on Windows).</summary>
    public const int WSAECONNABORTED = 10053;

    /// <summary>WSAECONNRESET (10054): the peer reset the connection (RST).</summary>
    public const int WSAECONNRESET = 10054;

    /// <summary>WSAENOBUFS (10055): no buffer space.</summary>
    public const int WSAENOBUFS = 10055;

    /// <summary>WSAEISCONN (10056): the socket is already connected.</summary>
    public const int WSAEISCONN = 10056;

    /// <summary>WSAENOTCONN (10057): the socket is not connected.</summary>
    public const int WSAENOTCONN = 10057;

    /// <summary>WSAESHUTDOWN (10058): the direction was shut down with shutdown().</summary>
    public const int WSAESHUTDOWN = 10058;

    /// <summary>WSAETIMEDOUT (10060): the connection attempt timed out.</summary>
    public const int WSAETIMEDOUT = 10060;

    /// <summary>WSAECONNREFUSED (10061): the connection was refused (no listener: RST to the SYN).</summary>
    public const int WSAECONNREFUSED = 10061;

    /// <summary>WSAEHOSTUNREACH (10065): the host cannot be reached.</summary>
    public const int WSAEHOSTUNREACH = 10065;

    /// <summary>WSASYSNOTREADY (10091): the network subsystem is not ready (WSAStartup).</summary>
    public const int WSASYSNOTREADY = 10091;

    /// <summary>WSAVERNOTSUPPORTED (10092): the requested Winsock version is not supported (WSAStartup).</summary>
    public const int WSAVERNOTSUPPORTED = 10092;

    /// <summary>WSANOTINITIALISED (10093): WSAStartup was not called (or WSACleanup ended it).</summary>
    public const int WSANOTINITIALISED = 10093;

    /// <summary>WSAHOST_NOT_FOUND (11001): no such host (name resolution).</summary>
    public const int WSAHOST_NOT_FOUND = 11001;

    /// <summary>WSANO_DATA (11004): the name is valid but has no address of the requested type.</summary>
    public const int WSANO_DATA = 11004;

    /// <summary>WSA_INVALID_HANDLE (6): an event object handle that is not one.</summary>
    public const int WSA_INVALID_HANDLE = 6;

    /// <summary>WSA_INVALID_PARAMETER (87): a bad argument to a WSA event call.</summary>
    public const int WSA_INVALID_PARAMETER = 87;

    /// <summary>WSAEAI_NONAME (= WSAHOST_NOT_FOUND): getaddrinfo found no such name.</summary>
    public const int WSAEAI_NONAME = WSAHOST_NOT_FOUND;

    /// <summary>WSA_WAIT_EVENT_0 (0): WSAWaitForMultipleEvents returns it plus the index of the signaled event.</summary>
    public const int WSA_WAIT_EVENT_0 = 0;

    /// <summary>WSA_MAXIMUM_WAIT_EVENTS (64): the most events one wait takes.</summary>
    public const int WSA_MAXIMUM_WAIT_EVENTS = 64;

    /// <summary>WSA_WAIT_FAILED (-1): the wait failed; WSAGetLastError says why.</summary>
    public const int WSA_WAIT_FAILED = -1;

    /// <summary>WSA_WAIT_TIMEOUT (0x102): the timeout passed with no event signaled.</summary>
    public const int WSA_WAIT_TIMEOUT = 0x102;

    /// <summary>WSA_WAIT_IO_COMPLETION (0xC0): an alertable wait ran an I/O completion routine (never, here: no APCs are simulated).</summary>
    public const int WSA_WAIT_IO_COMPLETION = 0xC0;

    /// <summary>WSA_INFINITE (-1): wait without a timeout.</summary>
    public const int WSA_INFINITE = -1;

    /// <summary>WSA_INVALID_EVENT (0): what WSACreateEvent returns when it fails.</summary>
    public static readonly nint WSA_INVALID_EVENT = 0;

    /// <summary>MAKEWORD(2, 2): the version every Winsock 2 program asks for.</summary>
    public const ushort WINSOCK_VERSION_2_2 = 0x0202;

    /// <summary>WSAGETSELECTEVENT: the FD_* bit in a WSAAsyncSelect message's lParam.</summary>
    public static int WSAGETSELECTEVENT(nint lParam) => (int)(lParam & 0xFFFF);

    /// <summary>WSAGETSELECTERROR: the error word in a WSAAsyncSelect message's lParam.</summary>
    public static int WSAGETSELECTERROR(nint lParam) => (int)((lParam >> 16) & 0xFFFF);

    /// <summary>WSAMAKESELECTREPLY: an lParam as WSAAsyncSelect builds it.</summary>
    public static nint WSAMAKESELECTREPLY(int fdEvent, int error) => (nint)(uint)((fdEvent & 0xFFFF) | ((error & 0xFFFF) << 16));

    /// <summary>MAKEWORD: a WORD from its low and high bytes (MAKEWORD(2, 2) is the version WSAStartup asks for).</summary>
    public static ushort MAKEWORD(byte low, byte high) => (ushort)(low | (high << 8));
}
