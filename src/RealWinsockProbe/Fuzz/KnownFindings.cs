using WinsockConformance.Generation;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.RealWinsockProbe.Fuzz;

/// <summary>
/// A disagreement the fuzzer found, analysed and reported (.fuzz-findings.md) but which the profile (or the
/// harness, for an H-n finding) does not handle yet.
/// </summary>
/// <param name="Id">The finding's ID in .fuzz-findings.md.</param>
/// <param name="Avoid">The step that triggers it, in a state: generation leaves it out.</param>
/// <param name="Explains">Whether a divergence at a step (state before it, the step) is this finding.</param>
internal sealed record KnownFinding(string Id, string Summary, string Profile, Func<ModelState, Input, bool> Avoid, Func<ModelState, Input, Divergence, bool> Explains)
{
    /// <summary>A finding that shows at the very step that triggers it, in the given aspect.</summary>
    public static KnownFinding AtStep(string id, string summary, string profile, string aspect, Func<ModelState, Input, bool> situation) =>
        new(id, summary, profile, situation, (state, input, d) => situation(state, input) && d.Differences.Any(x => x.Aspect == aspect));
}

/// <summary>
/// The findings awaiting a profile switch (or a harness fix). While one is listed, the fuzzer (judging against
/// its profile) does not generate its trigger, a divergence it explains is reported as known rather than new,
/// and a shrink never slides into it. When the profile gains the switch, remove the entry: <c>fuzz --no-avoid</c>
/// shows whether anything still disagrees there.
/// </summary>
internal static class KnownFindings
{
    public static readonly IReadOnlyList<KnownFinding> All =
    [
        KnownFinding.AtStep("FUZZ-1", "recv family on an unbound UDP socket: Windows fails it with WSAEINVAL; Wine receives as usual (WSAEWOULDBLOCK when nonblocking, waits forever when blocking)",
            Wine8, "result", (state, input) => input is RecvCall r && Socket(state, r.Name) is { Kind: SocketKind.Datagram, Phase: SocketPhase.Unbound }),
        KnownFinding.AtStep("FUZZ-2", "send on a stream socket that never connected: the model says WSAENOTCONN; Wine says WSAECONNRESET (Linux send() gives EPIPE), as it does after a refused connect",
            Wine8, "result", (state, input) => input is SendCall s && Socket(state, s.Name) is { Kind: SocketKind.Stream, Phase: SocketPhase.Unbound or SocketPhase.Bound, ConnectFailed: false }),
        KnownFinding.AtStep("FUZZ-3", "listen on a socket whose connect was refused: the model says 0; Wine fails it with WSAEINVAL (the server's listen needs sock->bound, which only bind sets)",
            Wine8, "result", (state, input) => input is ListenCall l && Socket(state, l.Name) is { ConnectFailed: true }),
        KnownFinding.AtStep("FUZZ-4", "send without an address on an unconnected UDP socket: the model says WSAENOTCONN; Wine says WSAEINVAL (it binds implicitly, then Linux send() has no destination)",
            Wine8, "result", (state, input) => input is SendCall { IsSendTo: false } s && Socket(state, s.Name) is { Kind: SocketKind.Datagram, DatagramConnected: false }),
        new("FUZZ-5", "event mode: a recv erases an FD_READ recorded but not yet enumerated (Wine's recv_socket clears pending_events), so the next WSAEnumNetworkEvents lacks it",
            Wine8,
            (state, input) => input is RecvCall r && Socket(state, r.Name) is { InEventMode: true } s && (s.Pending & (NetworkEvents.Read | NetworkEvents.Oob)) != 0,
            (state, input, d) => input is EnumNetworkEventsCall && d.Differences.Any(x => x.Aspect == "enumerated")),
        KnownFinding.AtStep("FUZZ-6", "FIONREAD on a UDP socket with several datagrams queued: the model says their total; Wine says the size of the first (Linux semantics)",
            Wine8, "value", (state, input) => input is FionreadCall f && Socket(state, f.Name) is { Kind: SocketKind.Datagram } s && s.Datagrams.Count > 1),
        new("FUZZ-7", "a send to a peer that closed draws an RST; the model then drops the unread data, but under wine-8 (WINE-13) data received before an RST stays readable",
            Wine8,
            (state, input) => input is SendCall s && Socket(state, s.Name) is { Kind: SocketKind.Stream, Phase: SocketPhase.Connected } x && (x.Peer & PeerFlags.Closed) != 0 && (x.ReadableBytes > 0 || x.UrgentBytes > 0),
            (state, input, d) => input is RecvCall or FionreadCall && input.Socket is { } n && Socket(state, n) is { IsReset: true } && d.Differences.Any(x => x.Aspect is "result" or "value")),
        KnownFinding.AtStep("FUZZ-8", "send until WSAEWOULDBLOCK to a peer that closed: the model says WSAEWOULDBLOCK; the first sends succeed, the RST comes back and send fails with WSAECONNRESET",
            Wine8, "result", (state, input) => input is SendCall { Fill: true } s && Socket(state, s.Name) is { } x && (x.Peer & PeerFlags.Closed) != 0),
        new("FUZZ-9", "after the FD_CLOSE of the peer's FIN, an RST (drawn by a send to the closed peer, or peer.abort) makes Wine post (or signal) FD_CLOSE a second time; the model latches FD_CLOSE (C7)",
            Wine8,
            (state, input) => (input is SendCall s && ToClosedPeer(state, s.Name)) || (input is PeerAbort a && Socket(state, a.Name) is { PeerSentFin: true }),
            (state, input, d) => ((input is SendCall s && ToClosedPeer(state, s.Name)) || (input is PeerAbort a && Socket(state, a.Name) is { PeerSentFin: true }))
                && d.Differences.Any(x => x.Aspect is "posted" or "signaled")),
        new("FUZZ-10", "peer.close reads what it was sent before closing (so a FIN, not an RST, goes out), which frees the send space of a socket filled to WSAEWOULDBLOCK: Wine posts FD_WRITE; the model's peer.close frees nothing",
            Wine8,
            (state, input) => input is PeerClose c && Socket(state, c.Name) is { SendBlocked: true },
            (state, input, d) => input is PeerClose c && Socket(state, c.Name) is { SendBlocked: true } && d.Differences.Any(x => x.Aspect is "posted" or "signaled")),
        new("FUZZ-11", "the urgent mark splits the stream on Linux: FIONREAD counts only the bytes before it (SO_OOBINLINE off), and a recv (MSG_PEEK too) stops at it, even after recv(MSG_OOB) took the urgent byte, and with SO_OOBINLINE too; the model counts and reads all normal data at once",
            Wine8,
            (state, input) => (input is FionreadCall or RecvCall { Flags: RecvFlags.None or RecvFlags.Peek } && Socket(state, input.Socket!) is { UrgentBytes: > 0, OobInline: false })
                || (input is PeerSendUrgent u && Socket(state, u.Name) is { ReadableBytes: > 0 }),
            (state, input, d) => input is FionreadCall or RecvCall { Flags: RecvFlags.None or RecvFlags.Peek } && Socket(state, input.Socket!) is { IsStream: true, IsReset: false } s
                && (s.UrgentBytes > 0 || s.ReadableBytes > 0) && d.Differences.Any(x => x.Aspect is "value" or "result")),
        new("FUZZ-12", "once both directions are shut (the local shutdown(SD_SEND) and the peer's FIN, in either order) Linux reports POLLHUP: Wine posts FD_CLOSE at once (unread data or not, where wine-8 otherwise waits for the drain, WINE-6) and then stops polling the socket (sock_get_poll_events returns -1 once hangup and wr_shutdown), so a registration after it posts no FD_CLOSE",
            Wine8,
            (state, input) => BothDirectionsShut(state, input),
            (state, input, d) => BothDirectionsShut(state, input) && d.Differences.Any(x => x.Aspect is "posted" or "signaled")),
        new("FUZZ-15", "an unread urgent byte and then the peer's FIN: Wine has seen the hangup and no longer polls POLLPRI, so a re-registration re-posts FD_WRITE and FD_CLOSE but not FD_OOB",
            Wine8,
            (state, input) => input is AsyncSelectCall or EventSelectCall && input.Socket is { } n && Socket(state, n) is { UrgentBytes: > 0, PeerSentFin: true },
            (state, input, d) => input is AsyncSelectCall or EventSelectCall && input.Socket is { } n && Socket(state, n) is { UrgentBytes: > 0, PeerSentFin: true }
                && d.Differences.Any(x => x.Aspect is "posted" or "signaled" or "enumerated")),
        KnownFinding.AtStep("FUZZ-13", "recv family on a stream socket that never connected: the model says WSAENOTCONN; Wine queues the receive (WSAEWOULDBLOCK when nonblocking; blocking, it waits forever, as the server never polls an unconnected socket)",
            Wine8, "result", (state, input) => input is RecvCall { BadArguments: false } r && Socket(state, r.Name) is { Kind: SocketKind.Stream, Phase: SocketPhase.Unbound or SocketPhase.Bound }),
        new("FUZZ-14", "a normal recv that reads past the urgent mark (SO_OOBINLINE off) discards the urgent byte on Linux, so a later recv(MSG_OOB) fails with WSAEWOULDBLOCK/WSAEINVAL; the model keeps it",
            Wine8,
            (state, input) => input is RecvCall { Flags: RecvFlags.None or RecvFlags.Peek, BadArguments: false } r && Socket(state, r.Name) is { UrgentBytes: > 0, OobInline: false, ReadableBytes: > 0 },
            (state, input, d) => input is RecvCall { Flags: RecvFlags.Oob } r && Socket(state, r.Name) is { UrgentBytes: > 0 } && d.Differences.Any(x => x.Aspect == "result")),
        new("H-3", "harness: the loopback peer's sockets live in the probe's process, so a peer socket created after a closesocket can take the closed handle's value; a later call on the closed name then reaches the peer socket (WSAEWOULDBLOCK) instead of failing with WSAENOTSOCK",
            Wine8,
            (state, input) => input is CallInput && input.Socket is { } n && state.Find(n) is { IsLive: false } closed && state.StepCount > closed.ClosedAtStep + 1,
            (state, input, d) => input is CallInput && input.Socket is { } n && state.Find(n) is { IsLive: false } && d.Differences.Any(x => x.Aspect == "result")),
        new("H-2", "harness: after peer.shutdown(SD_RECEIVE) the peer cannot read on Linux (recv returns 0), so peer.read frees no send space (no FD_WRITE), and peer.close, closing with unread data, sends an RST instead of a FIN",
            Wine8,
            (state, input) => input is PeerRead or PeerClose && Socket(state, input.Socket!) is { } s && (s.Peer & PeerFlags.ShutReceive) != 0,
            (state, input, d) => input is PeerRead or PeerClose && Socket(state, input.Socket!) is { } s && (s.Peer & PeerFlags.ShutReceive) != 0),
        KnownFinding.AtStep("FUZZ-16", "a sendto that fails (WSAESHUTDOWN after shutdown SD_SEND) still binds an unbound UDP socket on Wine, so a later bind fails with WSAEINVAL; the model binds only on success",
            Wine8, "result", (state, input) => input is BindCall b && Socket(state, b.Name) is { Kind: SocketKind.Datagram, Phase: SocketPhase.Unbound } s && (s.LocalShutdown & ShutdownFlags.Send) != 0),
        new("FUZZ-17", "an RST after a send failed (FD_WRITE re-enabled, WINE-10): Wine posts FD_WRITE (Linux reports POLLOUT with the error) before FD_CLOSE; the model posts only FD_CLOSE",
            Wine8,
            (state, input) => input is PeerAbort a && Socket(state, a.Name) is { SendBlocked: true },
            (state, input, d) => input is PeerAbort a && Socket(state, a.Name) is { SendBlocked: true } && d.Differences.Any(x => x.Aspect is "posted" or "signaled" or "enumerated")),
        new("FUZZ-18", "after an RST, a registration posts nothing at all on Wine (the reset socket is not polled, WINE-8), not even FD_READ for the data still readable (WINE-13); the model posts FD_READ",
            Wine8,
            (state, input) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { IsReset: true },
            (state, input, d) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { IsReset: true } && d.Differences.Any(x => x.Aspect is "posted" or "signaled")),
        new("FUZZ-19", "FD_CLOSE while registered with WSAAsyncSelect without FD_CLOSE, then WSAEventSelect with FD_CLOSE: the model signals it (occurred, never delivered); Wine latched it as reported at the hangup, so nothing is signaled",
            Wine8,
            (state, input) => input is EventSelectCall e && Socket(state, e.Name) is { PeerSentFin: true, Registration: MessageRegistration },
            (state, input, d) => input is EventSelectCall e && Socket(state, e.Name) is { PeerSentFin: true, Registration: MessageRegistration } && d.Differences.Any(x => x.Aspect == "signaled")),
        new("FUZZ-20", "SO_OOBINLINE on, an urgent byte unread, then a registration with FD_OOB: Wine re-posts FD_OOB (Linux still reports POLLPRI, as at arrival: WINE-12); the model's registration does not",
            Wine8,
            (state, input) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { OobInline: true, ReadableBytes: > 0 },
            (state, input, d) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { OobInline: true } && d.Differences.Any(x => x.Aspect is "posted" or "signaled")),
        new("FUZZ-21", "WSAEnumNetworkEvents of one socket with another socket's event object resets that event; Wine sets it again at the other socket's next network event while a selected bit is still recorded there; the model does not",
            Wine8,
            (state, input) => input is EnumNetworkEventsCall { EventObject: { } e } c && (Socket(state, c.Name)?.Registration as EventRegistration)?.EventObject != e,
            (state, input, d) => input is NetworkInput && Socket(state, input.Socket!) is { InEventMode: true } && d.Differences.Any(x => x.Aspect == "signaled")
                && state.Sockets.Count(x => x.IsLive && x.InEventMode) > 1),
        KnownFinding.AtStep("H-1", "harness: send until WSAEWOULDBLOCK does not keep the send buffer full on Linux loopback (the kernel keeps moving data to the peer's growing receive buffer), so a later send succeeds without peer.read",
            Wine8, "result", (state, input) => input is SendCall { Fill: false } s && Socket(state, s.Name) is { SendBlocked: true }),
    ];

