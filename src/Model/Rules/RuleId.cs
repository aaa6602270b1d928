namespace WinsockConformance.Model;

/// <summary>
/// Every semantic rule of the model. The printable ID, summary and source of each live in
/// <see cref="RuleCatalog"/>; model code names the rules a step follows (the builder's <c>Cite</c>), and each step's
/// observation lists them (<see cref="Observation.Rules"/>).
/// </summary>
public enum RuleId : byte
{
    // A. Notification format
    /// <summary>A1: Each posted message carries one FD_* bit in the low word of lParam and the error in the high word; bits are never combined.</summary>
    OneBitPerMessage,

    /// <summary>A2: Events due in the same instant are posted FD_CONNECT before FD_WRITE and FD_READ before FD_WRITE (the rest in Wine's order: CONNECT, ACCEPT, OOB, READ, WRITE, CLOSE).</summary>
    PostingOrder,

    /// <summary>A3: In event mode bits accumulate; WSAEnumNetworkEvents returns and clears only the selected bits and resets the event object it is given.</summary>
    EventBitsAccumulate,

    // B. What a registration delivers
    /// <summary>B1: WSAAsyncSelect re-arms every latch: each selected condition that holds now is posted again (FD_ACCEPT, FD_READ, FD_OOB, FD_WRITE, FD_CLOSE).</summary>
    MessageRegistrationRearmsAll,

    /// <summary>B2: WSAAsyncSelect never posts FD_CONNECT for a connect that completed before it, nor for an accepted socket.</summary>
    ConnectNeverPostedByRegistration,

    /// <summary>B3: WSAEventSelect signals the event when a selected bit is recorded and not yet enumerated; it never resets the event.</summary>
    EventRegistrationSignalsRecorded,

    /// <summary>B4: A WSAEventSelect re-registration does not re-signal conditions already enumerated, but re-opens their latch so the next new occurrence signals.</summary>
    EventReregistrationReopensLatch,

    /// <summary>B5: An unbound UDP socket registered for FD_WRITE gets FD_WRITE in message mode but is not signaled in event mode; once bound it is signaled once.</summary>
    UnboundDatagramWrite,

    /// <summary>B6: Each WSAAsyncSelect or WSAEventSelect replaces the socket's previous registration, whichever API made it.</summary>
    RegistrationReplacesPrevious,

    /// <summary>B7: A registration with mask 0 stops all new notification; conditions arising meanwhile are delivered at the next registration if they still hold.</summary>
    MaskZeroCancels,

    /// <summary>B8: A completed connect is recorded even while FD_CONNECT is not selected: event mode signals it once at registration; message mode registration forgets it.</summary>
    ConnectRecordedWhileUnselected,

    // C. Re-enabling functions
    /// <summary>C1: A recv-family call (MSG_PEEK included) re-enables FD_READ; if data remains it is posted again at once, once drained nothing.</summary>
    RecvReenablesRead,

    /// <summary>C2: A recv that fails its argument checks (WSAEFAULT) re-posts FD_READ in message mode but does not re-signal in event mode.</summary>
    FailedRecvReenablesRead,

    /// <summary>C3: recv(MSG_OOB) re-enables FD_OOB; it is posted again if another urgent byte is queued.</summary>
    RecvOobReenablesOob,

    /// <summary>C4: A successful accept re-enables FD_ACCEPT; it is posted again at once if more connections are queued.</summary>
    AcceptReenablesAccept,

    /// <summary>C5: An accept that fails (WSAEWOULDBLOCK) re-enables nothing (untested on Windows; Wine and ReactOS behave so).</summary>
    FailedAcceptDoesNotReenable,

    /// <summary>C6: A successful send neither consumes nor re-enables FD_WRITE (Windows fact); only a send failing with WSAEWOULDBLOCK re-enables it, and FD_WRITE is posted when space returns (asserted by Wine's tests only under Wine; their comment says Windows 10 1607 and later; the seed says the same).</summary>
    WouldBlockReenablesWrite,

    /// <summary>C7: FD_CONNECT and FD_CLOSE have no re-enabling function: recv returning 0 or draining the data does not re-post FD_CLOSE.</summary>
    ConnectAndCloseNeverReenabled,

    /// <summary>C8: WSAIoctl(SIO_GET_QOS) re-enables FD_QOS (SIO_GET_GROUP_QOS likewise FD_GROUP_QOS).</summary>
    GetQosReenablesQos,

