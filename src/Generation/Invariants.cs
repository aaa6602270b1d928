using System.Numerics;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Generation;

/// <summary>
/// Invariants checked after every step (Hypothesis' @invariant). The monitor keeps its own record of
/// what the scenario's calls asked for (registrations, closes, re-enabling calls, the message queue),
/// independent of the model's state, and checks each step's observation against it. What it allows
/// is an upper bound: a profile that posts less (Wine dropping QoS bits, shutdown cancelling a
/// registration) stays within it.
/// <list type="bullet">
/// <item>A1: one FD bit per message. A2: FD_CONNECT and FD_READ before FD_WRITE within a step.</item>
/// <item>F2: nothing posted for a socket after its closesocket (so no FD_CLOSE); B7: nothing after a
/// mask-0 registration until the next registration; only selected bits, to the registered window/message.</item>
/// <item>E1, E2: an accepted socket has the listener's registration and options at accept time.</item>
/// <item>C7: FD_CONNECT (posted or enumerated) at most once per connect attempt, unless the profile makes it a level (DOC-1).</item>
/// <item>D1: no event delivered twice for a socket without a re-enabling call between (recv family for
/// FD_READ/FD_OOB, accept for FD_ACCEPT, send for FD_WRITE, connect for FD_CONNECT and, on UDP, FD_WRITE
/// (C10), the matching WSAIoctl or a further QoS change (Q1) for the QoS and change events, any registration;
/// under a profile with separate hang-up and reset latches (WINE-20), the RST for FD_CLOSE).</item>
/// <item>A3: WSAEnumNetworkEvents reports only selected bits and resets the event object it is given.</item>
/// <item>F1: getMessages returns exactly what was posted to its window and not yet retrieved, in order; F4: getMessage the first that passes its filters.</item>
/// </list>
/// </summary>
public sealed class InvariantMonitor(Profile profile)
{
    private readonly Dictionary<SocketRef, Registration> _registration = [];
    private readonly Dictionary<SocketRef, int> _closedAt = [];
    private readonly Dictionary<SocketRef, NetworkEvents> _postedSinceReenable = [];
    private readonly Dictionary<SocketRef, int> _connectReports = [];
    private readonly Dictionary<SocketRef, EventLatch> _eventLatches = [];
    private readonly List<Notification> _queue = [];

    private static readonly EventLatch NoLatch = new(NetworkEvents.None, NetworkEvents.None, NetworkEvents.None);

    /// <summary>
    /// Just after a registration: nothing reported yet, and everything counts as re-enabled since the last
    /// enumeration, so the first two enumerations after it may report the same bit. (Forgetting the record
    /// instead lost the re-enabling calls made before the registration: wine-8 keeps latches across
    /// re-registration, so send's WSAEWOULDBLOCK, then WSAEventSelect, then two enumerations each
    /// reporting FD_WRITE is correct, and the monitor flagged it; model-only fuzz seed 42, scenario 1495.)
    /// </summary>
    private static readonly EventLatch RegisteredLatch = new(NetworkEvents.None, NetworkEvents.None, NetworkEvents.All);

    /// <param name="LastReported">Bits the latest WSAEnumNetworkEvents of the socket reported.</param>
    /// <param name="ReenabledSincePrevious">Bits re-enabled since the enumeration before the latest one.</param>
    /// <param name="ReenabledSinceLast">Bits re-enabled since the latest enumeration.</param>
    private sealed record EventLatch(NetworkEvents LastReported, NetworkEvents ReenabledSincePrevious, NetworkEvents ReenabledSinceLast);

    /// <summary>The first violation in <paramref name="scenario"/> under <paramref name="profile"/>, or null.</summary>
    /// <param name="results">The model's results of the scenario under <paramref name="profile"/>.</param>
    public static string? FirstViolation(Scenario scenario, Profile profile, IReadOnlyList<StepResult> results)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(results);
        var monitor = new InvariantMonitor(profile);
        var state = ModelState.Initial(profile);
        for (var i = 0; i < scenario.Count; i++)
        {
            if (monitor.Observe(state, scenario.Steps[i], results[i], i + 1) is { } violation)
            {
                return violation;
            }

            state = results[i].State;
        }

