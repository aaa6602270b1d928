namespace WinsockConformance.Model;

/// <summary>Where a rule's truth comes from.</summary>
public enum RuleSourceKind
{
    /// <summary>Asserted on real Windows by Wine's conformance tests (shared/reference/windows-rules.md).</summary>
    WindowsFact,

    /// <summary>Microsoft's reference pages (shared/seeds).</summary>
    Seed,

    /// <summary>How an implementation behaves (shared/reference/implementations.md) or a captured trace.</summary>
    Implementation,

    /// <summary>Not asserted anywhere: the model's choice, stated so a capture can overturn it.</summary>
    Assumption,
}

/// <param name="Id">The printable ID used in code comments, reports, snapshots and docs.</param>
/// <param name="Summary">One sentence a reader can check against the source.</param>
/// <param name="Source">Which document and section states it.</param>
/// <param name="LoopbackReachable">Whether a loopback probe can ever exercise it.</param>
public sealed record Rule(RuleId Key, string Id, RuleSourceKind Kind, string Summary, string Source, bool LoopbackReachable = true);

/// <summary>The rule catalogue: every rule the model applies, with its source.</summary>
public static class RuleCatalog
{
    private const string WinRules = "windows-rules.md";
    private const string Seed000 = "seed 000 (WSAAsyncSelect remarks)";
    private const string Impl = "implementations.md";

