using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;

namespace WinsockConformance.Generation;

/// <summary>
/// Scenarios valid by construction: a walk over the model that, at each step, chooses among inputs
/// <see cref="Validation.Check"/> accepts in the current state (preconditions in the generator, as
/// Hypothesis advises over assume), weighted toward the situations the rules are about. Sockets are
/// named symbolically from a small pool, so names are reused after closesocket; shrinking deletes
/// steps and then drops every step that became impossible, so shrunk scenarios stay valid.
/// <see cref="GenerationOptions.Loopback"/> restricts the walk to what a live loopback probe can drive
/// (no net.* inputs, no connect that times out, no SIO_GET_GROUP_QOS) and to short scenarios, for the
/// differential fuzzer.
/// </summary>
public static class Generators
{
    public static readonly IReadOnlyList<string> SocketNames = ["a", "b", "c", "d"];

    public static readonly IReadOnlyList<string> EventObjects = ["e1", "e2"];

    public const string Window = "w";

    /// <summary>A second window, so messages for two windows interleave in the queue.</summary>
    public const string OtherWindow = "v";

    public const int MaxSteps = 60;

    private const NetworkEvents Basic =
        NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Oob | NetworkEvents.Accept | NetworkEvents.Connect | NetworkEvents.Close;

    /// <summary>Every kind of step (<see cref="KindOf"/>) the generator can produce; the coverage fact asserts each appears.</summary>
    public static readonly IReadOnlyList<string> AllKinds =
    [
        "socket stream", "socket dgram", "bind", "listen", "connect peer", "connect refused", "connect timeout", "accept",
        "recv", "recv MSG_PEEK", "recv MSG_OOB", "recv bad buffer", "send", "send fill", "shutdown", "closesocket",
        "setsockopt SO_OOBINLINE", "setsockopt SO_LINGER", "ioctlsocket FIONBIO", "ioctlsocket FIONREAD",
        "WSAAsyncSelect", "WSAAsyncSelect mask 0", "WSAEventSelect", "WSAEventSelect mask 0", "WSAEnumNetworkEvents",
        "WSAIoctl SIO_GET_QOS", "WSAIoctl SIO_GET_GROUP_QOS", "WSAIoctl SIO_ROUTING_INTERFACE_CHANGE", "WSAIoctl SIO_ADDRESS_LIST_CHANGE",
        "getMessages", "getMessage",
        "peer.connect", "peer.send", "peer.sendOob", "peer.shutdown SD_SEND", "peer.shutdown SD_RECEIVE", "peer.close", "peer.abort", "peer.read",
        "net.qosChange", "net.groupQosChange", "net.routingInterfaceChange", "net.addressListChange",
    ];

    /// <summary>Scenarios under a profile chosen uniformly from <see cref="Profiles.All"/>.</summary>
    public static Gen<Scenario> Scenario() => Gen.Elements(Profiles.All.ToArray()).SelectMany(p => ScenarioUnder(p));

    /// <summary>Scenarios valid under <paramref name="profile"/>; their length follows FsCheck's size unless the options fix a range.</summary>
    public static Gen<Scenario> ScenarioUnder(Profile profile, GenerationOptions? options = null)
    {
        options ??= GenerationOptions.Full;
        var length = options.MaxSteps is { } max
            ? Gen.Choose(Math.Min(options.MinSteps, max), max)
            : Gen.Sized(size => Gen.Choose(Math.Min(1 + (size / 4), MaxSteps), Math.Min(10 + (size / 2), MaxSteps)));
        return length
            .SelectMany(n => Walk(ModelState.Initial(profile), n, ImmutableList<Input>.Empty, options))
            .Select(steps => new Scenario(profile, new EquatableArray<Input>([.. steps])));
    }

    /// <summary>Loopback-only scenarios under <paramref name="profile"/>, with the step-deleting shrinker.</summary>
    public static Arbitrary<Scenario> LoopbackScenarios(Profile profile) => Arb.From(ScenarioUnder(profile, GenerationOptions.Loopback), Shrink);

    /// <summary>Whether a live loopback probe can drive <paramref name="input"/> (the inputs <see cref="GenerationOptions.LoopbackOnly"/> leaves out).</summary>
    public static bool LoopbackProducible(Input input) =>
        input is not (NetworkChange or ConnectCall { Target: ConnectTarget.TimedOut } or IoctlCall { Code: IoctlCode.GetGroupQos } or GetMessageCall);

