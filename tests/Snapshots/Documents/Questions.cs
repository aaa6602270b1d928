namespace WinsockConformance.Snapshots;

/// <summary>
/// One question of docs/README.md, as people ask it (the ranking of what bites wrapper authors most comes first).
/// </summary>
/// <param name="Anchor">The question's anchor in docs/README.md.</param>
/// <param name="Title">The question.</param>
/// <param name="Symptoms">What people see when it bites them, as they would search for it.</param>
/// <param name="Answer">Two or three sentences.</param>
/// <param name="Profiles">What each profile does, in profile order (windows, wine-8, wine-10, documented). Profiles given the same text must behave the same in the first scenario (the index's test checks it against the model).</param>
/// <param name="Advice">What an application or a wrapper library should do.</param>
/// <param name="Scenarios">Catalogue keys (group-name) of the edge cases that show it; the first is the one the profile texts describe.</param>
/// <param name="Rules">The rule IDs behind the answer.</param>
public sealed record Question(
    string Anchor,
    string Title,
    string Symptoms,
    string Answer,
    IReadOnlyList<string> Profiles,
    string Advice,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Rules);

/// <summary>The questions in the order docs/README.md asks them.</summary>
public static class Questions
{
    public static readonly IReadOnlyList<Question> All =
    [
        new(
            "fd-close-before-data",
            "Does FD_CLOSE come before I have read all the data?",
            "the last bytes are lost at close; it works under Wine but not on Windows; FD_READ after FD_CLOSE",
            "On Windows, yes: FD_CLOSE is posted as soon as the peer's FIN arrives, even with data still unread, and FD_READ keeps coming for the rest; no second FD_CLOSE follows the drain. "
            + "Wine and Microsoft's documentation post FD_CLOSE only after the data has been read, so code that closes the socket in its FD_CLOSE handler loses the last bytes on Windows only.",
            [
                "FD_CLOSE at once, unread data or not; FD_READ keeps coming for the rest (G1)",
                "FD_CLOSE only once the data is drained and a recv re-armed FD_READ (WINE-6)",
                "FD_CLOSE only once the data is drained and a recv re-armed FD_READ (WINE-6)",
                "FD_CLOSE only after all data has been read (DOC-3)",
            ],
            "Drain on FD_CLOSE: call recv until it returns 0 (if it says WSAEWOULDBLOCK, keep handling FD_READ until recv returns 0), and only then call closesocket. Either order of the last FD_READ and FD_CLOSE can happen, so a wrapper must deliver all data before it reports the close. Test it under the `windows` profile (`./conformance simulate --all-profiles`): testing on Wine hides the bug.",
            ["close-fd-close-immediate-with-unread-data", "close-peer-sd-send-then-close-adds-nothing", "cancel-conditions-while-cancelled-posted-at-reregistration"],
            ["G1", "C7", "WINE-6", "DOC-3"]),
        new(
            "messages-after-close",
            "Can a message come after closesocket or WSAAsyncSelect(s, hWnd, 0, 0)? What if the handle is reused?",
            "a callback for a socket already closed; a message after cancelling; a new socket gets an old socket's FD_WRITE or FD_CLOSE",
            "Yes. Cancelling (mask 0) and closesocket stop new messages, but those already in the window's queue stay and are delivered, and your own closesocket posts no FD_CLOSE. "
            + "A new socket can take the closed socket's handle value while its messages are still queued, so an old message then names the new socket.",
            [
                "queued messages are delivered after closesocket or mask 0; a new socket takes the most recently freed handle value (X4, an assumption)",
                "queued messages are delivered after closesocket or mask 0; a new socket takes the lowest free handle value (WINE-32)",
                "queued messages are delivered after closesocket or mask 0; a new socket takes the lowest free handle value (WINE-32)",
                "queued messages may still arrive after cancelling or closing (F1)",
            ],
            "Before closesocket, cancel with WSAAsyncSelect(s, hWnd, 0, 0) and remove the socket's queued messages (PeekMessage with PM_REMOVE for your message number), or keep a generation per socket; in the handler, look up wParam and ignore sockets you closed. A wrapper must never dispatch a message to an object created after the message was posted.",
            ["close-reused-name-gets-stale-message", "close-closesocket-keeps-queued-messages", "cancel-mask-zero-keeps-queued-messages"],
            ["F1", "F2", "F3", "B7", "X4", "WINE-32"]),
        new(
            "fd-read-wouldblock",
            "I got FD_READ, but recv says WSAEWOULDBLOCK. Is that a bug?",
            "recv fails with WSAEWOULDBLOCK (10035) right after FD_READ; a spurious FD_READ; FIONREAD says 0 after FD_READ",
            "No, every stack does it. FD_READ is posted when data arrives and waits in the queue; if the data is read before the message is handled (by a recv loop, another handler, or a read after FIONREAD), the message is stale when it arrives. "
            + "Each re-registration also re-posts FD_READ for data still unread, so a second FD_READ for the same data is normal.",
            [
                "a stale FD_READ, then recv: WSAEWOULDBLOCK",
                "a stale FD_READ, then recv: WSAEWOULDBLOCK",
                "a stale FD_READ, then recv: WSAEWOULDBLOCK",
                "a stale FD_READ, then recv: WSAEWOULDBLOCK",
            ],
            "Treat WSAEWOULDBLOCK from recv after FD_READ as \"nothing now\": not an error, not the end of the stream (that is recv returning 0). Do not trust FIONREAD to decide whether to read.",
            ["message-fionread-race-stale-fd-read", "message-reregistration-reposts-unread-read", "accept-reregistration-reposts-pending-accept"],
            ["C1", "S5", "F1", "B1"]),
        new(
            "several-recv-per-fd-read",
            "How many times should I call recv per FD_READ?",
            "a flood of FD_READ messages; message-queue overflow on a fast network; one FD_READ for two datagrams or two for one",
            "Either once or until WSAEWOULDBLOCK. Each recv re-arms FD_READ, and if data remains FD_READ is posted again at once: one FD_READ for 100 bytes read 50 at a time is followed by a second, and none once drained. "
            + "MSG_PEEK re-arms it too, and a datagram socket posts FD_READ again while datagrams remain.",
            [
                "one recv per FD_READ: another FD_READ follows while data remains (C1, D2)",
                "one recv per FD_READ: another FD_READ follows while data remains (C1, D2)",
                "one recv per FD_READ: another FD_READ follows while data remains (C1, D2)",
                "one recv per FD_READ: another FD_READ follows while data remains (C1, D2)",
            ],
            "Pick one style. Either call recv once per FD_READ and let the next FD_READ bring you back, or read until WSAEWOULDBLOCK and expect the extra FD_READs that then find nothing. A wrapper should report one readiness per FD_READ it acts on, and never read in a loop after a peek-only handler (MSG_PEEK loops).",
            ["message-read-100-bytes-50-at-a-time", "message-msg-peek-reenables-read", "udp-datagram-recv-reposts-read"],
            ["C1", "D1", "D2", "S2", "S6"]),
        new(
            "fd-write-never-comes",
            "Why does FD_WRITE never come?",
            "the program waits forever to send; FD_WRITE only once after connect; send works but no FD_WRITE follows",
            "FD_WRITE comes after the connect (or accept) completes, and after that only when a send has failed with WSAEWOULDBLOCK and space returns. "
            + "A successful send neither consumes nor re-arms it, so code that waits for FD_WRITE before each send waits forever; Microsoft's page says every send re-arms it, which Windows does not do.",
            [
                "no FD_WRITE after a successful send (C6)",
                "no FD_WRITE after a successful send (C6)",
                "no FD_WRITE after a successful send (C6)",
                "FD_WRITE again after every send (DOC-4)",
            ],
            "Send until WSAEWOULDBLOCK (or until you have nothing to send), keep what did not fit, and wait for FD_WRITE only then. Treat FD_WRITE as \"you may send now\": a re-registration posts another, so the handler must be harmless with nothing queued. In event mode keep your own \"writable\" flag.",
            ["message-successful-send-does-not-reenable-write", "message-fd-write-after-wouldblock-and-peer-read", "message-fd-write-reposted-on-every-registration", "connect-unconnected-and-listening-get-no-write", "event-fd-write-signaled-once-per-socket"],
            ["C6", "S4", "B1", "B4", "DOC-4"]),
        new(
            "reregistration",
            "What does calling WSAAsyncSelect or WSAEventSelect again do?",
            "duplicate FD_READ/FD_WRITE/FD_CLOSE after re-registering; only the last event registered works; spurious FD_CONNECT callbacks; events lost after switching to WSAEventSelect",
            "Each call replaces the previous registration, mask and message number, whichever API made it. A WSAAsyncSelect then posts every selected condition that holds now (unread data, a pending connection, writability, a close), even ones already reported, but never FD_CONNECT again. "
            + "A WSAEventSelect does not signal conditions already enumerated, only new occurrences; Wine never signals those again either, and the documentation signals everything that holds.",
            [
                "WSAEventSelect again: the unread data is not signaled, new data is (B4)",
                "WSAEventSelect again: nothing is signaled, not even new data (WINE-1)",
                "WSAEventSelect again: nothing is signaled, not even new data (WINE-1)",
                "WSAEventSelect again: everything that holds is signaled at once (DOC-7)",
            ],
            "Register every event in one call and avoid re-registering to \"re-arm\". After a WSAAsyncSelect, expect duplicates of everything that holds; after a WSAEventSelect, poll the state yourself once (recv or accept until WSAEWOULDBLOCK). Keep your own \"connected\" state: re-adding FD_CONNECT never reports the connect again.",
            ["event-reregistration-reopens-latch", "message-reregistration-reposts-unread-read", "message-second-registration-replaces-first", "connect-reregistration-posts-write-not-connect", "cancel-conditions-while-cancelled-posted-at-reregistration"],
            ["B1", "B2", "B4", "B6", "B7", "WINE-1", "DOC-7"]),
        new(
            "accept-inheritance",
            "Is a socket returned by accept already registered?",
            "messages for a handle my code does not know yet; FD_WRITE for a socket just accepted; the accepted socket uses the listener's event object",
            "Yes. The accepted socket inherits the listener's registration (the same window and message number, or the same event object, and the same mask) and its options, such as SO_OOBINLINE and nonblocking mode. "
            + "With FD_WRITE selected it posts FD_WRITE at once, and FD_READ as data arrives, possibly before your code has recorded the new handle; it never gets FD_CONNECT.",
            [
                "inherits the registration; FD_WRITE at once, then FD_READ (E1)",
                "inherits the registration; FD_WRITE at once, then FD_READ (E1)",
                "inherits the registration; FD_WRITE at once, then FD_READ (E1)",
                "inherits the registration; FD_WRITE at once, then FD_READ (E1)",
            ],
            "Record the accepted handle before you dispatch further messages (or treat an unknown wParam as \"just accepted\" rather than dropping it), and call WSAAsyncSelect or WSAEventSelect on it at once if it needs its own mask or event object. Set options on the listener before connections arrive (Wine takes them when the connection completes).",
            ["accept-inherits-registration-message-mode", "event-inherits-registration-event-mode", "accept-inherits-oobinline", "connect-accepted-socket-never-gets-connect"],
            ["E1", "E2", "B2", "WINE-31"]),
        new(
            "fd-connect",
            "How are FD_CONNECT errors reported, and in what order with FD_WRITE?",
            "no FD_WRITE after a failed connect; FD_CONNECT with WSAECONNREFUSED (10061); no FD_CONNECT at all; FD_READ before FD_CONNECT is handled",
            "A nonblocking connect returns WSAEWOULDBLOCK; on success FD_CONNECT (error 0) is posted, then FD_WRITE, in that order. A failure posts FD_CONNECT with the error in its high word (WSAECONNREFUSED, WSAETIMEDOUT) and no FD_WRITE. "
            + "A connect that completed before FD_CONNECT was selected is never posted in message mode (event mode does signal it), and the documentation would post FD_CONNECT even for an existing connection.",
            [
                "FD_CONNECT, then FD_WRITE (G6)",
                "FD_CONNECT, then FD_WRITE (G6)",
                "FD_CONNECT, then FD_WRITE (G6)",
                "FD_CONNECT, then FD_WRITE (G6); also for a connection that already exists (DOC-1)",
            ],
            "Select FD_CONNECT before calling connect, check WSAGETSELECTERROR(lParam) on FD_CONNECT, and on an error close that socket and retry with a new one (do not send or recv on it: Wine and Windows answer differently). Never wait for FD_CONNECT on a socket that was connected before registering, or on an accepted one.",
            ["connect-connect-posts-connect-then-write", "connect-refused-connect-posts-econnrefused", "connect-connected-before-registration-write-only", "connect-connect-while-unselected-then-selected", "event-enum-reports-connect-error"],
            ["G5", "G6", "A2", "B2", "B8", "DOC-1"]),
        new(
            "event-vs-message-mode",
            "How does WSAEventSelect differ from WSAAsyncSelect?",
            "FD_CONNECT signaled in event mode but not posted in message mode; FD_CLOSE reported once; a second WSAEnumNetworkEvents returns nothing",
            "Event mode records bits until WSAEnumNetworkEvents returns and clears them (and resets the event object it is given); message mode posts one message per event. "
            + "Re-registration differs: message mode re-posts every condition that holds, event mode signals only new occurrences, so an enumerated FD_CLOSE or FD_WRITE is never reported again. Event mode also reports a connect that completed before registering, which message mode forgets.",
            [
                "one WSAEnumNetworkEvents returns and clears the bits and resets the event; a second returns nothing (A3)",
                "one WSAEnumNetworkEvents returns and clears the bits and resets the event; a second returns nothing (A3)",
                "one WSAEnumNetworkEvents returns and clears the bits and resets the event; a second returns nothing (A3)",
                "one WSAEnumNetworkEvents returns and clears the bits and resets the event; a second returns nothing (A3)",
            ],
            "In event mode call WSAEnumNetworkEvents once per wake-up, handle every bit it returns (errors are in iErrorCode, per bit), give each socket its own event object, and remember FD_CLOSE and writability yourself. When switching from WSAAsyncSelect to WSAEventSelect, keep handling the messages already queued and check the socket's state once.",
            ["event-enum-returns-clears-and-resets", "event-connected-before-registration-signals-connect", "event-close-not-resignaled-by-reregistration", "event-fd-write-signaled-once-per-socket", "event-switch-async-to-event"],
            ["A3", "B3", "B4", "B8", "X1"]),
        new(
            "fd-close-error",
            "What error does FD_CLOSE carry when the connection is reset?",
            "\"Asynchronous socket error 10053\"; FD_CLOSE with WSAECONNABORTED; FD_CLOSE with error 0 after a reset",
            "After a graceful close FD_CLOSE carries 0. After the peer resets the connection (an RST), Windows puts WSAECONNABORTED (10053) in FD_CLOSE's error word, although the documentation says WSAECONNRESET, and Wine 8 puts 0. "
            + "The following recv fails with WSAECONNRESET, except on Wine 8, which still returns what arrived before the reset and then 0.",
            [
                "FD_CLOSE WSAECONNABORTED; recv WSAECONNRESET (G4)",
                "FD_CLOSE with error 0; recv returns 0 (WINE-11, WINE-13)",
                "FD_CLOSE WSAECONNABORTED; recv WSAECONNRESET (G4)",
                "FD_CLOSE WSAECONNRESET (DOC-2)",
            ],
            "Treat any non-zero FD_CLOSE error as an abortive close and do not turn a particular code into a user-visible failure; expect 0 from Wine 8 too. Close the socket after FD_CLOSE with an error rather than re-registering it.",
            ["close-rst-gives-wsaeconnaborted", "close-reregistration-after-rst-reposts-close", "wine-10-rst-fionread-counts-unread"],
            ["G3", "G4", "DOC-2", "WINE-11", "WINE-13", "WINE-8"]),
        new(
            "what-differs-on-wine",
            "What differs on Wine?",
            "passes under Wine, fails on Windows (or the reverse); a Wine-only test failure",
            "Mostly timing and corner cases, each a named switch with a rule and the captures proving it. The ones that matter to everyday code: FD_CLOSE waits for the data to be drained (WINE-6), an event-mode re-registration never signals again (WINE-1), a reset socket is no longer watched so a re-registration posts nothing (WINE-8), and Wine 8's FD_CLOSE after a reset carries 0 (WINE-11). "
            + "Urgent data, shutdowns and resets have many more quirks, found by fuzzing and listed on [the Wine page](wine.md#quirks-found-by-fuzzing).",
            [
                "FD_CLOSE at once, unread data or not (G1)",
                "FD_CLOSE after the drain (WINE-6)",
                "FD_CLOSE after the drain (WINE-6)",
                "FD_CLOSE after the drain (DOC-3)",
            ],
            "Write to the behaviour every stack allows (drain on FD_CLOSE, send until WSAEWOULDBLOCK, expect stale and duplicate messages) and test under every profile: `./conformance simulate --all-profiles` runs your program against windows, wine-8, wine-10 and documented. A difference between your stack and Windows is worth a look in [wine-vs-windows.md](wine-vs-windows.md).",
            ["close-fd-close-immediate-with-unread-data", "event-reregistration-reopens-latch", "close-reregistration-after-rst-reposts-close", "close-rst-gives-wsaeconnaborted", "oob-two-urgent-bytes"],
            ["WINE-6", "WINE-1", "WINE-8", "WINE-11", "WINE-5"]),
    ];
}
