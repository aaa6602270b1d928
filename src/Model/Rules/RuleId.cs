namespace WinsockConformance.Model;

/// <summary>
/// Every semantic rule of the model. The printable ID, summary and source of each live in
/// <see cref="RuleCatalog"/>; model code names the rules a step follows (the builder's <c>Cite</c>), and each step's
/// observation lists them (<see cref="Observation.Rules"/>).
/// </summary>
public enum RuleId : byte
{
    // A. Notification format
    OneBitPerMessage,
    PostingOrder,
    EventBitsAccumulate,

    // B. What a registration delivers
    MessageRegistrationRearmsAll,
    ConnectNeverPostedByRegistration,
    EventRegistrationSignalsRecorded,
    EventReregistrationReopensLatch,
    UnboundDatagramWrite,
    RegistrationReplacesPrevious,
    MaskZeroCancels,
    ConnectRecordedWhileUnselected,

    // C. Re-enabling functions
    RecvReenablesRead,
    FailedRecvReenablesRead,
    RecvOobReenablesOob,
    AcceptReenablesAccept,
    FailedAcceptDoesNotReenable,
    WouldBlockReenablesWrite,
    ConnectAndCloseNeverReenabled,
    GetQosReenablesQos,
    ChangeNotificationNeedsIoctl,
    DatagramConnectRearmsWrite,

    // D. Level versus edge
    LatchedUntilReenabled,
    ReenableRechecksLevel,

    // E. Accept inheritance
    AcceptInheritsRegistration,
    AcceptInheritsOptions,

    // F. Cancelling, closing and queued messages
    QueuedMessagesSurvive,
    NoCloseForLocalClose,
    ClosedHandleIsNotSocket,
    RetrievalTakesFirstMatching,

    // G. FD_CLOSE and FD_CONNECT timing and errors
    CloseOnPeerFinImmediately,
    CloseNotFromLocalShutdown,
    CloseGracefulErrorZero,
    CloseResetError,
    ConnectFailureError,
    ConnectThenWrite,

    // H. Blocking mode
    RegistrationMakesNonblocking,
    BlockingRefusedWhileRegistered,
    NonblockingConnectWouldBlock,

    // S. Socket call results the notifications depend on
    RecvResult,
    PeekDoesNotConsume,
    RecvOobWithInlineInvalid,
    SendFillsBuffer,
    FionreadCountsBytes,
    DatagramRecv,
    ConnectWhenConnected,
    NotConnected,
    ShutdownDirection,
    UrgentBytesQueue,
    AcceptWouldBlock,

    // Q. QoS and change notifications (seed only: no Windows test covers them)
    QosEdgeTriggered,

    // Assumptions: untested anywhere, stated so a capture can overturn them
    MessageDeliveryCountsAsEnumerated,
    SendAfterFailedConnectNotConnected,
    ClosedPeerDrawsReset,
    ListenAfterImplicitBind,
    HandleReusedLastFreedFirst,

    // Wine 8 deviations from Windows
    WineEventReregistrationKeepsLatches,
    WineUnboundDatagramSignalsWrite,
    WineDatagramConnectChangesNothing,
    WineFailedRecvNoReenable,
    WineSingleUrgentByte,
    WineCloseAfterDrain,
    WineShutdownBothCancels,
    WineResetSocketUnwatched,
    WineQosAndChangeEventsDropped,
    WineAnyFailedSendReenablesWrite,
    WineResetCloseErrorZero,
    WineInlineUrgentAlsoPostsOob,
    WineRecvAfterResetReadsRest,
    WineSendAfterRefusedConnectReset,
    WineQosIoctlsNotSupported,
    WineUnconnectedDatagramSendInvalid,
    WineFionreadFirstDatagram,
    WineReenableClearsRecorded,
    WineHangupStopsUrgent,
    WineResetAfterFinClosesAgain,
    WineRecvUnconnectedWaits,
    WineListenNeedsExplicitBind,
    WineRecvAfterRefusedConnectZero,
    WineUrgentMarkSplitsStream,
    WineHangupLatchedWhenUnselected,
    WineBothDirectionsShutHangsUp,
    WineResetReportsArmedWrite,
    WineWakeUpResignalsRecorded,
    WineInlineOobRecvFailsEarly,
    WineResetRecordedWhateverTheMask,
    WineAcceptedInlineFixedAtConnect,
    WineReusesLowestFreeHandle,
    WineDatagramSendBindsFirst,
    WineFionreadCountsAfterReset,
    WineResetRecordsWrite,
    WineEventSelectDropsMessageRecords,
    WineResetUnseenAfterHangup,
    WineConnectRecordsWrite,

    // Microsoft's documentation read literally, where Windows differs
    DocConnectPostedWhileConnected,
    DocResetErrorConnReset,
    DocCloseAfterDrain,
    DocAnySendReenablesWrite,
    DocFailedCallsReenable,
    DocDatagramConnectPostsConnect,
    DocEventReregistrationRearmsAll,
    DocDatagramWriteAfterBind,
}

/// <summary>A small immutable bit set of rule IDs: which rules a step applied. 128 bits, no allocation.</summary>
public readonly record struct RuleSet(ulong Low, ulong High)
{
    public static RuleSet Empty => default;

    public RuleSet With(RuleId rule)
    {
        var index = (int)rule;
        return index < 64 ? this with { Low = Low | (1UL << index) } : this with { High = High | (1UL << (index - 64)) };
    }

    public bool Contains(RuleId rule)
    {
        var index = (int)rule;
        return index < 64 ? (Low & (1UL << index)) != 0 : (High & (1UL << (index - 64))) != 0;
    }

    public RuleSet Union(RuleSet other) => new(Low | other.Low, High | other.High);

    public bool IsEmpty => Low == 0 && High == 0;

    public IEnumerable<RuleId> Each()
    {
        foreach (var rule in Enum.GetValues<RuleId>())
        {
            if (Contains(rule))
            {
                yield return rule;
            }
        }
    }

    public override string ToString() => string.Join(", ", Each().Select(r => RuleCatalog.Get(r).Id));
}