    public static Arbitrary<Scenario> Scenarios() => Arb.From(Scenario(), Shrink);

    /// <summary>Scenarios with one step inserted at a point where it is possible; <see cref="Scenario.Inserted"/> marks it.</summary>
    public static Arbitrary<Scenario> ScenariosWithInsertion(Func<ModelState, IEnumerable<Input>> candidates) =>
        Arb.From(Scenario().SelectMany(s => Insert(s, candidates)), Shrink);

    /// <summary>Candidates for the FIONREAD metamorphic property: every socket name known at that point, live or closed.</summary>
    public static IEnumerable<Input> FionreadAnywhere(ModelState state) =>
        state.AllSockets.Select(s => s.Ref.Name).Distinct(StringComparer.Ordinal).Select(name => (Input)new FionreadCall(name));

    public static IEnumerable<Input> GetMessagesAnywhere(ModelState state) =>
        [new GetMessagesCall(Window), new GetMessagesCall(OtherWindow)];

    private static Gen<Scenario> Insert(Scenario s, Func<ModelState, IEnumerable<Input>> candidates)
    {
        var options = new List<(int Index, Input Input)>();
        var state = ModelState.Initial(s.Profile);
        for (var i = 0; i <= s.Count; i++)
        {
            foreach (var candidate in candidates(state))
            {
                if (Validation.Check(state, candidate) is null)
                {
                    options.Add((i, candidate));
                }
            }

            if (i < s.Count)
            {
                state = WinsockModel.Step(state, s.Steps[i]).State;
            }
        }

        return options.Count == 0
            ? Gen.Constant(s)
            : Gen.Elements(options.ToArray()).Select(o => s with
            {
                Steps = new EquatableArray<Input>([.. s.Steps.Take(o.Index), o.Input, .. s.Steps.Skip(o.Index)]),
                Inserted = o.Index,
            });
    }

    private static Gen<ImmutableList<Input>> Walk(ModelState state, int remaining, ImmutableList<Input> done, GenerationOptions options) =>
        remaining == 0
            ? Gen.Constant(done)
            : NextInput(state, options).SelectMany(input => Walk(WinsockModel.Step(state, input).State, remaining - 1, done.Add(input), options));

    /// <summary>One step possible in <paramref name="state"/>, weighted toward what the rules are about.</summary>
    public static Gen<Input> NextInput(ModelState state, GenerationOptions? generation = null)
    {
        generation ??= GenerationOptions.Full;
        var loopback = generation.LoopbackOnly;
        var options = new List<(int Weight, Func<Gen<Input>> Gen)>();

        // Parameters that do not affect validity (lengths, masks, API spellings) are generated;
        // the prototype stands for them in the validity check. In loopback mode the generated value is
        // filtered too, so nothing the live probe cannot drive comes out.
        // The generator of an option is built only if the option is drawn (building them all cost ~8 us a step).
        void AddGen(int weight, Input prototype, Func<Gen<Input>> gen)
        {
            if (weight > 0 && (!loopback || LoopbackProducible(prototype)) && generation.Avoid?.Invoke(state, prototype) != true
                && Validation.Check(state, prototype) is null)
            {
                var avoid = generation.Avoid;
                Func<Gen<Input>> filtered = loopback || avoid is not null
                    ? () => gen().Where(i => (!loopback || LoopbackProducible(i)) && avoid?.Invoke(state, i) != true)
                    : gen;
                options.Add((loopback ? LoopbackWeight(prototype, weight) : weight, filtered));
            }
        }

        void Add(int weight, Input input) => AddGen(weight, input, () => Gen.Constant(input));

        var live = state.Open.ToList();
        var free = live.Count >= generation.MaxSockets ? [] : SocketNames.Where(n => state.Find(n) is not { IsLive: true }).ToArray();
        if (free.Length > 0)
        {
            var weight = live.Count switch { 0 => 10, 1 => 4, 2 => 2, _ => 0 };
            AddGen(weight, new SocketCall(free[0], SocketKind.Stream),
                () => from name in Gen.Elements(free)
                from kind in Gen.Frequency((3, Gen.Constant(SocketKind.Stream)), (1, Gen.Constant(SocketKind.Datagram)))
                from api in Gen.Frequency((5, Gen.Constant("socket")), (1, Gen.Constant("WSASocket")))
                select (Input)new SocketCall(name, kind, api));
        }

        Add(state.Queue.Any(m => m.Window == Window) ? 5 : 1, new GetMessagesCall(Window));
        Add(state.Queue.Any(m => m.Window == OtherWindow) ? 3 : 1, new GetMessagesCall(OtherWindow));

        // One message at a time, as a wrapper's loop retrieves (format version 2; the live probe drives getMessages only):
        // any window or one, the whole range or one message number, and sometimes PeekMessage with PM_NOREMOVE.
        AddGen(state.Queue.Count > 0 ? 4 : 1, new GetMessageCall(),
            () => from window in Gen.Elements<string?>(null, null, Window, OtherWindow)
            from range in Gen.Elements((0, int.MaxValue), (0, int.MaxValue), (1, 1), (2, 2))
            from remove in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            select (Input)new GetMessageCall(window, range.Item1, range.Item2, remove));

        foreach (var s in live)
        {
            AddForSocket(state, s, free, Add, AddGen);
        }

        // Calls on a closed name (WSAENOTSOCK), while its handle cannot belong to a newer socket.
        foreach (var name in SocketNames)
        {
            if (state.Find(name) is { IsLive: false })
            {
                AddGen(1, new CloseSocketCall(name), () => Gen.Elements<Input>(
                    new CloseSocketCall(name), new RecvCall(name, 10), new AsyncSelectCall(name, Window, 1, Basic), new EnumNetworkEventsCall(name, null)));
            }
        }

        return Drawn(options);
    }

