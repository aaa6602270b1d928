using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Partial observation (format version 2): a trace that records only the program's calls and what it retrieved is
/// judged on those, with the posting times left for the checker to find (<c>"observes"</c>, <c>"postingDelay"</c>). The
/// committed Wine captures, stripped to that, must conform, also retrieved one message at a time as a wrapper's GetMessage
/// loop does; a changed retrieval must still diverge, naming the rule that posted the message.
/// </summary>
public sealed class PartialObservationTests
{
    private const string Header = """{"format":"wsaasyncselect-trace","version":2,"kind":"trace","profile":"windows","observes":["results","delivered"]}""";

    public static TheoryData<string> Captures() => [.. CaptureFiles()];

    private static IEnumerable<string> CaptureFiles() =>
        Repository.JsonLinesFiles("traces/wine-8.0", "traces/wine-10.0").Where(f => !TraceReader.ReadFile(Repository.PathOf(f)).Header.IsScenario);

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_capture_that_observes_only_calls_and_retrieved_messages_conforms(string file)
    {
        // Given a real capture with "posted" dropped, declared in the header
        var lines = PartialTraces.Derive(File.ReadAllLines(Repository.PathOf(file)), ["results", "delivered"]);

        // When it is checked against its stack's profile
        var report = Check(file, lines);

        // Then the checker finds a posting order the model allows
        Assert.True(report.Verdict == Verdict.Conforms, ReportText.Render(report) + string.Join('\n', lines));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_capture_retrieved_one_message_at_a_time_conforms(string file)
    {
        // Given the capture's getMessages steps as the GetMessage loop of a wrapper: one getMessage per message, then one that finds none
        var lines = PartialTraces.Derive(File.ReadAllLines(Repository.PathOf(file)), ["results", "delivered"], oneAtATime: true);

        // When it is checked
        var report = Check(file, lines);

        // Then it conforms
        Assert.True(report.Verdict == Verdict.Conforms, ReportText.Render(report) + string.Join('\n', lines));
    }

    [Fact]
    public void The_captures_cover_retrievals_in_message_mode()
    {
        var retrievals = CaptureFiles().Sum(f => File.ReadAllLines(Repository.PathOf(f)).Count(l => l.Contains("\"delivered\":[", StringComparison.Ordinal)));
        Assert.True(retrievals >= 50, $"only {retrievals} retrieval steps deliver anything");
    }

    [Fact]
    public void A_retrieved_message_dropped_from_a_partial_trace_diverges_naming_the_rule_that_posted_it()
    {
        // Given the seed's example captured on Wine 8, calls and retrievals only, with one of the three FD_READs missing
        const string file = "traces/wine-8.0/message/read-100-bytes-50-at-a-time.jsonl";
        var lines = PartialTraces.Derive(File.ReadAllLines(Repository.PathOf(file)), ["results", "delivered"])
            .Select(l => l.Replace("\"a FD_READ\",\"a FD_READ\",\"a FD_READ\"", "\"a FD_READ\",\"a FD_READ\"", StringComparison.Ordinal)).ToArray();

        // When it is checked
        var report = Check(file, lines);

        // Then it diverges at the retrieval, expecting the FD_READ that recv re-posted (C1)
        Assert.Equal(Verdict.Diverges, report.Verdict);
        var d = report.FirstDivergence!;
        Assert.IsType<GetMessagesCall>(d.Input);
        var delivered = Assert.IsType<DeliveredDifference>(Assert.Single(d.Differences));
        Assert.Equal(6, delivered.Expected.Count);
        Assert.Contains(d.Rules, r => r.Id == "C1");
    }

    [Fact]
    public void A_changed_message_in_a_one_at_a_time_recording_diverges_at_that_retrieval()
    {
        // Given the same capture retrieved one message at a time, the fourth message changed from FD_READ to FD_OOB
        const string file = "traces/wine-8.0/message/read-100-bytes-50-at-a-time.jsonl";
        var lines = PartialTraces.Derive(File.ReadAllLines(Repository.PathOf(file)), ["results", "delivered"], oneAtATime: true);
        var fourth = Array.FindIndex(lines, l => l.Contains("\"step\":14,", StringComparison.Ordinal));
        lines[fourth] = lines[fourth].Replace("a FD_READ", "a FD_OOB", StringComparison.Ordinal);

        // When it is checked
        var report = Check(file, lines);

        // Then the fourth retrieval diverges: the model's next message for the socket is the FD_READ recv re-posted
        Assert.True(report.Verdict == Verdict.Diverges, ReportText.Render(report));
        Assert.Equal(14, report.FirstDivergence!.Step);
        Assert.Contains("expected: [a FD_READ]", ReportText.Render(report), StringComparison.Ordinal);
        Assert.Contains(report.FirstDivergence.Rules, r => r.Id == "C1");
    }

    [Fact]
    public void Each_sockets_messages_keep_their_order_but_sockets_interleave_freely_within_a_step()
    {
        // Given two sockets connected in one step each, retrieved in an order that swaps sockets but never one socket's messages
        string[] Trace(params string[] retrieved) =>
        [
            Header,
            """{"op":"socket","socket":"a","observed":{"ret":0}}""",
            """{"op":"socket","socket":"b","observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_CONNECT","FD_WRITE"],"observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"b","events":["FD_CONNECT","FD_WRITE"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}""",
            """{"op":"connect","socket":"b","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}""",
            .. retrieved.Select(m => $$$"""{"op":"getMessage","observed":{"ret":0,"delivered":["{{{m}}}"]}}"""),
            """{"op":"getMessage","observed":{"ret":0}}""",
            TraceFiles.CompleteEnd,
        ];

        // Then posting order holds across steps and per socket
        Assert.Equal(Verdict.Conforms, Check("in-order", Trace("a FD_CONNECT", "a FD_WRITE", "b FD_CONNECT", "b FD_WRITE")).Verdict);
        Assert.Equal(Verdict.Diverges, Check("b-before-a", Trace("b FD_CONNECT", "a FD_CONNECT", "a FD_WRITE", "b FD_WRITE")).Verdict);
        Assert.Equal(Verdict.Diverges, Check("write-before-connect", Trace("a FD_WRITE", "a FD_CONNECT", "b FD_CONNECT", "b FD_WRITE")).Verdict);

        // And with a posting delay of one step, a's messages may come after b's
        var delayed = Trace("b FD_CONNECT", "a FD_CONNECT", "a FD_WRITE", "b FD_WRITE");
        delayed[0] = delayed[0].Replace("}", ",\"postingDelay\":1}", StringComparison.Ordinal);
        Assert.Equal(Verdict.Conforms, Check("delayed", delayed).Verdict);
    }

    [Fact]
    public void A_message_the_stack_posts_a_step_late_needs_a_posting_delay()
    {
        // Given a wrapper's loop that looked for messages right after the peer's data arrived, before Wine posted FD_READ
        string[] Trace(int delay) =>
        [
            Header.Replace("}", delay == 0 ? "}" : $",\"postingDelay\":{delay}}}", StringComparison.Ordinal),
            """{"op":"socket","socket":"a","observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_READ"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}""",
            """{"op":"peer.send","socket":"a","len":10,"observed":{"ret":0}}""",
            """{"op":"getMessage","comment":"not there yet","observed":{"ret":0}}""",
            """{"op":"getMessage","observed":{"ret":0,"delivered":["a FD_READ"]}}""",
            """{"op":"recv","socket":"a","len":10,"observed":{"ret":10}}""",
            """{"op":"getMessage","observed":{"ret":0}}""",
            TraceFiles.CompleteEnd,
        ];

        // Then without a delay it diverges where the message was missed, and with one step of delay it conforms
        var onTime = Check("on-time", Trace(0));
        Assert.Equal(Verdict.Diverges, onTime.Verdict);
        Assert.Equal(5, onTime.FirstDivergence!.Step);
        Assert.Contains("expected: [a FD_READ]", ReportText.Render(onTime), StringComparison.Ordinal);
        Assert.Equal(Verdict.Conforms, Check("one-step-late", Trace(1)).Verdict);
    }

    [Fact]
    public void A_delay_does_not_excuse_a_message_that_never_comes()
    {
        // Given FD_READ missed by two retrievals, then never retrieved though the loop ends with an empty queue
        string[] lines =
        [
            Header.Replace("}", ",\"postingDelay\":1}", StringComparison.Ordinal),
            """{"op":"socket","socket":"a","observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_READ"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}""",
            """{"op":"peer.send","socket":"a","len":10,"observed":{"ret":0}}""",
            """{"op":"getMessage","observed":{"ret":0}}""",
            """{"op":"getMessage","observed":{"ret":0}}""",
            TraceFiles.CompleteEnd,
        ];

        // Then the second empty retrieval diverges: one step of delay is all the header allows
        var report = Check("never", lines);
        Assert.Equal(Verdict.Diverges, report.Verdict);
        Assert.Equal(6, report.FirstDivergence!.Step);
    }

    [Fact]
    public void Aspects_a_trace_does_not_observe_are_not_compared()
    {
        // Given wrong results and a wrong posted list in a trace that observes only what was delivered
        var lines = new[]
        {
            Header.Replace("[\"results\",\"delivered\"]", "[\"delivered\"]", StringComparison.Ordinal),
            """{"op":"socket","socket":"a","observed":{"ret":7}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_CONNECT"],"observed":{"ret":0,"posted":["a FD_CLOSE"]}}""",
            """{"op":"connect","socket":"a","observed":{"ret":0}}""",
            """{"op":"getMessages","observed":{"ret":0,"delivered":["a FD_CONNECT"]}}""",
            TraceFiles.CompleteEnd,
        };

        // Then it conforms: ret and posted are not what it records
        var report = Check("delivered-only", lines);
        Assert.True(report.Verdict == Verdict.Conforms, ReportText.Render(report));
    }

    [Fact]
    public void A_retrieval_a_wparam_leaves_open_is_searched_and_the_search_is_bounded()
    {
        // Given a stale FD_READ for a closed socket and one for the newer socket that took its value (X4), both retrieved by
        // value only, with a delay that lets either come first
        var lines = new[]
        {
            """{"format":"wsaasyncselect-trace","version":2,"kind":"trace","profile":"windows","observes":["results","delivered","handles"],"postingDelay":8}""",
            """{"op":"socket","socket":"a","observed":{"ret":0,"handle":260}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_READ"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}""",
            """{"op":"peer.send","socket":"a","len":10,"observed":{"ret":0}}""",
            """{"op":"recv","socket":"a","len":1,"observed":{"ret":1}}""",
            """{"op":"closesocket","socket":"a","observed":{"ret":0}}""",
            """{"op":"socket","socket":"b","observed":{"ret":0,"handle":260}}""",
            """{"op":"WSAAsyncSelect","socket":"b","events":["FD_READ"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"b","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}""",
            """{"op":"peer.send","socket":"b","len":10,"observed":{"ret":0}}""",
            """{"op":"getMessage","observed":{"ret":0,"delivered":["b FD_READ @260"]}}""",
            """{"op":"getMessage","observed":{"ret":0,"delivered":["b FD_READ @260"]}}""",
            """{"op":"getMessage","observed":{"ret":0,"delivered":["b FD_READ @260"]}}""",
            """{"op":"getMessage","observed":{"ret":0}}""",
            TraceFiles.CompleteEnd,
        };

        // Then some order of a's two FD_READs and b's one explains it
        var trace = TraceReader.Read("stale", lines);
        Assert.Equal(Verdict.Conforms, Checker.Check(trace, Profiles.Windows).Verdict);

        // And with a bound of one possible queue the search gives up, inconclusive, saying why
        var bounded = Checker.Check(trace, Profiles.Windows, searchLimit: 1);
        Assert.Equal(Verdict.Inconclusive, bounded.Verdict);
        Assert.Contains("search for a posting order", bounded.InconclusiveReason, StringComparison.Ordinal);

        // And a fourth FD_READ is one too many
        var extra = lines.Take(14).Append(lines[13]).Append(TraceFiles.CompleteEnd).ToArray();
        Assert.Equal(Verdict.Diverges, Checker.Check(TraceReader.Read("extra", extra), Profiles.Windows).Verdict);
    }

    private static CheckReport Check(string source, string[] lines)
    {
        var trace = TraceReader.Read(source, lines);
        return Checker.Check(trace, Profiles.Find(trace.Header.Profile ?? "windows")!);
    }
}
