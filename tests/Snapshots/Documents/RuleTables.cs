using System.Globalization;
using System.Text;
using WinsockConformance.Model;

using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>
/// Markdown tables of the model's transition rules, for docs/rules.md, the CLI and the snapshot tests.
/// </summary>
/// <remarks>
/// The per-event summary is declarative (it names rule IDs, which are checked against the catalogue).
/// The registration, re-enabling and new-occurrence tables are not written by hand: each row is a tiny
/// scenario (a probe) run through the model under every profile, and the cell is what the last step
/// delivered. So the tables are the Windows test tables B, C and D (docs/sources.md #win-b-registration, #win-c-reenabling, #win-d-level) regenerated from the model, and a
/// model change that alters one shows up in the table's snapshot.
/// </remarks>
public static class RuleTables
{
    private const string Socket = "a";
    private const string Listener = "l";
    private const string Accepted = "c";
    private const string EventObject = "ev";

    /// <summary>How a registration is made in a probe.</summary>
    public enum Mode
    {
        /// <summary>WSAAsyncSelect: the cell says what was posted.</summary>
        Message,

        /// <summary>WSAEventSelect: the cell says whether the event object is signaled.</summary>
        Event,
    }

    /// <summary>One row of a generated table: a scenario whose last step is the one reported.</summary>
    /// <param name="Event">The FD_* bit the row is about (the only bit registered).</param>
    /// <param name="Situation">What holds before the last step, and what the last step is.</param>
    /// <param name="Steps">The inputs, the last one being reported; built for the row's mode.</param>
    /// <param name="Rules">The rule IDs the row demonstrates.</param>
    public sealed record Probe(NetworkEvents Event, string Situation, Mode Mode, IReadOnlyList<Input> Steps, IReadOnlyList<string> Rules);

    /// <summary>The whole of docs/rules.md.</summary>
    public static string RulesDocument(IReadOnlyList<Profile> profiles)
    {
        var text = new StringBuilder();
        text.Append("# Rules of the WSAAsyncSelect / WSAEventSelect model\n\n");
        text.Append("Generated from `src/Model` by `tests/Snapshots/Documents/RuleTables.cs`; do not edit by hand.\n");
        text.Append("Regenerate with `UPDATE_DOCS=1 dotnet test tests/Snapshots` (the docs test fails while this file is stale).\n\n");
        text.Append("- [The latch of one event bit](#the-latch-of-one-event-bit)\n");
        text.Append("- [Events](#events)\n");
        text.Append("- [What a registration delivers when the condition already holds](#what-a-registration-delivers-when-the-condition-already-holds)\n");
        text.Append("- [The re-enabling table](#the-re-enabling-table)\n");
        text.Append("- [Re-enabling calls](#re-enabling-calls)\n");
        text.Append("- [New occurrences while latched](#new-occurrences-while-latched)\n");
        text.Append("- [Profile switches](#profile-switches)\n");
        text.Append("- [Rule catalogue](#rule-catalogue)\n\n");
        text.Append("Profiles:\n\n");
        foreach (var p in profiles)
        {
            text.Append("- **").Append(p.Name).Append("**: ").Append(p.Description).Append('\n');
        }

        text.Append('\n');

        text.Append("## The latch of one event bit\n\n");
        text.Append(LatchDiagram()).Append('\n');
        text.Append("## Events\n\n").Append(EventSummaryTable()).Append('\n');
        text.Append("## What a registration delivers when the condition already holds\n\n");
        text.Append("Each row runs a small scenario through the model; the cell is what the last step (the registration) delivered. ");
        text.Append("Only the row's event is registered. Message mode: what was posted. Event mode: whether the event object is signaled afterwards ");
        text.Append("(\"already signaled\": an earlier step of the row signaled it and nothing reset it). \"Already reported\" means posted (message mode) or enumerated (event mode).\n\n");
        text.Append(ProbeTable(RegistrationProbes(), profiles)).Append('\n');
        text.Append("## The re-enabling table\n\n");
        text.Append("The rows the model runs (`src/Model/Rules/Calls/Reenabling.cs`): a call's rule unit names the call it made, and each row of that call ");
        text.Append("that holds for the profile names its rule and re-enables its event when its condition holds. The next section shows the effect.\n\n");
        text.Append(ReenablingTableRows()).Append('\n');
        text.Append("## Re-enabling calls\n\n");
        text.Append("The event was delivered and is latched; the cell is what the re-enabling call (the last step) delivered.\n\n");
        text.Append(ProbeTable(ReenableProbes(), profiles)).Append('\n');
        text.Append("## New occurrences while latched\n\n");
        text.Append("The event was delivered and is latched; the cell is what a new occurrence of its condition (the last step) delivered.\n\n");
        text.Append(ProbeTable(OccurrenceProbes(), profiles)).Append('\n');
        text.Append("## Profile switches\n\n").Append(ProfileSwitchTable(profiles)).Append('\n');
        text.Append("## Rule catalogue\n\n").Append(RuleCatalogTable());
        return text.ToString();
    }