    /// <summary>C9: FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE are posted only for a change after WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE / SIO_ADDRESS_LIST_CHANGE); on a nonblocking socket that call fails with WSAEWOULDBLOCK.</summary>
    ChangeNotificationNeedsIoctl,

    /// <summary>C10: connect() on a UDP socket re-posts FD_WRITE in message mode and records FD_CONNECT and FD_WRITE in event mode.</summary>
    DatagramConnectRearmsWrite,

    // D. Level versus edge
    /// <summary>D1: After an event is delivered, new occurrences of the same condition produce nothing until its re-enabling call or a registration.</summary>
    LatchedUntilReenabled,

    /// <summary>D2: A re-enabling call re-checks the level: if the condition still holds, the event is delivered again at once (FD_READ, FD_OOB, FD_ACCEPT are level-triggered).</summary>
    ReenableRechecksLevel,

    // E. Accept inheritance
    /// <summary>E1: A socket returned by accept inherits the listener's registration (window, message, mask, or event and mask) with fresh latches; wParam is the new socket; FD_WRITE follows at once if selected; never FD_CONNECT.</summary>
    AcceptInheritsRegistration,

    /// <summary>E2: A socket returned by accept inherits socket options, SO_OOBINLINE and nonblocking mode included.</summary>
    AcceptInheritsOptions,

    // F. Cancelling, closing and queued messages
    /// <summary>F1: Cancelling (mask 0) or closesocket stops new posts, but messages already queued stay in the queue and are still retrieved.</summary>
    QueuedMessagesSurvive,

    /// <summary>F2: closesocket posts no FD_CLOSE to the socket's own window, and nothing is posted for that socket afterwards.</summary>
    NoCloseForLocalClose,

    /// <summary>F3: A call on a closed socket fails with WSAENOTSOCK.</summary>
    ClosedHandleIsNotSocket,

    /// <summary>F4: GetMessage and PeekMessage take the first queued message that passes the window filter (NULL: any window) and the message range (0, 0: no range); posted messages are taken in posting order; PeekMessage with PM_NOREMOVE leaves it queued.</summary>
    RetrievalTakesFirstMatching,

    // G. FD_CLOSE and FD_CONNECT timing and errors
    /// <summary>G1: FD_CLOSE is posted when the peer closes or shuts down sending, immediately, even with unread data; FD_READ for the rest keeps working and no FD_CLOSE follows the drain.</summary>
    CloseOnPeerFinImmediately,

    /// <summary>G2: No local shutdown produces FD_CLOSE, nor does the peer's SD_RECEIVE; after a local SD_BOTH the peer's SD_SEND still does.</summary>
    CloseNotFromLocalShutdown,

    /// <summary>G3: FD_CLOSE after a graceful close carries error 0; FD_ACCEPT, FD_READ, FD_WRITE, FD_OOB carry 0.</summary>
    CloseGracefulErrorZero,

    /// <summary>G4: FD_CLOSE after an RST carries WSAECONNABORTED (the documentation says WSAECONNRESET).</summary>
    CloseResetError,

    /// <summary>G5: A failed connect posts FD_CONNECT carrying the error (WSAECONNREFUSED, WSAETIMEDOUT); success carries 0.</summary>
    ConnectFailureError,

    /// <summary>G6: A completed TCP connect posts FD_CONNECT then FD_WRITE.</summary>
    ConnectThenWrite,

    // H. Blocking mode
    /// <summary>H1: WSAAsyncSelect and WSAEventSelect make the socket nonblocking, whatever the mask.</summary>
    RegistrationMakesNonblocking,

    /// <summary>H2: While a registration with a non-empty mask is active, FIONBIO=0 fails with WSAEINVAL; FIONBIO=1 succeeds.</summary>
    BlockingRefusedWhileRegistered,

    /// <summary>H3: A nonblocking TCP connect returns SOCKET_ERROR with WSAEWOULDBLOCK; completion is reported by FD_CONNECT.</summary>
    NonblockingConnectWouldBlock,

    // S. Socket call results the notifications depend on
    /// <summary>S1: recv returns min(available, len); 0 once a gracefully closed stream is drained; WSAEWOULDBLOCK on an empty nonblocking socket; WSAECONNRESET after an RST.</summary>
    RecvResult,

    /// <summary>S2: recv with MSG_PEEK copies data without removing it.</summary>
    PeekDoesNotConsume,

