namespace WinsockConformance.Model;

// The re-enabling table. The WSAAsyncSelect page (docs/sources.md #ms-wsaasyncselect-reenabling) lists, per event, the "re-enabling function" that
// re-opens its latch after it was delivered; docs/sources.md #win-c-reenabling says what real Windows does with each, and the
// profiles' variants (WINE-n, DOC-n) are rows of their own, each under the switch value it stands for. A call's rule
// unit says which call of the table it made and hands over its result; the table names each row that applies to the
// profile and re-enables the row's events when the row's condition on the result holds. D2: the level is re-checked
// when the socket settles, so an event whose condition still holds is delivered again at once.

/// <summary>The calls of the re-enabling table, as the rule units tell the table which one they made.</summary>
internal enum ReenablingCall
{
    /// <summary>A recv-family call that reached the stack (MSG_PEEK included): FD_READ, or FD_OOB with MSG_OOB.</summary>
    Recv,

    /// <summary>A recv-family call that failed its argument checks (WSAEFAULT).</summary>
    RecvBadArguments,

    /// <summary>An accept that returned a socket.</summary>
    Accept,

    /// <summary>An accept that failed with WSAEWOULDBLOCK.</summary>
    AcceptWouldBlock,

    /// <summary>A send-family call that reached the stack.</summary>
    Send,

    /// <summary>WSAIoctl(SIO_GET_QOS).</summary>
    GetQos,

    /// <summary>WSAIoctl(SIO_GET_GROUP_QOS).</summary>
    GetGroupQos,

    /// <summary>WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE).</summary>
    RoutingInterfaceChange,

    /// <summary>WSAIoctl(SIO_ADDRESS_LIST_CHANGE).</summary>
    AddressListChange,

    /// <summary>connect() on a UDP socket.</summary>
    DatagramConnect,

    /// <summary>No call re-enables the event.</summary>
    None,
}

/// <summary>The condition on the call (its result, or the socket's mode) under which a row re-enables its events.</summary>
internal enum ReenableWhen
{
    /// <summary>Whatever the call returns.</summary>
    Always,

    /// <summary>Never: the row says the call does not re-enable.</summary>
    Never,

    /// <summary>When the call fails with WSAEWOULDBLOCK.</summary>
    WouldBlock,

    /// <summary>When the call's result is not success.</summary>
    AnyFailure,

    /// <summary>When the socket is in message mode (WSAAsyncSelect).</summary>
    MessageMode,

    /// <summary>When the socket is in event mode (WSAEventSelect).</summary>
    EventMode,
}

/// <summary>What a row does to its events when its condition holds.</summary>
internal enum ReenableEffect
{
    /// <summary>Re-opens the latch; the level is re-checked when the socket settles (D2).</summary>
    Reopen,

    /// <summary>Re-opens the latch and the event occurs anew (a new writability, a connect edge).</summary>
    ReopenAndRaise,

    /// <summary>The event occurs anew without re-opening its latch (recorded only if it is not latched).</summary>
    Raise,
}

/// <summary>
/// One row of the re-enabling table: the events, the call, the condition on its result, the effect, and the rule:
/// its own, or that of the profile switch value the row stands for (<see cref="Variant"/>; rows without one hold for every profile).
/// </summary>
internal sealed record ReenablingRow(NetworkEvents Events, ReenablingCall Call, string CallText, ReenableWhen When, RuleId? OwnRule, SwitchCase? Variant, ReenableEffect Effect = ReenableEffect.Reopen)
{
    /// <summary>The row's rule: the variant's when it has one.</summary>
    public RuleId? Rule => Variant is null ? OwnRule : Variant.Rule;

    public bool HoldsFor(Profile profile) => Variant?.Holds(profile) ?? true;
}

/// <summary>The re-enabling table as data, and the one function that applies it.</summary>
internal static class ReenablingTable
{
    private const NetworkEvents Read = NetworkEvents.Read;
    private const NetworkEvents Write = NetworkEvents.Write;

