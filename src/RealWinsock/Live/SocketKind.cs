namespace WinsockConformance.RealWinsock.Live;

/// <summary>Which kind of AF_INET socket to create.</summary>
internal enum SocketKind
{
    /// <summary>SOCK_STREAM / IPPROTO_TCP.</summary>
    Stream,

    /// <summary>SOCK_DGRAM / IPPROTO_UDP.</summary>
    Datagram,
}
