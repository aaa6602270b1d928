namespace WinsockConformance.Model;

/// <summary>A peer connects to the listening socket under test; the connection completes and queues.</summary>
public sealed record PeerConnect(string Listener) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => "peer.connect";

    /// <inheritdoc/>
    public override string? Socket => Listener;
}

/// <summary>The peer sends <paramref name="Length"/> bytes (one datagram on UDP).</summary>
public sealed record PeerSend(string Name, int Length) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => "peer.send";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>The peer sends one urgent (out-of-band) byte.</summary>
public sealed record PeerSendUrgent(string Name) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => "peer.sendOob";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>The peer calls shutdown: SD_SEND sends FIN; SD_RECEIVE is invisible to this side.</summary>
public sealed record PeerShutdown(string Name, ShutdownHow How) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => "peer.shutdown";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>The peer closes gracefully (it reads what it was sent first, so a FIN, not an RST, goes out).</summary>
public sealed record PeerClose(string Name) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => "peer.close";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>The peer closes abortively (SO_LINGER {1, 0}): an RST arrives.</summary>
public sealed record PeerAbort(string Name) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => "peer.abort";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>The peer reads everything it was sent, so send space returns.</summary>
public sealed record PeerRead(string Name) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => "peer.read";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>A QoS, group QoS, routing-interface or address-list change (not producible over loopback).</summary>
public sealed record NetworkChange(string Name, NetworkChangeKind Kind) : NetworkInput
{
    /// <inheritdoc/>
    public override string Op => Kind switch
    {
        NetworkChangeKind.Qos => "net.qosChange",
        NetworkChangeKind.GroupQos => "net.groupQosChange",
        NetworkChangeKind.RoutingInterface => "net.routingInterfaceChange",
        NetworkChangeKind.AddressList => "net.addressListChange",
        _ => throw new System.Diagnostics.UnreachableException(Kind.ToString()),
    };

    /// <inheritdoc/>
    public override string? Socket => Name;
}
