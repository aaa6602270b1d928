namespace WinsockConformance.Model;

/// <summary>The three profiles every edge case is shown under.</summary>
public static class Profiles
{
    /// <summary>Real Windows, as Wine's conformance tests assert it (windows-rules.md).</summary>
    public static readonly Profile Windows = new()
    {
        Name = "windows",
        Description = "Windows as asserted by Wine's conformance tests on real Windows (shared/reference/windows-rules.md).",
        CloseTiming = CloseTiming.Immediately,
        ResetCloseError = WsaError.ConnectionAborted,
        WriteReenable = WriteReenable.WouldBlockOnly,
        FailedRecvReenablesInMessageMode = true,
        FailedRecvReenablesInEventMode = false,
        FailedAcceptReenables = false,
        DatagramConnect = DatagramConnectEffect.RearmWrite,
        EventReregistration = EventReregistration.ReopenForNewOccurrences,
        UnboundDatagramWritableInMessageMode = true,
        UnboundDatagramWritableInEventMode = false,
        ConnectIsLevel = false,
        ShutdownBothCancelsRegistration = false,
        ResetSocketUnwatched = false,
        QosAndChangeEventsDelivered = true,
        KeepsSeveralUrgentBytes = true,
    };

    /// <summary>Wine 8: starts from implementations.md §5 (Wine column); captured traces correct it.</summary>
    public static readonly Profile Wine8 = Windows with
    {
        Name = "wine-8",
        Description = "Wine 8.0's ws2_32 and wineserver (implementations.md §1 and §5, corrected by traces/wine-8.0).",
        CloseTiming = CloseTiming.AfterDrainAndReadRearmed,
        WriteReenable = WriteReenable.AnyFailure,
        FailedRecvReenablesInMessageMode = false,
        FailedRecvReenablesInEventMode = false,
        DatagramConnect = DatagramConnectEffect.Nothing,
        EventReregistration = EventReregistration.KeepLatches,
        UnboundDatagramWritableInEventMode = true,
        ShutdownBothCancelsRegistration = true,
        ResetSocketUnwatched = true,
        QosAndChangeEventsDelivered = false,
        KeepsSeveralUrgentBytes = false,
        ResetCloseError = WsaError.None,
        InlineUrgentAlsoSignalsOob = true,
        RecvAfterResetReadsRest = true,
        SendAfterFailedConnectError = WsaError.ConnectionReset,
        NeverConnectedSendLikeFailedConnect = true,
        UnconnectedDatagramSendError = WsaError.InvalidArgument,
        DatagramSendBindsFirst = true,
        FionreadFirstDatagramOnly = true,
        ReenableClearsRecorded = true,
        HangupStopsUrgentWatch = true,
        ResetAfterFinClosesAgain = true,
        RecvOnUnconnectedWaits = true,
        ListenNeedsExplicitBind = true,
        RecvAfterFailedConnectReturnsZero = true,
        UrgentMarkSplitsStream = true,
        HangupLatchedWhenUnselected = true,
        BothDirectionsShutHangsUp = true,
        ResetReportsArmedWrite = true,
        WakeUpResignalsRecorded = true,
        InlineOobRecvFailsEarly = true,
        ResetRecordedWhateverTheMask = true,
        AcceptedInlineFixedAtConnect = true,
        ReusesLowestFreeHandle = true,
    };

    /// <summary>
    /// Wine 10 (Debian 13's 10.0): Wine 8 with the switches its traces (traces/wine-10.0, scenarios/wine-10) show changed.
    /// Provisional shape: written against the current Profile record, to be ported (docs/wine-10-findings.md).
    /// </summary>
    public static readonly Profile Wine10 = Wine8 with
    {
        Name = "wine-10",
        Description = "Wine 10.0's ws2_32 and wineserver (Wine 8's profile with the switches traces/wine-10.0 show changed; docs/wine-10-findings.md).",
        ResetCloseError = WsaError.ConnectionAborted,
        RecvAfterResetReadsRest = false,
        ResetReportsArmedWrite = false,
        WakeUpResignalsRecorded = false,
        UnconnectedDatagramSendError = WsaError.NotConnected,
        FionreadCountsAfterReset = true,
        ResetRecordsWrite = true,
        EventSelectDropsMessageRecords = true,
        ResetUnseenAfterHangup = true,
        ConnectRecordsWrite = true,
    };

