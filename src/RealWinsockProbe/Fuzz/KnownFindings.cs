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
    /// <summary>Whether the divergence is this finding, also given the steps before it (for findings a state cannot show).</summary>
    public Func<IReadOnlyList<Input>, ModelState, Input, Divergence, bool>? ExplainsAfter { get; init; }

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
        new("FUZZ-17", "an RST after a send failed (FD_WRITE re-enabled, WINE-10): Wine posts FD_WRITE (Linux reports POLLOUT with the error) before FD_CLOSE; the model posts only FD_CLOSE",
            Wine8,
            (state, input) => input is PeerAbort a && Socket(state, a.Name) is { SendBlocked: true },
            (state, input, d) => input is PeerAbort a && Socket(state, a.Name) is { SendBlocked: true } && d.Differences.Any(x => x.Aspect is "posted" or "signaled" or "enumerated")),
        new("FUZZ-19", "FD_CLOSE while registered with WSAAsyncSelect without FD_CLOSE, then WSAEventSelect with FD_CLOSE: the model signals it (occurred, never delivered); Wine latched it as reported at the hangup, so nothing is signaled",
            Wine8,
            (state, input) => input is EventSelectCall e && Socket(state, e.Name) is { PeerSentFin: true, Registration: MessageRegistration },
            (state, input, d) => input is EventSelectCall e && Socket(state, e.Name) is { PeerSentFin: true, Registration: MessageRegistration } && d.Differences.Any(x => x.Aspect == "signaled")),
        new("FUZZ-20", "SO_OOBINLINE on, an urgent byte unread, then a registration with FD_OOB: Wine re-posts FD_OOB (Linux still reports POLLPRI, as at arrival: WINE-12); the model's registration does not",
            Wine8,
            (state, input) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { OobInline: true, ReadableBytes: > 0 },
            (state, input, d) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { OobInline: true } && d.Differences.Any(x => x.Aspect is "posted" or "signaled")),
        new("FUZZ-21", "WSAEnumNetworkEvents of one socket resets an event object another socket is registered with (its own, shared, or a foreign one); Wine sets it again at the other socket's next network event while a selected bit is still recorded there; the model does not",
            Wine8,
            (state, input) => input is EnumNetworkEventsCall { EventObject: { } e } c && (Socket(state, c.Name)?.Registration as EventRegistration)?.EventObject != e,
            (state, input, d) => input is NetworkInput && Socket(state, input.Socket!) is { InEventMode: true } && d.Differences.Any(x => x.Aspect == "signaled")
                && state.Open.Count(x => x.InEventMode) > 1)
        {
            ExplainsAfter = (prefix, state, input, d) => d.Differences.Any(x => x.Aspect == "signaled") && ForeignEventEnumerated(prefix),
        },
        new("FUZZ-26", "WINE-19 is too broad: an urgent byte, then the peer's FIN, then the first registration: Wine posts FD_OOB (it never polled the socket before, so it had not seen the hang-up); Wine stops watching urgent data only once it has seen the hang-up while registered",
            Wine8,
            (state, input) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { UrgentBytes: > 0, PeerSentFin: true },
            (state, input, d) => input is AsyncSelectCall or EventSelectCall && Socket(state, input.Socket!) is { UrgentBytes: > 0, PeerSentFin: true } && d.Differences.Any(x => x.Aspect is "posted" or "signaled" or "enumerated")),
        KnownFinding.AtStep("FUZZ-28", "recv(MSG_OOB) with SO_OOBINLINE on after shutdown(SD_RECEIVE): Wine says WSAEINVAL (the inline check comes first); the model says WSAESHUTDOWN (S9)",
            Wine8, "result", (state, input) => input is RecvCall { Flags: RecvFlags.Oob } r && Socket(state, r.Name) is { OobInline: true } x && (x.LocalShutdown & ShutdownFlags.Receive) != 0),
        new("H-4", "harness: the socket under test keeps Nagle on, so after two small sends the second waits for the peer's delayed ACK (about 40 ms on Linux); peer.close reads only until 2 ms of quiet, closes before it arrives, and the late data draws an RST the scenario does not mean",
            Wine8,
            (state, input) => false,
            (state, input, d) => false)
        {
            ExplainsAfter = (prefix, state, input, d) => input.Socket is { } n && SmallSendsThenPeerClose(prefix, n),
        },
        KnownFinding.AtStep("H-1", "harness: send until WSAEWOULDBLOCK does not keep the send buffer full on Linux loopback (the kernel keeps moving data to the peer's growing receive buffer), so a later send succeeds without peer.read, and a later peer.close, finding more data than its reads drained, sends an RST",
            Wine8, "result", (state, input) => input is SendCall { Fill: false } s && Socket(state, s.Name) is { SendBlocked: true }) with
        {
            // After a fill, peer.read does not drain what the socket keeps sending, so a later peer.close closes
            // with unread data: an RST (FD_CLOSE at once), not the FIN the scenario means.
            ExplainsAfter = (prefix, state, input, d) => input is PeerClose c && prefix.Any(p => p is SendCall { Fill: true } f && f.Name == c.Name)
                && d.Differences.Any(x => x.Aspect is "posted" or "signaled" or "enumerated"),
        },
    ];

    private static string Wine8 => Profiles.Wine8.Name;

    private static SocketState? Socket(ModelState state, string name) => state.Find(name) is { IsLive: true } s ? s : null;

    /// <summary>Some WSAEnumNetworkEvents in <paramref name="prefix"/> reset an event object that another socket was (also) registered with.</summary>
    private static bool ForeignEventEnumerated(IReadOnlyList<Input> prefix)
    {
        var registered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in prefix)
        {
            switch (step)
            {
                case EventSelectCall e:
                    registered[e.Name] = e.EventObject;
                    break;
                case AsyncSelectCall a:
                    registered.Remove(a.Name);
                    break;
                case AcceptCall a when registered.TryGetValue(a.Listener, out var inherited):
                    registered[a.NewName] = inherited;
                    break;
                case EnumNetworkEventsCall { EventObject: { } e } c
                    when !(registered.TryGetValue(c.Name, out var own) && own == e) || registered.Any(r => r.Key != c.Name && r.Value == e):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>peer.close of <paramref name="name"/> came after at least two plain sends on it since its last connect or accept.</summary>
    private static bool SmallSendsThenPeerClose(IReadOnlyList<Input> prefix, string name)
    {
        var sends = 0;
        foreach (var step in prefix)
        {
            switch (step)
            {
                case ConnectCall c when c.Name == name:
                case AcceptCall a when a.NewName == name:
                case SocketCall k when k.Name == name:
                    sends = 0;
                    break;
                case SendCall { Fill: false } s when s.Name == name:
                    sends++;
                    break;
                case PeerClose p when p.Name == name && sends >= 2:
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

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
        var prefix = scenario.Steps.Take(divergence.Step - 1).ToList();
        return findings.FirstOrDefault(f => f.Explains(state, input, divergence) || f.ExplainsAfter?.Invoke(prefix, state, input, divergence) == true);
    }

    /// <summary>Generation that leaves every situation of <paramref name="findings"/> out.</summary>
    public static GenerationOptions Avoiding(GenerationOptions options, IReadOnlyList<KnownFinding> findings) =>
        findings.Count == 0 ? options : options with { Avoid = (state, input) => findings.Any(f => f.Avoid(state, input)) };
}