    /// <summary>A Mermaid state diagram of one event bit's latch, with the rules of each transition.</summary>
    public static string LatchDiagram() =>
        """
        ```mermaid
        stateDiagram-v2
            [*] --> Armed: registration selects the bit
            Armed --> Latched: condition holds, posted (M) or recorded and signaled (E) [A1 A3]
            Latched --> Latched: new occurrence, nothing [D1]
            Latched --> Armed: re-enabling call, level re-checked [C1-C10 D2]
            Latched --> Armed: WSAAsyncSelect re-posts what holds [B1]
            Latched --> Quiet: WSAEventSelect after enumeration [B4]
            Quiet --> Latched: new occurrence [B4]
            Quiet --> Armed: condition drops or re-enabling call [B4 D2]
            Armed --> [*]: mask 0 or closesocket [B7 F2]
        ```

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Per event: its condition, what re-enables it, and what a registration does, with rule IDs.</summary>
    public static string EventSummaryTable()
    {
        (NetworkEvents Bit, string Condition, string Reenable, string Message, string Event, string Rules)[] rows =
        [
            (NetworkEvents.Read, "unread normal data (urgent data too with SO_OOBINLINE); level", "recv family, MSG_PEEK included; a recv failing WSAEFAULT re-enables in message mode only", "posted if data is unread", "signaled if recorded and not yet enumerated", "C1 C2 D2 S3"),
            (NetworkEvents.Write, "connected TCP (or UDP) with send space; level", "only a send failing WSAEWOULDBLOCK (posted when space returns); UDP connect", "posted on every registration while writable", "signaled only if never enumerated", "C6 C10 B1 B4 B5"),
            (NetworkEvents.Oob, "unread urgent data, SO_OOBINLINE off; level", "recv(MSG_OOB)", "posted if urgent data is unread", "signaled if recorded and not yet enumerated", "C3 S10"),
            (NetworkEvents.Accept, "a connection is queued; level", "a successful accept (a failing one re-enables nothing)", "posted if a connection is queued", "signaled if recorded and not yet enumerated", "C4 C5 D2"),
            (NetworkEvents.Connect, "a connect attempt resolves (with its error); edge", "none", "never posted for a connect that completed before", "signaled once if recorded and not yet enumerated", "G5 G6 B2 B8 C7"),
            (NetworkEvents.Close, "the peer's FIN (immediately, even with unread data) or RST (WSAECONNABORTED); sticky level", "none (recv returning 0 does not re-post it)", "posted again, with its error", "signaled if recorded and not yet enumerated", "G1 G3 G4 C7 B1"),
            (NetworkEvents.Qos, "a QoS change; edge", "WSAIoctl(SIO_GET_QOS)", "nothing (edge)", "nothing (edge)", "Q1 C8"),
            (NetworkEvents.GroupQos, "a group QoS change; edge", "WSAIoctl(SIO_GET_GROUP_QOS)", "nothing (edge)", "nothing (edge)", "Q1 C8"),
            (NetworkEvents.RoutingInterfaceChange, "a routing change after WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE); edge", "WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE)", "nothing (edge)", "nothing (edge)", "C9"),
            (NetworkEvents.AddressListChange, "an address-list change after WSAIoctl(SIO_ADDRESS_LIST_CHANGE); edge", "WSAIoctl(SIO_ADDRESS_LIST_CHANGE)", "nothing (edge)", "nothing (edge)", "C9"),
        ];

        var text = new StringBuilder();
        text.Append("| Event | Condition | Re-enabled by | Registration, message mode | Registration, event mode | Rules |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            Row(text, row.Bit.NativeName(), row.Condition, row.Reenable, row.Message, row.Event, CheckedRules(row.Rules.Split(' ')));
        }

        return text.ToString();
    }

    /// <summary>
    /// The profile switches (<see cref="ProfileSwitches.All"/>): where each acts (the notifier's stages named after the
    /// server/sock.c function they mirror), each profile's value, and the rule it stands for.
    /// </summary>
    public static string ProfileSwitchTable(IReadOnlyList<Profile> profiles)
    {
        var text = new StringBuilder();
        text.Append("| Switch | Controls | Acts in | ").Append(string.Join(" | ", profiles.Select(p => p.Name))).Append(" |\n");
        text.Append("|---|---|---|").Append(string.Concat(profiles.Select(_ => "---|"))).Append('\n');
        foreach (var s in ProfileSwitches.All)
        {
            var cells = new List<string> { s.Name, s.Controls, Stage(s.Stage) };
            cells.AddRange(profiles.Select(p => s.Rule(p) is { } rule ? $"{s.Value(p)} ({RuleCatalog.Get(rule).Id})" : s.Value(p)));
            Row(text, [.. cells]);
        }

        return text.ToString();
    }

    /// <summary>
    /// The re-enabling table the model runs (<see cref="ReenablingTable.Rows"/>): which call re-enables which event,
    /// on which result, under which rule, and the profile switch value each variant row stands for.
    /// </summary>
    public static string ReenablingTableRows()
    {
        var text = new StringBuilder();
        text.Append("| Event | Re-enabling call | Re-enables when | Effect | Rule | Profiles |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var row in ReenablingTable.Rows)
        {
            Row(
                text,
                row.Events == NetworkEvents.None ? "—" : NetworkEventNames.Format(row.Events).Replace("|", ", ", StringComparison.Ordinal),
                row.CallText,
                When(row.When),
                row.When == ReenableWhen.Never ? "—" : row.Effect switch
                {
                    ReenableEffect.Reopen => "re-opens the latch",
                    ReenableEffect.ReopenAndRaise => "re-opens the latch; occurs anew",
                    ReenableEffect.Raise => "occurs anew",
                    _ => throw new System.Diagnostics.UnreachableException(row.Effect.ToString()),
                },
                row.Rule is { } rule ? RuleCatalog.Get(rule).Id : "—",
                row.Variant is null ? "all" : $"{row.Variant.Switch} = {row.Variant.Value}");
        }

        return text.ToString();
    }

    private static string When(ReenableWhen when) => when switch
    {
        ReenableWhen.Always => "whatever it returns",
        ReenableWhen.Never => "never",
        ReenableWhen.WouldBlock => "it fails with WSAEWOULDBLOCK",
        ReenableWhen.AnyFailure => "it fails",
        ReenableWhen.MessageMode => "in message mode",
        ReenableWhen.EventMode => "in event mode",
        _ => throw new System.Diagnostics.UnreachableException(when.ToString()),
    };

    private static string Stage(SwitchStage stage) => stage switch
    {
        SwitchStage.Calls => "calls",
        SwitchStage.Reenabling => "re-enabling table",
        SwitchStage.Network => "network",
        SwitchStage.Levels => "levels",
        SwitchStage.Watch => "watch (sock_get_poll_events)",
        SwitchStage.Latch => "latch (post_socket_event)",
        SwitchStage.Delivery => "delivery (sock_wake_up)",
        _ => throw new System.Diagnostics.UnreachableException(stage.ToString()),
    };

    /// <summary>The anchor of a rule's row in docs/rules.md ("rule-g1"), which the catalogue and the questions link to.</summary>
    public static string RuleAnchor(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return "rule-" + rule.Id.ToLowerInvariant();
    }

    /// <summary>
    /// The rule catalogue: ID (with its anchor), kind, summary, sources, and whether loopback can reach it. The sources are
    /// the rule's row of docs/sources-by-rule.tsv as links: our notes in docs/sources.md, the public addresses, and the
    /// repository's captures and scenarios.
    /// </summary>
    public static string RuleCatalogTable()
    {
        var sources = SourcesByRule();
        var text = new StringBuilder();
        text.Append("| ID | Kind | Summary | Sources | Loopback |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var rule in RuleCatalog.All)
        {
            var links = sources.TryGetValue(rule.Id, out var references) ? string.Join(", ", references.Select(SourceLink)) : rule.Source;
            Row(text, $"<a id=\"{RuleAnchor(rule)}\"></a>{rule.Id}", rule.Kind.ToString(), rule.Summary, links, rule.LoopbackReachable ? "yes" : "no");
        }

        return text.ToString();
    }

    /// <summary>docs/sources-by-rule.tsv: rule ID to its references, in order (SourcesTests checks the file).</summary>
    private static Dictionary<string, string[]> SourcesByRule()
    {
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Repository.Full(SourceMap.MapPath)))
        {
            var fields = line.Split('\t');
            if (line.Length > 0 && !line.StartsWith('#') && fields.Length == 3 && fields[0] != "rule")
            {
                rows[fields[0]] = fields[1].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return rows;
    }

    /// <summary>One reference as a Markdown link from docs/: a note of sources.md, a public address, or a repository file.</summary>
    private static string SourceLink(string reference)
    {
        if (reference.StartsWith('#'))
        {
            return $"[{reference[1..]}](sources.md{reference})";
        }

        if (reference.StartsWith("https://", StringComparison.Ordinal))
        {
            var uri = new Uri(reference);
            var blob = uri.AbsolutePath.IndexOf("/blob/", StringComparison.Ordinal);
            var label = uri.Host + ": " + uri.AbsolutePath.Split('/')[^1];
            if (blob >= 0)
            {
                var path = uri.AbsolutePath[(blob + "/blob/".Length)..];
                var slash = path.IndexOf('/', StringComparison.Ordinal);
                label = path[..slash] + ":" + path[(slash + 1)..] + uri.Fragment;
            }

            return $"[{label}]({reference})";
        }

        var name = reference.EndsWith(".jsonl", StringComparison.Ordinal) ? reference[..^".jsonl".Length] : reference;
        var shown = name.StartsWith("traces/", StringComparison.Ordinal) ? "capture " + name["traces/".Length..]
            : name.StartsWith("scenarios/", StringComparison.Ordinal) ? "scenario " + name["scenarios/".Length..]
            : name;
        return $"[{shown}](../{reference})";
    }

    /// <summary>A generated table: one row per probe, one column per profile.</summary>
    public static string ProbeTable(IReadOnlyList<Probe> probes, IReadOnlyList<Profile> profiles)
    {
        var text = new StringBuilder();
        text.Append("| Event | Situation | Mode | ").Append(string.Join(" | ", profiles.Select(p => p.Name))).Append(" | Rules |\n");
        text.Append("|---|---|---|").Append(string.Concat(profiles.Select(_ => "---|"))).Append("---|\n");
        foreach (var probe in probes)
        {
            var cells = new List<string> { probe.Event.NativeName(), probe.Situation, probe.Mode == Mode.Message ? "M" : "E" };
            cells.AddRange(profiles.Select(p => Cell(probe, p)));
            cells.Add(CheckedRules(probe.Rules));
            Row(text, [.. cells]);
        }

        return text.ToString();
    }

    /// <summary>
    /// What the probe's last step delivered under a profile, in a few words: message mode "posted" (with a
    /// count and error words) or "nothing"; event mode "signaled", "not signaled", or "already signaled"
    /// when the event object was signaled before the step and nothing reset it.
    /// </summary>
    public static string Cell(Probe probe, Profile profile)
    {
        var results = WinsockModel.Run(profile, probe.Steps);
        var last = results[^1];
        if (probe.Mode == Mode.Event)
        {
            var before = results.Count > 1 && results[^2].Observation.Signaled.Contains(EventObject);
            return !last.Observation.Signaled.Contains(EventObject) ? "not signaled" : before ? "already signaled" : "signaled";
        }

        var posted = last.Observation.Posted.Where(n => n.Event == probe.Event).ToList();
        if (posted.Count == 0)
        {
            return "nothing";
        }

        var errors = posted.Where(n => n.Error != WsaError.None).Select(n => n.Error.NativeName()).Distinct().ToList();
        var count = posted.Count == 1 ? string.Empty : " ×" + posted.Count.ToString(CultureInfo.InvariantCulture);
        return "posted" + count + (errors.Count == 0 ? string.Empty : " " + string.Join("/", errors));
    }

    /// <summary>Rows regenerating the Windows table B (docs/sources.md #win-b-registration): a registration made when the condition already holds.</summary>
    public static IReadOnlyList<Probe> RegistrationProbes()
    {
        var probes = new List<Probe>();
        foreach (var mode in new[] { Mode.Message, Mode.Event })
        {
            var accept = NetworkEvents.Accept;
            probes.Add(new(accept, "connection pending, never reported", mode, [.. Listen(), new PeerConnect(Listener), Register(mode, Listener, accept)], ["B1", "B3"]));
            probes.Add(new(accept, "connection pending, already reported", mode, [.. Listen(), Register(mode, Listener, accept), new PeerConnect(Listener), .. Seen(mode, Listener), Register(mode, Listener, accept)], ["B1", "B4"]));
            probes.Add(new(accept, "arrived but accepted before registering", mode, [.. Listen(), new PeerConnect(Listener), new AcceptCall(Listener, Accepted), Register(mode, Listener, accept)], ["B1"]));

            var connect = NetworkEvents.Connect;
            probes.Add(new(connect, "TCP connect completed before registering", mode, [Tcp(), new ConnectCall(Socket, ConnectTarget.Peer), Register(mode, Socket, connect)], ["B2", "B8", "DOC-1"]));
            probes.Add(new(connect, "TCP connect completed while FD_CONNECT was unselected", mode, [Tcp(), Register(mode, Socket, NetworkEvents.Read), new ConnectCall(Socket, ConnectTarget.Peer), Register(mode, Socket, connect)], ["B2", "B8"]));
            probes.Add(new(connect, "accepted socket", mode, [.. Listen(), new PeerConnect(Listener), new AcceptCall(Listener, Accepted), Register(mode, Accepted, connect)], ["B2", "E1"]));

            var write = NetworkEvents.Write;
            probes.Add(new(write, "connected TCP, first registration", mode, [Tcp(), new ConnectCall(Socket, ConnectTarget.Peer), Register(mode, Socket, write)], ["B1", "B3"]));
            probes.Add(new(write, "connected TCP, already reported", mode, [Tcp(), new ConnectCall(Socket, ConnectTarget.Peer), Register(mode, Socket, write), .. Seen(mode, Socket), Register(mode, Socket, write)], ["B1", "B4", "DOC-7"]));
            probes.Add(new(write, "unbound UDP", mode, [Udp(), Register(mode, Socket, write)], ["B5", "WINE-2", "DOC-8"]));
            probes.Add(new(write, "bound UDP", mode, [Udp(), new BindCall(Socket), Register(mode, Socket, write)], ["B5"]));
            probes.Add(new(write, "unconnected TCP", mode, [Tcp(), Register(mode, Socket, write)], ["B1"]));
            probes.Add(new(write, "listening socket", mode, [.. Listen(), Register(mode, Listener, write)], ["B1"]));

            var read = NetworkEvents.Read;
            probes.Add(new(read, "unread data, already reported", mode, [.. Connected(), Register(mode, Socket, read), new PeerSend(Socket, 10), .. Seen(mode, Socket), Register(mode, Socket, read)], ["B1", "B4"]));
            probes.Add(new(read, "data arrived while unselected, unread", mode, [.. Connected(), new PeerSend(Socket, 10), Register(mode, Socket, read)], ["B1", "B3"]));
            probes.Add(new(read, "data arrived and read while unselected", mode, [.. Connected(), new PeerSend(Socket, 10), new RecvCall(Socket, 10), Register(mode, Socket, read)], ["B1"]));

            var oob = NetworkEvents.Oob;
            probes.Add(new(oob, "urgent byte unread, already reported", mode, [.. Connected(), Register(mode, Socket, oob), new PeerSendUrgent(Socket), .. Seen(mode, Socket), Register(mode, Socket, oob)], ["B1", "B4"]));
            probes.Add(new(oob, "urgent byte arrived while unselected", mode, [.. Connected(), new PeerSendUrgent(Socket), Register(mode, Socket, oob)], ["B1", "B3"]));

            var close = NetworkEvents.Close;
            probes.Add(new(close, "peer closed, already reported", mode, [.. Connected(), Register(mode, Socket, close), new PeerClose(Socket), .. Seen(mode, Socket), Register(mode, Socket, close)], ["B1", "B4"]));
            probes.Add(new(close, "peer reset, already reported", mode, [.. Connected(), Register(mode, Socket, close), new PeerAbort(Socket), .. Seen(mode, Socket), Register(mode, Socket, close)], ["B1", "G4", "WINE-8"]));
            probes.Add(new(close, "peer closed before registering", mode, [.. Connected(), new PeerClose(Socket), Register(mode, Socket, close)], ["B1", "B3"]));
        }

        return [.. probes.OrderBy(p => NetworkEventNames.Bits.ToList().IndexOf(p.Event)).ThenBy(p => p.Mode)];
    }

    /// <summary>Rows regenerating the Windows table C (docs/sources.md #win-c-reenabling): the event is latched; the last step is the re-enabling call.</summary>
    public static IReadOnlyList<Probe> ReenableProbes()
    {
        const Mode m = Mode.Message;
        const Mode e = Mode.Event;
        var read = NetworkEvents.Read;
        var write = NetworkEvents.Write;
        return
        [
            new(read, "recv of part of the data", m, [.. Connected(), Register(m, Socket, read), new PeerSend(Socket, 10), new RecvCall(Socket, 5)], ["C1", "D2"]),
            new(read, "recv of all the data", m, [.. Connected(), Register(m, Socket, read), new PeerSend(Socket, 10), new RecvCall(Socket, 10)], ["C1"]),
            new(read, "recv with MSG_PEEK", m, [.. Connected(), Register(m, Socket, read), new PeerSend(Socket, 10), new RecvCall(Socket, 10, RecvFlags.Peek)], ["C1", "S2"]),
            new(read, "recv failing WSAEFAULT", m, [.. Connected(), Register(m, Socket, read), new PeerSend(Socket, 10), new RecvCall(Socket, 10, BadArguments: true)], ["C2", "WINE-4", "DOC-5"]),
            new(read, "recv failing WSAEFAULT", e, [.. Connected(), Register(e, Socket, read), new PeerSend(Socket, 10), .. Seen(e, Socket), new RecvCall(Socket, 10, BadArguments: true)], ["C2", "DOC-5"]),
            new(write, "successful send", m, [Tcp(), Register(m, Socket, write), new ConnectCall(Socket, ConnectTarget.Peer), new SendCall(Socket, 10)], ["C6", "DOC-4"]),
            new(write, "send failing WSAEWOULDBLOCK, then the peer reads", m, [Tcp(), Register(m, Socket, write), new ConnectCall(Socket, ConnectTarget.Peer), new SendCall(Socket, 0, Fill: true), new PeerRead(Socket)], ["C6", "S4"]),
            new(write, "connect on bound UDP", m, [Udp(), new BindCall(Socket), Register(m, Socket, write), new ConnectCall(Socket, ConnectTarget.Peer)], ["C10", "WINE-3", "DOC-6"]),
            new(NetworkEvents.Oob, "recv(MSG_OOB) with a second urgent byte queued", m, [.. Connected(), Register(m, Socket, NetworkEvents.Oob), new PeerSendUrgent(Socket), new PeerSendUrgent(Socket), new RecvCall(Socket, 1, RecvFlags.Oob)], ["C3", "S10", "WINE-5"]),
            new(NetworkEvents.Accept, "accept with another connection queued", m, [.. Listen(), Register(m, Listener, NetworkEvents.Accept), new PeerConnect(Listener), new PeerConnect(Listener), new AcceptCall(Listener, Accepted)], ["C4", "D2"]),
            new(NetworkEvents.Connect, "WSAAsyncSelect again (no re-enabling function)", m, [Tcp(), Register(m, Socket, NetworkEvents.Connect), new ConnectCall(Socket, ConnectTarget.Peer), Register(m, Socket, NetworkEvents.Connect)], ["C7", "B2", "DOC-1"]),
            new(NetworkEvents.Close, "recv returning 0 (no re-enabling function)", m, [.. Connected(), Register(m, Socket, NetworkEvents.Close), new PeerClose(Socket), new RecvCall(Socket, 10)], ["C7"]),
            new(NetworkEvents.Close, "draining data left after the peer's close", m, [.. Connected(), Register(m, Socket, NetworkEvents.Close | read), new PeerSend(Socket, 5), new PeerClose(Socket), new RecvCall(Socket, 10)], ["G1", "WINE-6", "DOC-3"]),
            new(NetworkEvents.Qos, "SIO_GET_QOS, then a QoS change", m, [.. Connected(), Register(m, Socket, NetworkEvents.Qos), new NetworkChange(Socket, NetworkChangeKind.Qos), new IoctlCall(Socket, IoctlCode.GetQos), new NetworkChange(Socket, NetworkChangeKind.Qos)], ["C8", "Q1", "WINE-9"]),
            new(NetworkEvents.RoutingInterfaceChange, "SIO_ROUTING_INTERFACE_CHANGE, then a change", m, [.. Connected(), Register(m, Socket, NetworkEvents.RoutingInterfaceChange), new IoctlCall(Socket, IoctlCode.RoutingInterfaceChange), new NetworkChange(Socket, NetworkChangeKind.RoutingInterface)], ["C9", "WINE-9"]),
            new(NetworkEvents.AddressListChange, "SIO_ADDRESS_LIST_CHANGE, then a change", m, [.. Connected(), Register(m, Socket, NetworkEvents.AddressListChange), new IoctlCall(Socket, IoctlCode.AddressListChange), new NetworkChange(Socket, NetworkChangeKind.AddressList)], ["C9", "WINE-9"]),
        ];
    }

    /// <summary>Rows for the Windows notes D (docs/sources.md #win-d-level): a new occurrence while latched, and after an event-mode re-registration.</summary>
    public static IReadOnlyList<Probe> OccurrenceProbes()
    {
        var probes = new List<Probe>();
        foreach (var mode in new[] { Mode.Message, Mode.Event })
        {
            probes.Add(new(NetworkEvents.Read, "more data, FD_READ latched", mode, [.. Connected(), Register(mode, Socket, NetworkEvents.Read), new PeerSend(Socket, 10), .. Seen(mode, Socket), new PeerSend(Socket, 5)], ["D1"]));
            probes.Add(new(NetworkEvents.Accept, "another connection, FD_ACCEPT latched", mode, [.. Listen(), Register(mode, Listener, NetworkEvents.Accept), new PeerConnect(Listener), .. Seen(mode, Listener), new PeerConnect(Listener)], ["D1"]));
            probes.Add(new(NetworkEvents.Oob, "another urgent byte, FD_OOB latched", mode, [.. Connected(), Register(mode, Socket, NetworkEvents.Oob), new PeerSendUrgent(Socket), .. Seen(mode, Socket), new PeerSendUrgent(Socket)], ["D1"]));
        }

        const Mode e = Mode.Event;
        probes.Add(new(NetworkEvents.Read, "more data after WSAEventSelect re-registration", e, [.. Connected(), Register(e, Socket, NetworkEvents.Read), new PeerSend(Socket, 10), .. Seen(e, Socket), Register(e, Socket, NetworkEvents.Read), new PeerSend(Socket, 5)], ["B4", "WINE-1"]));
        probes.Add(new(NetworkEvents.Accept, "another connection after WSAEventSelect re-registration", e, [.. Listen(), Register(e, Listener, NetworkEvents.Accept), new PeerConnect(Listener), .. Seen(e, Listener), Register(e, Listener, NetworkEvents.Accept), new PeerConnect(Listener)], ["B4", "WINE-1"]));
        probes.Add(new(NetworkEvents.Oob, "another urgent byte after WSAEventSelect re-registration", e, [.. Connected(), Register(e, Socket, NetworkEvents.Oob), new PeerSendUrgent(Socket), .. Seen(e, Socket), Register(e, Socket, NetworkEvents.Oob), new PeerSendUrgent(Socket)], ["B4", "WINE-1"]));
        probes.Add(new(NetworkEvents.Close, "the peer's FIN after local shutdown(SD_BOTH)", Mode.Message, [.. Connected(), Register(Mode.Message, Socket, NetworkEvents.Close), new ShutdownCall(Socket, ShutdownHow.Both), new PeerShutdown(Socket, ShutdownHow.Send)], ["G2", "WINE-7"]));
        return [.. probes.OrderBy(p => NetworkEventNames.Bits.ToList().IndexOf(p.Event)).ThenBy(p => p.Mode)];
    }

    private static SocketCall Tcp() => new(Socket, SocketKind.Stream);

    private static SocketCall Udp() => new(Socket, SocketKind.Datagram);

    private static Input[] Connected() => [Tcp(), new ConnectCall(Socket, ConnectTarget.Peer)];

    private static Input[] Listen() => [new SocketCall(Listener, SocketKind.Stream), new BindCall(Listener), new ListenCall(Listener)];

    private static Input Register(Mode mode, string socket, NetworkEvents mask) => mode == Mode.Message
        ? new AsyncSelectCall(socket, TraceFormat.DefaultWindow, TraceFormat.DefaultMessage, mask)
        : new EventSelectCall(socket, EventObject, mask);

    /// <summary>Event mode: WSAEnumNetworkEvents, so the event counts as reported and the event object is reset. Message mode: nothing.</summary>
    private static Input[] Seen(Mode mode, string socket) => mode == Mode.Event ? [new EnumNetworkEventsCall(socket, EventObject)] : [];

    private static string CheckedRules(IEnumerable<string> ids) =>
        string.Join(", ", ids.Select(id => RuleCatalog.Find(id)?.Id ?? throw new InvalidOperationException($"RuleTables names unknown rule '{id}'")));

    private static void Row(StringBuilder text, params string[] cells) =>
        text.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
}
