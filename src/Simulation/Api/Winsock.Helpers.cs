using System.Buffers.Binary;
using WinsockConformance.Simulation.Core;

namespace WinsockConformance.Simulation.Api;

/// <summary>Byte order, address text, fd_set macros, and name resolution (numeric and loopback names only).</summary>
public static partial class Winsock
{
    /// <summary>htons: a 16-bit value from host to network byte order (big-endian).</summary>
    public static ushort htons(ushort hostshort) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(hostshort) : hostshort;

    /// <summary>ntohs: a 16-bit value from network to host byte order.</summary>
    public static ushort ntohs(ushort netshort) => htons(netshort);

    /// <summary>htonl: a 32-bit value from host to network byte order (big-endian).</summary>
    public static uint htonl(uint hostlong) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(hostlong) : hostlong;

    /// <summary>ntohl: a 32-bit value from network to host byte order.</summary>
    public static uint ntohl(uint netlong) => htonl(netlong);

    /// <summary>inet_addr: a dotted quad in network byte order, or INADDR_NONE.</summary>
    public static uint inet_addr(string cp) => SimulatedStack.ParseDotted(cp) is { } a ? htonl(a) : INADDR_NONE;

    /// <summary>inet_ntoa of an address in network byte order.</summary>
    public static string inet_ntoa(uint addr) => new SockAddr(ntohl(addr), 0).ToString()[..^2];

    /// <summary>inet_pton for AF_INET: 1 and the address in network byte order, 0 when the text is not one, -1 (WSAEAFNOSUPPORT) for another family.</summary>
    public static int inet_pton(int family, string pszAddrString, out uint pAddrBuf)
    {
        pAddrBuf = 0;
        if (family != AF_INET)
        {
            return -1;
        }

        if (SimulatedStack.ParseDotted(pszAddrString) is not { } a)
        {
            return 0;
        }

        pAddrBuf = htonl(a);
        return 1;
    }

    /// <summary>inet_ntop for AF_INET: the dotted text of an address in network byte order; null for another family.</summary>
    public static string? inet_ntop(int family, uint pAddr) => family == AF_INET ? inet_ntoa(pAddr) : null;

    /// <summary>FD_ZERO: empties the set.</summary>
    public static void FD_ZERO(FD_SET set)
    {
        ArgumentNullException.ThrowIfNull(set);
        set.fd_count = 0;
    }

    /// <summary>FD_SET: adds the socket to the set (no change if it is in it or the set is full).</summary>
    public static void FD_SET(nint fd, FD_SET set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!FD_ISSET(fd, set) && set.fd_count < FD_SETSIZE)
        {
            set.fd_array[set.fd_count++] = fd;
        }
    }

    /// <summary>FD_ISSET: whether the socket is in the set (after select: whether it is ready).</summary>
    public static bool FD_ISSET(nint fd, FD_SET set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Array.IndexOf(set.fd_array, fd, 0, set.fd_count) >= 0;
    }

    /// <summary>FD_CLR: removes the socket from the set.</summary>
    public static void FD_CLR(nint fd, FD_SET set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var i = Array.IndexOf(set.fd_array, fd, 0, set.fd_count);
        if (i >= 0)
        {
            Array.Copy(set.fd_array, i + 1, set.fd_array, i, set.fd_count - i - 1);
            set.fd_count--;
        }
    }

    /// <summary>gethostname: the simulated host's name, "simhost".</summary>
    public static int gethostname(out string name)
    {
        name = SimulatedStack.HostName;
        return 0;
    }

    /// <summary>gethostbyname: numeric addresses, "localhost" and the host's name resolve (to 127.0.0.1); anything else fails (WSAHOST_NOT_FOUND).</summary>
    public static HOSTENT? gethostbyname(string name)
    {
        var address = Stack.Resolve(name, nameof(gethostbyname));
        return address is { } a
            ? new HOSTENT { h_name = string.IsNullOrEmpty(name) ? SimulatedStack.HostName : name, h_addrtype = AF_INET, h_length = 4, h_addr_list = [htonl(a)] }
            : null;
    }

    /// <summary>
    /// getaddrinfo for IPv4 TCP: one entry; <paramref name="pServiceName"/> a decimal port or null. Returns 0, or the
    /// error (WSAHOST_NOT_FOUND for a name that is neither numeric nor a loopback name; WSAEAFNOSUPPORT for AF_INET6 hints).
    /// </summary>
    public static int getaddrinfo(string? pNodeName, string? pServiceName, ADDRINFO? pHints, out ADDRINFO[] ppResult)
    {
        ppResult = [];
        if (pHints is { ai_family: not (AF_UNSPEC or AF_INET) })
        {
            Stack.WSASetLastError(WSAEAFNOSUPPORT);
            return WSAEAFNOSUPPORT;
        }

        ushort port = 0;
        if (pServiceName is not null && !ushort.TryParse(pServiceName, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
        {
            throw new UnsupportedCallException("getaddrinfo", $"service \"{pServiceName}\": only decimal port numbers are simulated");
        }

        if (Stack.Resolve(pNodeName, nameof(getaddrinfo)) is not { } address)
        {
            return WSAHOST_NOT_FOUND;
        }

        ppResult =
        [
            new ADDRINFO { ai_family = AF_INET, ai_socktype = pHints?.ai_socktype is > 0 and var t ? t : SOCK_STREAM, ai_protocol = IPPROTO_TCP, ai_addr = SOCKADDR_IN.Create(address, port) },
        ];
        return 0;
    }

    /// <summary>freeaddrinfo: nothing to free in managed code.</summary>
    public static void freeaddrinfo(ADDRINFO[]? pAddrInfo)
    {
        _ = pAddrInfo;
    }
}
