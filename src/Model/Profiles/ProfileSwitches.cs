namespace WinsockConformance.Model;

/// <summary>Where a profile switch acts: which part of the model reads it.</summary>
internal enum SwitchStage
{
    /// <summary>A call's rules (Rules/Calls).</summary>
    Calls,

    /// <summary>The re-enabling table (Rules/Calls/Reenabling.cs).</summary>
    Reenabling,

    /// <summary>What the peer's segments do to the socket (Rules/Network).</summary>
    Network,

    /// <summary>When a condition holds (Rules/Notification/Levels.cs).</summary>
    Levels,

    /// <summary>What the stack looks at: Notifier.Watch, as Wine's sock_get_poll_events.</summary>
    Watch,

    /// <summary>What is recorded: Notifier.Latch, as Wine's post_socket_event (called by sock_dispatch_events).</summary>
    Latch,

    /// <summary>Posting and signaling: Notifier.Deliver, as Wine's sock_wake_up.</summary>
    Delivery,
}

/// <summary>One value a switch can take: how it is written, and the rule it stands for (none when no rule is about it).</summary>
internal sealed record SwitchValue(string Text, RuleId? Rule);

/// <summary>
/// One profile switch: its name, what it controls, where it acts, and the rule each value stands for. The rules
/// are named here and nowhere else: model code that follows a switch cites <see cref="Rule"/> of the profile's value.
/// </summary>
internal abstract class ProfileSwitch
{
    private protected ProfileSwitch(string name, string controls, SwitchStage stage)
    {
        Name = name;
        Controls = controls;
        Stage = stage;
    }

    public string Name { get; }

    public string Controls { get; }

    public SwitchStage Stage { get; }

    /// <summary>Every value the switch has, in the order the documentation lists them (the Windows one first).</summary>
    public abstract IReadOnlyList<SwitchValue> Values { get; }

    /// <summary>The profile's value, as written in docs and reports.</summary>
    public abstract string Value(Profile profile);

    /// <summary>The rule the profile's value stands for, or null when none does.</summary>
    public abstract RuleId? Rule(Profile profile);

    public override string ToString() => Name;
}

/// <summary>A switch whose values are <typeparamref name="T"/>: the profile's value, and the rule of each value.</summary>
internal sealed class ProfileSwitch<T> : ProfileSwitch
    where T : struct
{
    private readonly Func<Profile, T> _read;
    private readonly T[] _keys;
    private readonly SwitchValue[] _values;
    private readonly Func<T, string> _text;

    internal ProfileSwitch(string name, string controls, SwitchStage stage, Func<Profile, T> read, Func<T, string> text, params (T Value, RuleId? Rule)[] values)
        : base(name, controls, stage)
    {
        _read = read;
        _text = text;
        _keys = [.. values.Select(v => v.Value)];
        _values = [.. values.Select(v => new SwitchValue(text(v.Value), v.Rule))];
    }

    public override IReadOnlyList<SwitchValue> Values => _values;

    /// <summary>The profile's value.</summary>
    public T Of(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return _read(profile);
    }

    public override string Value(Profile profile) => _text(Of(profile));

    public override RuleId? Rule(Profile profile) => RuleOf(Of(profile));

    /// <summary>The rule a value stands for, or null (also for a value the table does not list).</summary>
    public RuleId? RuleOf(T value)
    {
        for (var k = 0; k < _keys.Length; k++)
        {
            if (EqualityComparer<T>.Default.Equals(_keys[k], value))
            {
                return _values[k].Rule;
            }
        }

        return null;
    }

    /// <summary>One value of this switch, as a row of a table names it (Rules/Calls/Reenabling.cs).</summary>
    public SwitchCase Is(T value)
    {
        var read = _read;
        return new(Name, _text(value), RuleOf(value), p => EqualityComparer<T>.Default.Equals(read(p), value));
    }
}

