namespace WinsockConformance.Model;

/// <summary>Where a rule's truth comes from.</summary>
public enum RuleSourceKind
{
    /// <summary>Asserted on real Windows by Wine's conformance tests (docs/sources.md, section 3).</summary>
    WindowsFact,

    /// <summary>Microsoft's reference pages (docs/sources.md, sections 1 and 2).</summary>
    Seed,

    /// <summary>How an implementation behaves (Wine's code, docs/sources.md sections 4 to 7) or a captured trace.</summary>
    Implementation,

    /// <summary>Not asserted anywhere: the model's choice, stated so a capture can overturn it.</summary>
    Assumption,
}

/// <param name="Key">The rule's identity in code, the value model code cites.</param>
/// <param name="Id">The printable ID used in code comments, reports, snapshots and docs.</param>
/// <param name="Kind">Where its truth comes from.</param>
/// <param name="Summary">One sentence a reader can check against the source.</param>
/// <param name="Source">
/// Where it is stated, as references a reader can open from the repository's root, separated by "; ": anchors of
/// docs/sources.md (our notes on each public source, with its address). docs/sources-by-rule.tsv adds the captures
/// and line-level addresses.
/// </param>
/// <param name="LoopbackReachable">Whether a loopback probe can ever exercise it.</param>
public sealed record Rule(RuleId Key, string Id, RuleSourceKind Kind, string Summary, string Source, bool LoopbackReachable = true);