    /// <summary>Gen.Frequency over the options, building only the drawn option's generator.</summary>
    private static Gen<Input> Drawn(List<(int Weight, Func<Gen<Input>> Gen)> options)
    {
        var total = 0;
        foreach (var (weight, _) in options)
        {
            total += weight;
        }

        return Gen.Choose(0, total - 1).SelectMany(pick =>
        {
            foreach (var (weight, gen) in options)
            {
                if (pick < weight)
                {
                    return gen();
                }

                pick -= weight;
            }

            throw new System.Diagnostics.UnreachableException("a draw beyond the total weight");
        });
    }

    /// <summary>
    /// In loopback mode a scenario has at most 25 steps, so the walk leans toward the interleavings the
    /// rules are about: data and connections arriving (peer.send, peer.sendOob, peer.connect, peer.read),
    /// reads of every kind, accept, and send until WSAEWOULDBLOCK count triple; options, counts and the
    /// QoS/change ioctls (which Wine drops) count single; everything else double.
    /// </summary>
    private static int LoopbackWeight(Input prototype, int weight) => prototype switch
    {
        PeerSend or PeerSendUrgent or PeerConnect or PeerRead or AcceptCall or RecvCall or SendCall { Fill: true } => weight * 3,
        IoctlCall or FionreadCall => weight,
        _ => weight * 2,
    };