/// <summary>A switch at one value: a profile variant of a table row.</summary>
/// <param name="Switch">The switch's name.</param>
/// <param name="Value">The value, as written.</param>
/// <param name="Rule">The rule that value stands for.</param>
/// <param name="Holds">Whether a profile has that value.</param>
internal sealed record SwitchCase(string Switch, string Value, RuleId? Rule, Func<Profile, bool> Holds)
{
    public override string ToString() => $"{Switch} = {Value}";
}

/// <summary>
/// The table of switches: every value's rule is named here once, and docs, reports and the profile snapshot
/// are generated from it. The order is where each acts, calls first, the notifier's sock.c stages last.
/// </summary>
internal static class ProfileSwitches
{
    // ---- Calls ----

    public static readonly ProfileSwitch<EventReregistration> EventReregistration = new(
        "EventReregistration", "what WSAEventSelect re-registration does to latched events", SwitchStage.Calls, p => p.EventReregistration, v => v.ToString(),
        (Model.EventReregistration.ReopenForNewOccurrences, RuleId.EventReregistrationReopensLatch),
        (Model.EventReregistration.KeepLatches, RuleId.WineEventReregistrationKeepsLatches),
        (Model.EventReregistration.RearmLevel, RuleId.DocEventReregistrationRearmsAll));

    public static readonly ProfileSwitch<bool> ConnectIsLevel = Flag(
        "ConnectIsLevel", "registration posts FD_CONNECT while a connection exists", SwitchStage.Calls, p => p.ConnectIsLevel,
        yes: RuleId.DocConnectPostedWhileConnected, no: RuleId.ConnectNeverPostedByRegistration);

    public static readonly ProfileSwitch<bool> QosAndChangeEventsDelivered = Flag(
        "QosAndChangeEventsDelivered", "FD_QOS, FD_GROUP_QOS and the change notifications are delivered", SwitchStage.Calls, p => p.QosAndChangeEventsDelivered,
        yes: RuleId.QosEdgeTriggered, no: RuleId.WineQosAndChangeEventsDropped);

    public static readonly ProfileSwitch<bool> ShutdownBothCancelsRegistration = Flag(
        "ShutdownBothCancelsRegistration", "shutdown(SD_BOTH) cancels the registration", SwitchStage.Calls, p => p.ShutdownBothCancelsRegistration,
        yes: RuleId.WineShutdownBothCancels, no: RuleId.CloseNotFromLocalShutdown);

    public static readonly ProfileSwitch<bool> RecvAfterResetReadsRest = Flag(
        "RecvAfterResetReadsRest", "recv after an RST reads what arrived before it, then 0", SwitchStage.Calls, p => p.RecvAfterResetReadsRest,
        yes: RuleId.WineRecvAfterResetReadsRest, no: RuleId.RecvResult);

    public static readonly ProfileSwitch<WsaError> SendAfterFailedConnectError = Error(
        "SendAfterFailedConnectError", "the error of send after a refused connect", SwitchStage.Calls, p => p.SendAfterFailedConnectError,
        (WsaError.NotConnected, RuleId.SendAfterFailedConnectNotConnected),
        (WsaError.ConnectionReset, RuleId.WineSendAfterRefusedConnectReset));

    public static readonly ProfileSwitch<bool> NeverConnectedSendLikeFailedConnect = Flag(
        "NeverConnectedSendLikeFailedConnect", "send on a never-connected stream socket fails like after a refused connect", SwitchStage.Calls, p => p.NeverConnectedSendLikeFailedConnect,
        yes: RuleId.WineSendAfterRefusedConnectReset, no: RuleId.NotConnected);

    public static readonly ProfileSwitch<WsaError> UnconnectedDatagramSendError = Error(
        "UnconnectedDatagramSendError", "the error of send without an address on an unconnected UDP socket", SwitchStage.Calls, p => p.UnconnectedDatagramSendError,
        (WsaError.NotConnected, RuleId.NotConnected),
        (WsaError.InvalidArgument, RuleId.WineUnconnectedDatagramSendInvalid));

