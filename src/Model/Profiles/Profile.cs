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
/// A stack's behaviour where stacks differ. Each property is one named switch, documented by the
/// rule IDs of its values (see <see cref="ProfileSwitches"/>); everything else is shared by all profiles.
/// </summary>
public sealed record Profile
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public CloseTiming CloseTiming { get; init; }

    public WsaError ResetCloseError { get; init; } = WsaError.ConnectionAborted;

    public WriteReenable WriteReenable { get; init; }

    public bool FailedRecvReenablesInMessageMode { get; init; } = true;

    public bool FailedRecvReenablesInEventMode { get; init; }

    public bool FailedAcceptReenables { get; init; }

    public DatagramConnectEffect DatagramConnect { get; init; }

    public EventReregistration EventReregistration { get; init; }

    public bool UnboundDatagramWritableInMessageMode { get; init; } = true;

    public bool UnboundDatagramWritableInEventMode { get; init; }

    /// <summary>FD_CONNECT is a level ("a connection exists") rather than a one-shot edge.</summary>
    public bool ConnectIsLevel { get; init; }

    public bool ShutdownBothCancelsRegistration { get; init; }

    public bool ResetSocketUnwatched { get; init; }

    public bool QosAndChangeEventsDelivered { get; init; } = true;

    public bool KeepsSeveralUrgentBytes { get; init; } = true;

    /// <summary>An inline urgent byte (SO_OOBINLINE) also raises FD_OOB.</summary>
    public bool InlineUrgentAlsoSignalsOob { get; init; }

    /// <summary>recv after an RST returns what was received before it, then 0 (instead of WSAECONNRESET).</summary>
    public bool RecvAfterResetReadsRest { get; init; }

    /// <summary>The error of send on a stream socket whose connect failed.</summary>
    public WsaError SendAfterFailedConnectError { get; init; } = WsaError.NotConnected;

    /// <summary>send on a stream socket that never connected fails like one whose connect failed (WINE-14).</summary>
    public bool NeverConnectedSendLikeFailedConnect { get; init; }

    /// <summary>The error of send without an address on an unconnected UDP socket.</summary>
    public WsaError UnconnectedDatagramSendError { get; init; } = WsaError.NotConnected;

    /// <summary>send on UDP binds an unbound socket before any check, then checks shutdown before the address (WINE-33).</summary>
    public bool DatagramSendBindsFirst { get; init; }

    /// <summary>After an RST, FIONREAD still counts the bytes received before it, though recv fails (WINE-34).</summary>
    public bool FionreadCountsAfterReset { get; init; }

    /// <summary>An RST records FD_WRITE (not yet reported) with FD_CLOSE, whatever the mask (WINE-35).</summary>
    public bool ResetRecordsWrite { get; init; }

    /// <summary>WSAEventSelect replacing a WSAAsyncSelect registration drops what was recorded and not posted (WINE-36).</summary>
    public bool EventSelectDropsMessageRecords { get; init; }

    /// <summary>An RST after the hang-up of both directions is never seen: recv reads the rest, then 0 (WINE-37).</summary>
    public bool ResetUnseenAfterHangup { get; init; }

    /// <summary>A completed connect records FD_WRITE with FD_CONNECT, whatever the mask (WINE-38).</summary>
    public bool ConnectRecordsWrite { get; init; }

    /// <summary>FIONREAD on UDP reports only the next datagram's size.</summary>
    public bool FionreadFirstDatagramOnly { get; init; }

    /// <summary>A re-enabling call also erases the recorded, not yet enumerated bit.</summary>
    public bool ReenableClearsRecorded { get; init; }

    /// <summary>After the peer's FIN with no normal data left, urgent data is no longer watched.</summary>
    public bool HangupStopsUrgentWatch { get; init; }

    /// <summary>An RST after the FIN posts FD_CLOSE a second time.</summary>
    public bool ResetAfterFinClosesAgain { get; init; }

    /// <summary>recv(MSG_OOB) on a never-connected stream socket, or recv on an unbound UDP socket, waits (WSAEWOULDBLOCK when nonblocking).</summary>
    public bool RecvOnUnconnectedWaits { get; init; }

    /// <summary>listen needs an explicit bind and no failed connect before it.</summary>
    public bool ListenNeedsExplicitBind { get; init; }

    /// <summary>recv on a stream socket whose connect failed returns 0 (end of stream).</summary>
    public bool RecvAfterFailedConnectReturnsZero { get; init; }

    /// <summary>The urgent mark splits the stream (Linux): FIONREAD and recv stop at it, reading past it drops the urgent byte.</summary>
    public bool UrgentMarkSplitsStream { get; init; }

    /// <summary>The hang-up seen while watching readability latches FD_CLOSE even when it is not selected.</summary>
    public bool HangupLatchedWhenUnselected { get; init; }

    /// <summary>Once both directions are shut, FD_CLOSE comes at once and the socket is no longer watched.</summary>
    public bool BothDirectionsShutHangsUp { get; init; }

    /// <summary>An RST also reports FD_WRITE when it is re-enabled (the failed send's re-enable, WINE-10).</summary>
    public bool ResetReportsArmedWrite { get; init; }

    /// <summary>A hang-up or reset sets the event object again while a selected event is recorded and not enumerated.</summary>
    public bool WakeUpResignalsRecorded { get; init; }

    /// <summary>recv(MSG_OOB) with SO_OOBINLINE is rejected before the shutdown check, and re-enables nothing.</summary>
    public bool InlineOobRecvFailsEarly { get; init; }

    /// <summary>An RST is recorded as FD_CLOSE whatever the registration and mask (like a completed connect, B8).</summary>
    public bool ResetRecordedWhateverTheMask { get; init; }

    /// <summary>An accepted socket has SO_OOBINLINE as the listener had it when the peer connected, not at accept.</summary>
    public bool AcceptedInlineFixedAtConnect { get; init; }

    /// <summary>A new socket takes the lowest free handle value rather than the last freed one.</summary>
    public bool ReusesLowestFreeHandle { get; init; }

    public override string ToString() => Name;
}
