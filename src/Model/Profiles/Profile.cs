namespace WinsockConformance.Model;

/// <summary>When FD_CLOSE becomes due after the peer's FIN.</summary>
public enum CloseTiming
{
    /// <summary>At once, even with unread data (Windows, rule G1).</summary>
    Immediately,

    /// <summary>Once the received data has been read (documentation, DOC-3).</summary>
    AfterDrain,

    /// <summary>Once drained and a recv has re-armed FD_READ (Wine, WINE-6).</summary>
    AfterDrainAndReadRearmed,
}

/// <summary>Which send calls re-enable FD_WRITE.</summary>
public enum WriteReenable
{
    /// <summary>Only a send failing with WSAEWOULDBLOCK (Windows, C6).</summary>
    WouldBlockOnly,

    /// <summary>Any send whose result is not success (Wine, WINE-10).</summary>
    AnyFailure,

    /// <summary>Every send call, success included (documentation, DOC-4).</summary>
    AnyCall,
}

/// <summary>Whether a recv that fails its argument checks (WSAEFAULT) re-enables FD_READ (FD_OOB with MSG_OOB).</summary>
public enum FailedRecvReenables
{
    /// <summary>In message mode (it is posted again), not in event mode (Windows, C2).</summary>
    MessageModeOnly,

    /// <summary>Never: the call is rejected before it reaches the stack (Wine, WINE-4).</summary>
    Never,

    /// <summary>In both modes (documentation, DOC-5).</summary>
    BothModes,
}

/// <summary>Whether an unbound UDP socket is writable (FD_WRITE).</summary>
public enum UnboundDatagramWrite
{
    /// <summary>Posted in message mode, not signaled in event mode until bound (Windows, B5).</summary>
    MessageModeOnly,

    /// <summary>Posted and signaled (Wine, WINE-2).</summary>
    BothModes,

    /// <summary>Only once bound, in both modes (documentation, DOC-8).</summary>
    AfterBind,
}

/// <summary>What a WSAEventSelect re-registration does to latched bits.</summary>
public enum EventReregistration
{
    /// <summary>Enumerated bits fire again on the next new occurrence (Windows, B4).</summary>
    ReopenForNewOccurrences,

    /// <summary>Latches carry over unchanged (Wine, WINE-1).</summary>
    KeepLatches,

    /// <summary>Every selected condition that holds is reported again (documentation, DOC-7).</summary>
    RearmLevel,
}

/// <summary>What connect() on a UDP socket does to notifications.</summary>
public enum DatagramConnectEffect
{
    /// <summary>Re-posts FD_WRITE in message mode; records FD_CONNECT and FD_WRITE in event mode (Windows, C10).</summary>
    RearmWrite,

    /// <summary>Nothing (Wine, WINE-3).</summary>
    Nothing,

    /// <summary>FD_CONNECT in both modes, and FD_WRITE re-armed (documentation, DOC-6).</summary>
    ConnectAndWrite,
}

/// <summary>
/// A stack's behaviour where stacks differ: one row of switches. Each property is one named switch whose
/// values stand for rules (<see cref="ProfileSwitches"/>, the one place that maps a value to its rule);
/// everything else is shared by all profiles. A new stack is a new row (<see cref="Profiles"/>), not new code.
/// </summary>
/// <remarks>
/// The switches are grouped by where they act, and the notifier's groups are named after the function of
/// Wine's server/sock.c they mirror (Rules/Notification/Notifier.cs reads each of them in that one place).
/// </remarks>
public sealed record Profile
{
    /// <summary>The name commands and trace headers use ("windows", "wine-8", "wine-10", "documented").</summary>
    public required string Name { get; init; }

    /// <summary>One sentence: whose behaviour this is and where it was established.</summary>
    public required string Description { get; init; }

    // ---- Calls: registration and results (Rules/Calls) ----

    /// <summary>What a WSAEventSelect re-registration does to latched bits (B4, WINE-1, DOC-7).</summary>
    public EventReregistration EventReregistration { get; init; }

    /// <summary>FD_CONNECT is a level ("a connection exists") rather than a one-shot edge (DOC-1; B2 otherwise).</summary>
    public bool ConnectIsLevel { get; init; }