    public static readonly ProfileSwitch<bool> FionreadFirstDatagramOnly = Flag(
        "FionreadFirstDatagramOnly", "FIONREAD on UDP reports the next datagram only", SwitchStage.Calls, p => p.FionreadFirstDatagramOnly,
        yes: RuleId.WineFionreadFirstDatagram, no: RuleId.FionreadCountsBytes);

    public static readonly ProfileSwitch<bool> RecvOnUnconnectedWaits = Flag(
        "RecvOnUnconnectedWaits", "recv on a never-connected or unbound socket waits instead of failing", SwitchStage.Calls, p => p.RecvOnUnconnectedWaits,
        yes: RuleId.WineRecvUnconnectedWaits, no: RuleId.NotConnected);

    public static readonly ProfileSwitch<bool> ListenNeedsExplicitBind = Flag(
        "ListenNeedsExplicitBind", "listen needs an explicit bind", SwitchStage.Calls, p => p.ListenNeedsExplicitBind,
        yes: RuleId.WineListenNeedsExplicitBind, no: RuleId.ListenAfterImplicitBind);

    public static readonly ProfileSwitch<bool> RecvAfterFailedConnectReturnsZero = Flag(
        "RecvAfterFailedConnectReturnsZero", "recv after a refused connect returns 0", SwitchStage.Calls, p => p.RecvAfterFailedConnectReturnsZero,
        yes: RuleId.WineRecvAfterRefusedConnectZero, no: RuleId.NotConnected);

    public static readonly ProfileSwitch<bool> InlineOobRecvFailsEarly = Flag(
        "InlineOobRecvFailsEarly", "recv(MSG_OOB) with SO_OOBINLINE fails before the shutdown check and re-enables nothing", SwitchStage.Calls, p => p.InlineOobRecvFailsEarly,
        yes: RuleId.WineInlineOobRecvFailsEarly, no: RuleId.RecvOobWithInlineInvalid);

    public static readonly ProfileSwitch<bool> AcceptedInlineFixedAtConnect = Flag(
        "AcceptedInlineFixedAtConnect", "an accepted socket has SO_OOBINLINE as the listener had it when the peer connected", SwitchStage.Calls, p => p.AcceptedInlineFixedAtConnect,
        yes: RuleId.WineAcceptedInlineFixedAtConnect, no: RuleId.AcceptInheritsOptions);

    public static readonly ProfileSwitch<bool> ReusesLowestFreeHandle = Flag(
        "ReusesLowestFreeHandle", "a new socket takes the lowest free handle value (not the last freed one)", SwitchStage.Calls, p => p.ReusesLowestFreeHandle,
        yes: RuleId.WineReusesLowestFreeHandle, no: RuleId.HandleReusedLastFreedFirst);

    public static readonly ProfileSwitch<bool> DatagramSendBindsFirst = Flag(
        "DatagramSendBindsFirst", "send on UDP binds first, then checks shutdown before the address", SwitchStage.Calls, p => p.DatagramSendBindsFirst,
        yes: RuleId.WineDatagramSendBindsFirst, no: RuleId.NotConnected);

    public static readonly ProfileSwitch<bool> EventSelectDropsMessageRecords = Flag(
        "EventSelectDropsMessageRecords", "WSAEventSelect after WSAAsyncSelect drops what message mode recorded and did not post", SwitchStage.Calls, p => p.EventSelectDropsMessageRecords,
        yes: RuleId.WineEventSelectDropsMessageRecords, no: RuleId.EventRegistrationSignalsRecorded);

    // ---- The re-enabling table's variants ----