    /// <summary>S3: With SO_OOBINLINE set, urgent data is read as normal data (FD_READ, not FD_OOB) and recv(MSG_OOB) fails with WSAEINVAL.</summary>
    RecvOobWithInlineInvalid,

    /// <summary>S4: A nonblocking send into a full buffer fails with WSAEWOULDBLOCK; space returns when the peer reads.</summary>
    SendFillsBuffer,

    /// <summary>S5: ioctlsocket(FIONREAD) reports the bytes recv would return without consuming anything or re-enabling any event.</summary>
    FionreadCountsBytes,

    /// <summary>S6: A datagram recv returns one datagram; a shorter buffer truncates it and fails with WSAEMSGSIZE.</summary>
    DatagramRecv,

    /// <summary>S7: connect on a connected stream socket fails with WSAEISCONN.</summary>
    ConnectWhenConnected,

    /// <summary>S8: recv and send on an unconnected stream socket fail with WSAENOTCONN.</summary>
    NotConnected,

    /// <summary>S9: send after SD_SEND and recv after SD_RECEIVE fail with WSAESHUTDOWN.</summary>
    ShutdownDirection,

    /// <summary>S10: Windows keeps several urgent bytes; each recv(MSG_OOB) returns one.</summary>
    UrgentBytesQueue,

    /// <summary>S11: accept on a nonblocking listener with no queued connection fails with WSAEWOULDBLOCK.</summary>
    AcceptWouldBlock,

    // Q. QoS and change notifications (seed only: no Windows test covers them)
    /// <summary>Q1: FD_QOS and FD_GROUP_QOS are edge-triggered: each QoS change posts once; nothing more until the provider detects a further change or SIO_GET_QOS re-enables it.</summary>
    QosEdgeTriggered,

    // Assumptions: untested anywhere, stated so a capture can overturn them
    /// <summary>X1: After switching from WSAAsyncSelect to WSAEventSelect, events already posted in message mode count as enumerated (the latches carry over, as in Wine); an FD_CONNECT latched in message mode is not signaled.</summary>
    MessageDeliveryCountsAsEnumerated,

    /// <summary>X2: send on a stream socket whose connect failed fails with WSAENOTCONN (untested on Windows).</summary>
    SendAfterFailedConnectNotConnected,

    /// <summary>S12: Data sent to a peer that has closed draws an RST: the send that carries it succeeds (a send until WSAEWOULDBLOCK then fails with WSAECONNRESET), and the connection is reset.</summary>
    ClosedPeerDrawsReset,

    /// <summary>X3: listen on a socket bound only implicitly (by a connect that failed) succeeds (untested on Windows).</summary>
    ListenAfterImplicitBind,

    /// <summary>X4: A new socket (socket, WSASocket or accept) takes the most recently freed handle value, so a closed socket's name keeps failing with WSAENOTSOCK (F3) until a later socket takes its value (untested on Windows; the handle table's free list is last in, first out).</summary>
    HandleReusedLastFreedFirst,

    // Wine 8 deviations from Windows
    /// <summary>WINE-1: Wine: WSAEventSelect re-registration carries the latches over, so new occurrences of enumerated events never signal again.</summary>
    WineEventReregistrationKeepsLatches,

    /// <summary>WINE-2: Wine: an unbound UDP socket is writable in both modes: registered with WSAEventSelect(FD_WRITE) it is signaled as well as posted in message mode (Windows: message mode only, B5).</summary>
    WineUnboundDatagramSignalsWrite,

    /// <summary>WINE-3: Wine: connect() on a UDP socket changes no latch: no FD_WRITE, no FD_CONNECT.</summary>
    WineDatagramConnectChangesNothing,

    /// <summary>WINE-4: Wine: a recv rejected by its argument checks never reaches the server and re-enables nothing.</summary>
    WineFailedRecvNoReenable,

    /// <summary>WINE-5: Wine (Linux): only one urgent byte is kept; a second replaces the first.</summary>
    WineSingleUrgentByte,

    /// <summary>WINE-6: Wine: FD_CLOSE for a peer FIN is posted only once the data is drained and a recv has re-armed FD_READ.</summary>
    WineCloseAfterDrain,

    /// <summary>WINE-7: Wine: shutdown(SD_BOTH) cancels the registration, so the peer's later FIN posts nothing.</summary>
    WineShutdownBothCancels,

    /// <summary>WINE-8: Wine: a reset socket is no longer watched, so a registration after an RST posts nothing, FD_CLOSE and FD_READ included.</summary>
    WineResetSocketUnwatched,