    private static void AddForSocket(ModelState state, SocketState s, string[] free, Action<int, Input> add, Action<int, Input, Func<Gen<Input>>> addGen)
    {
        var n = s.Ref.Name;
        var registered = s.Registration is not NoRegistration;

        // Registration changes, mask 0 included: early and often, but not crowding out the network.
        addGen(registered ? 2 : 8, new AsyncSelectCall(n, Window, 1, Basic),
            () => from target in Gen.Frequency((8, Gen.Constant((Window, 1))), (1, Gen.Constant((Window, 2))), (2, Gen.Constant((OtherWindow, 1))))
            from mask in Mask
            select (Input)new AsyncSelectCall(n, target.Item1, target.Item2, mask));
        add(1, new AsyncSelectCall(n, Window, 1, NetworkEvents.None));
        if (s.UrgentBytes > 0 && s.PeerSentFin)
        {
            // Urgent data left after the FIN: does a registration still post FD_OOB (WINE-19, WINE-25)?
            add(s.WineSawFin ? 10 : 4, new AsyncSelectCall(n, Window, 1, NetworkEvents.Read | NetworkEvents.Oob | NetworkEvents.Close));
        }

        addGen(registered ? 1 : 3, new EventSelectCall(n, EventObjects[0], Basic),
            () => from e in Gen.Elements(EventObjects.ToArray())
            from mask in Gen.Frequency((9, Mask), (1, Gen.Constant(NetworkEvents.None)))
            select (Input)new EventSelectCall(n, e, mask));
        if (s.Registration is EventRegistration er)
        {
            addGen(4, new EnumNetworkEventsCall(n, er.EventObject), () => Gen.Frequency(
                (4, Gen.Constant<Input>(new EnumNetworkEventsCall(n, er.EventObject))), (1, Gen.Constant<Input>(new EnumNetworkEventsCall(n, null)))));
        }

        // Enumerating with another socket's event object resets it under that socket's records; an RST then sets it again (WINE-28).
        if (s.Registration is EventRegistration mine && s.Phase == SocketPhase.Connected && (s.Pending & mine.SelectedMask) != 0
            && state.EventObjects.Any(o => o.Name == mine.EventObject && !o.Signaled))
        {
            add(6, new PeerAbort(n));
        }

        var own = (s.Registration as EventRegistration)?.EventObject;
        foreach (var o in state.EventObjects)
        {
            if (o.Name != own && o.Signaled && state.Open.Any(x => x.Registration is EventRegistration e && e.EventObject == o.Name))
            {
                add(5, new EnumNetworkEventsCall(n, o.Name));
            }
        }

        // Options and counts: always possible on a live socket.
        // SO_OOBINLINE may not change in one corner of WINE-24 (Validation says why): then it is only set as it is.
        var inlineToggles = Validation.Check(state, new SetOobInlineCall(n, !s.OobInline)) is null;
        addGen(2, new FionreadCall(n), () => Gen.Elements<Input>(
            new FionreadCall(n), new SetNonBlockingCall(n, true), new SetNonBlockingCall(n, false),
            new SetOobInlineCall(n, inlineToggles || s.OobInline), new SetOobInlineCall(n, !inlineToggles && s.OobInline),
            new SetLingerCall(n, true, 0), new SetLingerCall(n, false, 0), new SetLingerCall(n, true, 5)));
        add(state.Queue.Any(m => m.Socket == s.Ref) ? 4 : 1, new CloseSocketCall(n));

        // QoS and change notifications: rare, and the change-notification ioctls need a nonblocking socket.
        addGen(1, new IoctlCall(n, IoctlCode.GetQos), () => Gen.Elements<Input>(new IoctlCall(n, IoctlCode.GetQos), new IoctlCall(n, IoctlCode.GetGroupQos)));
        addGen(1, new IoctlCall(n, IoctlCode.RoutingInterfaceChange), () => Gen.Elements<Input>(
            new IoctlCall(n, IoctlCode.RoutingInterfaceChange), new IoctlCall(n, IoctlCode.AddressListChange)));
        addGen(1, new NetworkChange(n, NetworkChangeKind.Qos), () => Gen.Elements(
            Enum.GetValues<NetworkChangeKind>().Select(k => (Input)new NetworkChange(n, k)).ToArray()));

        if (s.Kind == SocketKind.Datagram)
        {
            AddForDatagram(s, add, addGen);
        }
        else
        {
            AddForStream(s, free, add, addGen);
        }
    }

    private static void AddForStream(SocketState s, string[] free, Action<int, Input> add, Action<int, Input, Func<Gen<Input>>> addGen)
    {
        var n = s.Ref.Name;
        Gen<Input> Connect() =>
            from target in Gen.Frequency((6, Gen.Constant(ConnectTarget.Peer)), (2, Gen.Constant(ConnectTarget.Refused)), (1, Gen.Constant(ConnectTarget.TimedOut)))
            from api in Gen.Frequency((5, Gen.Constant("connect")), (1, Gen.Constant("WSAConnect")))
            select (Input)new ConnectCall(n, target, api);
        switch (s.Phase)
        {
            case SocketPhase.Unbound:
                add(4, new BindCall(n));
                addGen(8, new ConnectCall(n, ConnectTarget.Peer), Connect);
                NotConnected(s, add);
                break;
            case SocketPhase.Bound:
                add(8, new ListenCall(n));
                addGen(4, new ConnectCall(n, ConnectTarget.Peer), Connect);
                NotConnected(s, add);
                break;
            case SocketPhase.Listening:
                add(s.PendingConnections < 3 ? 7 : 2, new PeerConnect(n));
                if (s.PendingConnections > 0)
                {
                    // An option changed between the connection and its accept (E2, WINE-31).
                    // SO_OOBINLINE before urgent data arrives (WINE-12); changes with a mark pending come from the options above.
        if (s.UrgentMark < 0)
        {
            add(1, new SetOobInlineCall(n, !s.OobInline));
        }

        add(1, new ListenCall(n));
                }

                if (free.Length > 0)
                {
                    addGen(s.PendingConnections > 0 ? 7 : 1, new AcceptCall(n, free[0]),
                        () => from name in Gen.Elements(free)
                        from api in Gen.Frequency((5, Gen.Constant("accept")), (1, Gen.Constant("WSAAccept")))
                        select (Input)new AcceptCall(n, name, api));
                }

                break;
            case SocketPhase.Connected:
                AddForConnection(s, add, addGen);
                break;
            case SocketPhase.Closed:
                break;
            default:
                throw new System.Diagnostics.UnreachableException(s.Phase.ToString());
        }
    }

