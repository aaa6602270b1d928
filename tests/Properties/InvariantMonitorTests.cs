using WinsockConformance.Model;

namespace WinsockConformance.Properties;

/// <summary>
/// The invariant monitor can fail: each invariant, fed a doctored last step (the model's own result
/// with one output changed), reports the rule it guards. Without these, a monitor that checks nothing
/// would pass the invariant property too.
/// </summary>
public sealed class InvariantMonitorTests
{
    private static readonly Input[] ConnectedAndRegistered =
    [
        new SocketCall("a", SocketKind.Stream),
        new AsyncSelectCall("a", "w", 1, NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Close | NetworkEvents.Connect),
        new ConnectCall("a", ConnectTarget.Peer),
        new PeerSend("a", 10),
    ];

    [Fact]
    public void The_model_itself_passes_the_monitor_on_these_prefixes()
    {
        Assert.Null(LastStep(ConnectedAndRegistered, new PeerSend("a", 5), r => r));
        Assert.Null(LastStep(ConnectedAndRegistered, new RecvCall("a", 5), r => r));
    }

    /// <summary>
    /// Found by model-only fuzzing (seed 42, scenario 1495): under wine-8 the latches survive WSAEventSelect
    /// re-registration, so a WSAEWOULDBLOCK before the registration still counts, and two enumerations each
    /// reporting FD_WRITE are allowed. The monitor used to forget that re-enabling call (and a registration
    /// counts as re-enabling everything anyway). Both enumerations are doctored to report FD_WRITE.
    /// </summary>
    [Fact]
    public void A_reenabling_call_before_a_reregistration_still_counts()
    {
        Input[] prefix =
        [
            new SocketCall("a", SocketKind.Stream), new ConnectCall("a", ConnectTarget.Peer),
            new EventSelectCall("a", "e1", NetworkEvents.Write), new SendCall("a", 0, Fill: true),
            new EventSelectCall("a", "e2", NetworkEvents.Write), new EnumNetworkEventsCall("a", "e2"), new PeerRead("a"),
        ];
        var monitor = new InvariantMonitor(Profiles.Wine8);
        var state = ModelState.Initial(Profiles.Wine8);
        var step = 0;
        foreach (var input in prefix.Append(new EnumNetworkEventsCall("a", "e2")))
        {
            var result = WinsockModel.Step(state, input);
            if (input is EnumNetworkEventsCall)
            {
                result = result with { Observation = result.Observation with { Enumerated = new EnumeratedEvents(NetworkEvents.Write, EquatableArray<BitError>.Empty) } };
            }

            Assert.Null(monitor.Observe(state, input, result, ++step));
            state = result.State;
        }
    }

    [Fact]
    public void A_message_with_two_bits_violates_A1() =>
        AssertViolates("(A1)", LastStep(ConnectedAndRegistered, new RecvCall("a", 5), r =>
            WithPosted(r, [new Notification("w", 1, Ref(r, "a"), NetworkEvents.Read | NetworkEvents.Write, WsaError.None)])));

    [Fact]
    public void A_message_after_closesocket_violates_F2() =>
        AssertViolates("FD_CLOSE after the socket's own closesocket", LastStep(ConnectedAndRegistered, new CloseSocketCall("a"), r =>
            WithPosted(r, [new Notification("w", 1, new SocketRef("a", 1), NetworkEvents.Close, WsaError.None)])));

    [Fact]
    public void A_message_after_a_mask_0_registration_violates_B7() =>
        AssertViolates("(B7)", LastStep(ConnectedAndRegistered, new AsyncSelectCall("a", "w", 1, NetworkEvents.None), r =>
            WithPosted(r, [new Notification("w", 1, Ref(r, "a"), NetworkEvents.Write, WsaError.None)])));

    [Fact]
    public void The_same_event_twice_without_a_reenabling_call_violates_D1() =>
        AssertViolates("(D1)", LastStep(ConnectedAndRegistered, new PeerSend("a", 5), r =>
            WithPosted(r, [new Notification("w", 1, Ref(r, "a"), NetworkEvents.Read, WsaError.None)])));

    [Fact]
    public void A_second_FD_CONNECT_for_one_attempt_violates_C7() =>
        AssertViolates("(C7: one-shot)", LastStep(ConnectedAndRegistered, new AsyncSelectCall("a", "w", 1, NetworkEvents.Connect), r =>
            WithPosted(r, [new Notification("w", 1, Ref(r, "a"), NetworkEvents.Connect, WsaError.None)])));

    [Fact]
    public void An_accepted_socket_without_the_listeners_registration_violates_E1()
    {
        Input[] listening =
        [
            new SocketCall("l", SocketKind.Stream), new BindCall("l"), new ListenCall("l"),
            new AsyncSelectCall("l", "w", 1, NetworkEvents.Accept | NetworkEvents.Read), new PeerConnect("l"),
        ];
        AssertViolates("(E1)", LastStep(listening, new AcceptCall("l", "c"), r =>
        {
            var open = r.State.Open.Select(s => s.Ref.Name == "c" ? s with { Registration = NoRegistration.Instance } : s);
            return r with { State = r.State with { Open = new EquatableArray<SocketState>([.. open]) } };
        }));
    }

    [Fact]
    public void FD_WRITE_before_FD_READ_in_one_step_violates_A2() =>
        AssertViolates("(A2)", LastStep(ConnectedAndRegistered, new AsyncSelectCall("a", "w", 1, NetworkEvents.Read | NetworkEvents.Write), r =>
            r with { Observation = r.Observation with { Posted = new EquatableArray<Notification>([.. r.Observation.Posted.Reverse()]) } }));

    [Fact]
    public void Delivering_other_than_the_queued_messages_violates_F1() =>
        AssertViolates("(F1)", LastStep(ConnectedAndRegistered, new GetMessagesCall("w"), r =>
            r with { Observation = r.Observation with { Delivered = new EquatableArray<Notification>([.. r.Observation.Delivered.Skip(1)]) } }));

    private static void AssertViolates(string rule, string? violation)
    {
        Assert.NotNull(violation);
        Assert.Contains(rule, violation, StringComparison.Ordinal);
    }

    private static SocketRef Ref(StepResult r, string name) => r.State.Find(name)!.Ref;

    private static StepResult WithPosted(StepResult r, Notification[] extra) =>
        r with { Observation = r.Observation with { Posted = new EquatableArray<Notification>([.. r.Observation.Posted, .. extra]) } };

    /// <summary>Runs the prefix through the monitor, then the last step with its result doctored; the violation, if any.</summary>
    private static string? LastStep(Input[] prefix, Input last, Func<StepResult, StepResult> doctor)
    {
        var monitor = new InvariantMonitor(Profiles.Windows);
        var state = ModelState.Initial(Profiles.Windows);
        var step = 0;
        foreach (var input in prefix)
        {
            var result = WinsockModel.Step(state, input);
            Assert.Null(monitor.Observe(state, input, result, ++step));
            state = result.State;
        }

        return monitor.Observe(state, last, doctor(WinsockModel.Step(state, last)), ++step);
    }
}