    public static readonly ProfileSwitch<WriteReenable> WriteReenable = new(
        "WriteReenable", "which send calls re-enable FD_WRITE", SwitchStage.Reenabling, p => p.WriteReenable, v => v.ToString(),
        (Model.WriteReenable.WouldBlockOnly, RuleId.WouldBlockReenablesWrite),
        (Model.WriteReenable.AnyFailure, RuleId.WineAnyFailedSendReenablesWrite),
        (Model.WriteReenable.AnyCall, RuleId.DocAnySendReenablesWrite));

    public static readonly ProfileSwitch<FailedRecvReenables> FailedRecvReenables = new(
        "FailedRecvReenables", "whether a recv failing its argument checks (WSAEFAULT) re-enables FD_READ", SwitchStage.Reenabling, p => p.FailedRecvReenables, v => v.ToString(),
        (Model.FailedRecvReenables.MessageModeOnly, RuleId.FailedRecvReenablesRead),
        (Model.FailedRecvReenables.Never, RuleId.WineFailedRecvNoReenable),
        (Model.FailedRecvReenables.BothModes, RuleId.DocFailedCallsReenable));

    public static readonly ProfileSwitch<bool> FailedAcceptReenables = Flag(
        "FailedAcceptReenables", "an accept failing with WSAEWOULDBLOCK re-enables FD_ACCEPT", SwitchStage.Reenabling, p => p.FailedAcceptReenables,
        yes: RuleId.DocFailedCallsReenable, no: RuleId.FailedAcceptDoesNotReenable);

    public static readonly ProfileSwitch<DatagramConnectEffect> DatagramConnect = new(
        "DatagramConnect", "what connect() on UDP posts", SwitchStage.Reenabling, p => p.DatagramConnect, v => v.ToString(),
        (DatagramConnectEffect.RearmWrite, RuleId.DatagramConnectRearmsWrite),
        (DatagramConnectEffect.Nothing, RuleId.WineDatagramConnectChangesNothing),
        (DatagramConnectEffect.ConnectAndWrite, RuleId.DocDatagramConnectPostsConnect));

    public static readonly ProfileSwitch<bool> ReenableClearsRecorded = Flag(
        "ReenableClearsRecorded", "a re-enabling call erases the recorded, not yet enumerated bit", SwitchStage.Reenabling, p => p.ReenableClearsRecorded,
        yes: RuleId.WineReenableClearsRecorded, no: RuleId.EventBitsAccumulate);

    // ---- Network ----

    public static readonly ProfileSwitch<bool> KeepsSeveralUrgentBytes = Flag(
        "KeepsSeveralUrgentBytes", "several urgent bytes can be queued", SwitchStage.Network, p => p.KeepsSeveralUrgentBytes,
        yes: RuleId.UrgentBytesQueue, no: RuleId.WineSingleUrgentByte);

    public static readonly ProfileSwitch<bool> InlineUrgentAlsoSignalsOob = Flag(
        "InlineUrgentAlsoSignalsOob", "with SO_OOBINLINE an urgent byte also posts FD_OOB", SwitchStage.Network, p => p.InlineUrgentAlsoSignalsOob,
        yes: RuleId.WineInlineUrgentAlsoPostsOob, no: RuleId.RecvOobWithInlineInvalid);

    public static readonly ProfileSwitch<bool> UrgentMarkSplitsStream = Flag(
        "UrgentMarkSplitsStream", "the urgent mark splits reads and FIONREAD; reading past it drops the urgent byte", SwitchStage.Network, p => p.UrgentMarkSplitsStream,
        yes: RuleId.WineUrgentMarkSplitsStream, no: RuleId.UrgentBytesQueue);

    public static readonly ProfileSwitch<bool> BothDirectionsShutHangsUp = Flag(
        "BothDirectionsShutHangsUp", "once both directions are shut, FD_CLOSE comes at once and nothing more", SwitchStage.Network, p => p.BothDirectionsShutHangsUp,
        yes: RuleId.WineBothDirectionsShutHangsUp, no: RuleId.CloseNotFromLocalShutdown);