    /// <summary>send and recv on a stream socket that is not connected (never, or after a refused connect): S8 and the stacks' differences there.</summary>
    private static void NotConnected(SocketState s, Action<int, Input> add)
    {
        add(1, new SendCall(s.Ref.Name, 10));
        add(1, new RecvCall(s.Ref.Name, 10));
    }

    private static void AddForConnection(SocketState s, Action<int, Input> add, Action<int, Input, Func<Gen<Input>>> addGen)
    {
        var n = s.Ref.Name;
        addGen(6, new PeerSend(n, 1), () => Gen.Elements(1, 20, 50, 100, 150).Select(len => (Input)new PeerSend(n, len)));
        add(2, new PeerSendUrgent(n));
        add(1, new SetOobInlineCall(n, !s.OobInline));
        add(s.UrgentBytes > 0 ? 4 : 2, new PeerShutdown(n, ShutdownHow.Send));
        add(1, new PeerShutdown(n, ShutdownHow.Receive));
        add(2, new PeerClose(n));
        add(1, new PeerAbort(n));
        add(s.SendBlocked ? 6 : 1, new PeerRead(n));

        addGen(s.ReadableBytes > 0 ? 7 : 2, new RecvCall(n, 50), () => from len in RecvLength from api in RecvApi select (Input)new RecvCall(n, len, Api: api));
        addGen(2, new RecvCall(n, 50, RecvFlags.Peek), () => from len in RecvLength select (Input)new RecvCall(n, len, RecvFlags.Peek));
        add(s.UrgentBytes > 0 ? 4 : 1, new RecvCall(n, 1, RecvFlags.Oob));
        add(1, new RecvCall(n, 50, BadArguments: true));
        addGen(3, new SendCall(n, 10), () => Gen.Elements(
            new SendCall(n, 10), new SendCall(n, 100), new SendCall(n, 10, Api: "WSASend")).Select(c => (Input)c));
        add(3, new SendCall(n, 0, Fill: true));
        addGen(1, new ShutdownCall(n, ShutdownHow.Send), () => Gen.Elements(
            Enum.GetValues<ShutdownHow>().Select(h => (Input)new ShutdownCall(n, h)).ToArray()));
        add(1, new ConnectCall(n, ConnectTarget.Peer));
    }

    private static void AddForDatagram(SocketState s, Action<int, Input> add, Action<int, Input, Func<Gen<Input>>> addGen)
    {
        var n = s.Ref.Name;
        if (s.Phase == SocketPhase.Unbound)
        {
            add(3, new BindCall(n));
        }

        add(s.DatagramConnected ? 1 : 2, new ConnectCall(n, ConnectTarget.Peer));
        addGen(5, new PeerSend(n, 20), () => Gen.Elements(1, 20, 100).Select(len => (Input)new PeerSend(n, len)));
        addGen(s.Datagrams.Count > 0 ? 6 : 2, new RecvCall(n, 50), () => from len in RecvLength from api in RecvApi select (Input)new RecvCall(n, len, Api: api));
        add(1, new RecvCall(n, 50, RecvFlags.Peek));
        addGen(3, new SendCall(n, 10, Api: "sendto"), () => Gen.Elements(
            new SendCall(n, 10, Api: "sendto"), new SendCall(n, 10, Api: "WSASendTo"), new SendCall(n, 10)).Select(c => (Input)c));
        add(1, new ShutdownCall(n, ShutdownHow.Send));
    }