    private static string Wine8 => Profiles.Wine8.Name;

    private static SocketState? Socket(ModelState state, string name) => state.Find(name) is { IsLive: true } s ? s : null;

    /// <summary>The step shuts the second direction (or registers after both are shut): local SD_SEND and the peer's FIN.</summary>
    private static bool BothDirectionsShut(ModelState state, Input input) => input switch
    {
        PeerShutdown { How: ShutdownHow.Send } or PeerClose => Socket(state, input.Socket!) is { } s && (s.LocalShutdown & ShutdownFlags.Send) != 0,
        ShutdownCall { How: ShutdownHow.Send or ShutdownHow.Both } c => Socket(state, c.Name) is { PeerSentFin: true },
        AsyncSelectCall or EventSelectCall => Socket(state, input.Socket!) is { PeerSentFin: true } s && (s.LocalShutdown & ShutdownFlags.Send) != 0,
        _ => false,
    };

    private static bool ToClosedPeer(ModelState state, string name) =>
        Socket(state, name) is { Kind: SocketKind.Stream, Phase: SocketPhase.Connected } s && (s.Peer & PeerFlags.Closed) != 0;

    /// <summary>The findings that apply when judging against <paramref name="profile"/>.</summary>
    public static IReadOnlyList<KnownFinding> For(Profile profile) => [.. All.Where(f => f.Profile == profile.Name)];

    /// <summary>The known finding that explains the first divergence of <paramref name="scenario"/>, or null.</summary>
    public static KnownFinding? Explaining(IReadOnlyList<KnownFinding> findings, Scenario scenario, Profile profile, CheckReport report)
    {
        if (findings.Count == 0 || report.FirstDivergence is not { } divergence)
        {
            return null;
        }

        var state = ModelState.Initial(profile);
        for (var i = 0; i < divergence.Step - 1; i++)
        {
            state = WinsockModel.Step(state, scenario.Steps[i]).State;
        }

        var input = scenario.Steps[divergence.Step - 1];
        return findings.FirstOrDefault(f => f.Explains(state, input, divergence));
    }

    /// <summary>Generation that leaves every situation of <paramref name="findings"/> out.</summary>
    public static GenerationOptions Avoiding(GenerationOptions options, IReadOnlyList<KnownFinding> findings) =>
        findings.Count == 0 ? options : options with { Avoid = (state, input) => findings.Any(f => f.Avoid(state, input)) };
}