    /// <summary>WINE-9: Wine: FD_QOS, FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE are dropped at registration and never delivered.</summary>
    WineQosAndChangeEventsDropped,

    /// <summary>WINE-10: Wine: any send whose result is not success re-enables FD_WRITE, not only WSAEWOULDBLOCK.</summary>
    WineAnyFailedSendReenablesWrite,

    /// <summary>WINE-11: Wine 8: FD_CLOSE after an RST carries error 0 (the error of the RESET latch is never filled in that version).</summary>
    WineResetCloseErrorZero,

    /// <summary>WINE-12: Wine 8: with SO_OOBINLINE an urgent byte posts FD_OOB as well as FD_READ (Linux still reports POLLPRI).</summary>
    WineInlineUrgentAlsoPostsOob,

    /// <summary>WINE-13: Wine 8: after an RST, data received before it stays readable and recv then returns 0, where Windows fails recv with WSAECONNRESET; recv(MSG_OOB) fails with WSAENOTCONN if an urgent byte was pending and no FIN came before the RST (else as before the RST: WSAEWOULDBLOCK with none, and a blocking one never returns).</summary>
    WineRecvAfterResetReadsRest,

    /// <summary>WINE-14: Wine 8: send on a stream socket that is not connected (never connected, or refused) fails with WSAECONNRESET: Linux send gives EPIPE.</summary>
    WineSendAfterRefusedConnectReset,

    /// <summary>WINE-15: Wine 8: WSAIoctl(SIO_GET_QOS) and SIO_ROUTING_INTERFACE_CHANGE fail with WSAEOPNOTSUPP; SIO_ADDRESS_LIST_CHANGE fails with WSAEWOULDBLOCK and never notifies.</summary>
    WineQosIoctlsNotSupported,

    /// <summary>WINE-16: Wine 8: send without an address on an unconnected UDP socket fails with WSAEINVAL (Windows: WSAENOTCONN), after the shutdown check; and send binds an unbound UDP socket before any check, so even a failed send binds it.</summary>
    WineUnconnectedDatagramSendInvalid,

    /// <summary>WINE-17: Wine 8: FIONREAD on a UDP socket reports the size of the next datagram only (Linux SIOCINQ), not the total.</summary>
    WineFionreadFirstDatagram,

    /// <summary>WINE-18: Wine 8: a re-enabling call (recv for FD_READ) also erases the recorded, not yet enumerated bit, so WSAEnumNetworkEvents no longer reports it once the data is drained.</summary>
    WineReenableClearsRecorded,

    /// <summary>WINE-19: Wine 8: once Wine has seen the peer's FIN (WINE-25: while watching readability, no data left), urgent data is no longer watched: a re-registration does not re-post FD_OOB.</summary>
    WineHangupStopsUrgent,

    /// <summary>WINE-20: Wine 8: the graceful hang-up and the reset are separate latches, so an RST after the FIN (drawn by our send, or the peer's abortive close) posts (or signals) FD_CLOSE a second time.</summary>
    WineResetAfterFinClosesAgain,

    /// <summary>WINE-21: Wine 8: recv(MSG_OOB) on a stream socket that never connected, and any recv on an unbound UDP socket, is queued like any receive: WSAEWOULDBLOCK when nonblocking, never returning when blocking (Windows: WSAENOTCONN / WSAEINVAL). A plain recv on the stream socket fails with WSAENOTCONN.</summary>
    WineRecvUnconnectedWaits,

    /// <summary>WINE-22: Wine 8: listen fails with WSAEINVAL after a failed connect (bound or not), unless bind was called, and on a connected socket (Windows: WSAEISCONN).</summary>
    WineListenNeedsExplicitBind,

    /// <summary>WINE-23: Wine 8: recv on a stream socket whose connect was refused returns 0 (end of stream), where Windows fails with WSAENOTCONN.</summary>
    WineRecvAfterRefusedConnectZero,

    /// <summary>WINE-24: Wine 8 (Linux urgent pointer): the urgent byte keeps its place in the stream as a mark. FIONREAD counts only the bytes before the mark (all bytes with SO_OOBINLINE); a recv (MSG_PEEK too) stops at the mark, even after recv(MSG_OOB) took the byte; a recv that reads past the mark drops an urgent byte not yet taken (recv(MSG_OOB) then fails with WSAEWOULDBLOCK). A second urgent byte turns the first into normal data, or drops it when it is next to be read. With SO_OOBINLINE, FD_OOB holds until the mark is read past; the option is asked at each read, so switching it turns the byte into data in place (even after recv(MSG_OOB) took it) or back into a skipped out-of-band byte. Wine sets the option on the Unix socket directly, so a byte it makes readable is not seen (no FD_READ) until a network event or a request that reaches the server re-arms the poll.</summary>
    WineUrgentMarkSplitsStream,

