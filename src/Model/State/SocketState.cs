namespace WinsockConformance.Model;

/// <summary>
/// Everything the model knows about one socket under test: its life, the conditions the network
/// has created (levels), and the notification state (registration and latches).
/// </summary>
/// <remarks>
/// The notification state follows the shape every implementation shares (docs/sources.md #impl-s7):
/// a bit b is delivered when b is selected, not latched (<see cref="Reported"/>), and its condition
/// holds; delivering latches it until its re-enabling call or a registration re-opens it.
/// <see cref="Pending"/> holds latched bits not yet handed out (event mode keeps them until
/// WSAEnumNetworkEvents; message mode posts and clears them). <see cref="Quiet"/> holds bits whose
/// latch an event-mode re-registration re-opened for new occurrences only (rule B4).
/// </remarks>
public sealed record SocketState
{
    /// <summary>The scenario's name and its generation: unique among all sockets of a state, open or closed.</summary>
    public required SocketRef Ref { get; init; }

    /// <summary>Stream (TCP) or datagram (UDP); never changes.</summary>
    public required SocketKind Kind { get; init; }

    /// <summary>Where the socket is in its life; <see cref="SocketPhase.Closed"/> only in <see cref="ModelState.Closed"/> (after the step that closed it).</summary>
    public SocketPhase Phase { get; init; } = SocketPhase.Unbound;

    /// <summary>How many sockets were created before this one: its place in creation order (<see cref="ModelState.AllSockets"/>).</summary>
    public int Created { get; init; }

    /// <summary>The model's prediction of the handle value, as an ordinal, unique among open sockets; freed ones are reused in the profile's order (X4, WINE-32).</summary>
    public int HandleSlot { get; init; }

    /// <summary>Created after the peer freed a handle value (<see cref="ModelState.PeerFreedHandle"/>): <see cref="HandleSlot"/> is a guess, the socket may hold any value that was free (H-6).</summary>
    public bool HandleUnknown { get; init; }

    /// <summary>For a closed socket: how many sockets had been created when it was closed (those created later may hold its value).</summary>
    public int CreatedBeforeClose { get; init; }

    /// <summary>FIONBIO: calls that would wait fail with WSAEWOULDBLOCK instead; set by any registration (H1).</summary>
    public bool NonBlocking { get; init; }

    /// <summary>SO_OOBINLINE: urgent data is read as normal data (S3).</summary>
    public bool OobInline { get; init; }

    /// <summary>SO_LINGER's l_onoff, as getsockopt reads it back (the simulated stack); what it does is <see cref="LingerWaits"/>.</summary>
    public bool LingerOn { get; init; }

    /// <summary>SO_LINGER {1, n > 0}: closesocket waits (or, nonblocking on Windows, fails) while data is unsent (Validation).</summary>
    public bool LingerWaits { get; init; }

    /// <summary>The directions this side has shut down; only ever grows.</summary>
    public ShutdownFlags LocalShutdown { get; init; }

    /// <summary>What the peer end of the connection has done; only ever grows.</summary>
    public PeerFlags Peer { get; init; }

    /// <summary>Normal bytes queued to read (urgent bytes too when SO_OOBINLINE is set).</summary>
    public int ReadableBytes { get; init; }

    /// <summary>Urgent bytes queued out of band (SO_OOBINLINE off).</summary>
    public int UrgentBytes { get; init; }

    /// <summary>
    /// WINE-24 (Linux urgent pointer): how many of <see cref="ReadableBytes"/> come before the urgent mark, or -1
    /// when there is no mark. Only profiles where the mark splits the stream set it.
    /// </summary>
    public int UrgentMark { get; init; } = -1;

    /// <summary>Sizes of queued datagrams, oldest first (datagram sockets).</summary>
    public EquatableArray<int> Datagrams { get; init; }

    /// <summary>Connections completed by the network and not yet accepted (listening sockets).</summary>
    public int PendingConnections { get; init; }

    /// <summary>WINE-31: bit k says the k-th oldest queued connection completed while SO_OOBINLINE was on.</summary>
    public int PendingInlineBits { get; init; }

    /// <summary>The send buffer is full: the last send failed with WSAEWOULDBLOCK and the peer has not read since.</summary>
    public bool SendBlocked { get; init; }

    /// <summary>bind() was called (not only the implicit bind of connect or sendto).</summary>
    public bool ExplicitlyBound { get; init; }

    /// <summary>The last connect attempt failed (refused or timed out).</summary>
    public bool ConnectFailed { get; init; }

    /// <summary>A datagram socket has a default peer (connect on UDP).</summary>
    public bool DatagramConnected { get; init; }

    /// <summary>WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE) was issued and no change has answered it yet.</summary>
    public bool RoutingQueryOutstanding { get; init; }

