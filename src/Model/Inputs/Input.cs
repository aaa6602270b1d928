namespace WinsockConformance.Model;

/// <summary>
/// One step of a scenario: either a call the application makes on a socket under test, or something
/// the network (a peer socket) does. Closed hierarchy: every case is declared in this folder, and
/// every switch over it ends in an arm that throws.
/// </summary>
public abstract record Input
{
    private protected Input()
    {
    }

    /// <summary>The operation's name in the trace format (an API name, or peer.* / net.* for the network).</summary>
    public abstract string Op { get; }

    /// <summary>The socket the step is about (for accept, the listener), or null.</summary>
    public abstract string? Socket { get; }
}

/// <summary>A call the application makes.</summary>
public abstract record CallInput : Input
{
    private protected CallInput()
    {
    }
}

/// <summary>Something the peer or the network does.</summary>
public abstract record NetworkInput : Input
{
    private protected NetworkInput()
    {
    }
}

public enum ConnectTarget
{
    /// <summary>The peer's listening socket: the connection is established.</summary>
    Peer,

    /// <summary>A closed port: the connection is refused (RST to the SYN).</summary>
    Refused,

    /// <summary>No answer at all (not producible over loopback).</summary>
    TimedOut,
}

[Flags]
public enum RecvFlags
{
    None = 0,
    Oob = 0x1,
    Peek = 0x2,
}

public enum ShutdownHow
{
    Receive = 0,
    Send = 1,
    Both = 2,
}

public enum IoctlCode
{
    GetQos,
    GetGroupQos,
    RoutingInterfaceChange,
    AddressListChange,
}

public enum NetworkChangeKind
{
    Qos,
    GroupQos,
    RoutingInterface,
    AddressList,
}