    /// <summary>WINE-25: Wine 8 sees the peer's FIN only while it watches readability (FD_READ, or FD_CLOSE with FD_READ re-enabled, selected and not latched) and no data is left; then it records FD_CLOSE even when it is not selected (event mode keeps it for a later WSAEventSelect that selects it; message mode drops it), and stops watching urgent data (WINE-19). A socket first registered after the FIN is watched for urgent data and the FIN together, so FD_OOB still comes.</summary>
    WineHangupLatchedWhenUnselected,

    /// <summary>WINE-26: Wine 8: once both directions are shut (the local shutdown(SD_SEND) and the peer's FIN, in either order) Linux reports POLLHUP: FD_CLOSE comes at once, unread data or not, and the socket is no longer watched, so nothing is posted or signaled afterwards, not even by a registration or an RST. When Wine had already seen the FIN (WINE-25) before the local shutdown(SD_SEND), no POLLHUP is reported at all: that step records nothing and wakes nothing (no WINE-28 re-signal).</summary>
    WineBothDirectionsShutHangsUp,

    /// <summary>WINE-27: Wine 8: an RST makes Linux report POLLOUT with the error, so a re-enabled FD_WRITE (after a failed send, WINE-10; not after shutdown(SD_SEND)) is posted before FD_CLOSE.</summary>
    WineResetReportsArmedWrite,

    /// <summary>WINE-28: Wine 8: whatever its poll reports for a socket (a selected event, an unselected one it watches for, such as readability while it looks for the FIN, the hang-up, or an RST, which poll reports whatever was asked) ends in a wake-up that sets the socket's event object again while a selected event is recorded and not yet enumerated, even after another socket's WSAEnumNetworkEvents reset that event object.</summary>
    WineWakeUpResignalsRecorded,

    /// <summary>WINE-29: Wine 8: recv(MSG_OOB) with SO_OOBINLINE fails with WSAEINVAL before the shutdown check and re-enables nothing (the failed call does not re-post FD_OOB or FD_READ).</summary>
    WineInlineOobRecvFailsEarly,

    /// <summary>WINE-30: Wine 8: an RST, or the hang-up once both directions are shut (WINE-26), is recorded as FD_CLOSE whatever the registration and mask (poll reports POLLERR/POLLHUP whatever was asked), like a completed connect (B8): a later WSAEventSelect with FD_CLOSE signals it and WSAEnumNetworkEvents returns it; a WSAAsyncSelect does not post it (WINE-8, WINE-26).</summary>
    WineResetRecordedWhateverTheMask,

    /// <summary>WINE-31: Wine 8 (Linux): a connection takes the listener's options when it completes, so a socket accepted from it has SO_OOBINLINE as the listener had it when the peer connected, not as it is at accept (an urgent byte then posts FD_OOB, not FD_READ).</summary>
    WineAcceptedInlineFixedAtConnect,

    /// <summary>WINE-32: Wine 8: a new socket takes the lowest free handle value, so after closing b then c, the next socket takes b's value and a call on b reaches it.</summary>
    WineReusesLowestFreeHandle,

    /// <summary>WINE-33: Wine 8 and 10: send on a UDP socket binds an unbound one before any other check, so even a failed send binds it (a later bind fails with WSAEINVAL), and checks shutdown (WSAESHUTDOWN) before the missing address; Wine 10 then fails with WSAENOTCONN like Windows (Wine 8: WSAEINVAL, WINE-16).</summary>
    WineDatagramSendBindsFirst,

    /// <summary>WINE-34: Wine 10: after an RST, recv fails with WSAECONNRESET as on Windows, but FIONREAD still counts the bytes received before it (Linux's SIOCINQ keeps them; Windows discards them).</summary>
    WineFionreadCountsAfterReset,

    /// <summary>WINE-35: Wine 10: an RST on a socket never registered records FD_WRITE as well as FD_CLOSE (WINE-30), when FD_WRITE was not reported yet (the poll that finds the reset also reports POLLOUT); a socket registered when the RST comes gets only FD_CLOSE (WINE-27 no longer holds), so a later WSAEventSelect selecting FD_WRITE signals it and WSAEnumNetworkEvents returns it; a WSAAsyncSelect posts nothing (WINE-8).</summary>
    WineResetRecordsWrite,