    /// <summary>Microsoft's documentation read literally (the seeds; implementations.md §4 documentation, §5 Doc column).</summary>
    public static readonly Profile Documented = Windows with
    {
        Name = "documented",
        Description = "Microsoft's WSAAsyncSelect reference page read literally (shared/seeds).",
        CloseTiming = CloseTiming.AfterDrain,
        ResetCloseError = WsaError.ConnectionReset,
        WriteReenable = WriteReenable.AnyCall,
        FailedRecvReenablesInMessageMode = true,
        FailedRecvReenablesInEventMode = true,
        FailedAcceptReenables = true,
        DatagramConnect = DatagramConnectEffect.ConnectAndWrite,
        EventReregistration = EventReregistration.RearmLevel,
        UnboundDatagramWritableInMessageMode = false,
        UnboundDatagramWritableInEventMode = false,
        ConnectIsLevel = true,
    };

    public static readonly IReadOnlyList<Profile> All = [Windows, Wine8, Wine10, Documented];

    public static Profile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(p => p.Name));
}

/// <summary>One profile switch: its name, what it controls, and the rule each value stands for.</summary>
public sealed record ProfileSwitch(string Name, string Controls, Func<Profile, string> Value, Func<Profile, RuleId> Rule);

/// <summary>The table of switches, from which docs and the profile snapshot are generated.</summary>
public static class ProfileSwitches
{
    public static readonly IReadOnlyList<ProfileSwitch> All =
    [
        new("CloseTiming", "when FD_CLOSE follows the peer's FIN", p => p.CloseTiming.ToString(),
            p => p.CloseTiming switch
            {
                CloseTiming.Immediately => RuleId.CloseOnPeerFinImmediately,
                CloseTiming.AfterDrain => RuleId.DocCloseAfterDrain,
                CloseTiming.AfterDrainAndReadRearmed => RuleId.WineCloseAfterDrain,
                _ => throw new System.Diagnostics.UnreachableException(p.CloseTiming.ToString()),
            }),
        new("ResetCloseError", "the error word of FD_CLOSE after an RST", p => p.ResetCloseError.NativeName(),
            p => p.ResetCloseError switch
            {
                WsaError.ConnectionReset => RuleId.DocResetErrorConnReset,
                WsaError.None => RuleId.WineResetCloseErrorZero,
                _ => RuleId.CloseResetError,
            }),
        new("WriteReenable", "which send calls re-enable FD_WRITE", p => p.WriteReenable.ToString(),
            p => p.WriteReenable switch
            {
                WriteReenable.WouldBlockOnly => RuleId.WouldBlockReenablesWrite,
                WriteReenable.AnyFailure => RuleId.WineAnyFailedSendReenablesWrite,
                WriteReenable.AnyCall => RuleId.DocAnySendReenablesWrite,
                _ => throw new System.Diagnostics.UnreachableException(p.WriteReenable.ToString()),
            }),
        new("FailedRecvReenablesInMessageMode", "a recv failing its argument checks re-posts FD_READ (message mode)", p => Bool(p.FailedRecvReenablesInMessageMode),
            p => !p.FailedRecvReenablesInMessageMode ? RuleId.WineFailedRecvNoReenable : p.FailedRecvReenablesInEventMode ? RuleId.DocFailedCallsReenable : RuleId.FailedRecvReenablesRead),
        new("FailedRecvReenablesInEventMode", "a recv failing its argument checks re-signals FD_READ (event mode)", p => Bool(p.FailedRecvReenablesInEventMode),
            p => p.FailedRecvReenablesInEventMode ? RuleId.DocFailedCallsReenable : p.FailedRecvReenablesInMessageMode ? RuleId.FailedRecvReenablesRead : RuleId.WineFailedRecvNoReenable),
        new("FailedAcceptReenables", "an accept failing with WSAEWOULDBLOCK re-enables FD_ACCEPT", p => Bool(p.FailedAcceptReenables),
            p => p.FailedAcceptReenables ? RuleId.DocFailedCallsReenable : RuleId.FailedAcceptDoesNotReenable),
        new("DatagramConnect", "what connect() on UDP posts", p => p.DatagramConnect.ToString(),
            p => p.DatagramConnect switch
            {
                DatagramConnectEffect.RearmWrite => RuleId.DatagramConnectRearmsWrite,
                DatagramConnectEffect.Nothing => RuleId.WineDatagramConnectChangesNothing,
                DatagramConnectEffect.ConnectAndWrite => RuleId.DocDatagramConnectPostsConnect,
                _ => throw new System.Diagnostics.UnreachableException(p.DatagramConnect.ToString()),
            }),
        new("EventReregistration", "what WSAEventSelect re-registration does to latched events", p => p.EventReregistration.ToString(),
            p => p.EventReregistration switch
            {
                EventReregistration.ReopenForNewOccurrences => RuleId.EventReregistrationReopensLatch,
                EventReregistration.KeepLatches => RuleId.WineEventReregistrationKeepsLatches,
                EventReregistration.RearmLevel => RuleId.DocEventReregistrationRearmsAll,
                _ => throw new System.Diagnostics.UnreachableException(p.EventReregistration.ToString()),
            }),
        new("UnboundDatagramWritableInMessageMode", "an unbound UDP socket gets FD_WRITE (message mode)", p => Bool(p.UnboundDatagramWritableInMessageMode),
            p => p.UnboundDatagramWritableInMessageMode ? RuleId.UnboundDatagramWrite : RuleId.DocDatagramWriteAfterBind),
        new("UnboundDatagramWritableInEventMode", "an unbound UDP socket is signaled for FD_WRITE (event mode)", p => Bool(p.UnboundDatagramWritableInEventMode),
            p => p.UnboundDatagramWritableInEventMode ? RuleId.WineUnboundDatagramSignalsWrite : p.UnboundDatagramWritableInMessageMode ? RuleId.UnboundDatagramWrite : RuleId.DocDatagramWriteAfterBind),
        new("ConnectIsLevel", "registration posts FD_CONNECT while a connection exists", p => Bool(p.ConnectIsLevel),
            p => p.ConnectIsLevel ? RuleId.DocConnectPostedWhileConnected : RuleId.ConnectNeverPostedByRegistration),
        new("ShutdownBothCancelsRegistration", "shutdown(SD_BOTH) cancels the registration", p => Bool(p.ShutdownBothCancelsRegistration),
            p => p.ShutdownBothCancelsRegistration ? RuleId.WineShutdownBothCancels : RuleId.CloseNotFromLocalShutdown),
        new("ResetSocketUnwatched", "a reset socket posts nothing more, even on re-registration", p => Bool(p.ResetSocketUnwatched),
            p => p.ResetSocketUnwatched ? RuleId.WineResetSocketUnwatched : RuleId.MessageRegistrationRearmsAll),
        new("QosAndChangeEventsDelivered", "FD_QOS, FD_GROUP_QOS and the change notifications are delivered", p => Bool(p.QosAndChangeEventsDelivered),
            p => p.QosAndChangeEventsDelivered ? RuleId.QosEdgeTriggered : RuleId.WineQosAndChangeEventsDropped),
        new("InlineUrgentAlsoSignalsOob", "with SO_OOBINLINE an urgent byte also posts FD_OOB", p => Bool(p.InlineUrgentAlsoSignalsOob),
            p => p.InlineUrgentAlsoSignalsOob ? RuleId.WineInlineUrgentAlsoPostsOob : RuleId.RecvOobWithInlineInvalid),
        new("RecvAfterResetReadsRest", "recv after an RST reads what arrived before it, then 0", p => Bool(p.RecvAfterResetReadsRest),
            p => p.RecvAfterResetReadsRest ? RuleId.WineRecvAfterResetReadsRest : RuleId.RecvResult),
        new("SendAfterFailedConnectError", "the error of send after a refused connect", p => p.SendAfterFailedConnectError.NativeName(),
            p => p.SendAfterFailedConnectError == WsaError.NotConnected ? RuleId.SendAfterFailedConnectNotConnected : RuleId.WineSendAfterRefusedConnectReset),
        new("NeverConnectedSendLikeFailedConnect", "send on a never-connected stream socket fails like after a refused connect", p => Bool(p.NeverConnectedSendLikeFailedConnect),
            p => p.NeverConnectedSendLikeFailedConnect ? RuleId.WineSendAfterRefusedConnectReset : RuleId.NotConnected),
        new("UnconnectedDatagramSendError", "the error of send without an address on an unconnected UDP socket", p => p.UnconnectedDatagramSendError.NativeName(),
            p => p.UnconnectedDatagramSendError == WsaError.NotConnected ? RuleId.NotConnected : RuleId.WineUnconnectedDatagramSendInvalid),
        new("FionreadFirstDatagramOnly", "FIONREAD on UDP reports the next datagram only", p => Bool(p.FionreadFirstDatagramOnly),
            p => p.FionreadFirstDatagramOnly ? RuleId.WineFionreadFirstDatagram : RuleId.FionreadCountsBytes),
        new("ReenableClearsRecorded", "a re-enabling call erases the recorded, not yet enumerated bit", p => Bool(p.ReenableClearsRecorded),
            p => p.ReenableClearsRecorded ? RuleId.WineReenableClearsRecorded : RuleId.EventBitsAccumulate),
        new("HangupStopsUrgentWatch", "after the peer's FIN urgent data is no longer watched", p => Bool(p.HangupStopsUrgentWatch),
            p => p.HangupStopsUrgentWatch ? RuleId.WineHangupStopsUrgent : RuleId.MessageRegistrationRearmsAll),
        new("ResetAfterFinClosesAgain", "an RST after the FIN posts FD_CLOSE again", p => Bool(p.ResetAfterFinClosesAgain),
            p => p.ResetAfterFinClosesAgain ? RuleId.WineResetAfterFinClosesAgain : RuleId.ConnectAndCloseNeverReenabled),
        new("RecvOnUnconnectedWaits", "recv on a never-connected or unbound socket waits instead of failing", p => Bool(p.RecvOnUnconnectedWaits),
            p => p.RecvOnUnconnectedWaits ? RuleId.WineRecvUnconnectedWaits : RuleId.NotConnected),
        new("ListenNeedsExplicitBind", "listen needs an explicit bind", p => Bool(p.ListenNeedsExplicitBind),
            p => p.ListenNeedsExplicitBind ? RuleId.WineListenNeedsExplicitBind : RuleId.ListenAfterImplicitBind),
        new("RecvAfterFailedConnectReturnsZero", "recv after a refused connect returns 0", p => Bool(p.RecvAfterFailedConnectReturnsZero),
            p => p.RecvAfterFailedConnectReturnsZero ? RuleId.WineRecvAfterRefusedConnectZero : RuleId.NotConnected),
        new("UrgentMarkSplitsStream", "the urgent mark splits reads and FIONREAD; reading past it drops the urgent byte", p => Bool(p.UrgentMarkSplitsStream),
            p => p.UrgentMarkSplitsStream ? RuleId.WineUrgentMarkSplitsStream : RuleId.UrgentBytesQueue),
        new("HangupLatchedWhenUnselected", "the hang-up seen while watching readability latches an unselected FD_CLOSE", p => Bool(p.HangupLatchedWhenUnselected),
            p => p.HangupLatchedWhenUnselected ? RuleId.WineHangupLatchedWhenUnselected : RuleId.MessageDeliveryCountsAsEnumerated),
        new("BothDirectionsShutHangsUp", "once both directions are shut, FD_CLOSE comes at once and nothing more", p => Bool(p.BothDirectionsShutHangsUp),
            p => p.BothDirectionsShutHangsUp ? RuleId.WineBothDirectionsShutHangsUp : RuleId.CloseNotFromLocalShutdown),
        new("ResetReportsArmedWrite", "an RST also posts a re-enabled FD_WRITE", p => Bool(p.ResetReportsArmedWrite),
            p => p.ResetReportsArmedWrite ? RuleId.WineResetReportsArmedWrite : RuleId.CloseResetError),
        new("WakeUpResignalsRecorded", "a hang-up or RST sets the event again while a selected event is recorded", p => Bool(p.WakeUpResignalsRecorded),
            p => p.WakeUpResignalsRecorded ? RuleId.WineWakeUpResignalsRecorded : RuleId.EventBitsAccumulate),
        new("InlineOobRecvFailsEarly", "recv(MSG_OOB) with SO_OOBINLINE fails before the shutdown check and re-enables nothing", p => Bool(p.InlineOobRecvFailsEarly),
            p => p.InlineOobRecvFailsEarly ? RuleId.WineInlineOobRecvFailsEarly : RuleId.RecvOobWithInlineInvalid),
        new("ResetRecordedWhateverTheMask", "an RST is recorded as FD_CLOSE while unregistered or unselected (signaled by a later WSAEventSelect)", p => Bool(p.ResetRecordedWhateverTheMask),
            p => p.ResetRecordedWhateverTheMask ? RuleId.WineResetRecordedWhateverTheMask : RuleId.ConnectRecordedWhileUnselected),
        new("AcceptedInlineFixedAtConnect", "an accepted socket has SO_OOBINLINE as the listener had it when the peer connected", p => Bool(p.AcceptedInlineFixedAtConnect),
            p => p.AcceptedInlineFixedAtConnect ? RuleId.WineAcceptedInlineFixedAtConnect : RuleId.AcceptInheritsOptions),
        new("ReusesLowestFreeHandle", "a new socket takes the lowest free handle value (not the last freed one)", p => Bool(p.ReusesLowestFreeHandle),
            p => p.ReusesLowestFreeHandle ? RuleId.WineReusesLowestFreeHandle : RuleId.HandleReusedLastFreedFirst),
        new("DatagramSendBindsFirst", "send on UDP binds first, then checks shutdown before the address", p => Bool(p.DatagramSendBindsFirst),
            p => p.DatagramSendBindsFirst ? RuleId.WineDatagramSendBindsFirst : RuleId.NotConnected),
        new("FionreadCountsAfterReset", "after an RST FIONREAD still counts the unread bytes (recv fails)", p => Bool(p.FionreadCountsAfterReset),
            p => p.FionreadCountsAfterReset ? RuleId.WineFionreadCountsAfterReset : RuleId.FionreadCountsBytes),
        new("ResetRecordsWrite", "an RST records an unreported FD_WRITE with FD_CLOSE, whatever the mask", p => Bool(p.ResetRecordsWrite),
            p => p.ResetRecordsWrite ? RuleId.WineResetRecordsWrite : RuleId.CloseResetError),
        new("EventSelectDropsMessageRecords", "WSAEventSelect after WSAAsyncSelect drops what message mode recorded and did not post", p => Bool(p.EventSelectDropsMessageRecords),
            p => p.EventSelectDropsMessageRecords ? RuleId.WineEventSelectDropsMessageRecords : RuleId.EventRegistrationSignalsRecorded),
        new("ResetUnseenAfterHangup", "an RST after both directions are shut is never seen: recv reads the rest, then 0", p => Bool(p.ResetUnseenAfterHangup),
            p => p.ResetUnseenAfterHangup ? RuleId.WineResetUnseenAfterHangup : RuleId.RecvResult),
        new("ConnectRecordsWrite", "a completed connect records FD_WRITE with FD_CONNECT, whatever the mask", p => Bool(p.ConnectRecordsWrite),
            p => p.ConnectRecordsWrite ? RuleId.WineConnectRecordsWrite : RuleId.ConnectRecordedWhileUnselected),
        new("KeepsSeveralUrgentBytes", "several urgent bytes can be queued", p => Bool(p.KeepsSeveralUrgentBytes),
            p => p.KeepsSeveralUrgentBytes ? RuleId.UrgentBytesQueue : RuleId.WineSingleUrgentByte),
    ];

    private static string Bool(bool value) => value ? "yes" : "no";
}
