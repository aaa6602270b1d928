namespace WinsockConformance.Model;

/// <summary>
/// The FD_* network event bits. Values are the native winsock2.h values, so a trace's lParam low
/// word and this enum share one encoding (docs/sources.md #ms-wsaasyncselect-lparam).
/// </summary>
[Flags]
public enum NetworkEvents
{
    None = 0,
    Read = 0x1,
    Write = 0x2,
    Oob = 0x4,
    Accept = 0x8,
    Connect = 0x10,
    Close = 0x20,
    Qos = 0x40,
    GroupQos = 0x80,
    RoutingInterfaceChange = 0x100,
    AddressListChange = 0x200,
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

    public static bool Has(this NetworkEvents mask, NetworkEvents bit) => (mask & bit) != 0;
}