/// <summary>The rule catalogue: every rule the model applies, with its source.</summary>
public static class RuleCatalog
{
    /// <summary>Every rule, in catalogue order (A1, A2, ... by section).</summary>
    public static readonly IReadOnlyList<Rule> All =
    [
        new(RuleId.OneBitPerMessage, "A1", RuleSourceKind.WindowsFact, "Each posted message carries one FD_* bit in the low word of lParam and the error in the high word; bits are never combined.", "docs/sources.md#win-a-format; docs/sources.md#win-tests-harness; docs/sources.md#ms-wsaasyncselect-lparam"),
        new(RuleId.PostingOrder, "A2", RuleSourceKind.WindowsFact, "Events due in the same instant are posted FD_CONNECT before FD_WRITE and FD_READ before FD_WRITE (the rest in Wine's order: CONNECT, ACCEPT, OOB, READ, WRITE, CLOSE).", "docs/sources.md#win-a-format; docs/sources.md#impl-d19; docs/sources.md#wine-server-delivery"),
        new(RuleId.EventBitsAccumulate, "A3", RuleSourceKind.WindowsFact, "In event mode bits accumulate; WSAEnumNetworkEvents returns and clears only the selected bits and resets the event object it is given.", "docs/sources.md#win-a-format; docs/sources.md#ms-wsaenumnetworkevents-clears; docs/sources.md#ms-wsaenumnetworkevents-errorcodes"),

        new(RuleId.MessageRegistrationRearmsAll, "B1", RuleSourceKind.WindowsFact, "WSAAsyncSelect re-arms every latch: each selected condition that holds now is posted again (FD_ACCEPT, FD_READ, FD_OOB, FD_WRITE, FD_CLOSE).", "docs/sources.md#win-b-registration; docs/sources.md#win-d-level; docs/sources.md#ms-wsaasyncselect-persistence"),
        new(RuleId.ConnectNeverPostedByRegistration, "B2", RuleSourceKind.WindowsFact, "WSAAsyncSelect never posts FD_CONNECT for a connect that completed before it, nor for an accepted socket.", "docs/sources.md#win-b-registration; docs/sources.md#impl-d1; docs/sources.md#impl-d15"),
        new(RuleId.EventRegistrationSignalsRecorded, "B3", RuleSourceKind.WindowsFact, "WSAEventSelect signals the event when a selected bit is recorded and not yet enumerated; it never resets the event.", "docs/sources.md#win-b-registration; docs/sources.md#win-d-level; docs/sources.md#ms-wsaeventselect-persistence"),
        new(RuleId.EventReregistrationReopensLatch, "B4", RuleSourceKind.WindowsFact, "A WSAEventSelect re-registration does not re-signal conditions already enumerated, but re-opens their latch so the next new occurrence signals.", "docs/sources.md#win-d-level; docs/sources.md#win-todo-1"),
        new(RuleId.UnboundDatagramWrite, "B5", RuleSourceKind.WindowsFact, "An unbound UDP socket registered for FD_WRITE gets FD_WRITE in message mode but is not signaled in event mode; once bound it is signaled once.", "docs/sources.md#win-b-registration; docs/sources.md#win-todo-2"),
        new(RuleId.RegistrationReplacesPrevious, "B6", RuleSourceKind.Seed, "Each WSAAsyncSelect or WSAEventSelect replaces the socket's previous registration, whichever API made it.", "docs/sources.md#ms-wsaasyncselect-replaces; docs/sources.md#ms-wsaeventselect-replaces"),
        new(RuleId.MaskZeroCancels, "B7", RuleSourceKind.WindowsFact, "A registration with mask 0 stops all new notification; conditions arising meanwhile are delivered at the next registration if they still hold.", "docs/sources.md#win-f-cancel-close; docs/sources.md#ms-wsaasyncselect-cancel"),
        new(RuleId.ConnectRecordedWhileUnselected, "B8", RuleSourceKind.WindowsFact, "A completed connect is recorded even while FD_CONNECT is not selected: event mode signals it once at registration; message mode registration forgets it.", "docs/sources.md#win-b-registration"),

        new(RuleId.RecvReenablesRead, "C1", RuleSourceKind.WindowsFact, "A recv-family call (MSG_PEEK included) re-enables FD_READ; if data remains it is posted again at once, once drained nothing.", "docs/sources.md#win-c-reenabling; docs/sources.md#ms-wsaasyncselect-reenabling; docs/sources.md#ms-wsaasyncselect-level; docs/sources.md#ms-wsaasyncselect-summary-read"),
        new(RuleId.FailedRecvReenablesRead, "C2", RuleSourceKind.WindowsFact, "A recv that fails its argument checks (WSAEFAULT) re-posts FD_READ in message mode but does not re-signal in event mode.", "docs/sources.md#win-c-reenabling; docs/sources.md#win-todo-3"),
        new(RuleId.RecvOobReenablesOob, "C3", RuleSourceKind.WindowsFact, "recv(MSG_OOB) re-enables FD_OOB; it is posted again if another urgent byte is queued.", "docs/sources.md#win-c-reenabling; docs/sources.md#win-todo-4; docs/sources.md#ms-wsaasyncselect-reenabling"),
        new(RuleId.AcceptReenablesAccept, "C4", RuleSourceKind.WindowsFact, "A successful accept re-enables FD_ACCEPT; it is posted again at once if more connections are queued.", "docs/sources.md#win-c-reenabling; docs/sources.md#ms-wsaasyncselect-reenabling"),
        new(RuleId.FailedAcceptDoesNotReenable, "C5", RuleSourceKind.Assumption, "An accept that fails (WSAEWOULDBLOCK) re-enables nothing (untested on Windows; Wine and ReactOS behave so).", "docs/sources.md#assumption-c5; docs/sources.md#impl-d9; docs/sources.md#wine-server-accept; docs/sources.md#ms-wsaasyncselect-failed-call-reenables"),
        new(RuleId.WouldBlockReenablesWrite, "C6", RuleSourceKind.WindowsFact, "A successful send neither consumes nor re-enables FD_WRITE (Windows fact); only a send failing with WSAEWOULDBLOCK re-enables it, and FD_WRITE is posted when space returns (asserted by Wine's tests only under Wine; their comment says Windows 10 1607 and later; the seed says the same).", "docs/sources.md#win-c-reenabling; docs/sources.md#win-todo-8; docs/sources.md#impl-s4-item-9; docs/sources.md#impl-d7; docs/sources.md#ms-wsaasyncselect-fd-write"),
        new(RuleId.ConnectAndCloseNeverReenabled, "C7", RuleSourceKind.WindowsFact, "FD_CONNECT and FD_CLOSE have no re-enabling function: recv returning 0 or draining the data does not re-post FD_CLOSE.", "docs/sources.md#win-c-reenabling; docs/sources.md#win-g-close; docs/sources.md#ms-wsaasyncselect-reenabling"),
        new(RuleId.GetQosReenablesQos, "C8", RuleSourceKind.Seed, "WSAIoctl(SIO_GET_QOS) re-enables FD_QOS (SIO_GET_GROUP_QOS likewise FD_GROUP_QOS).", "docs/sources.md#ms-wsaasyncselect-reenabling; docs/sources.md#ms-wsaasyncselect-qos", LoopbackReachable: false),
        new(RuleId.ChangeNotificationNeedsIoctl, "C9", RuleSourceKind.Seed, "FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE are posted only for a change after WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE / SIO_ADDRESS_LIST_CHANGE); on a nonblocking socket that call fails with WSAEWOULDBLOCK.", "docs/sources.md#ms-wsaasyncselect-change-events; docs/sources.md#ms-wsaasyncselect-reenabling; docs/sources.md#win-todo-7", LoopbackReachable: false),
        new(RuleId.DatagramConnectRearmsWrite, "C10", RuleSourceKind.WindowsFact, "connect() on a UDP socket re-posts FD_WRITE in message mode and records FD_CONNECT and FD_WRITE in event mode.", "docs/sources.md#win-c-reenabling; docs/sources.md#win-todo-2; docs/sources.md#impl-d16"),

        new(RuleId.LatchedUntilReenabled, "D1", RuleSourceKind.WindowsFact, "After an event is delivered, new occurrences of the same condition produce nothing until its re-enabling call or a registration.", "docs/sources.md#win-d-level; docs/sources.md#ms-wsaasyncselect-no-flood; docs/sources.md#ms-wsaeventselect-record"),
        new(RuleId.ReenableRechecksLevel, "D2", RuleSourceKind.WindowsFact, "A re-enabling call re-checks the level: if the condition still holds, the event is delivered again at once (FD_READ, FD_OOB, FD_ACCEPT are level-triggered).", "docs/sources.md#win-d-level; docs/sources.md#win-c-reenabling; docs/sources.md#ms-wsaasyncselect-level"),

        new(RuleId.AcceptInheritsRegistration, "E1", RuleSourceKind.WindowsFact, "A socket returned by accept inherits the listener's registration (window, message, mask, or event and mask) with fresh latches; wParam is the new socket; FD_WRITE follows at once if selected; never FD_CONNECT.", "docs/sources.md#win-e-inheritance; docs/sources.md#ms-wsaasyncselect-accept-inherits; docs/sources.md#ms-wsaeventselect-accept-inherits; docs/sources.md#ms-accept-inherits"),
        new(RuleId.AcceptInheritsOptions, "E2", RuleSourceKind.WindowsFact, "A socket returned by accept inherits socket options, SO_OOBINLINE and nonblocking mode included.", "docs/sources.md#win-e-inheritance; docs/sources.md#ms-accept-inherits"),

        new(RuleId.QueuedMessagesSurvive, "F1", RuleSourceKind.Seed, "Cancelling (mask 0) or closesocket stops new posts, but messages already queued stay in the queue and are still retrieved.", "docs/sources.md#ms-wsaasyncselect-cancel; docs/sources.md#win-f-cancel-close"),
        new(RuleId.NoCloseForLocalClose, "F2", RuleSourceKind.WindowsFact, "closesocket posts no FD_CLOSE to the socket's own window, and nothing is posted for that socket afterwards.", "docs/sources.md#win-f-cancel-close; docs/sources.md#ms-wsaasyncselect-summary-close; docs/sources.md#wine-server-close"),
        new(RuleId.ClosedHandleIsNotSocket, "F3", RuleSourceKind.Seed, "A call on a closed socket fails with WSAENOTSOCK.", "docs/sources.md#ms-recv-errors; docs/sources.md#ms-lpwsprecv-errors"),
        new(RuleId.RetrievalTakesFirstMatching, "F4", RuleSourceKind.Seed, "GetMessage and PeekMessage take the first queued message that passes the window filter (NULL: any window) and the message range (0, 0: no range); posted messages are taken in posting order; PeekMessage with PM_NOREMOVE leaves it queued.", "docs/sources.md#ms-getmessage-filters; docs/sources.md#ms-getmessage-first; docs/sources.md#ms-peekmessage-filters; docs/sources.md#ms-peekmessage-remove"),

        new(RuleId.CloseOnPeerFinImmediately, "G1", RuleSourceKind.WindowsFact, "FD_CLOSE is posted when the peer closes or shuts down sending, immediately, even with unread data; FD_READ for the rest keeps working and no FD_CLOSE follows the drain.", "docs/sources.md#win-g-close; docs/sources.md#win-todo-5; docs/sources.md#impl-d5"),
        new(RuleId.CloseNotFromLocalShutdown, "G2", RuleSourceKind.WindowsFact, "No local shutdown produces FD_CLOSE, nor does the peer's SD_RECEIVE; after a local SD_BOTH the peer's SD_SEND still does.", "docs/sources.md#win-g-close"),
        new(RuleId.CloseGracefulErrorZero, "G3", RuleSourceKind.WindowsFact, "FD_CLOSE after a graceful close carries error 0; FD_ACCEPT, FD_READ, FD_WRITE, FD_OOB carry 0.", "docs/sources.md#win-g-close; docs/sources.md#ms-wsaasyncselect-close-error"),
        new(RuleId.CloseResetError, "G4", RuleSourceKind.WindowsFact, "FD_CLOSE after an RST carries WSAECONNABORTED (the documentation says WSAECONNRESET).", "docs/sources.md#win-g-close; docs/sources.md#ms-wsaasyncselect-close-error; docs/sources.md#impl-d4"),
        new(RuleId.ConnectFailureError, "G5", RuleSourceKind.Seed, "A failed connect posts FD_CONNECT carrying the error (WSAECONNREFUSED, WSAETIMEDOUT); success carries 0.", "docs/sources.md#ms-wsaasyncselect-errors; docs/sources.md#ms-wsaasyncselect-summary-connect; docs/sources.md#ms-wsaconnect-wouldblock; docs/sources.md#ms-wsaenumnetworkevents-errors; docs/sources.md#impl-d3; docs/sources.md#win-i-uncovered"),
        new(RuleId.ConnectThenWrite, "G6", RuleSourceKind.WindowsFact, "A completed TCP connect posts FD_CONNECT then FD_WRITE.", "docs/sources.md#win-a-format; docs/sources.md#impl-s4-item-5; docs/sources.md#ms-wsaasyncselect-fd-write"),

        new(RuleId.RegistrationMakesNonblocking, "H1", RuleSourceKind.WindowsFact, "WSAAsyncSelect and WSAEventSelect make the socket nonblocking, whatever the mask.", "docs/sources.md#win-h-blocking; docs/sources.md#ms-wsaasyncselect-nonblocking; docs/sources.md#ms-wsaeventselect-nonblocking"),
        new(RuleId.BlockingRefusedWhileRegistered, "H2", RuleSourceKind.WindowsFact, "While a registration with a non-empty mask is active, FIONBIO=0 fails with WSAEINVAL; FIONBIO=1 succeeds.", "docs/sources.md#win-h-blocking; docs/sources.md#ms-wsaasyncselect-nonblocking; docs/sources.md#impl-s4-doc; docs/sources.md#wine-server-fionbio"),
        new(RuleId.NonblockingConnectWouldBlock, "H3", RuleSourceKind.Seed, "A nonblocking TCP connect returns SOCKET_ERROR with WSAEWOULDBLOCK; completion is reported by FD_CONNECT.", "docs/sources.md#ms-wsaconnect-wouldblock; docs/sources.md#win-h-blocking"),

        new(RuleId.RecvResult, "S1", RuleSourceKind.Seed, "recv returns min(available, len); 0 once a gracefully closed stream is drained; WSAEWOULDBLOCK on an empty nonblocking socket; WSAECONNRESET after an RST.", "docs/sources.md#ms-recv-returns; docs/sources.md#ms-lpwsprecv-graceful; docs/sources.md#ms-lpwsprecv-errors"),
        new(RuleId.PeekDoesNotConsume, "S2", RuleSourceKind.Seed, "recv with MSG_PEEK copies data without removing it.", "docs/sources.md#ms-recv-peek; docs/sources.md#ms-lpwsprecv-flags"),
        new(RuleId.RecvOobWithInlineInvalid, "S3", RuleSourceKind.Seed, "With SO_OOBINLINE set, urgent data is read as normal data (FD_READ, not FD_OOB) and recv(MSG_OOB) fails with WSAEINVAL.", "docs/sources.md#ms-wsaasyncselect-oob-inline; docs/sources.md#ms-recv-oob-inline"),
        new(RuleId.SendFillsBuffer, "S4", RuleSourceKind.Seed, "A nonblocking send into a full buffer fails with WSAEWOULDBLOCK; space returns when the peer reads.", "docs/sources.md#ms-wsasend-errors; docs/sources.md#ms-wsasend-partial; docs/sources.md#win-c-reenabling"),
        new(RuleId.FionreadCountsBytes, "S5", RuleSourceKind.Seed, "ioctlsocket(FIONREAD) reports the bytes recv would return without consuming anything or re-enabling any event.", "docs/sources.md#ms-wsaasyncselect-fionread-race; docs/sources.md#ms-ioctlsocket"),
        new(RuleId.DatagramRecv, "S6", RuleSourceKind.Seed, "A datagram recv returns one datagram; a shorter buffer truncates it and fails with WSAEMSGSIZE.", "docs/sources.md#ms-recv-datagram; docs/sources.md#ms-lpwsprecv-errors"),
        new(RuleId.ConnectWhenConnected, "S7", RuleSourceKind.Seed, "connect on a connected stream socket fails with WSAEISCONN.", "docs/sources.md#ms-wsaconnect-isconn"),
        new(RuleId.NotConnected, "S8", RuleSourceKind.Seed, "recv and send on an unconnected stream socket fail with WSAENOTCONN.", "docs/sources.md#ms-recv-errors; docs/sources.md#ms-wsasend-errors; docs/sources.md#ms-lpwsprecv-errors"),
        new(RuleId.ShutdownDirection, "S9", RuleSourceKind.Seed, "send after SD_SEND and recv after SD_RECEIVE fail with WSAESHUTDOWN.", "docs/sources.md#ms-recv-errors; docs/sources.md#ms-wsasend-errors; docs/sources.md#ms-lpwsprecv-errors"),
        new(RuleId.UrgentBytesQueue, "S10", RuleSourceKind.WindowsFact, "Windows keeps several urgent bytes; each recv(MSG_OOB) returns one.", "docs/sources.md#win-todo-4; docs/sources.md#impl-d20"),
        new(RuleId.AcceptWouldBlock, "S11", RuleSourceKind.Seed, "accept on a nonblocking listener with no queued connection fails with WSAEWOULDBLOCK.", "docs/sources.md#ms-accept-wouldblock"),

        new(RuleId.QosEdgeTriggered, "Q1", RuleSourceKind.Seed, "FD_QOS and FD_GROUP_QOS are edge-triggered: each QoS change posts once; nothing more until the provider detects a further change or SIO_GET_QOS re-enables it.", "docs/sources.md#ms-wsaasyncselect-qos", LoopbackReachable: false),

        new(RuleId.MessageDeliveryCountsAsEnumerated, "X1", RuleSourceKind.Assumption, "After switching from WSAAsyncSelect to WSAEventSelect, events already posted in message mode count as enumerated (the latches carry over, as in Wine); an FD_CONNECT latched in message mode is not signaled.", "docs/sources.md#assumption-x1; docs/sources.md#win-f-cancel-close; docs/sources.md#impl-1-6c; docs/sources.md#impl-d11"),
        new(RuleId.SendAfterFailedConnectNotConnected, "X2", RuleSourceKind.Assumption, "send on a stream socket whose connect failed fails with WSAENOTCONN (untested on Windows).", "docs/sources.md#assumption-x2; docs/sources.md#ms-wsasend-errors"),
        new(RuleId.ListenAfterImplicitBind, "X3", RuleSourceKind.Assumption, "listen on a socket bound only implicitly (by a connect that failed) succeeds (untested on Windows).", "docs/sources.md#assumption-x3; docs/sources.md#wine-server-listen"),
        new(RuleId.HandleReusedLastFreedFirst, "X4", RuleSourceKind.Assumption, "A new socket (socket, WSASocket or accept) takes the most recently freed handle value, so a closed socket's name keeps failing with WSAENOTSOCK (F3) until a later socket takes its value (untested on Windows; the handle table's free list is last in, first out).", "docs/sources.md#assumption-x4; docs/sources.md#wine-server-handles"),
        new(RuleId.ClosedPeerDrawsReset, "S12", RuleSourceKind.Implementation, "Data sent to a peer that has closed draws an RST: the send that carries it succeeds (a send until WSAEWOULDBLOCK then fails with WSAECONNRESET), and the connection is reset.", "docs/sources.md#impl-s6-7; docs/sources.md#win-todo-7"),

        new(RuleId.WineEventReregistrationKeepsLatches, "WINE-1", RuleSourceKind.Implementation, "Wine: WSAEventSelect re-registration carries the latches over, so new occurrences of enumerated events never signal again.", "docs/sources.md#win-todo-1; docs/sources.md#wine-server-event-select; docs/sources.md#impl-1-6c"),
        new(RuleId.WineUnboundDatagramSignalsWrite, "WINE-2", RuleSourceKind.Implementation, "Wine: an unbound UDP socket is writable in both modes: registered with WSAEventSelect(FD_WRITE) it is signaled as well as posted in message mode (Windows: message mode only, B5).", "docs/sources.md#win-todo-2; docs/sources.md#wine-server-watch; docs/sources.md#wine-server-event-select"),
        new(RuleId.WineDatagramConnectChangesNothing, "WINE-3", RuleSourceKind.Implementation, "Wine: connect() on a UDP socket changes no latch: no FD_WRITE, no FD_CONNECT.", "docs/sources.md#win-todo-2; docs/sources.md#wine-server-connect; docs/sources.md#impl-1-6h"),
        new(RuleId.WineFailedRecvNoReenable, "WINE-4", RuleSourceKind.Implementation, "Wine: a recv rejected by its argument checks never reaches the server and re-enables nothing.", "docs/sources.md#win-todo-3; docs/sources.md#wine-ntdll-recv; docs/sources.md#impl-1-6e"),
        new(RuleId.WineSingleUrgentByte, "WINE-5", RuleSourceKind.Implementation, "Wine (Linux): only one urgent byte is kept; a second replaces the first.", "docs/sources.md#win-todo-4; docs/sources.md#impl-d20; docs/sources.md#linux-tcp-urgent"),
        new(RuleId.WineCloseAfterDrain, "WINE-6", RuleSourceKind.Implementation, "Wine: FD_CLOSE for a peer FIN is posted only once the data is drained and a recv has re-armed FD_READ.", "docs/sources.md#win-todo-5; docs/sources.md#wine-server-watch; docs/sources.md#impl-d5"),
        new(RuleId.WineShutdownBothCancels, "WINE-7", RuleSourceKind.Implementation, "Wine: shutdown(SD_BOTH) cancels the registration, so the peer's later FIN posts nothing.", "docs/sources.md#win-todo-5; docs/sources.md#wine-server-shutdown; docs/sources.md#impl-1-6i; docs/sources.md#impl-d13"),
        new(RuleId.WineResetSocketUnwatched, "WINE-8", RuleSourceKind.Implementation, "Wine: a reset socket is no longer watched, so a registration after an RST posts nothing, FD_CLOSE and FD_READ included.", "docs/sources.md#win-todo-5; docs/sources.md#wine-server-watch; docs/sources.md#impl-d6"),
        new(RuleId.WineQosAndChangeEventsDropped, "WINE-9", RuleSourceKind.Implementation, "Wine: FD_QOS, FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE are dropped at registration and never delivered.", "docs/sources.md#wine-ws2-select; docs/sources.md#impl-1-2; docs/sources.md#impl-1-6m; docs/sources.md#impl-d21", LoopbackReachable: false),
        new(RuleId.WineAnyFailedSendReenablesWrite, "WINE-10", RuleSourceKind.Implementation, "Wine: any send whose result is not success re-enables FD_WRITE, not only WSAEWOULDBLOCK.", "docs/sources.md#wine-server-send; docs/sources.md#impl-1-6f; docs/sources.md#impl-d7"),

        new(RuleId.WineResetCloseErrorZero, "WINE-11", RuleSourceKind.Implementation, "Wine 8: FD_CLOSE after an RST carries error 0 (the error of the RESET latch is never filled in that version).", "docs/sources.md#wine-server-delivery; docs/sources.md#impl-d4; docs/sources.md#win-todo-5"),
        new(RuleId.WineInlineUrgentAlsoPostsOob, "WINE-12", RuleSourceKind.Implementation, "Wine 8: with SO_OOBINLINE an urgent byte posts FD_OOB as well as FD_READ (Linux still reports POLLPRI).", "docs/sources.md#wine-server-dispatch"),
        new(RuleId.WineRecvAfterResetReadsRest, "WINE-13", RuleSourceKind.Implementation, "Wine 8: after an RST, data received before it stays readable and recv then returns 0, where Windows fails recv with WSAECONNRESET; recv(MSG_OOB) fails with WSAENOTCONN if an urgent byte was pending and no FIN came before the RST (else as before the RST: WSAEWOULDBLOCK with none, and a blocking one never returns).", "docs/sources.md#wine-server-recv; docs/sources.md#wine-10-differences"),
        new(RuleId.WineSendAfterRefusedConnectReset, "WINE-14", RuleSourceKind.Implementation, "Wine 8: send on a stream socket that is not connected (never connected, or refused) fails with WSAECONNRESET: Linux send gives EPIPE.", "docs/sources.md#wine-ntdll-errno"),
        new(RuleId.WineQosIoctlsNotSupported, "WINE-15", RuleSourceKind.Implementation, "Wine 8: WSAIoctl(SIO_GET_QOS) and SIO_ROUTING_INTERFACE_CHANGE fail with WSAEOPNOTSUPP; SIO_ADDRESS_LIST_CHANGE fails with WSAEWOULDBLOCK and never notifies.", "docs/sources.md#wine-ws2-ioctl"),

        new(RuleId.WineUnconnectedDatagramSendInvalid, "WINE-16", RuleSourceKind.Implementation, "Wine 8: send without an address on an unconnected UDP socket fails with WSAEINVAL (Windows: WSAENOTCONN), after the shutdown check; and send binds an unbound UDP socket before any check, so even a failed send binds it.", "docs/sources.md#wine-server-send; docs/sources.md#wine-ntdll-errno"),
        new(RuleId.WineFionreadFirstDatagram, "WINE-17", RuleSourceKind.Implementation, "Wine 8: FIONREAD on a UDP socket reports the size of the next datagram only (Linux SIOCINQ), not the total.", "docs/sources.md#wine-ntdll-fionread; docs/sources.md#linux-tcp-urgent"),
        new(RuleId.WineReenableClearsRecorded, "WINE-18", RuleSourceKind.Implementation, "Wine 8: a re-enabling call (recv for FD_READ) also erases the recorded, not yet enumerated bit, so WSAEnumNetworkEvents no longer reports it once the data is drained.", "docs/sources.md#wine-server-recv"),
        new(RuleId.WineHangupStopsUrgent, "WINE-19", RuleSourceKind.Implementation, "Wine 8: once Wine has seen the peer's FIN (WINE-25: while watching readability, no data left), urgent data is no longer watched: a re-registration does not re-post FD_OOB.", "docs/sources.md#wine-server-watch"),
        new(RuleId.WineResetAfterFinClosesAgain, "WINE-20", RuleSourceKind.Implementation, "Wine 8: the graceful hang-up and the reset are separate latches, so an RST after the FIN (drawn by our send, or the peer's abortive close) posts (or signals) FD_CLOSE a second time.", "docs/sources.md#wine-server-dispatch; docs/sources.md#impl-d18"),
        new(RuleId.WineRecvUnconnectedWaits, "WINE-21", RuleSourceKind.Implementation, "Wine 8: recv(MSG_OOB) on a stream socket that never connected, and any recv on an unbound UDP socket, is queued like any receive: WSAEWOULDBLOCK when nonblocking, never returning when blocking (Windows: WSAENOTCONN / WSAEINVAL). A plain recv on the stream socket fails with WSAENOTCONN.", "docs/sources.md#wine-server-recv; docs/sources.md#wine-ntdll-recv"),
        new(RuleId.WineListenNeedsExplicitBind, "WINE-22", RuleSourceKind.Implementation, "Wine 8: listen fails with WSAEINVAL after a failed connect (bound or not), unless bind was called, and on a connected socket (Windows: WSAEISCONN).", "docs/sources.md#wine-server-listen"),

        new(RuleId.WineRecvAfterRefusedConnectZero, "WINE-23", RuleSourceKind.Implementation, "Wine 8: recv on a stream socket whose connect was refused returns 0 (end of stream), where Windows fails with WSAENOTCONN.", "docs/sources.md#traces-wine-8"),
        new(RuleId.WineUrgentMarkSplitsStream, "WINE-24", RuleSourceKind.Implementation, "Wine 8 (Linux urgent pointer): the urgent byte keeps its place in the stream as a mark. FIONREAD counts only the bytes before the mark (all bytes with SO_OOBINLINE); a recv (MSG_PEEK too) stops at the mark, even after recv(MSG_OOB) took the byte; a recv that reads past the mark drops an urgent byte not yet taken (recv(MSG_OOB) then fails with WSAEWOULDBLOCK). A second urgent byte turns the first into normal data, or drops it when it is next to be read. With SO_OOBINLINE, FD_OOB holds until the mark is read past; the option is asked at each read, so switching it turns the byte into data in place (even after recv(MSG_OOB) took it) or back into a skipped out-of-band byte. Wine sets the option on the Unix socket directly, so a byte it makes readable is not seen (no FD_READ) until a network event or a request that reaches the server re-arms the poll.", "docs/sources.md#linux-tcp-urgent; docs/sources.md#wine-ntdll-recv"),
        new(RuleId.WineHangupLatchedWhenUnselected, "WINE-25", RuleSourceKind.Implementation, "Wine 8 sees the peer's FIN only while it watches readability (FD_READ, or FD_CLOSE with FD_READ re-enabled, selected and not latched) and no data is left; then it records FD_CLOSE even when it is not selected (event mode keeps it for a later WSAEventSelect that selects it; message mode drops it), and stops watching urgent data (WINE-19). A socket first registered after the FIN is watched for urgent data and the FIN together, so FD_OOB still comes.", "docs/sources.md#wine-server-poll-event; docs/sources.md#wine-server-latch; docs/sources.md#wine-server-watch"),
        new(RuleId.WineBothDirectionsShutHangsUp, "WINE-26", RuleSourceKind.Implementation, "Wine 8: once both directions are shut (the local shutdown(SD_SEND) and the peer's FIN, in either order) Linux reports POLLHUP: FD_CLOSE comes at once, unread data or not, and the socket is no longer watched, so nothing is posted or signaled afterwards, not even by a registration or an RST. When Wine had already seen the FIN (WINE-25) before the local shutdown(SD_SEND), no POLLHUP is reported at all: that step records nothing and wakes nothing (no WINE-28 re-signal).", "docs/sources.md#wine-server-watch"),
        new(RuleId.WineResetReportsArmedWrite, "WINE-27", RuleSourceKind.Implementation, "Wine 8: an RST makes Linux report POLLOUT with the error, so a re-enabled FD_WRITE (after a failed send, WINE-10; not after shutdown(SD_SEND)) is posted before FD_CLOSE.", "docs/sources.md#wine-server-dispatch; docs/sources.md#wine-server-poll-event"),
        new(RuleId.WineWakeUpResignalsRecorded, "WINE-28", RuleSourceKind.Implementation, "Wine 8: whatever its poll reports for a socket (a selected event, an unselected one it watches for, such as readability while it looks for the FIN, the hang-up, or an RST, which poll reports whatever was asked) ends in a wake-up that sets the socket's event object again while a selected event is recorded and not yet enumerated, even after another socket's WSAEnumNetworkEvents reset that event object.", "docs/sources.md#wine-server-delivery; docs/sources.md#wine-10-differences"),
        new(RuleId.WineInlineOobRecvFailsEarly, "WINE-29", RuleSourceKind.Implementation, "Wine 8: recv(MSG_OOB) with SO_OOBINLINE fails with WSAEINVAL before the shutdown check and re-enables nothing (the failed call does not re-post FD_OOB or FD_READ).", "docs/sources.md#wine-ntdll-recv"),
        new(RuleId.WineResetRecordedWhateverTheMask, "WINE-30", RuleSourceKind.Implementation, "Wine 8: an RST, or the hang-up once both directions are shut (WINE-26), is recorded as FD_CLOSE whatever the registration and mask (poll reports POLLERR/POLLHUP whatever was asked), like a completed connect (B8): a later WSAEventSelect with FD_CLOSE signals it and WSAEnumNetworkEvents returns it; a WSAAsyncSelect does not post it (WINE-8, WINE-26).", "docs/sources.md#wine-server-dispatch"),
        new(RuleId.WineAcceptedInlineFixedAtConnect, "WINE-31", RuleSourceKind.Implementation, "Wine 8 (Linux): a connection takes the listener's options when it completes, so a socket accepted from it has SO_OOBINLINE as the listener had it when the peer connected, not as it is at accept (an urgent byte then posts FD_OOB, not FD_READ).", "docs/sources.md#wine-server-accept"),
        new(RuleId.WineReusesLowestFreeHandle, "WINE-32", RuleSourceKind.Implementation, "Wine 8: a new socket takes the lowest free handle value, so after closing b then c, the next socket takes b's value and a call on b reaches it.", "docs/sources.md#wine-server-handles"),
        new(RuleId.WineDatagramSendBindsFirst, "WINE-33", RuleSourceKind.Implementation, "Wine 8 and 10: send on a UDP socket binds an unbound one before any other check, so even a failed send binds it (a later bind fails with WSAEINVAL), and checks shutdown (WSAESHUTDOWN) before the missing address; Wine 10 then fails with WSAENOTCONN like Windows (Wine 8: WSAEINVAL, WINE-16).", "docs/sources.md#wine-server-send"),
        new(RuleId.WineFionreadCountsAfterReset, "WINE-34", RuleSourceKind.Implementation, "Wine 10: after an RST, recv fails with WSAECONNRESET as on Windows, but FIONREAD still counts the bytes received before it (Linux's SIOCINQ keeps them; Windows discards them).", "docs/sources.md#wine-ntdll-fionread; docs/sources.md#wine-server-recv"),
        new(RuleId.WineResetRecordsWrite, "WINE-35", RuleSourceKind.Implementation, "Wine 10: an RST on a socket never registered records FD_WRITE as well as FD_CLOSE (WINE-30), when FD_WRITE was not reported yet (the poll that finds the reset also reports POLLOUT); a socket registered when the RST comes gets only FD_CLOSE (WINE-27 no longer holds), so a later WSAEventSelect selecting FD_WRITE signals it and WSAEnumNetworkEvents returns it; a WSAAsyncSelect posts nothing (WINE-8).", "docs/sources.md#wine-server-dispatch; docs/sources.md#wine-10-differences"),
        new(RuleId.WineEventSelectDropsMessageRecords, "WINE-36", RuleSourceKind.Implementation, "Wine 10: what a socket recorded while registered with WSAAsyncSelect and did not post (an FD_CONNECT or FD_WRITE outside the mask, mask 0 included) is gone when WSAEventSelect replaces that registration: the event is not signaled and WSAEnumNetworkEvents returns nothing (Wine 8 signals them; Windows too).", "docs/sources.md#wine-server-message-select; docs/sources.md#wine-server-event-select"),
        new(RuleId.WineResetUnseenAfterHangup, "WINE-37", RuleSourceKind.Implementation, "Wine 10: an RST that arrives once both directions are shut (WINE-26: Wine no longer polls the socket) is never seen by Wine, so recv still returns what arrived before it and then 0, as after a FIN (WINE-13's behaviour, which Wine 10 otherwise dropped).", "docs/sources.md#wine-server-watch; docs/sources.md#wine-server-recv"),
        new(RuleId.WineConnectRecordsWrite, "WINE-38", RuleSourceKind.Implementation, "Wine 10: a completed connect records FD_WRITE with FD_CONNECT whatever the registration and mask (B8 for both), so a first WSAEventSelect with FD_WRITE signals it even after shutdown(SD_SEND) made the socket unwritable; a WSAAsyncSelect forgets it (B1 re-checks the level).", "docs/sources.md#wine-server-dispatch; docs/sources.md#wine-10-differences"),

        new(RuleId.DocConnectPostedWhileConnected, "DOC-1", RuleSourceKind.Seed, "Documentation: WSAAsyncSelect posts FD_CONNECT when a connection already exists, and connect posts it even when it succeeds at once.", "docs/sources.md#ms-wsaasyncselect-summary-connect; docs/sources.md#impl-d1"),
        new(RuleId.DocResetErrorConnReset, "DOC-2", RuleSourceKind.Seed, "Documentation: FD_CLOSE after a reset carries WSAECONNRESET.", "docs/sources.md#ms-wsaasyncselect-close-error; docs/sources.md#ms-wsaasyncselect-summary-close"),
        new(RuleId.DocCloseAfterDrain, "DOC-3", RuleSourceKind.Seed, "Documentation: FD_CLOSE for a graceful close is posted only after all data has been read.", "docs/sources.md#ms-wsaasyncselect-close-after-data; docs/sources.md#ms-wsaasyncselect-summary-close; docs/sources.md#ms-wsaeventselect-close"),
        new(RuleId.DocAnySendReenablesWrite, "DOC-4", RuleSourceKind.Seed, "Documentation: every send-family call re-enables FD_WRITE, even a successful one.", "docs/sources.md#ms-wsaasyncselect-reenabling; docs/sources.md#impl-d7"),
        new(RuleId.DocFailedCallsReenable, "DOC-5", RuleSourceKind.Seed, "Documentation: a re-enabling call re-enables even when it fails (recv with bad arguments, accept with WSAEWOULDBLOCK).", "docs/sources.md#ms-wsaasyncselect-failed-call-reenables; docs/sources.md#ms-wsaeventselect-level; docs/sources.md#impl-s4-doc; docs/sources.md#impl-d8; docs/sources.md#impl-d9"),
        new(RuleId.DocDatagramConnectPostsConnect, "DOC-6", RuleSourceKind.Seed, "Documentation: connect posts FD_CONNECT even when it succeeds at once, as for datagram sockets.", "docs/sources.md#ms-wsaasyncselect-summary-connect; docs/sources.md#impl-d16"),
        new(RuleId.DocEventReregistrationRearmsAll, "DOC-7", RuleSourceKind.Seed, "Documentation: events persist, so a WSAEventSelect re-registration reports every selected condition that holds.", "docs/sources.md#ms-wsaeventselect-persistence; docs/sources.md#impl-d15"),
        new(RuleId.DocDatagramWriteAfterBind, "DOC-8", RuleSourceKind.Seed, "Documentation: a connectionless socket is writable (FD_WRITE) only after it is bound.", "docs/sources.md#ms-wsaasyncselect-summary-write"),
    ];

    private static readonly Rule[] s_byKey = BuildIndex();

    /// <summary>The catalogue entry of a rule: its printable ID, kind, summary and source.</summary>
    public static Rule Get(RuleId key) => s_byKey[(int)key];

    /// <summary>The rule with this printable ID ("C6", case-insensitive), or null.</summary>
    public static Rule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    private static Rule[] BuildIndex()
    {
        var index = new Rule[Enum.GetValues<RuleId>().Length];
        foreach (var rule in All)
        {
            index[(int)rule.Key] = rule;
        }

        foreach (var key in Enum.GetValues<RuleId>())
        {
            if (index[(int)key] is null)
            {
                throw new InvalidOperationException($"Rule {key} has no catalogue entry.");
            }
        }

        return index;
    }
}