    /// <summary>WINE-36: Wine 10: what a socket recorded while registered with WSAAsyncSelect and did not post (an FD_CONNECT or FD_WRITE outside the mask, mask 0 included) is gone when WSAEventSelect replaces that registration: the event is not signaled and WSAEnumNetworkEvents returns nothing (Wine 8 signals them; Windows too).</summary>
    WineEventSelectDropsMessageRecords,

    /// <summary>WINE-37: Wine 10: an RST that arrives once both directions are shut (WINE-26: Wine no longer polls the socket) is never seen by Wine, so recv still returns what arrived before it and then 0, as after a FIN (WINE-13's behaviour, which Wine 10 otherwise dropped).</summary>
    WineResetUnseenAfterHangup,

    /// <summary>WINE-38: Wine 10: a completed connect records FD_WRITE with FD_CONNECT whatever the registration and mask (B8 for both), so a first WSAEventSelect with FD_WRITE signals it even after shutdown(SD_SEND) made the socket unwritable; a WSAAsyncSelect forgets it (B1 re-checks the level).</summary>
    WineConnectRecordsWrite,

    // Microsoft's documentation read literally, where Windows differs
    /// <summary>DOC-1: Documentation: WSAAsyncSelect posts FD_CONNECT when a connection already exists, and connect posts it even when it succeeds at once.</summary>
    DocConnectPostedWhileConnected,

    /// <summary>DOC-2: Documentation: FD_CLOSE after a reset carries WSAECONNRESET.</summary>
    DocResetErrorConnReset,

    /// <summary>DOC-3: Documentation: FD_CLOSE for a graceful close is posted only after all data has been read.</summary>
    DocCloseAfterDrain,

    /// <summary>DOC-4: Documentation: every send-family call re-enables FD_WRITE, even a successful one.</summary>
    DocAnySendReenablesWrite,

    /// <summary>DOC-5: Documentation: a re-enabling call re-enables even when it fails (recv with bad arguments, accept with WSAEWOULDBLOCK).</summary>
    DocFailedCallsReenable,

    /// <summary>DOC-6: Documentation: connect posts FD_CONNECT even when it succeeds at once, as for datagram sockets.</summary>
    DocDatagramConnectPostsConnect,

    /// <summary>DOC-7: Documentation: events persist, so a WSAEventSelect re-registration reports every selected condition that holds.</summary>
    DocEventReregistrationRearmsAll,

    /// <summary>DOC-8: Documentation: a connectionless socket is writable (FD_WRITE) only after it is bound.</summary>
    DocDatagramWriteAfterBind,
}

/// <summary>A small immutable bit set of rule IDs: which rules a step applied. 128 bits, no allocation.</summary>
/// <param name="Low">The bits of the rules numbered 0 to 63 (bit n is <see cref="RuleId"/> n).</param>
/// <param name="High">The bits of the rules numbered 64 to 127.</param>
public readonly record struct RuleSet(ulong Low, ulong High)
{
    /// <summary>No rule.</summary>
    public static RuleSet Empty => default;

    /// <summary>This set and <paramref name="rule"/>.</summary>
    public RuleSet With(RuleId rule)
    {
        var index = (int)rule;
        return index < 64 ? this with { Low = Low | (1UL << index) } : this with { High = High | (1UL << (index - 64)) };
    }

    /// <summary>Whether <paramref name="rule"/> is in the set.</summary>
    public bool Contains(RuleId rule)
    {
        var index = (int)rule;
        return index < 64 ? (Low & (1UL << index)) != 0 : (High & (1UL << (index - 64))) != 0;
    }

    /// <summary>The rules in either set.</summary>
    public RuleSet Union(RuleSet other) => new(Low | other.Low, High | other.High);

    /// <summary>Whether the set has no rule.</summary>
    public bool IsEmpty => Low == 0 && High == 0;

    /// <summary>The rules in the set, in <see cref="RuleId"/> order (the catalogue's).</summary>
    public IEnumerable<RuleId> Each()
    {
        foreach (var rule in Enum.GetValues<RuleId>())
        {
            if (Contains(rule))
            {
                yield return rule;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Each().Select(r => RuleCatalog.Get(r).Id));
}
