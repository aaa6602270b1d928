using System.Globalization;
using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>
/// A scenario as a Mermaid sequence diagram (GitHub renders ```mermaid blocks): the application's calls to the
/// stack, the peer's and the network's actions, and what the stack answers: the return value, the messages it
/// queued for the window, the event objects it signaled, what getMessages retrieved. Each step is run under every
/// profile; where the profiles' answers differ the step's answers become an <c>alt</c> block with one branch per
/// group of profiles that agree, so one diagram shows every profile's lane.
/// </summary>
public static class SequenceDiagram
{
    /// <summary>Calls whose plain success ("ret 0", nothing else) is worth no arrow of its own.</summary>
    private static readonly HashSet<string> s_quietOnSuccess = new(StringComparer.Ordinal)
    {
        "socket", "bind", "listen", "accept", "shutdown", "closesocket", "setsockopt", "ioctlsocket",
        "WSAAsyncSelect", "WSAEventSelect", "WSAIoctl",
    };

    public static string Render(Trace scenario, IReadOnlyList<Profile> profiles)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var runs = profiles.Select(p => ModelStep.Run(scenario, p)).ToList();
        var text = new StringBuilder();
        text.Append("sequenceDiagram\n");
        text.Append("    participant App as Application\n");
        text.Append("    participant Stack as Winsock\n");
        text.Append("    participant Peer\n");
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            text.Append("    ").Append(Action(step)).Append('\n');
            var answers = runs.Select(run => Answers(step.Input, run[i], i == 0 ? [] : run[i - 1].Observation.Signaled)).ToList();
            var groups = profiles.Select((profile, k) => (profile.Name, Lines: answers[k]))
                .GroupBy(x => string.Join('\n', x.Lines), StringComparer.Ordinal)
                .ToList();
            if (groups.Count == 1)
            {
                foreach (var line in answers[0])
                {
                    text.Append("    ").Append(line).Append('\n');
                }

                continue;
            }

            for (var g = 0; g < groups.Count; g++)
            {
                text.Append(g == 0 ? "    alt " : "    else ").Append(Label(string.Join(", ", groups[g].Select(x => x.Name)))).Append('\n');
                var lines = groups[g].First().Lines;
                foreach (var line in lines.Count == 0 ? ["Note over App,Stack: nothing new"] : lines)
                {
                    text.Append("        ").Append(line).Append('\n');
                }
            }

            text.Append("    end\n");
        }

        return text.ToString();
    }

    /// <summary>The step itself: a call from the application, an action of the peer, or a note for the network.</summary>
    private static string Action(TraceStep step)
    {
        var number = step.Number.ToString(CultureInfo.InvariantCulture);
        var described = Operations.Describe(step.Input);
        if (Operations.Of(step.Input).Group == OperationGroup.Call)
        {
            return $"App->>Stack: {Label($"{number}. {described}")}";
        }

        return step.Input.Op.StartsWith("peer.", StringComparison.Ordinal)
            ? $"Peer->>Stack: {Label($"{number}. {described["peer.".Length..]}")}"
            : $"Note over Stack,Peer: {Label($"{number}. {described}")}";
    }

    /// <summary>
    /// What the stack answers to one step under one profile, as diagram lines (empty: nothing to show). Event objects
    /// are shown when they change: signaled now and not before, or reset now.
    /// </summary>
    private static List<string> Answers(Input input, StepResult result, IReadOnlyList<string> signaledBefore)
    {
        var o = result.Observation;
        var lines = new List<string>();
        var isCall = Operations.Of(input).Group == OperationGroup.Call;
        if (input is GetMessagesCall)
        {
            lines.Add("Stack-->>App: " + Label(o.Delivered.Count == 0
                ? "got nothing"
                : "got " + string.Join(", ", o.Delivered.Select(n => MessageText.Format(n, result.State)))));
        }
        else if (isCall && !(o.Return == 0 && o.Error == WsaError.None && o.Value is null && o.Enumerated is null && s_quietOnSuccess.Contains(input.Op)))
        {
            var answer = DifferenceText.Result(new CallResult(o.Return, o.Error));
            if (o.Value is { } value)
            {
                answer += ", value " + value.ToString(CultureInfo.InvariantCulture);
            }

            if (o.Enumerated is { } enumerated)
            {
                answer += ", " + (enumerated.Events == NetworkEvents.None ? "no events" : enumerated.ToString());
            }

            lines.Add("Stack-->>App: " + Label(answer));
        }

        foreach (var posted in o.Posted)
        {
            lines.Add("Stack-)App: " + Label("queued " + MessageText.Format(posted, result.State)));
        }

        var signaled = o.Signaled.Except(signaledBefore, StringComparer.Ordinal).ToList();
        var reset = signaledBefore.Except(o.Signaled, StringComparer.Ordinal).ToList();
        if (signaled.Count > 0)
        {
            lines.Add("Note left of Stack: " + Label("signals " + string.Join(", ", signaled)));
        }

        if (reset.Count > 0)
        {
            lines.Add("Note left of Stack: " + Label("resets " + string.Join(", ", reset)));
        }

        return lines;
    }

    /// <summary>
    /// Text safe in a Mermaid message or note: '#' starts an entity and ';' ends a statement, so both are written as
    /// entities, and so are '&lt;' and '&gt;', so nothing reads as HTML.
    /// </summary>
    private static string Label(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(c switch
            {
                '#' => "#35;",
                ';' => "#59;",
                '<' => "#lt;",
                '>' => "#gt;",
                _ => c.ToString(),
            });
        }

        return safe.ToString();
    }
}
