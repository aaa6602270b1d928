namespace WinsockConformance.Model;

/// <summary>
/// The FD_* network event bits. Values are the native winsock2.h values, so a trace's lParam low
/// word and this enum share one encoding (docs/sources.md #ms-wsaasyncselect-lparam).
/// </summary>
[Flags]
public enum NetworkEvents
{
    /// <summary>No event: an empty mask (a registration with it cancels notification, rule B7).</summary>
    None = 0,

    /// <summary>FD_READ (0x1): data (or a datagram) is there to read; re-enabled by a recv-family call.</summary>
    Read = 0x1,

    /// <summary>FD_WRITE (0x2): the socket can send: after connect or accept, and after a send that failed with WSAEWOULDBLOCK once space returns.</summary>
    Write = 0x2,

    /// <summary>FD_OOB (0x4): urgent (out-of-band) data is there to read with MSG_OOB; re-enabled by recv(MSG_OOB).</summary>
    Oob = 0x4,

    /// <summary>FD_ACCEPT (0x8): a connection is queued on a listening socket; re-enabled by accept.</summary>
    Accept = 0x8,

    /// <summary>FD_CONNECT (0x10): a connect completed, successfully or not (the error word says which); never re-enabled.</summary>
    Connect = 0x10,

    /// <summary>FD_CLOSE (0x20): the peer closed (FIN) or reset the connection; posted once, never re-enabled.</summary>
    Close = 0x20,

    /// <summary>FD_QOS (0x40): the socket's quality of service changed; re-enabled by WSAIoctl(SIO_GET_QOS).</summary>
    Qos = 0x40,

    /// <summary>FD_GROUP_QOS (0x80): reserved: the group's quality of service changed.</summary>
    GroupQos = 0x80,

    /// <summary>FD_ROUTING_INTERFACE_CHANGE (0x100): the route to the destination changed, after WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE).</summary>
    RoutingInterfaceChange = 0x100,

    /// <summary>FD_ADDRESS_LIST_CHANGE (0x200): the local address list changed, after WSAIoctl(SIO_ADDRESS_LIST_CHANGE).</summary>
    AddressListChange = 0x200,

    /// <summary>FD_ALL_EVENTS (0x3FF): every bit.</summary>
    All = 0x3FF,
}

/// <summary>Native names, parsing and the per-step posting order.</summary>
public static class NetworkEventNames
{
    /// <summary>
    /// The order in which events that become due in one step are posted for one socket.
    /// Windows asserts only FD_CONNECT before FD_WRITE and FD_READ before FD_WRITE (docs/sources.md #win-a-format);
    /// the rest follows Wine's deliver order (docs/sources.md #impl-d19), which no Windows test contradicts.
    /// </summary>
    public static readonly IReadOnlyList<NetworkEvents> PostingOrder =
    [
        NetworkEvents.Connect, NetworkEvents.Accept, NetworkEvents.Oob, NetworkEvents.Read,
        NetworkEvents.Write, NetworkEvents.Close, NetworkEvents.Qos, NetworkEvents.GroupQos,
        NetworkEvents.RoutingInterfaceChange, NetworkEvents.AddressListChange,
    ];

    /// <summary>All single bits in ascending bit order (the order WSAEnumNetworkEvents' iErrorCode uses).</summary>
    public static readonly IReadOnlyList<NetworkEvents> Bits =
    [
        NetworkEvents.Read, NetworkEvents.Write, NetworkEvents.Oob, NetworkEvents.Accept,
        NetworkEvents.Connect, NetworkEvents.Close, NetworkEvents.Qos, NetworkEvents.GroupQos,
        NetworkEvents.RoutingInterfaceChange, NetworkEvents.AddressListChange,
    ];

    /// <summary>The winsock2.h name of one bit ("FD_READ"); a value that is not a single FD_* bit throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static string NativeName(this NetworkEvents bit) => bit switch
    {
        NetworkEvents.Read => "FD_READ",
        NetworkEvents.Write => "FD_WRITE",
        NetworkEvents.Oob => "FD_OOB",
        NetworkEvents.Accept => "FD_ACCEPT",
        NetworkEvents.Connect => "FD_CONNECT",
        NetworkEvents.Close => "FD_CLOSE",
        NetworkEvents.Qos => "FD_QOS",
        NetworkEvents.GroupQos => "FD_GROUP_QOS",
        NetworkEvents.RoutingInterfaceChange => "FD_ROUTING_INTERFACE_CHANGE",
        NetworkEvents.AddressListChange => "FD_ADDRESS_LIST_CHANGE",
        _ => throw new ArgumentOutOfRangeException(nameof(bit), bit, "not a single FD_* bit"),
    };

    /// <summary>Reads one bit by its native name ("FD_READ"), as traces write it; false if the text names none.</summary>
    public static bool TryParse(string text, out NetworkEvents bit)
    {
        foreach (var candidate in Bits)
        {
            if (string.Equals(candidate.NativeName(), text, StringComparison.Ordinal))
            {
                bit = candidate;
                return true;
            }
        }

        bit = NetworkEvents.None;
        return false;
    }

    /// <summary>Renders a mask as native names joined by '|', or "0".</summary>
    public static string Format(NetworkEvents mask)
    {
        if (mask == NetworkEvents.None)
        {
            return "0";
        }

        var names = new List<string>();
        foreach (var bit in Bits)
        {
            if ((mask & bit) != 0)
            {
                names.Add(bit.NativeName());
            }
        }

        return string.Join('|', names);
    }

    /// <summary>The bits set in <paramref name="mask"/>, one at a time, in <see cref="Bits"/> order.</summary>
    public static IEnumerable<NetworkEvents> Each(NetworkEvents mask)
    {
        foreach (var bit in Bits)
        {
            if ((mask & bit) != 0)
            {
                yield return bit;
            }
        }
    }

    /// <summary>Whether <paramref name="mask"/> has any of the bits of <paramref name="bit"/>.</summary>
    public static bool Has(this NetworkEvents mask, NetworkEvents bit) => (mask & bit) != 0;
}
