using System.Runtime.InteropServices;

namespace WinsockConformance.Simulation.Api;

#pragma warning disable CA1051, CA1815, CA1819 // Native structs keep their native shape: public fields, arrays.

/// <summary>sockaddr_in: <see cref="sin_port"/> and <see cref="sin_addr"/> in network byte order, as in C (use htons, htonl, inet_addr).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SOCKADDR_IN
{
    /// <summary>The address family: AF_INET.</summary>
    public short sin_family;

    /// <summary>The port, in network byte order (htons).</summary>
    public ushort sin_port;

    /// <summary>The IPv4 address, in network byte order (htonl, inet_addr).</summary>
    public uint sin_addr;

    /// <summary>Padding to 16 bytes; zero.</summary>
    public ulong sin_zero;

    /// <summary>sizeof(struct sockaddr_in).</summary>
    public const int Size = 16;

    /// <summary>An AF_INET address from a host-order address and port.</summary>
    public static SOCKADDR_IN Create(uint hostAddress, ushort hostPort) =>
        new() { sin_family = Winsock.AF_INET, sin_port = Winsock.htons(hostPort), sin_addr = Winsock.htonl(hostAddress) };
}

/// <summary>linger: SO_LINGER's value.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LINGER
{
    /// <summary>Non-zero: closesocket lingers (waits for unsent data, or with l_linger 0 resets the connection).</summary>
    public ushort l_onoff;

    /// <summary>How long closesocket lingers, in seconds.</summary>
    public ushort l_linger;
}

/// <summary>timeval: select's timeout.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TIMEVAL
{
    /// <summary>Seconds.</summary>
    public int tv_sec;

    /// <summary>Microseconds.</summary>
    public int tv_usec;
}

/// <summary>WSADATA (the fields a program reads).</summary>
public struct WSADATA
{
    /// <summary>The version the program will use (2.2).</summary>
    public ushort wVersion;

    /// <summary>The highest version supported (2.2).</summary>
    public ushort wHighVersion;

    /// <summary>The implementation's description ("WinSock 2.0 (simulated)").</summary>
    public string szDescription;

    /// <summary>Its status text ("Running").</summary>
    public string szSystemStatus;
}

/// <summary>WSANETWORKEVENTS: the reported bits and, by bit number (FD_READ_BIT …), each one's error.</summary>
public struct WSANETWORKEVENTS
{
    /// <summary>The FD_* bits recorded since the last enumeration (and selected).</summary>
    public int lNetworkEvents;

    /// <summary>Each event's error code, indexed by FD_*_BIT (FD_CONNECT_BIT holds a failed connect's error); FD_MAX_EVENTS long.</summary>
    public int[] iErrorCode;
}

/// <summary>WSABUF: one buffer of WSARecv / WSASend (here a managed array and a length).</summary>
public struct WSABUF
{
    /// <summary>How many bytes of <see cref="buf"/> the call uses.</summary>
    public int len;

    /// <summary>The buffer.</summary>
    public byte[]? buf;
}

/// <summary>fd_set: up to FD_SETSIZE sockets; select rewrites it to the ready ones. Use FD_ZERO, FD_SET, FD_ISSET, FD_CLR.</summary>
public sealed class FD_SET
{
    /// <summary>How many sockets are in the set.</summary>
    public int fd_count;

    /// <summary>The sockets, first <see cref="fd_count"/> of FD_SETSIZE.</summary>
    public nint[] fd_array = new nint[Winsock.FD_SETSIZE];
}

/// <summary>hostent, as gethostbyname returns it (addresses in network byte order).</summary>
public sealed class HOSTENT
{
    /// <summary>The host's official name.</summary>
    public string h_name = string.Empty;

    /// <summary>Other names.</summary>
    public string[] h_aliases = [];

    /// <summary>AF_INET.</summary>
    public short h_addrtype;

    /// <summary>The length of each address: 4.</summary>
    public short h_length;

    /// <summary>The addresses, in network byte order.</summary>
    public uint[] h_addr_list = [];
}

/// <summary>addrinfo, as getaddrinfo returns it (one list entry).</summary>
public sealed class ADDRINFO
{
    /// <summary>AI_* flags (hints).</summary>
    public int ai_flags;

    /// <summary>The address family: AF_INET, or AF_UNSPEC in hints.</summary>
    public int ai_family;

    /// <summary>SOCK_STREAM or SOCK_DGRAM, or 0 in hints.</summary>
    public int ai_socktype;

    /// <summary>IPPROTO_TCP or IPPROTO_UDP, or 0 in hints.</summary>
    public int ai_protocol;

    /// <summary>The canonical name, when asked for (AI_CANONNAME).</summary>
    public string? ai_canonname;

    /// <summary>The address.</summary>
    public SOCKADDR_IN ai_addr;

    /// <summary>The address's length: 16.</summary>
    public int ai_addrlen = SOCKADDR_IN.Size;
}

/// <summary>MSG: one retrieved window message.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MSG
{
    /// <summary>The window the message is for (0 for a thread message).</summary>
    public nint hwnd;

    /// <summary>The message number (WSAAsyncSelect's wMsg for a socket notification).</summary>
    public uint message;

    /// <summary>For a socket notification: the socket's handle.</summary>
    public nint wParam;

    /// <summary>For a socket notification: the FD_* bit in the low word, the error in the high word (WSAGETSELECTEVENT, WSAGETSELECTERROR).</summary>
    public nint lParam;

    /// <summary>When it was posted, on the simulated clock (milliseconds).</summary>
    public uint time;

    /// <summary>The cursor's x position: 0.</summary>
    public int pt_x;

    /// <summary>The cursor's y position: 0.</summary>
    public int pt_y;
}

#pragma warning restore CA1051, CA1815, CA1819