    /// <summary>FD_QOS, FD_GROUP_QOS and the change notifications are delivered (Q1; WINE-9 and WINE-15 otherwise).</summary>
    public bool QosAndChangeEventsDelivered { get; init; } = true;

    /// <summary>shutdown(SD_BOTH) cancels the registration (WINE-7).</summary>
    public bool ShutdownBothCancelsRegistration { get; init; }

    /// <summary>recv after an RST returns what was received before it, then 0, instead of WSAECONNRESET (WINE-13).</summary>
    public bool RecvAfterResetReadsRest { get; init; }

    /// <summary>The error of send on a stream socket whose connect failed (X2, WINE-14).</summary>
    public WsaError SendAfterFailedConnectError { get; init; } = WsaError.NotConnected;

    /// <summary>send on a stream socket that never connected fails like one whose connect failed (WINE-14).</summary>
    public bool NeverConnectedSendLikeFailedConnect { get; init; }

    /// <summary>The error of send without an address on an unconnected UDP socket (S8, WINE-16).</summary>
    public WsaError UnconnectedDatagramSendError { get; init; } = WsaError.NotConnected;

    /// <summary>send on UDP binds an unbound socket before any check, then checks shutdown before the address (WINE-33).</summary>
    public bool DatagramSendBindsFirst { get; init; }

    /// <summary>FIONREAD on UDP reports only the next datagram's size (WINE-17).</summary>
    public bool FionreadFirstDatagramOnly { get; init; }

    /// <summary>recv(MSG_OOB) on a never-connected stream socket, or recv on an unbound UDP socket, waits (WINE-21).</summary>
    public bool RecvOnUnconnectedWaits { get; init; }

    /// <summary>listen needs an explicit bind and no failed connect before it (WINE-22; X3 otherwise).</summary>
    public bool ListenNeedsExplicitBind { get; init; }

    /// <summary>recv on a stream socket whose connect failed returns 0, end of stream (WINE-23).</summary>
    public bool RecvAfterFailedConnectReturnsZero { get; init; }

    /// <summary>recv(MSG_OOB) with SO_OOBINLINE is rejected before the shutdown check, and re-enables nothing (WINE-29).</summary>
    public bool InlineOobRecvFailsEarly { get; init; }

    /// <summary>An accepted socket has SO_OOBINLINE as the listener had it when the peer connected, not at accept (WINE-31).</summary>
    public bool AcceptedInlineFixedAtConnect { get; init; }

    /// <summary>A new socket takes the lowest free handle value rather than the last freed one (WINE-32; X4 otherwise).</summary>
    public bool ReusesLowestFreeHandle { get; init; }

    /// <summary>WSAEventSelect replacing a WSAAsyncSelect registration drops what was recorded and not posted (WINE-36).</summary>
    public bool EventSelectDropsMessageRecords { get; init; }

    // ---- Calls: the re-enabling table's variants (Rules/Calls/Reenabling.cs) ----

    /// <summary>Which send calls re-enable FD_WRITE (C6, WINE-10, DOC-4).</summary>
    public WriteReenable WriteReenable { get; init; }

    /// <summary>Whether a recv failing its argument checks re-enables its event (C2, WINE-4, DOC-5).</summary>
    public FailedRecvReenables FailedRecvReenables { get; init; }

    /// <summary>An accept failing with WSAEWOULDBLOCK re-enables FD_ACCEPT (DOC-5; C5 otherwise).</summary>
    public bool FailedAcceptReenables { get; init; }

    /// <summary>What connect() on a UDP socket re-enables (C10, WINE-3, DOC-6).</summary>
    public DatagramConnectEffect DatagramConnect { get; init; }

    /// <summary>A re-enabling call also erases the recorded, not yet enumerated bit (WINE-18).</summary>
    public bool ReenableClearsRecorded { get; init; }

    // ---- Network: what the peer's segments do to the socket (Rules/Network) ----

    /// <summary>Several urgent bytes can be queued (S10; WINE-5 otherwise).</summary>
    public bool KeepsSeveralUrgentBytes { get; init; } = true;