    private static readonly Gen<int> RecvLength = Gen.Elements(1, 10, 50, 100, 1000);

    private static readonly Gen<string> RecvApi =
        Gen.Frequency((6, Gen.Constant("recv")), (1, Gen.Constant("recvfrom")), (1, Gen.Constant("WSARecv")), (1, Gen.Constant("WSARecvFrom")));

    /// <summary>Masks: the six classic bits together, a random non-empty subset of them, or any subset of all ten.</summary>
    private static readonly Gen<NetworkEvents> Mask = Gen.Frequency(
        (3, Gen.Constant(Basic)),
        (6, Gen.Choose(1, (int)Basic).Select(b => (NetworkEvents)b)),
        (1, Gen.Choose(1, (int)NetworkEvents.All).Select(b => (NetworkEvents)b)));

    /// <summary>
    /// Shrinks by deleting steps: chunks of half the scenario, then quarters, down to single steps.
    /// Every candidate is repaired (steps that became impossible are dropped, checking from the start)
    /// and keeps the inserted step, so candidates are valid scenarios of the same shape.
    /// </summary>
    public static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var n = scenario.Count;
        var seen = new HashSet<EquatableArray<Input>>();
        for (var chunk = n; chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start < n; start += chunk)
            {
                var keep = Enumerable.Range(0, n).Where(i => i < start || i >= start + chunk || i == scenario.Inserted);
                if (Repair(scenario, keep) is { } candidate && candidate.Count < n && seen.Add(candidate.Steps))
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>The steps at <paramref name="keep"/>, minus any that became impossible; null if the inserted step did.</summary>
    public static Scenario? Repair(Scenario scenario, IEnumerable<int> keep)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(keep);
        var state = ModelState.Initial(scenario.Profile);
        var steps = new List<Input>();
        int? inserted = null;
        foreach (var i in keep)
        {
            var input = scenario.Steps[i];
            if (Validation.Check(state, input) is not null)
            {
                if (i == scenario.Inserted)
                {
                    return null;
                }

                continue;
            }

            if (i == scenario.Inserted)
            {
                inserted = steps.Count;
            }

            steps.Add(input);
            state = WinsockModel.Step(state, input).State;
        }

        return scenario with { Steps = new EquatableArray<Input>([.. steps]), Inserted = inserted };
    }

    /// <summary>The kind of a step, for coverage and labels: the operation plus what makes it a different case.</summary>
    public static string KindOf(Input input) => input switch
    {
        SocketCall c => c.Kind == SocketKind.Stream ? "socket stream" : "socket dgram",
        ConnectCall c => c.Target switch
        {
            ConnectTarget.Peer => "connect peer",
            ConnectTarget.Refused => "connect refused",
            ConnectTarget.TimedOut => "connect timeout",
            _ => throw new System.Diagnostics.UnreachableException(c.Target.ToString()),
        },
        AcceptCall => "accept",
        RecvCall { BadArguments: true } => "recv bad buffer",
        RecvCall c when (c.Flags & RecvFlags.Oob) != 0 => "recv MSG_OOB",
        RecvCall c when (c.Flags & RecvFlags.Peek) != 0 => "recv MSG_PEEK",
        RecvCall => "recv",
        SendCall c => c.Fill ? "send fill" : "send",
        SetOobInlineCall => "setsockopt SO_OOBINLINE",
        SetLingerCall => "setsockopt SO_LINGER",
        SetNonBlockingCall => "ioctlsocket FIONBIO",
        FionreadCall => "ioctlsocket FIONREAD",
        AsyncSelectCall c => c.Mask == NetworkEvents.None ? "WSAAsyncSelect mask 0" : "WSAAsyncSelect",
        EventSelectCall c => c.Mask == NetworkEvents.None ? "WSAEventSelect mask 0" : "WSAEventSelect",
        IoctlCall c => "WSAIoctl " + Traces.StepFields.Code.NameOf(c.Code),
        PeerShutdown c => "peer.shutdown " + Traces.StepFields.How.NameOf(c.How),
        _ => input.Op,
    };
}