    /// <summary>WSAIoctl(SIO_ADDRESS_LIST_CHANGE) was issued and no change has answered it yet.</summary>
    public bool AddressQueryOutstanding { get; init; }

    /// <summary>
    /// WINE-24: SO_OOBINLINE made the urgent byte readable, but Wine set it on the Unix socket directly, so its poll
    /// has not seen the change: no FD_READ until a network event or a request that re-arms the poll.
    /// </summary>
    public bool InlineChangeUnseen { get; init; }

    /// <summary>
    /// WINE-25: Wine's <c>hangup</c> flag (server/sock.c): its poll watched readability with no data left and its
    /// 0-byte peek found the peer's FIN. Set once, never cleared; only under profiles that track it
    /// (<see cref="Profile.TracksWineHangup"/>), and implied by <see cref="BothDirectionsShut"/>.
    /// </summary>
    public bool WineSawFin { get; init; }

    /// <summary>
    /// WINE-26: both directions are shut (this side's SD_SEND and the peer's FIN, either order) on a connection not reset
    /// before: Linux reported POLLHUP and Wine stopped watching the socket. Set once, never cleared; only under
    /// <see cref="Profile.BothDirectionsShutHangsUp"/>.
    /// </summary>
    public bool BothDirectionsShut { get; init; }

    /// <summary>The registration in force (none, message mode or event mode); none once closed.</summary>
    public Registration Registration { get; init; } = NoRegistration.Instance;

    /// <summary>Latched bits: delivered or recorded, and not watched until re-enabled.</summary>
    public NetworkEvents Reported { get; init; }

    /// <summary>Latched bits not yet handed out (⊆ Reported).</summary>
    public NetworkEvents Pending { get; init; }

    /// <summary>Bits re-opened by an event-mode re-registration that fire only on a new occurrence (B4).</summary>
    public NetworkEvents Quiet { get; init; }

    /// <summary>The error recorded with FD_CONNECT when it was latched (WSAEnumNetworkEvents' iErrorCode).</summary>
    public WsaError ConnectError { get; init; }

    /// <summary>The error recorded with FD_CLOSE when it was latched.</summary>
    public WsaError CloseError { get; init; }

    /// <summary>Transient, within one step: conditions that newly occurred (a new arrival, not a level).</summary>
    public NetworkEvents Occurred { get; init; }

    /// <summary>Transient, within one step: one-shot events (FD_CONNECT, QoS and change notifications).</summary>
    public NetworkEvents Edges { get; init; }

    /// <summary>Transient, within one step: the error of the FD_CONNECT edge.</summary>
    public WsaError EdgeConnectError { get; init; }

    /// <summary>Not closed: calls on it reach the stack.</summary>
    public bool IsLive => Phase != SocketPhase.Closed;

    /// <summary>Whether it is a stream (TCP) socket.</summary>
    public bool IsStream => Kind == SocketKind.Stream;

    /// <summary>Whether the peer reset the connection (<see cref="PeerFlags.Reset"/>).</summary>
    public bool IsReset => (Peer & PeerFlags.Reset) != 0;

    /// <summary>Whether the peer sent FIN (<see cref="PeerFlags.SentFin"/>).</summary>
    public bool PeerSentFin => (Peer & PeerFlags.SentFin) != 0;

    /// <summary>Whether the current registration is WSAEventSelect's (events are recorded and signaled rather than posted).</summary>
    public bool InEventMode => Registration is EventRegistration;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Ref} {Kind.ToString().ToLowerInvariant()} {Phase.ToString().ToLowerInvariant()}"
        + $" reg={Registration} reported={NetworkEventNames.Format(Reported)} pending={NetworkEventNames.Format(Pending)}"
        + (Quiet == NetworkEvents.None ? string.Empty : $" quiet={NetworkEventNames.Format(Quiet)}")
        + $" readable={ReadableBytes} urgent={UrgentBytes} pendingConn={PendingConnections}"
        + (UrgentMark < 0 ? string.Empty : $" mark={UrgentMark}")
        + (Datagrams.Count == 0 ? string.Empty : $" datagrams=[{string.Join(',', Datagrams)}]")
        + (SendBlocked ? " sendBlocked" : string.Empty)
        + (Peer == PeerFlags.None ? string.Empty : $" peer={Peer}")
        + (WineSawFin ? " wineSawFin" : string.Empty)
        + (BothDirectionsShut ? " bothDirectionsShut" : string.Empty)
        + (LocalShutdown == ShutdownFlags.None ? string.Empty : $" shutdown={LocalShutdown}")
        + (NonBlocking ? " nonblocking" : " blocking")
        + (OobInline ? " oobinline" : string.Empty);
}