        return null;
    }

    /// <summary>Checks one step; null when every invariant holds.</summary>
    public string? Observe(ModelState before, Input input, StepResult result, int step)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(input);
        var o = result.Observation;
        var where = $"step {step} ({Operations.Describe(input)})";
        if (Track(before, input, result) is { } inherited)
        {
            return $"{where}: {inherited}";
        }

        foreach (var n in o.Posted)
        {
            if (CheckPosted(n) is { } problem)
            {
                return $"{where}: posted {Text(n)}: {problem}";
            }
        }

        if (CheckOrder(o.Posted) is { } orderProblem)
        {
            return $"{where}: {orderProblem}";
        }

        if (input is EnumNetworkEventsCall e && o.Enumerated is { } en && before.Find(e.Name) is { IsLive: true } socket)
        {
            if (CheckEnumerated(socket.Ref, en.Events) is { } problem)
            {
                return $"{where}: enumerated {en}: {problem}";
            }

            if (e.EventObject is { } reset && o.Signaled.Contains(reset))
            {
                return $"{where}: WSAEnumNetworkEvents with event object {reset} must reset it, but it is still signaled (A3)";
            }
        }

        return CheckQueue(input, o) is { } queueProblem ? $"{where}: {queueProblem}" : null;
    }

    /// <summary>Updates the record from the step's input (before checking what it posted: a registration or re-enabling call may post at once).</summary>
    private string? Track(ModelState before, Input input, StepResult result)
    {
        var o = result.Observation;
        var s = input.Socket is { } name ? before.Find(name) : null;
        if (input is SocketCall create)
        {
            var created = result.State.Find(create.Name)!.Ref;
            _registration[created] = NoRegistration.Instance;
            return null;
        }

        if (input is NetworkChange { Kind: NetworkChangeKind.Qos or NetworkChangeKind.GroupQos } change && s is { IsLive: true })
        {
            // Q1: a further QoS change re-enables FD_QOS / FD_GROUP_QOS ("until the provider detects a further change").
            Reenable(s.Ref, change.Kind == NetworkChangeKind.Qos ? NetworkEvents.Qos : NetworkEvents.GroupQos);
            return null;
        }

        if (profile.ResetAfterFinClosesAgain && s is { IsLive: true, IsReset: false } && result.State.Find(s.Ref.Name) is { IsReset: true })
        {
            // WINE-20: the hang-up and the reset are separate latches, so an RST may post FD_CLOSE once more.
            Reenable(s.Ref, NetworkEvents.Close);
        }

        if (s is not { IsLive: true } || input is not CallInput || o.Error == WsaError.NotSocket)
        {
            return null;
        }

        var r = s.Ref;
        switch (input)
        {
            case AsyncSelectCall c:
                _registration[r] = new MessageRegistration(c.Window, c.Message, c.Mask);
                _postedSinceReenable[r] = NetworkEvents.None;
                _eventLatches[r] = RegisteredLatch;
                break;
            case EventSelectCall c:
                _registration[r] = new EventRegistration(c.EventObject, c.Mask);
                _postedSinceReenable[r] = NetworkEvents.None;
                _eventLatches[r] = RegisteredLatch;
                break;
            case CloseSocketCall:
                _closedAt[r] = result.State.StepCount;
                _registration.Remove(r);
                break;
            case AcceptCall c:
                Reenable(r, NetworkEvents.Accept);
                if (o.Return == 0 && o.Error == WsaError.None)
                {
                    var accepted = result.State.Find(c.NewName)!;
                    _registration[accepted.Ref] = Registered(r);
                    if (accepted.Registration != s.Registration)
                    {
                        return $"the accepted socket {accepted.Ref} has registration {accepted.Registration}, but the listener's was {s.Registration} at accept time (E1)";
                    }

                    // WINE-31: under Wine SO_OOBINLINE is the listener's as it was when this connection completed.
                    var inline = before.Profile.AcceptedInlineFixedAtConnect ? (s.PendingInlineBits & 1) != 0 : s.OobInline;
                    if (accepted.NonBlocking != s.NonBlocking || accepted.OobInline != inline)
                    {
                        return $"the accepted socket {accepted.Ref} did not inherit the listener's options (E2)";
                    }
                }

                break;
            case RecvCall c:
                Reenable(r, (c.Flags & RecvFlags.Oob) != 0 ? NetworkEvents.Oob : NetworkEvents.Read);
                break;
            case SendCall:
                Reenable(r, NetworkEvents.Write);
                break;
            case ConnectCall:
                // A datagram connect re-enables FD_WRITE (C10); a new attempt may report FD_CONNECT again.
                Reenable(r, s.Kind == SocketKind.Datagram ? NetworkEvents.Connect | NetworkEvents.Write : NetworkEvents.Connect);
                if (o.Error is not (WsaError.IsConnected or WsaError.InvalidArgument))
                {
                    _connectReports[r] = 0;
                }

                break;
            case IoctlCall c:
                Reenable(r, c.Code switch
                {
                    IoctlCode.GetQos => NetworkEvents.Qos,
                    IoctlCode.GetGroupQos => NetworkEvents.GroupQos,
                    IoctlCode.RoutingInterfaceChange => NetworkEvents.RoutingInterfaceChange,
                    IoctlCode.AddressListChange => NetworkEvents.AddressListChange,
                    _ => throw new System.Diagnostics.UnreachableException(c.Code.ToString()),
                });
                break;
            default:
                break;
        }

        return null;
    }

    private Registration Registered(SocketRef r) => _registration.GetValueOrDefault(r) ?? NoRegistration.Instance;

    private void Reenable(SocketRef r, NetworkEvents bits)
    {
        _postedSinceReenable[r] = _postedSinceReenable.GetValueOrDefault(r) & ~bits;
        var latch = _eventLatches.GetValueOrDefault(r) ?? NoLatch;
        _eventLatches[r] = latch with { ReenabledSincePrevious = latch.ReenabledSincePrevious | bits, ReenabledSinceLast = latch.ReenabledSinceLast | bits };
    }

    private string? CheckPosted(Notification n)
    {
        if (BitOperations.PopCount((uint)n.Event) != 1)
        {
            return "a message must carry exactly one FD_* bit (A1)";
        }

        if (_closedAt.TryGetValue(n.Socket, out var closedAt))
        {
            return n.Event == NetworkEvents.Close
                ? $"FD_CLOSE after the socket's own closesocket at step {closedAt} (F2)"
                : $"a new message for a socket closed at step {closedAt} (F2)";
        }

        switch (Registered(n.Socket))
        {
            case MessageRegistration { SelectedMask: NetworkEvents.None }:
                return "a new message after a mask-0 registration, with no registration since (B7)";
            case MessageRegistration m when m.Window != n.Window || m.Message != n.Message:
                return $"the socket is registered for {m.Window}/{m.Message}, not {n.Window}/{n.Message}";
            case MessageRegistration m when !m.SelectedMask.Has(n.Event):
                return $"{n.Event.NativeName()} is not selected ({m})";
            case MessageRegistration:
                break;
            case var other:
                return $"the socket is not registered with WSAAsyncSelect ({other})";
        }

        var posted = _postedSinceReenable.GetValueOrDefault(n.Socket);
        if (posted.Has(n.Event))
        {
            return $"{n.Event.NativeName()} was already posted for {n.Socket} and no re-enabling call (or registration) came in between (D1)";
        }

        _postedSinceReenable[n.Socket] = posted | n.Event;
        return n.Event == NetworkEvents.Connect ? CountConnect(n.Socket) : null;
    }

    private string? CheckEnumerated(SocketRef r, NetworkEvents events)
    {
        var mask = Registered(r).Mask;
        if ((events & ~mask) != 0)
        {
            return $"reports {NetworkEventNames.Format(events & ~mask)}, which the registration ({Registered(r)}) does not select";
        }

        // Event mode latches too (D1), but the latch is not observable: a bit reported by one enumeration
        // latched after the enumeration before it. So a bit reported by two enumerations in a row with no
        // re-enabling call (or registration) since the enumeration before the first of them is reported twice
        // for one latch.
        var latch = _eventLatches.GetValueOrDefault(r) ?? NoLatch;
        var twice = events & latch.LastReported & ~latch.ReenabledSincePrevious;
        if (twice != 0)
        {
            return $"{NetworkEventNames.Format(twice)} reported again for {r}, with no re-enabling call (or registration) since before the latch the previous enumeration reported (D1)";
        }

        _eventLatches[r] = new EventLatch(events, latch.ReenabledSinceLast, NetworkEvents.None);
        return events.Has(NetworkEvents.Connect) ? CountConnect(r) : null;
    }

    /// <summary>Within one step, for one socket: FD_CONNECT before FD_WRITE, FD_READ before FD_WRITE (A2).</summary>
    private static string? CheckOrder(EquatableArray<Notification> posted)
    {
        for (var i = 0; i < posted.Count; i++)
        {
            for (var j = i + 1; j < posted.Count; j++)
            {
                if (posted[i].Socket == posted[j].Socket && posted[i].Event == NetworkEvents.Write && posted[j].Event is NetworkEvents.Connect or NetworkEvents.Read)
                {
                    return $"FD_WRITE was posted before {posted[j].Event.NativeName()} for {posted[i].Socket} (A2)";
                }
            }
        }

        return null;
    }

    /// <summary>FD_CONNECT is reported at most once per connect attempt, unless the profile makes it a level (DOC-1).</summary>
    private string? CountConnect(SocketRef r)
    {
        var count = _connectReports.GetValueOrDefault(r) + 1;
        _connectReports[r] = count;
        return count > 1 && !profile.ConnectIsLevel
            ? $"FD_CONNECT reported {count} times for one connect attempt of {r} (C7: one-shot)"
            : null;
    }

    /// <summary>A message as text, even one with several bits (which <see cref="Notification.ToString"/> rejects).</summary>
    private static string Text(Notification n) =>
        $"{n.Window}/{n.Message} {n.Socket} {NetworkEventNames.Format(n.Event)}" + (n.Error == WsaError.None ? string.Empty : " " + n.Error.NativeName());

    /// <summary>
    /// getMessages retrieves exactly what was posted to that window and not yet retrieved, in posting order (F1);
    /// getMessage the first of those that passes its filters, left queued by PM_NOREMOVE (F4).
    /// </summary>
    private string? CheckQueue(Input input, Observation o)
    {
        _queue.AddRange(o.Posted);
        var expected = new List<Notification>();
        if (input is GetMessagesCall g)
        {
            expected = _queue.Where(m => m.Window == g.Window).ToList();
            _queue.RemoveAll(m => m.Window == g.Window);
        }
        else if (input is GetMessageCall one && _queue.FindIndex(m => one.Passes(m.Window, m.Message)) is var first and >= 0)
        {
            expected.Add(_queue[first]);
            if (one.Remove)
            {
                _queue.RemoveAt(first);
            }
        }

        if (!o.Delivered.SequenceEqual(expected))
        {
            return $"delivered [{string.Join(", ", o.Delivered.Select(Text))}], but the queue held [{string.Join(", ", expected.Select(Text))}] for that window (F1)";
        }

        return null;
    }
}
