namespace WinsockConformance.Model;

/// <summary>The three profiles every edge case is shown under.</summary>
public static class Profiles
{
    /// <summary>Real Windows, as Wine's conformance tests assert it (docs/sources.md section 3).</summary>
    public static readonly Profile Windows = new()
    {
        Name = "windows",
        Description = "Windows as asserted by Wine's conformance tests on real Windows (docs/sources.md, section 3).",
        CloseTiming = CloseTiming.Immediately,
        ResetCloseError = WsaError.ConnectionAborted,
        WriteReenable = WriteReenable.WouldBlockOnly,
        FailedRecvReenables = FailedRecvReenables.MessageModeOnly,
        FailedAcceptReenables = false,
        DatagramConnect = DatagramConnectEffect.RearmWrite,
        EventReregistration = EventReregistration.ReopenForNewOccurrences,
        UnboundDatagramWrite = UnboundDatagramWrite.MessageModeOnly,
        ConnectIsLevel = false,
        ShutdownBothCancelsRegistration = false,
        ResetSocketUnwatched = false,
        QosAndChangeEventsDelivered = true,
        KeepsSeveralUrgentBytes = true,
    };

    /// <summary>
    /// Wine 8: starts from the implementation notes (docs/sources.md #impl-s5, Wine column); captured traces correct it. Grouped as
    /// <see cref="Profile"/> groups the switches: the notifier's ones by the server/sock.c function they mirror.
    /// </summary>
    public static readonly Profile Wine8 = Windows with
    {
        Name = "wine-8",
        Description = "Wine 8.0's ws2_32 and wineserver (docs/sources.md sections 4 and 7, corrected by traces/wine-8.0).",

        // Calls
        EventReregistration = EventReregistration.KeepLatches,
        QosAndChangeEventsDelivered = false,
        ShutdownBothCancelsRegistration = true,
        RecvAfterResetReadsRest = true,
        SendAfterFailedConnectError = WsaError.ConnectionReset,
        NeverConnectedSendLikeFailedConnect = true,
        UnconnectedDatagramSendError = WsaError.InvalidArgument,
        DatagramSendBindsFirst = true,
        FionreadFirstDatagramOnly = true,
        RecvOnUnconnectedWaits = true,
        ListenNeedsExplicitBind = true,
        RecvAfterFailedConnectReturnsZero = true,
        InlineOobRecvFailsEarly = true,
        AcceptedInlineFixedAtConnect = true,
        ReusesLowestFreeHandle = true,

        // The re-enabling table
        WriteReenable = WriteReenable.AnyFailure,
        FailedRecvReenables = FailedRecvReenables.Never,
        DatagramConnect = DatagramConnectEffect.Nothing,
        ReenableClearsRecorded = true,

        // Network (Linux's TCP)
        KeepsSeveralUrgentBytes = false,
        InlineUrgentAlsoSignalsOob = true,
        UrgentMarkSplitsStream = true,
        BothDirectionsShutHangsUp = true,
        ResetReportsArmedWrite = true,

        // Levels
        CloseTiming = CloseTiming.AfterDrainAndReadRearmed,
        ResetCloseError = WsaError.None,
        UnboundDatagramWrite = UnboundDatagramWrite.BothModes,

        // sock_get_poll_events
        ResetSocketUnwatched = true,
        HangupStopsUrgentWatch = true,
        ResetAfterFinClosesAgain = true,

        // post_socket_event
        HangupLatchedWhenUnselected = true,
        ResetRecordedWhateverTheMask = true,

        // sock_wake_up
        WakeUpResignalsRecorded = true,
    };

    /// <summary>
    /// Wine 10 (Debian 13's 10.0): Wine 8 with the switches its traces (traces/wine-10.0, scenarios/wine-10) show changed
    /// (docs/wine-10-findings.md), grouped as <see cref="Wine8"/> is.
    /// </summary>
    public static readonly Profile Wine10 = Wine8 with
    {
        Name = "wine-10",
        Description = "Wine 10.0's ws2_32 and wineserver (Wine 8's profile with the switches traces/wine-10.0 show changed; docs/wine-10-findings.md).",

        // Calls
        RecvAfterResetReadsRest = false,
        UnconnectedDatagramSendError = WsaError.NotConnected,
        EventSelectDropsMessageRecords = true,

        // Network (Linux's TCP)
        ResetReportsArmedWrite = false,
        FionreadCountsAfterReset = true,
        ResetUnseenAfterHangup = true,

        // Levels
        ResetCloseError = WsaError.ConnectionAborted,

        // post_socket_event
        ResetRecordsWrite = true,
        ConnectRecordsWrite = true,

        // sock_wake_up
        WakeUpResignalsRecorded = false,
    };

    /// <summary>Microsoft's documentation read literally (docs/sources.md sections 1 and 2; #impl-s4-doc, #impl-s5 Doc column).</summary>
    public static readonly Profile Documented = Windows with
    {
        Name = "documented",
        Description = "Microsoft's WSAAsyncSelect reference page read literally (docs/sources.md, sections 1 and 2).",
        CloseTiming = CloseTiming.AfterDrain,
        ResetCloseError = WsaError.ConnectionReset,
        WriteReenable = WriteReenable.AnyCall,
        FailedRecvReenables = FailedRecvReenables.BothModes,
        FailedAcceptReenables = true,
        DatagramConnect = DatagramConnectEffect.ConnectAndWrite,
        EventReregistration = EventReregistration.RearmLevel,
        UnboundDatagramWrite = UnboundDatagramWrite.AfterBind,
        ConnectIsLevel = true,
    };

    /// <summary>Every profile: Windows, Wine 8, Wine 10 and the documentation read literally.</summary>
    public static readonly IReadOnlyList<Profile> All = [Windows, Wine8, Wine10, Documented];

    /// <summary>The profile with this name (case-insensitive), or null.</summary>
    public static Profile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The profiles' names, comma-separated (for a usage message).</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