    public static readonly IReadOnlyList<ReenablingRow> Rows =
    [
        new(Read, ReenablingCall.Recv, "recv family (MSG_PEEK too)", ReenableWhen.Always, RuleId.RecvReenablesRead, null),
        new(NetworkEvents.Oob, ReenablingCall.Recv, "recv(MSG_OOB)", ReenableWhen.Always, RuleId.RecvOobReenablesOob, null),
        new(Read | NetworkEvents.Oob, ReenablingCall.RecvBadArguments, "recv failing its argument checks (WSAEFAULT)", ReenableWhen.MessageMode, null, ProfileSwitches.FailedRecvReenables.Is(FailedRecvReenables.MessageModeOnly)),
        new(Read | NetworkEvents.Oob, ReenablingCall.RecvBadArguments, "recv failing its argument checks (WSAEFAULT)", ReenableWhen.Never, null, ProfileSwitches.FailedRecvReenables.Is(FailedRecvReenables.Never)),
        new(Read | NetworkEvents.Oob, ReenablingCall.RecvBadArguments, "recv failing its argument checks (WSAEFAULT)", ReenableWhen.Always, null, ProfileSwitches.FailedRecvReenables.Is(FailedRecvReenables.BothModes)),
        new(NetworkEvents.Accept, ReenablingCall.Accept, "accept that returns a socket", ReenableWhen.Always, RuleId.AcceptReenablesAccept, null),
        new(NetworkEvents.Accept, ReenablingCall.AcceptWouldBlock, "accept failing with WSAEWOULDBLOCK", ReenableWhen.Never, null, ProfileSwitches.FailedAcceptReenables.Is(false)),
        new(NetworkEvents.Accept, ReenablingCall.AcceptWouldBlock, "accept failing with WSAEWOULDBLOCK", ReenableWhen.Always, null, ProfileSwitches.FailedAcceptReenables.Is(true)),
        new(Write, ReenablingCall.Send, "send family", ReenableWhen.WouldBlock, null, ProfileSwitches.WriteReenable.Is(WriteReenable.WouldBlockOnly)),
        new(Write, ReenablingCall.Send, "send family", ReenableWhen.AnyFailure, null, ProfileSwitches.WriteReenable.Is(WriteReenable.AnyFailure)),
        new(Write, ReenablingCall.Send, "send family", ReenableWhen.Always, null, ProfileSwitches.WriteReenable.Is(WriteReenable.AnyCall)),
        new(NetworkEvents.Connect | NetworkEvents.Close, ReenablingCall.None, "none (recv returning 0 included)", ReenableWhen.Never, RuleId.ConnectAndCloseNeverReenabled, null),
        new(NetworkEvents.Qos, ReenablingCall.GetQos, "WSAIoctl(SIO_GET_QOS)", ReenableWhen.Always, RuleId.GetQosReenablesQos, null),
        new(NetworkEvents.GroupQos, ReenablingCall.GetGroupQos, "WSAIoctl(SIO_GET_GROUP_QOS)", ReenableWhen.Always, RuleId.GetQosReenablesQos, null),
        new(NetworkEvents.RoutingInterfaceChange, ReenablingCall.RoutingInterfaceChange, "WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE)", ReenableWhen.Always, RuleId.ChangeNotificationNeedsIoctl, null),
        new(NetworkEvents.AddressListChange, ReenablingCall.AddressListChange, "WSAIoctl(SIO_ADDRESS_LIST_CHANGE)", ReenableWhen.Always, RuleId.ChangeNotificationNeedsIoctl, null),
        new(Write, ReenablingCall.DatagramConnect, "connect on UDP", ReenableWhen.Always, null, ProfileSwitches.DatagramConnect.Is(DatagramConnectEffect.RearmWrite), ReenableEffect.ReopenAndRaise),
        new(NetworkEvents.Connect, ReenablingCall.DatagramConnect, "connect on UDP", ReenableWhen.EventMode, null, ProfileSwitches.DatagramConnect.Is(DatagramConnectEffect.RearmWrite), ReenableEffect.Raise),
        new(NetworkEvents.None, ReenablingCall.DatagramConnect, "connect on UDP", ReenableWhen.Never, null, ProfileSwitches.DatagramConnect.Is(DatagramConnectEffect.Nothing)),
        new(Write | NetworkEvents.Connect, ReenablingCall.DatagramConnect, "connect on UDP", ReenableWhen.Always, null, ProfileSwitches.DatagramConnect.Is(DatagramConnectEffect.ConnectAndWrite), ReenableEffect.ReopenAndRaise),
    ];

    /// <summary>The rows of each call, in table order.</summary>
    private static readonly ReenablingRow[][] s_byCall =
        [.. Enum.GetValues<ReenablingCall>().Select(call => Rows.Where(r => r.Call == call).ToArray())];

    /// <summary>
    /// Applies the rows of <paramref name="call"/> about <paramref name="events"/> that hold for the profile: names each
    /// row's rule, and re-enables the row's events (of those asked about) when its condition holds for the outcome.
    /// </summary>
    internal static SocketState After(StepBuilder b, SocketState s, ReenablingCall call, NetworkEvents events, CallOutcome outcome)
    {
        foreach (var row in s_byCall[(int)call])
        {
            if (((row.Events & events) == 0 && row.Events != NetworkEvents.None) || !row.HoldsFor(b.Profile))
            {
                continue;
            }

            b.Cite(row.Rule);
            if (Holds(row.When, s, outcome))
            {
                s = Apply(b, s, row.Effect, row.Events & events);
            }
        }

        return s;
    }

    private static bool Holds(ReenableWhen when, SocketState s, CallOutcome outcome) => when switch
    {
        ReenableWhen.Always => true,
        ReenableWhen.Never => false,
        ReenableWhen.WouldBlock => outcome.Error == WsaError.WouldBlock,
        ReenableWhen.AnyFailure => outcome.Error != WsaError.None,
        ReenableWhen.MessageMode => !s.InEventMode,
        ReenableWhen.EventMode => s.InEventMode,
        _ => throw new System.Diagnostics.UnreachableException(when.ToString()),
    };

    private static SocketState Apply(StepBuilder b, SocketState s, ReenableEffect effect, NetworkEvents events) => effect switch
    {
        ReenableEffect.Reopen => Reopen(b, s, events),
        ReenableEffect.ReopenAndRaise => Raise(Reopen(b, s, events), events),
        ReenableEffect.Raise => Raise(s, events),
        _ => throw new System.Diagnostics.UnreachableException(effect.ToString()),
    };

    /// <summary>D2: the latch re-opens; the notifier re-checks the level when the socket settles.</summary>
    private static SocketState Reopen(StepBuilder b, SocketState s, NetworkEvents events)
    {
        b.Cite(RuleId.ReenableRechecksLevel);
        if ((s.Pending & events) != 0 && b.Profile.ReenableClearsRecorded)
        {
            // WINE-18: the re-enabling call erases the recorded bit; the level re-check may record it again.
            b.Cite(ProfileSwitches.ReenableClearsRecorded);
            s = s with { Pending = s.Pending & ~events };
        }

        return s with { Reported = s.Reported & ~events, Quiet = s.Quiet & ~events };
    }

    /// <summary>The events occur anew: a level's new occurrence, an edge (FD_CONNECT) raised.</summary>
    private static SocketState Raise(SocketState s, NetworkEvents events) => s with
    {
        Occurred = s.Occurred | (events & ~NetworkEvents.Connect),
        Edges = s.Edges | (events & NetworkEvents.Connect),
    };
}
