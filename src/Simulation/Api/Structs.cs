using System.Runtime.InteropServices;

namespace WinsockConformance.Simulation.Api;

#pragma warning disable CA1051, CA1815, CA1819 // Native structs keep their native shape: public fields, arrays.

/// <summary>sockaddr_in: <see cref="sin_port"/> and <see cref="sin_addr"/> in network byte order, as in C (use htons, htonl, inet_addr).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SOCKADDR_IN
{
    public short sin_family;
    public ushort sin_port;
    public uint sin_addr;
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
    public ushort l_onoff;
    public ushort l_linger;
}

/// <summary>timeval: select's timeout.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TIMEVAL
{
    public int tv_sec;
    public int tv_usec;
}

/// <summary>WSADATA (the fields a program reads).</summary>
public struct WSADATA
{
    public ushort wVersion;
    public ushort wHighVersion;
    public string szDescription;
    public string szSystemStatus;
}

/// <summary>WSANETWORKEVENTS: the reported bits and, by bit number (FD_READ_BIT …), each one's error.</summary>
public struct WSANETWORKEVENTS
{
    public int lNetworkEvents;
    public int[] iErrorCode;
}

/// <summary>WSABUF: one buffer of WSARecv / WSASend (here a managed array and a length).</summary>
public struct WSABUF
{
    public int len;
    public byte[]? buf;
}

/// <summary>fd_set: up to FD_SETSIZE sockets; select rewrites it to the ready ones. Use FD_ZERO, FD_SET, FD_ISSET, FD_CLR.</summary>
public sealed class FD_SET
{
    public int fd_count;
    public nint[] fd_array = new nint[Winsock.FD_SETSIZE];
}

/// <summary>hostent, as gethostbyname returns it (addresses in network byte order).</summary>
public sealed class HOSTENT
{
    public string h_name = string.Empty;
    public string[] h_aliases = [];
    public short h_addrtype;
    public short h_length;
    public uint[] h_addr_list = [];
}

/// <summary>addrinfo, as getaddrinfo returns it (one list entry).</summary>
public sealed class ADDRINFO
{
    public int ai_flags;
    public int ai_family;
    public int ai_socktype;
    public int ai_protocol;
    public string? ai_canonname;
    public SOCKADDR_IN ai_addr;
    public int ai_addrlen = SOCKADDR_IN.Size;
}

/// <summary>MSG: one retrieved window message.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MSG
{
    public nint hwnd;
    public uint message;
    public nint wParam;
    public nint lParam;
    public uint time;
    public int pt_x;
    public int pt_y;
}

#pragma warning restore CA1051, CA1815, CA1819