    public static readonly ProfileSwitch<bool> ResetReportsArmedWrite = Flag(
        "ResetReportsArmedWrite", "an RST also posts a re-enabled FD_WRITE", SwitchStage.Network, p => p.ResetReportsArmedWrite,
        yes: RuleId.WineResetReportsArmedWrite, no: null);

    public static readonly ProfileSwitch<bool> FionreadCountsAfterReset = Flag(
        "FionreadCountsAfterReset", "after an RST FIONREAD still counts the unread bytes (recv fails)", SwitchStage.Network, p => p.FionreadCountsAfterReset,
        yes: RuleId.WineFionreadCountsAfterReset, no: RuleId.FionreadCountsBytes);

    public static readonly ProfileSwitch<bool> ResetUnseenAfterHangup = Flag(
        "ResetUnseenAfterHangup", "an RST after both directions are shut is never seen: recv reads the rest, then 0", SwitchStage.Network, p => p.ResetUnseenAfterHangup,
        yes: RuleId.WineResetUnseenAfterHangup, no: RuleId.RecvResult);

    // ---- Levels ----

    public static readonly ProfileSwitch<CloseTiming> CloseTiming = new(
        "CloseTiming", "when FD_CLOSE follows the peer's FIN", SwitchStage.Levels, p => p.CloseTiming, v => v.ToString(),
        (Model.CloseTiming.Immediately, RuleId.CloseOnPeerFinImmediately),
        (Model.CloseTiming.AfterDrain, RuleId.DocCloseAfterDrain),
        (Model.CloseTiming.AfterDrainAndReadRearmed, RuleId.WineCloseAfterDrain));

    public static readonly ProfileSwitch<WsaError> ResetCloseError = Error(
        "ResetCloseError", "the error word of FD_CLOSE after an RST", SwitchStage.Levels, p => p.ResetCloseError,
        (WsaError.ConnectionAborted, RuleId.CloseResetError),
        (WsaError.ConnectionReset, RuleId.DocResetErrorConnReset),
        (WsaError.None, RuleId.WineResetCloseErrorZero));

    public static readonly ProfileSwitch<UnboundDatagramWrite> UnboundDatagramWrite = new(
        "UnboundDatagramWrite", "whether an unbound UDP socket gets FD_WRITE", SwitchStage.Levels, p => p.UnboundDatagramWrite, v => v.ToString(),
        (Model.UnboundDatagramWrite.MessageModeOnly, RuleId.UnboundDatagramWrite),
        (Model.UnboundDatagramWrite.BothModes, RuleId.WineUnboundDatagramSignalsWrite),
        (Model.UnboundDatagramWrite.AfterBind, RuleId.DocDatagramWriteAfterBind));

    // ---- Watch (sock_get_poll_events) ----

    public static readonly ProfileSwitch<bool> ResetSocketUnwatched = Flag(
        "ResetSocketUnwatched", "a reset socket posts nothing more, even on re-registration", SwitchStage.Watch, p => p.ResetSocketUnwatched,
        yes: RuleId.WineResetSocketUnwatched, no: RuleId.MessageRegistrationRearmsAll);

    public static readonly ProfileSwitch<bool> HangupStopsUrgentWatch = Flag(
        "HangupStopsUrgentWatch", "after the peer's FIN urgent data is no longer watched", SwitchStage.Watch, p => p.HangupStopsUrgentWatch,
        yes: RuleId.WineHangupStopsUrgent, no: RuleId.MessageRegistrationRearmsAll);

    public static readonly ProfileSwitch<bool> ResetAfterFinClosesAgain = Flag(
        "ResetAfterFinClosesAgain", "an RST after the FIN posts FD_CLOSE again", SwitchStage.Watch, p => p.ResetAfterFinClosesAgain,
        yes: RuleId.WineResetAfterFinClosesAgain, no: RuleId.ConnectAndCloseNeverReenabled);

    // ---- Latch (post_socket_event) ----

