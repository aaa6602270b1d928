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

/// <summary>Where a connect goes: what the network answers.</summary>
public enum ConnectTarget
{
    /// <summary>The peer's listening socket: the connection is established.</summary>
    Peer,

    /// <summary>A closed port: the connection is refused (RST to the SYN).</summary>
    Refused,

    /// <summary>No answer at all (not producible over loopback).</summary>
    TimedOut,
}

/// <summary>recv's flags argument, with the native MSG_* values.</summary>
[Flags]
public enum RecvFlags
{
    /// <summary>Read normal data.</summary>
    None = 0,

    /// <summary>MSG_OOB (0x1): read the urgent byte (re-enables FD_OOB, rule C3).</summary>
    Oob = 0x1,

    /// <summary>MSG_PEEK (0x2): read without removing; still re-enables FD_READ (rule C1).</summary>
    Peek = 0x2,
}

/// <summary>shutdown's how argument, with the native SD_* values.</summary>
public enum ShutdownHow
{
    /// <summary>SD_RECEIVE (0): stop receiving.</summary>
    Receive = 0,

    /// <summary>SD_SEND (1): stop sending; the peer gets FIN.</summary>
    Send = 1,

    /// <summary>SD_BOTH (2): both directions.</summary>
    Both = 2,
}

/// <summary>The WSAIoctl codes that matter to notification: the QoS queries that re-enable FD_QOS / FD_GROUP_QOS and the change queries that arm FD_ROUTING_INTERFACE_CHANGE / FD_ADDRESS_LIST_CHANGE (rules C8, C9).</summary>
public enum IoctlCode
{
    /// <summary>SIO_GET_QOS: re-enables FD_QOS.</summary>
    GetQos,

    /// <summary>SIO_GET_GROUP_QOS: re-enables FD_GROUP_QOS.</summary>
    GetGroupQos,

    /// <summary>SIO_ROUTING_INTERFACE_CHANGE: asks for FD_ROUTING_INTERFACE_CHANGE at the next change (fails with WSAEWOULDBLOCK on a nonblocking socket).</summary>
    RoutingInterfaceChange,

    /// <summary>SIO_ADDRESS_LIST_CHANGE: asks for FD_ADDRESS_LIST_CHANGE at the next change (fails with WSAEWOULDBLOCK on a nonblocking socket).</summary>
    AddressListChange,
}

/// <summary>What changed in the network (<see cref="NetworkChange"/>); none of these can be produced over loopback.</summary>
public enum NetworkChangeKind
{
    /// <summary>The socket's quality of service (FD_QOS).</summary>
    Qos,

    /// <summary>The socket group's quality of service (FD_GROUP_QOS).</summary>
    GroupQos,

    /// <summary>The interface that routes to the destination (FD_ROUTING_INTERFACE_CHANGE).</summary>
    RoutingInterface,

    /// <summary>The local address list (FD_ADDRESS_LIST_CHANGE).</summary>
    AddressList,
}