    public static readonly IReadOnlyList<Rule> All =
    [
        new(RuleId.OneBitPerMessage, "A1", RuleSourceKind.WindowsFact, "Each posted message carries one FD_* bit in the low word of lParam and the error in the high word; bits are never combined.", $"{WinRules} A; {Seed000}: WSAGETSELECTEVENT/WSAGETSELECTERROR"),
        new(RuleId.PostingOrder, "A2", RuleSourceKind.WindowsFact, "Events due in the same instant are posted FD_CONNECT before FD_WRITE and FD_READ before FD_WRITE (the rest in Wine's order: CONNECT, ACCEPT, OOB, READ, WRITE, CLOSE).", $"{WinRules} A; {Impl} D19"),
        new(RuleId.EventBitsAccumulate, "A3", RuleSourceKind.WindowsFact, "In event mode bits accumulate; WSAEnumNetworkEvents returns and clears only the selected bits and resets the event object it is given.", $"{WinRules} A"),

        new(RuleId.MessageRegistrationRearmsAll, "B1", RuleSourceKind.WindowsFact, "WSAAsyncSelect re-arms every latch: each selected condition that holds now is posted again (FD_ACCEPT, FD_READ, FD_OOB, FD_WRITE, FD_CLOSE).", $"{WinRules} B, D"),
        new(RuleId.ConnectNeverPostedByRegistration, "B2", RuleSourceKind.WindowsFact, "WSAAsyncSelect never posts FD_CONNECT for a connect that completed before it, nor for an accepted socket.", $"{WinRules} B (FD_CONNECT rows); {Impl} D1, D15"),
        new(RuleId.EventRegistrationSignalsRecorded, "B3", RuleSourceKind.WindowsFact, "WSAEventSelect signals the event when a selected bit is recorded and not yet enumerated; it never resets the event.", $"{WinRules} B (last paragraph), D"),
        new(RuleId.EventReregistrationReopensLatch, "B4", RuleSourceKind.WindowsFact, "A WSAEventSelect re-registration does not re-signal conditions already enumerated, but re-opens their latch so the next new occurrence signals.", $"{WinRules} D; todo_wine list item 1"),
        new(RuleId.UnboundDatagramWrite, "B5", RuleSourceKind.WindowsFact, "An unbound UDP socket registered for FD_WRITE gets FD_WRITE in message mode but is not signaled in event mode; once bound it is signaled once.", $"{WinRules} B (FD_WRITE rows); todo_wine list item 2"),
        new(RuleId.RegistrationReplacesPrevious, "B6", RuleSourceKind.Seed, "Each WSAAsyncSelect or WSAEventSelect replaces the socket's previous registration, whichever API made it.", $"{Seed000}: 'wMsg2 ... only FD_WRITE'"),
        new(RuleId.MaskZeroCancels, "B7", RuleSourceKind.WindowsFact, "A registration with mask 0 stops all new notification; conditions arising meanwhile are delivered at the next registration if they still hold.", $"{WinRules} F; {Seed000}"),
        new(RuleId.ConnectRecordedWhileUnselected, "B8", RuleSourceKind.WindowsFact, "A completed connect is recorded even while FD_CONNECT is not selected: event mode signals it once at registration; message mode registration forgets it.", $"{WinRules} B (FD_CONNECT row)"),

        new(RuleId.RecvReenablesRead, "C1", RuleSourceKind.WindowsFact, "A recv-family call (MSG_PEEK included) re-enables FD_READ; if data remains it is posted again at once, once drained nothing.", $"{WinRules} C; {Seed000} (100 bytes read 50 at a time)"),
        new(RuleId.FailedRecvReenablesRead, "C2", RuleSourceKind.WindowsFact, "A recv that fails its argument checks (WSAEFAULT) re-posts FD_READ in message mode but does not re-signal in event mode.", $"{WinRules} C (FD_READ row)"),
        new(RuleId.RecvOobReenablesOob, "C3", RuleSourceKind.WindowsFact, "recv(MSG_OOB) re-enables FD_OOB; it is posted again if another urgent byte is queued.", $"{WinRules} C (FD_OOB row); {Seed000}"),
        new(RuleId.AcceptReenablesAccept, "C4", RuleSourceKind.WindowsFact, "A successful accept re-enables FD_ACCEPT; it is posted again at once if more connections are queued.", $"{WinRules} C (FD_ACCEPT row)"),
        new(RuleId.FailedAcceptDoesNotReenable, "C5", RuleSourceKind.Assumption, "An accept that fails (WSAEWOULDBLOCK) re-enables nothing (untested on Windows; Wine and ReactOS behave so).", $"{Impl} D9"),
        new(RuleId.WouldBlockReenablesWrite, "C6", RuleSourceKind.WindowsFact, "A successful send neither consumes nor re-enables FD_WRITE (Windows fact); only a send failing with WSAEWOULDBLOCK re-enables it, and FD_WRITE is posted when space returns (asserted by Wine's tests only under Wine; their comment says Windows 10 1607 and later; the seed says the same).", $"{WinRules} C (FD_WRITE row), §4 item 9, todo_wine item 8; {Impl} D7; {Seed000} FD_WRITE"),
        new(RuleId.ConnectAndCloseNeverReenabled, "C7", RuleSourceKind.WindowsFact, "FD_CONNECT and FD_CLOSE have no re-enabling function: recv returning 0 or draining the data does not re-post FD_CLOSE.", $"{WinRules} C; {Seed000} re-enabling table"),
        new(RuleId.GetQosReenablesQos, "C8", RuleSourceKind.Seed, "WSAIoctl(SIO_GET_QOS) re-enables FD_QOS (SIO_GET_GROUP_QOS likewise FD_GROUP_QOS).", $"{Seed000} re-enabling table", LoopbackReachable: false),
        new(RuleId.ChangeNotificationNeedsIoctl, "C9", RuleSourceKind.Seed, "FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE are posted only for a change after WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE / SIO_ADDRESS_LIST_CHANGE); on a nonblocking socket that call fails with WSAEWOULDBLOCK.", $"{Seed000} FD_ROUTING_INTERFACE_CHANGE, FD_ADDRESS_LIST_CHANGE", LoopbackReachable: false),
        new(RuleId.DatagramConnectRearmsWrite, "C10", RuleSourceKind.WindowsFact, "connect() on a UDP socket re-posts FD_WRITE in message mode and records FD_CONNECT and FD_WRITE in event mode.", $"{WinRules} C (FD_WRITE row); todo_wine item 2"),

        new(RuleId.LatchedUntilReenabled, "D1", RuleSourceKind.WindowsFact, "After an event is delivered, new occurrences of the same condition produce nothing until its re-enabling call or a registration.", $"{WinRules} D; {Seed000}"),
        new(RuleId.ReenableRechecksLevel, "D2", RuleSourceKind.WindowsFact, "A re-enabling call re-checks the level: if the condition still holds, the event is delivered again at once (FD_READ, FD_OOB, FD_ACCEPT are level-triggered).", $"{WinRules} D; {Seed000} 'level-triggered'"),

        new(RuleId.AcceptInheritsRegistration, "E1", RuleSourceKind.WindowsFact, "A socket returned by accept inherits the listener's registration (window, message, mask, or event and mask) with fresh latches; wParam is the new socket; FD_WRITE follows at once if selected; never FD_CONNECT.", $"{WinRules} E; {Seed000}"),
        new(RuleId.AcceptInheritsOptions, "E2", RuleSourceKind.WindowsFact, "A socket returned by accept inherits socket options, SO_OOBINLINE and nonblocking mode included.", $"{WinRules} E"),

        new(RuleId.QueuedMessagesSurvive, "F1", RuleSourceKind.Seed, "Cancelling (mask 0) or closesocket stops new posts, but messages already queued stay in the queue and are still retrieved.", $"{Seed000}; {WinRules} F 'not tested'"),
        new(RuleId.NoCloseForLocalClose, "F2", RuleSourceKind.WindowsFact, "closesocket posts no FD_CLOSE to the socket's own window, and nothing is posted for that socket afterwards.", $"{WinRules} F; {Seed000} note"),
        new(RuleId.ClosedHandleIsNotSocket, "F3", RuleSourceKind.Seed, "A call on a closed socket fails with WSAENOTSOCK.", "seed 003 error codes (WSAENOTSOCK)"),

        new(RuleId.CloseOnPeerFinImmediately, "G1", RuleSourceKind.WindowsFact, "FD_CLOSE is posted when the peer closes or shuts down sending, immediately, even with unread data; FD_READ for the rest keeps working and no FD_CLOSE follows the drain.", $"{WinRules} G; {Impl} D5"),
        new(RuleId.CloseNotFromLocalShutdown, "G2", RuleSourceKind.WindowsFact, "No local shutdown produces FD_CLOSE, nor does the peer's SD_RECEIVE; after a local SD_BOTH the peer's SD_SEND still does.", $"{WinRules} G"),
        new(RuleId.CloseGracefulErrorZero, "G3", RuleSourceKind.WindowsFact, "FD_CLOSE after a graceful close carries error 0; FD_ACCEPT, FD_READ, FD_WRITE, FD_OOB carry 0.", $"{WinRules} G"),
        new(RuleId.CloseResetError, "G4", RuleSourceKind.WindowsFact, "FD_CLOSE after an RST carries WSAECONNABORTED (the documentation says WSAECONNRESET).", $"{WinRules} G; {Impl} D4"),
        new(RuleId.ConnectFailureError, "G5", RuleSourceKind.Seed, "A failed connect posts FD_CONNECT carrying the error (WSAECONNREFUSED, WSAETIMEDOUT); success carries 0.", $"{Seed000} FD_CONNECT error codes; {Impl} D3"),
        new(RuleId.ConnectThenWrite, "G6", RuleSourceKind.WindowsFact, "A completed TCP connect posts FD_CONNECT then FD_WRITE.", $"{WinRules} A; {Impl} §4 item 5"),

        new(RuleId.RegistrationMakesNonblocking, "H1", RuleSourceKind.WindowsFact, "WSAAsyncSelect and WSAEventSelect make the socket nonblocking, whatever the mask.", $"{WinRules} H; {Seed000}"),
        new(RuleId.BlockingRefusedWhileRegistered, "H2", RuleSourceKind.WindowsFact, "While a registration with a non-empty mask is active, FIONBIO=0 fails with WSAEINVAL; FIONBIO=1 succeeds.", $"{WinRules} H; {Impl} §4 documentation"),
        new(RuleId.NonblockingConnectWouldBlock, "H3", RuleSourceKind.Seed, "A nonblocking TCP connect returns SOCKET_ERROR with WSAEWOULDBLOCK; completion is reported by FD_CONNECT.", "seed 001 (WSAConnect)"),

        new(RuleId.RecvResult, "S1", RuleSourceKind.Seed, "recv returns min(available, len); 0 once a gracefully closed stream is drained; WSAEWOULDBLOCK on an empty nonblocking socket; WSAECONNRESET after an RST.", "seed 003 (LPWSPRecv)"),
        new(RuleId.PeekDoesNotConsume, "S2", RuleSourceKind.Seed, "recv with MSG_PEEK copies data without removing it.", "seed 003 MSG_PEEK"),
        new(RuleId.RecvOobWithInlineInvalid, "S3", RuleSourceKind.Seed, "With SO_OOBINLINE set, urgent data is read as normal data (FD_READ, not FD_OOB) and recv(MSG_OOB) fails with WSAEINVAL.", $"{Seed000} FD_OOB; seed 003 MSG_OOB"),
        new(RuleId.SendFillsBuffer, "S4", RuleSourceKind.Seed, "A nonblocking send into a full buffer fails with WSAEWOULDBLOCK; space returns when the peer reads.", "seed 002 (WSASend)"),
        new(RuleId.FionreadCountsBytes, "S5", RuleSourceKind.Seed, "ioctlsocket(FIONREAD) reports the bytes recv would return without consuming anything or re-enabling any event.", $"{Seed000} FIONREAD race example"),
        new(RuleId.DatagramRecv, "S6", RuleSourceKind.Seed, "A datagram recv returns one datagram; a shorter buffer truncates it and fails with WSAEMSGSIZE.", "seed 003 (WSAEMSGSIZE)"),
        new(RuleId.ConnectWhenConnected, "S7", RuleSourceKind.Seed, "connect on a connected stream socket fails with WSAEISCONN.", "seed 001 error codes"),
        new(RuleId.NotConnected, "S8", RuleSourceKind.Seed, "recv and send on an unconnected stream socket fail with WSAENOTCONN.", "seed 002, 003 error codes"),
        new(RuleId.ShutdownDirection, "S9", RuleSourceKind.Seed, "send after SD_SEND and recv after SD_RECEIVE fail with WSAESHUTDOWN.", "seed 002, 003 (WSAESHUTDOWN)"),
        new(RuleId.UrgentBytesQueue, "S10", RuleSourceKind.WindowsFact, "Windows keeps several urgent bytes; each recv(MSG_OOB) returns one.", $"{WinRules} todo_wine item 4; {Impl} D20"),
        new(RuleId.AcceptWouldBlock, "S11", RuleSourceKind.Seed, "accept on a nonblocking listener with no queued connection fails with WSAEWOULDBLOCK.", "seed 000 FD_ACCEPT"),

        new(RuleId.QosEdgeTriggered, "Q1", RuleSourceKind.Seed, "FD_QOS and FD_GROUP_QOS are edge-triggered: each QoS change posts once; nothing more until the provider detects a further change or SIO_GET_QOS re-enables it.", $"{Seed000} FD_QOS ('exactly once when a QoS change occurs ... until either the provider detects a further change ... or the application renegotiates')", LoopbackReachable: false),

        new(RuleId.MessageDeliveryCountsAsEnumerated, "X1", RuleSourceKind.Assumption, "After switching from WSAAsyncSelect to WSAEventSelect, events already posted in message mode count as enumerated (the latches carry over, as in Wine); an FD_CONNECT latched in message mode is not signaled.", $"{WinRules} F, I ('switching ... not tested'); {Impl} 1.6(c), D11"),
        new(RuleId.SendAfterFailedConnectNotConnected, "X2", RuleSourceKind.Assumption, "send on a stream socket whose connect failed fails with WSAENOTCONN (untested on Windows).", "seed 002 error codes (WSAENOTCONN)"),
        new(RuleId.ListenAfterImplicitBind, "X3", RuleSourceKind.Assumption, "listen on a socket bound only implicitly (by a connect that failed) succeeds (untested on Windows).", "seed 000; Wine differs (WINE-22)"),
        new(RuleId.HandleReusedLastFreedFirst, "X4", RuleSourceKind.Assumption, "A new socket (socket, WSASocket or accept) takes the most recently freed handle value, so a closed socket's name keeps failing with WSAENOTSOCK (F3) until a later socket takes its value (untested on Windows; the handle table's free list is last in, first out).", "assumption; Wine differs (WINE-32)"),
        new(RuleId.ClosedPeerDrawsReset, "S12", RuleSourceKind.Implementation, "Data sent to a peer that has closed draws an RST: the send that carries it succeeds (a send until WSAEWOULDBLOCK then fails with WSAECONNRESET), and the connection is reset.", "implementations.md §6.7; scenarios/fuzz/fuzz-8-fill-to-closed-peer-connreset.jsonl"),

        new(RuleId.WineEventReregistrationKeepsLatches, "WINE-1", RuleSourceKind.Implementation, "Wine: WSAEventSelect re-registration carries the latches over, so new occurrences of enumerated events never signal again.", $"{WinRules} todo_wine item 1; {Impl} 1.6(c)"),
        new(RuleId.WineUnboundDatagramSignalsWrite, "WINE-2", RuleSourceKind.Implementation, "Wine: an unbound UDP socket is writable in both modes: registered with WSAEventSelect(FD_WRITE) it is signaled as well as posted in message mode (Windows: message mode only, B5).", $"{WinRules} todo_wine item 2"),
        new(RuleId.WineDatagramConnectChangesNothing, "WINE-3", RuleSourceKind.Implementation, "Wine: connect() on a UDP socket changes no latch: no FD_WRITE, no FD_CONNECT.", $"{WinRules} todo_wine item 2; {Impl} 1.6(h)"),
        new(RuleId.WineFailedRecvNoReenable, "WINE-4", RuleSourceKind.Implementation, "Wine: a recv rejected by its argument checks never reaches the server and re-enables nothing.", $"{WinRules} todo_wine item 3; {Impl} 1.6(e)"),
        new(RuleId.WineSingleUrgentByte, "WINE-5", RuleSourceKind.Implementation, "Wine (Linux): only one urgent byte is kept; a second replaces the first.", $"{WinRules} todo_wine item 4; {Impl} D20"),
        new(RuleId.WineCloseAfterDrain, "WINE-6", RuleSourceKind.Implementation, "Wine: FD_CLOSE for a peer FIN is posted only once the data is drained and a recv has re-armed FD_READ.", $"{WinRules} todo_wine item 5; {Impl} D5"),
        new(RuleId.WineShutdownBothCancels, "WINE-7", RuleSourceKind.Implementation, "Wine: shutdown(SD_BOTH) cancels the registration, so the peer's later FIN posts nothing.", $"{WinRules} todo_wine item 5; {Impl} 1.6(i), D13"),
        new(RuleId.WineResetSocketUnwatched, "WINE-8", RuleSourceKind.Implementation, "Wine: a reset socket is no longer watched, so a registration after an RST posts nothing, FD_CLOSE and FD_READ included.", $"{WinRules} todo_wine item 5; {Impl} D6"),
        new(RuleId.WineQosAndChangeEventsDropped, "WINE-9", RuleSourceKind.Implementation, "Wine: FD_QOS, FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE are dropped at registration and never delivered.", $"{Impl} 1.2, 1.6(m), D21", LoopbackReachable: false),
        new(RuleId.WineAnyFailedSendReenablesWrite, "WINE-10", RuleSourceKind.Implementation, "Wine: any send whose result is not success re-enables FD_WRITE, not only WSAEWOULDBLOCK.", $"{Impl} 1.6(f), D7"),

        new(RuleId.WineResetCloseErrorZero, "WINE-11", RuleSourceKind.Implementation, "Wine 8: FD_CLOSE after an RST carries error 0 (the error of the RESET latch is never filled in that version).", "traces/wine-8.0/close/rst-gives-wsaeconnaborted.jsonl; implementations.md D4 (older commit)"),
        new(RuleId.WineInlineUrgentAlsoPostsOob, "WINE-12", RuleSourceKind.Implementation, "Wine 8: with SO_OOBINLINE an urgent byte posts FD_OOB as well as FD_READ (Linux still reports POLLPRI).", "traces/wine-8.0/oob/oobinline-urgent-byte-is-fd-read.jsonl"),
        new(RuleId.WineRecvAfterResetReadsRest, "WINE-13", RuleSourceKind.Implementation, "Wine 8: after an RST, data received before it stays readable and recv then returns 0, where Windows fails recv with WSAECONNRESET; recv(MSG_OOB) fails with WSAENOTCONN if an urgent byte was pending and no FIN came before the RST (else as before the RST: WSAEWOULDBLOCK with none, and a blocking one never returns).", "traces/wine-8.0/close/rst-gives-wsaeconnaborted.jsonl; scenarios/fuzz/fuzz-32-recv-oob-after-rst-enotconn.jsonl"),
        new(RuleId.WineSendAfterRefusedConnectReset, "WINE-14", RuleSourceKind.Implementation, "Wine 8: send on a stream socket that is not connected (never connected, or refused) fails with WSAECONNRESET: Linux send gives EPIPE.", "traces/wine-8.0/connect/refused-connect-posts-econnrefused.jsonl; scenarios/fuzz/fuzz-2-send-never-connected-stream.jsonl"),
        new(RuleId.WineQosIoctlsNotSupported, "WINE-15", RuleSourceKind.Implementation, "Wine 8: WSAIoctl(SIO_GET_QOS) and SIO_ROUTING_INTERFACE_CHANGE fail with WSAEOPNOTSUPP; SIO_ADDRESS_LIST_CHANGE fails with WSAEWOULDBLOCK and never notifies.", "traces/wine-8.0/qos/ioctls-on-a-connected-socket.jsonl"),

        new(RuleId.WineUnconnectedDatagramSendInvalid, "WINE-16", RuleSourceKind.Implementation, "Wine 8: send without an address on an unconnected UDP socket fails with WSAEINVAL (Windows: WSAENOTCONN), after the shutdown check; and send binds an unbound UDP socket before any check, so even a failed send binds it.", "scenarios/fuzz/fuzz-4-send-unconnected-udp.jsonl; scenarios/fuzz/fuzz-23-send-unconnected-udp-after-shutdown.jsonl; scenarios/fuzz/fuzz-24-failed-send-binds-udp.jsonl; server/sock.c send_socket"),
        new(RuleId.WineFionreadFirstDatagram, "WINE-17", RuleSourceKind.Implementation, "Wine 8: FIONREAD on a UDP socket reports the size of the next datagram only (Linux SIOCINQ), not the total.", "scenarios/fuzz/fuzz-6-fionread-udp-two-datagrams.jsonl"),
        new(RuleId.WineReenableClearsRecorded, "WINE-18", RuleSourceKind.Implementation, "Wine 8: a re-enabling call (recv for FD_READ) also erases the recorded, not yet enumerated bit, so WSAEnumNetworkEvents no longer reports it once the data is drained.", "scenarios/fuzz/fuzz-5-event-recv-erases-recorded-read.jsonl; server/sock.c recv_socket"),
        new(RuleId.WineHangupStopsUrgent, "WINE-19", RuleSourceKind.Implementation, "Wine 8: once Wine has seen the peer's FIN (WINE-25: while watching readability, no data left), urgent data is no longer watched: a re-registration does not re-post FD_OOB.", "scenarios/fuzz/fuzz-15-urgent-then-fin-reregistration-no-oob.jsonl; scenarios/fuzz/fuzz-26-urgent-fin-first-registration-posts-oob.jsonl; server/sock.c sock_get_poll_events"),
        new(RuleId.WineResetAfterFinClosesAgain, "WINE-20", RuleSourceKind.Implementation, "Wine 8: the graceful hang-up and the reset are separate latches, so an RST after the FIN (drawn by our send, or the peer's abortive close) posts (or signals) FD_CLOSE a second time.", "scenarios/fuzz/fuzz-9-second-fd-close-after-rst.jsonl; scenarios/fuzz/fuzz-25-peer-abort-after-fin-second-close.jsonl; implementations.md D18"),
        new(RuleId.WineRecvUnconnectedWaits, "WINE-21", RuleSourceKind.Implementation, "Wine 8: recv(MSG_OOB) on a stream socket that never connected, and any recv on an unbound UDP socket, is queued like any receive: WSAEWOULDBLOCK when nonblocking, never returning when blocking (Windows: WSAENOTCONN / WSAEINVAL). A plain recv on the stream socket fails with WSAENOTCONN.", "scenarios/fuzz/fuzz-1-recv-unbound-udp-nonblocking.jsonl; scenarios/fuzz/fuzz-13-recv-never-connected-waits.jsonl; server/sock.c recv_socket"),
        new(RuleId.WineListenNeedsExplicitBind, "WINE-22", RuleSourceKind.Implementation, "Wine 8: listen fails with WSAEINVAL after a failed connect (bound or not), unless bind was called, and on a connected socket (Windows: WSAEISCONN).", "scenarios/fuzz/fuzz-3-listen-after-refused-connect.jsonl; scenarios/fuzz/fuzz-22-listen-after-bind-and-refused-connect.jsonl; scenarios/fuzz/fuzz-38-listen-on-connected-socket-einval.jsonl; server/sock.c IOCTL_AFD_LISTEN"),

        new(RuleId.WineRecvAfterRefusedConnectZero, "WINE-23", RuleSourceKind.Implementation, "Wine 8: recv on a stream socket whose connect was refused returns 0 (end of stream), where Windows fails with WSAENOTCONN.", "scenarios/fuzz/fuzz-27-recv-after-refused-connect-returns-zero.jsonl"),
        new(RuleId.WineUrgentMarkSplitsStream, "WINE-24", RuleSourceKind.Implementation, "Wine 8 (Linux urgent pointer): the urgent byte keeps its place in the stream as a mark. FIONREAD counts only the bytes before the mark (all bytes with SO_OOBINLINE); a recv (MSG_PEEK too) stops at the mark, even after recv(MSG_OOB) took the byte; a recv that reads past the mark drops an urgent byte not yet taken (recv(MSG_OOB) then fails with WSAEWOULDBLOCK). A second urgent byte turns the first into normal data, or drops it when it is next to be read. With SO_OOBINLINE, FD_OOB holds until the mark is read past; the option is asked at each read, so switching it turns the byte into data in place (even after recv(MSG_OOB) took it) or back into a skipped out-of-band byte. Wine sets the option on the Unix socket directly, so a byte it makes readable is not seen (no FD_READ) until a network event or a request that reaches the server re-arms the poll.", "scenarios/fuzz/fuzz-11-*.jsonl; scenarios/fuzz/fuzz-14-normal-recv-past-urgent-mark-drops-oob.jsonl; scenarios/fuzz/fuzz-20-inline-urgent-reregistration-posts-oob.jsonl; scenarios/fuzz/fuzz-11-second-urgent-byte.jsonl; scenarios/fuzz/fuzz-34-*.jsonl; scenarios/fuzz/fuzz-35-*.jsonl; Linux tcp_recvmsg/tcp_ioctl(SIOCINQ)/tcp_check_urg"),
        new(RuleId.WineHangupLatchedWhenUnselected, "WINE-25", RuleSourceKind.Implementation, "Wine 8 sees the peer's FIN only while it watches readability (FD_READ, or FD_CLOSE with FD_READ re-enabled, selected and not latched) and no data is left; then it records FD_CLOSE even when it is not selected (event mode keeps it for a later WSAEventSelect that selects it; message mode drops it), and stops watching urgent data (WINE-19). A socket first registered after the FIN is watched for urgent data and the FIN together, so FD_OOB still comes.", "scenarios/fuzz/fuzz-19-async-to-event-unselected-close-not-signaled.jsonl; scenarios/fuzz/fuzz-26-urgent-fin-first-registration-posts-oob.jsonl; scenarios/fuzz/fuzz-40-unselected-hangup-recorded-for-later-selection.jsonl; server/sock.c sock_poll_event/post_socket_event"),
        new(RuleId.WineBothDirectionsShutHangsUp, "WINE-26", RuleSourceKind.Implementation, "Wine 8: once both directions are shut (the local shutdown(SD_SEND) and the peer's FIN, in either order) Linux reports POLLHUP: FD_CLOSE comes at once, unread data or not, and the socket is no longer watched, so nothing is posted or signaled afterwards, not even by a registration or an RST. When Wine had already seen the FIN (WINE-25) before the local shutdown(SD_SEND), no POLLHUP is reported at all: that step records nothing and wakes nothing (no WINE-28 re-signal).", "scenarios/fuzz/fuzz-12-*.jsonl; scenarios/fuzz/fuzz-31-*.jsonl; scenarios/fuzz/fuzz-41-*.jsonl; server/sock.c sock_get_poll_events (hangup and wr_shutdown)"),
        new(RuleId.WineResetReportsArmedWrite, "WINE-27", RuleSourceKind.Implementation, "Wine 8: an RST makes Linux report POLLOUT with the error, so a re-enabled FD_WRITE (after a failed send, WINE-10; not after shutdown(SD_SEND)) is posted before FD_CLOSE.", "scenarios/fuzz/fuzz-17-rst-after-fill-posts-write.jsonl; scenarios/fuzz/fuzz-17-rst-after-fill-posts-write-then-close.jsonl; server/sock.c sock_dispatch_events"),
        new(RuleId.WineWakeUpResignalsRecorded, "WINE-28", RuleSourceKind.Implementation, "Wine 8: whatever its poll reports for a socket (a selected event, an unselected one it watches for, such as readability while it looks for the FIN, the hang-up, or an RST, which poll reports whatever was asked) ends in a wake-up that sets the socket's event object again while a selected event is recorded and not yet enumerated, even after another socket's WSAEnumNetworkEvents reset that event object.", "scenarios/fuzz/fuzz-21-*.jsonl; server/sock.c sock_wake_up"),
        new(RuleId.WineInlineOobRecvFailsEarly, "WINE-29", RuleSourceKind.Implementation, "Wine 8: recv(MSG_OOB) with SO_OOBINLINE fails with WSAEINVAL before the shutdown check and re-enables nothing (the failed call does not re-post FD_OOB or FD_READ).", "scenarios/fuzz/fuzz-28-recv-oob-inline-after-shut-receive.jsonl; scenarios/fuzz/fuzz-28-inline-oob-recv-reenables-nothing.jsonl"),
        new(RuleId.WineResetRecordedWhateverTheMask, "WINE-30", RuleSourceKind.Implementation, "Wine 8: an RST, or the hang-up once both directions are shut (WINE-26), is recorded as FD_CLOSE whatever the registration and mask (poll reports POLLERR/POLLHUP whatever was asked), like a completed connect (B8): a later WSAEventSelect with FD_CLOSE signals it and WSAEnumNetworkEvents returns it; a WSAAsyncSelect does not post it (WINE-8, WINE-26).", "scenarios/fuzz/fuzz-29-rst-while-unregistered-recorded.jsonl; scenarios/fuzz/fuzz-29-rst-while-unregistered-signals-event-select.jsonl; scenarios/fuzz/fuzz-29-hangup-while-unregistered-signals-event-select.jsonl; server/sock.c sock_dispatch_events"),
        new(RuleId.WineAcceptedInlineFixedAtConnect, "WINE-31", RuleSourceKind.Implementation, "Wine 8 (Linux): a connection takes the listener's options when it completes, so a socket accepted from it has SO_OOBINLINE as the listener had it when the peer connected, not as it is at accept (an urgent byte then posts FD_OOB, not FD_READ).", "scenarios/fuzz/fuzz-30-listener-oobinline-after-connect-not-inherited.jsonl"),
        new(RuleId.WineReusesLowestFreeHandle, "WINE-32", RuleSourceKind.Implementation, "Wine 8: a new socket takes the lowest free handle value, so after closing b then c, the next socket takes b's value and a call on b reaches it.", "tests/Checker BadInputTests (FUZZ-33's scenario); scenarios/fuzz/h-3-closed-handle-not-taken-by-peer.jsonl"),
        new(RuleId.WineDatagramSendBindsFirst, "WINE-33", RuleSourceKind.Implementation, "Wine 8 and 10: send on a UDP socket binds an unbound one before any other check, so even a failed send binds it (a later bind fails with WSAEINVAL), and checks shutdown (WSAESHUTDOWN) before the missing address; Wine 10 then fails with WSAENOTCONN like Windows (Wine 8: WSAEINVAL, WINE-16).", "traces/wine-10.0/fuzz/fuzz-24-failed-send-binds-udp.jsonl; traces/wine-10.0/fuzz/fuzz-23-send-unconnected-udp-after-shutdown.jsonl; traces/wine-8.0/fuzz/fuzz-24-failed-send-binds-udp.jsonl"),
        new(RuleId.WineFionreadCountsAfterReset, "WINE-34", RuleSourceKind.Implementation, "Wine 10: after an RST, recv fails with WSAECONNRESET as on Windows, but FIONREAD still counts the bytes received before it (Linux's SIOCINQ keeps them; Windows discards them).", "traces/wine-10.0/wine-10/rst-fionread-counts-unread.jsonl"),
        new(RuleId.WineResetRecordsWrite, "WINE-35", RuleSourceKind.Implementation, "Wine 10: an RST on a socket never registered records FD_WRITE as well as FD_CLOSE (WINE-30), when FD_WRITE was not reported yet (the poll that finds the reset also reports POLLOUT); a socket registered when the RST comes gets only FD_CLOSE (WINE-27 no longer holds), so a later WSAEventSelect selecting FD_WRITE signals it and WSAEnumNetworkEvents returns it; a WSAAsyncSelect posts nothing (WINE-8).", "traces/wine-10.0/fuzz/fuzz-29-event-registration-after-rst-records-close.jsonl; traces/wine-10.0/wine-10/event-registration-after-rst-records-write-unselected.jsonl"),
        new(RuleId.WineEventSelectDropsMessageRecords, "WINE-36", RuleSourceKind.Implementation, "Wine 10: what a socket recorded while registered with WSAAsyncSelect and did not post (an FD_CONNECT or FD_WRITE outside the mask, mask 0 included) is gone when WSAEventSelect replaces that registration: the event is not signaled and WSAEnumNetworkEvents returns nothing (Wine 8 signals them; Windows too).", "traces/wine-10.0/fuzz/fuzz-43-async-mask-zero-connect-then-event-select-signals-nothing.jsonl; traces/wine-10.0/fuzz/fuzz-43-async-connect-only-then-event-select-signals-nothing.jsonl (fuzz seed 1010 #882, #751)"),
        new(RuleId.WineResetUnseenAfterHangup, "WINE-37", RuleSourceKind.Implementation, "Wine 10: an RST that arrives once both directions are shut (WINE-26: Wine no longer polls the socket) is never seen by Wine, so recv still returns what arrived before it and then 0, as after a FIN (WINE-13's behaviour, which Wine 10 otherwise dropped).", "traces/wine-10.0/fuzz/fuzz-44-rst-after-both-ways-shut-unseen-recv-reads-rest.jsonl (fuzz seed 2020 #110); server/sock.c sock_get_poll_events (hangup && wr_shutdown: -1), recv_socket (only the reset flag fails it)"),
        new(RuleId.WineConnectRecordsWrite, "WINE-38", RuleSourceKind.Implementation, "Wine 10: a completed connect records FD_WRITE with FD_CONNECT whatever the registration and mask (B8 for both), so a first WSAEventSelect with FD_WRITE signals it even after shutdown(SD_SEND) made the socket unwritable; a WSAAsyncSelect forgets it (B1 re-checks the level).", "traces/wine-10.0/fuzz/fuzz-45-shutdown-both-then-event-select-signals-write.jsonl (fuzz seed 3030 #631, #639); traces/wine-10.0/fuzz/fuzz-45-shutdown-send-then-event-select-signals-write.jsonl; server/sock.c sock_dispatch_events (SOCK_CONNECTING: CONNECT and WRITE)"),

        new(RuleId.DocConnectPostedWhileConnected, "DOC-1", RuleSourceKind.Seed, "Documentation: WSAAsyncSelect posts FD_CONNECT when a connection already exists, and connect posts it even when it succeeds at once.", $"{Seed000} FD_CONNECT summary; {Impl} D1"),
        new(RuleId.DocResetErrorConnReset, "DOC-2", RuleSourceKind.Seed, "Documentation: FD_CLOSE after a reset carries WSAECONNRESET.", $"{Seed000} FD_CLOSE"),
        new(RuleId.DocCloseAfterDrain, "DOC-3", RuleSourceKind.Seed, "Documentation: FD_CLOSE for a graceful close is posted only after all data has been read.", $"{Seed000} FD_CLOSE"),
        new(RuleId.DocAnySendReenablesWrite, "DOC-4", RuleSourceKind.Seed, "Documentation: every send-family call re-enables FD_WRITE, even a successful one.", $"{Seed000} re-enabling table; {Impl} D7"),
        new(RuleId.DocFailedCallsReenable, "DOC-5", RuleSourceKind.Seed, "Documentation: a re-enabling call re-enables even when it fails (recv with bad arguments, accept with WSAEWOULDBLOCK).", $"{Impl} §4 documentation, D8, D9"),
        new(RuleId.DocDatagramConnectPostsConnect, "DOC-6", RuleSourceKind.Seed, "Documentation: connect posts FD_CONNECT even when it succeeds at once, as for datagram sockets.", $"{Impl} D16"),
        new(RuleId.DocEventReregistrationRearmsAll, "DOC-7", RuleSourceKind.Seed, "Documentation: events persist, so a WSAEventSelect re-registration reports every selected condition that holds.", $"{Impl} D15"),
        new(RuleId.DocDatagramWriteAfterBind, "DOC-8", RuleSourceKind.Seed, "Documentation: a connectionless socket is writable (FD_WRITE) only after it is bound.", $"{Seed000} FD_WRITE summary"),
    ];

    private static readonly Rule[] s_byKey = BuildIndex();

    public static Rule Get(RuleId key) => s_byKey[(int)key];

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