    /// <summary>An inline urgent byte (SO_OOBINLINE) also raises FD_OOB: Linux still reports POLLPRI (WINE-12).</summary>
    public bool InlineUrgentAlsoSignalsOob { get; init; }

    /// <summary>The urgent mark splits the stream (Linux): FIONREAD and recv stop at it, reading past it drops the urgent byte (WINE-24).</summary>
    public bool UrgentMarkSplitsStream { get; init; }

    /// <summary>Once both directions are shut Linux reports POLLHUP: FD_CLOSE at once, and the socket is no longer watched (WINE-26).</summary>
    public bool BothDirectionsShutHangsUp { get; init; }

    /// <summary>An RST makes Linux report POLLOUT too, so a re-enabled FD_WRITE is reported with it (WINE-27).</summary>
    public bool ResetReportsArmedWrite { get; init; }

    /// <summary>After an RST, the bytes received before it stay counted (FIONREAD), though recv fails (WINE-34).</summary>
    public bool FionreadCountsAfterReset { get; init; }

    /// <summary>An RST after the hang-up of both directions is never seen: recv reads the rest, then 0 (WINE-37).</summary>
    public bool ResetUnseenAfterHangup { get; init; }

    // ---- Levels: when a condition holds (Rules/Notification/Levels.cs) ----

    /// <summary>When FD_CLOSE follows the peer's FIN (G1, DOC-3, WINE-6).</summary>
    public CloseTiming CloseTiming { get; init; }

    /// <summary>The error word of FD_CLOSE after an RST (G4, DOC-2, WINE-11).</summary>
    public WsaError ResetCloseError { get; init; } = WsaError.ConnectionAborted;

    /// <summary>Whether an unbound UDP socket is writable (B5, WINE-2, DOC-8).</summary>
    public UnboundDatagramWrite UnboundDatagramWrite { get; init; }

    // ---- Watch: what the stack looks at (sock_get_poll_events) ----

    /// <summary>A reset socket is no longer watched: only the RST itself is reported (WINE-8; B1 otherwise).</summary>
    public bool ResetSocketUnwatched { get; init; }

    /// <summary>Once the peer's FIN has been seen, urgent data is no longer watched (WINE-19; B1 otherwise).</summary>
    public bool HangupStopsUrgentWatch { get; init; }

    /// <summary>
    /// The reset is a latch bit apart from the hang-up's, so the watch's "mask minus reported" still has it after the
    /// FIN's FD_CLOSE: an RST after the FIN reports FD_CLOSE again (WINE-20; C7 otherwise).
    /// </summary>
    public bool ResetAfterFinClosesAgain { get; init; }

    // ---- Latch: what is recorded (post_socket_event, called by sock_dispatch_events) ----

    /// <summary>The FIN seen while watching readability is recorded as FD_CLOSE even when it is not selected (WINE-25).</summary>
    public bool HangupLatchedWhenUnselected { get; init; }

    /// <summary>An RST (or the hang-up) is recorded as FD_CLOSE whatever the registration and mask (WINE-30).</summary>
    public bool ResetRecordedWhateverTheMask { get; init; }

    /// <summary>An RST on a socket never registered records FD_WRITE (not yet reported) with FD_CLOSE, whatever the mask (WINE-35).</summary>
    public bool ResetRecordsWrite { get; init; }

    /// <summary>A completed connect records FD_WRITE with FD_CONNECT, whatever the mask (WINE-38).</summary>
    public bool ConnectRecordsWrite { get; init; }

    // ---- Delivery: posting and signaling (sock_wake_up) ----

    /// <summary>Whatever the poll reports ends in a wake-up that sets the event object while a selected event is recorded (WINE-28; A3 otherwise).</summary>
    public bool WakeUpResignalsRecorded { get; init; }

    /// <summary>
    /// Whether the stack keeps Wine's <c>hangup</c> flag (<see cref="SocketState.WineSawFin"/>): only the profiles it
    /// matters to, those that record the hang-up unselected (WINE-25) or stop watching urgent data after it (WINE-19).
    /// </summary>
    internal bool TracksWineHangup => HangupLatchedWhenUnselected || HangupStopsUrgentWatch;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