    public static readonly ProfileSwitch<bool> HangupLatchedWhenUnselected = Flag(
        "HangupLatchedWhenUnselected", "the hang-up seen while watching readability latches an unselected FD_CLOSE", SwitchStage.Latch, p => p.HangupLatchedWhenUnselected,
        yes: RuleId.WineHangupLatchedWhenUnselected, no: null);

    public static readonly ProfileSwitch<bool> ResetRecordedWhateverTheMask = Flag(
        "ResetRecordedWhateverTheMask", "an RST is recorded as FD_CLOSE while unregistered or unselected (signaled by a later WSAEventSelect)", SwitchStage.Latch, p => p.ResetRecordedWhateverTheMask,
        yes: RuleId.WineResetRecordedWhateverTheMask, no: null);

    public static readonly ProfileSwitch<bool> ResetRecordsWrite = Flag(
        "ResetRecordsWrite", "an RST records an unreported FD_WRITE with FD_CLOSE, whatever the mask", SwitchStage.Latch, p => p.ResetRecordsWrite,
        yes: RuleId.WineResetRecordsWrite, no: null);

    public static readonly ProfileSwitch<bool> ConnectRecordsWrite = Flag(
        "ConnectRecordsWrite", "a completed connect records FD_WRITE with FD_CONNECT, whatever the mask", SwitchStage.Latch, p => p.ConnectRecordsWrite,
        yes: RuleId.WineConnectRecordsWrite, no: RuleId.ConnectRecordedWhileUnselected);

    // ---- Delivery (sock_wake_up) ----

    public static readonly ProfileSwitch<bool> WakeUpResignalsRecorded = Flag(
        "WakeUpResignalsRecorded", "a hang-up or RST sets the event again while a selected event is recorded", SwitchStage.Delivery, p => p.WakeUpResignalsRecorded,
        yes: RuleId.WineWakeUpResignalsRecorded, no: RuleId.EventBitsAccumulate);

    public static readonly IReadOnlyList<ProfileSwitch> All =
    [
        EventReregistration, ConnectIsLevel, QosAndChangeEventsDelivered, ShutdownBothCancelsRegistration, RecvAfterResetReadsRest,
        SendAfterFailedConnectError, NeverConnectedSendLikeFailedConnect, UnconnectedDatagramSendError, FionreadFirstDatagramOnly,
        RecvOnUnconnectedWaits, ListenNeedsExplicitBind, RecvAfterFailedConnectReturnsZero, InlineOobRecvFailsEarly,
        AcceptedInlineFixedAtConnect, ReusesLowestFreeHandle, DatagramSendBindsFirst, EventSelectDropsMessageRecords,
        WriteReenable, FailedRecvReenables, FailedAcceptReenables, DatagramConnect, ReenableClearsRecorded,
        KeepsSeveralUrgentBytes, InlineUrgentAlsoSignalsOob, UrgentMarkSplitsStream, BothDirectionsShutHangsUp, ResetReportsArmedWrite,
        FionreadCountsAfterReset, ResetUnseenAfterHangup,
        CloseTiming, ResetCloseError, UnboundDatagramWrite,
        ResetSocketUnwatched, HangupStopsUrgentWatch, ResetAfterFinClosesAgain,
        HangupLatchedWhenUnselected, ResetRecordedWhateverTheMask, ResetRecordsWrite, ConnectRecordsWrite,
        WakeUpResignalsRecorded,
    ];

    private static ProfileSwitch<bool> Flag(string name, string controls, SwitchStage stage, Func<Profile, bool> read, RuleId yes, RuleId? no) =>
        new(name, controls, stage, read, v => v ? "yes" : "no", (true, yes), (false, no));

    private static ProfileSwitch<WsaError> Error(string name, string controls, SwitchStage stage, Func<Profile, WsaError> read, params (WsaError, RuleId?)[] values) =>
        new(name, controls, stage, read, v => v.NativeName(), values);
}
