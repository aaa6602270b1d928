using WinsockConformance.Model;

namespace WinsockConformance.Generation;

/// <summary>
/// The situations the rules are about, recognised in a step. The coverage fact asserts each occurs
/// in a fixed-seed sample (qsm's coverCommandNames, extended from commands to situations); the
/// properties classify scenarios by them so the distribution shows in the test output.
/// </summary>
public static class Situations
{
    public const string SeveralPendingAtAccept = "accept with several connections pending";
    public const string CloseWithQueuedMessages = "closesocket with its messages queued";
    public const string NameReused = "socket name reused after closesocket";
    public const string PartialRead = "partial read";
    public const string PeekWithData = "MSG_PEEK with data queued";
    public const string FillThenPeerRead = "peer.read after a send filled the buffer";
    public const string Reregistration = "registration of an already registered socket";
    public const string MessageToEvent = "switch from WSAAsyncSelect to WSAEventSelect";
    public const string EventToMessage = "switch from WSAEventSelect to WSAAsyncSelect";
    public const string UdpDatagram = "UDP datagram received";
    public const string StaleMessageDelivered = "message for a closed socket delivered";
    public const string EventSignaled = "event object signaled";
    public const string EventsEnumerated = "WSAEnumNetworkEvents reported events";
    public const string UrgentData = "urgent byte received";

    public static readonly IReadOnlyList<string> All =
    [
        SeveralPendingAtAccept, CloseWithQueuedMessages, NameReused, PartialRead, PeekWithData, FillThenPeerRead,
        Reregistration, MessageToEvent, EventToMessage, UdpDatagram, StaleMessageDelivered, EventSignaled, EventsEnumerated, UrgentData,
        .. NetworkEventNames.Bits.Take(6).Select(Posted),
    ];

    public static string Posted(NetworkEvents bit) => $"{bit.NativeName()} posted";

    public static IEnumerable<string> Of(ModelState before, Input input, StepResult result)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(input);
        var s = input.Socket is { } name ? before.Find(name) : null;
        var live = s is { IsLive: true };
        switch (input)
        {
            case AcceptCall when live && s!.PendingConnections >= 2:
                yield return SeveralPendingAtAccept;
                break;
            case CloseSocketCall when live && before.Queue.Any(m => m.Socket == s!.Ref):
                yield return CloseWithQueuedMessages;
                break;
            case SocketCall when s is not null:
                yield return NameReused;
                break;
            case RecvCall { Flags: RecvFlags.None, BadArguments: false } r when live && s!.IsStream && r.Length < s.ReadableBytes:
                yield return PartialRead;
                break;
            case RecvCall { Flags: RecvFlags.Peek } when live && (s!.ReadableBytes > 0 || s.Datagrams.Count > 0):
                yield return PeekWithData;
                break;
            case PeerRead when s!.SendBlocked:
                yield return FillThenPeerRead;
                break;
            case PeerSend when s!.Kind == SocketKind.Datagram:
                yield return UdpDatagram;
                break;
            case PeerSendUrgent:
                yield return UrgentData;
                break;
            case AsyncSelectCall or EventSelectCall when live:
                if (s!.Registration is not NoRegistration)
                {
                    yield return Reregistration;
                }

                if (s.Registration is MessageRegistration && input is EventSelectCall)
                {
                    yield return MessageToEvent;
                }

                if (s.Registration is EventRegistration && input is AsyncSelectCall)
                {
                    yield return EventToMessage;
                }

                break;
            default:
                break;
        }

        var o = result.Observation;
        foreach (var bit in o.Posted.Select(n => n.Event).Distinct())
        {
            yield return Posted(bit);
        }

        if (o.Delivered.Any(n => result.State.Closed.Any(x => x.Ref == n.Socket)))
        {
            yield return StaleMessageDelivered;
        }

        if (o.Signaled.Count > 0)
        {
            yield return EventSignaled;
        }

        if (o.Enumerated is { Events: not NetworkEvents.None })
        {
            yield return EventsEnumerated;
        }
    }

    /// <summary>Every situation in a scenario (under its own profile).</summary>
    public static HashSet<string> In(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var state = ModelState.Initial(scenario.Profile);
        foreach (var input in scenario.Steps)
        {
            var result = WinsockModel.Step(state, input);
            found.UnionWith(Of(state, input, result));
            state = result.State;
        }

        return found;
    }
}
