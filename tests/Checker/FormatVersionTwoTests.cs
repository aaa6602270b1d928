using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Format version 2 (docs/trace-format.md): the reader takes versions 1 and 2, refuses in a version-1 file what version 2
/// added, and reads and writes getMessage, the header's observed aspects and posting delay, handle values and wParams; the
/// checker applies getMessage's filters and judges handle values by the profile's reuse order (X4, WINE-32).
/// </summary>
public sealed class FormatVersionTwoTests(TraceFiles files) : IClassFixture<TraceFiles>
{
    private const string V2 = """{"format":"wsaasyncselect-trace","version":2,"kind":"trace","profile":"windows"}""";

    [Theory]
    [InlineData("""{"op":"getMessage","observed":{"ret":0}}""", 2, "operation \"getMessage\" needs format version 2; the header says version 1")]
    [InlineData("""{"op":"socket","socket":"a","observed":{"ret":0,"handle":260}}""", 2, "\"observed.handle\" needs format version 2; the header says version 1")]
    [InlineData("""{"op":"getMessages","observed":{"ret":0,"delivered":["a FD_READ @260"]}}""", 2, "a message's @wParam needs format version 2; the header says version 1")]
    public void What_version_2_added_is_bad_input_in_a_version_1_file(string step, int line, string expected)
    {
        var path = files.Write("v1.jsonl", TraceFiles.TraceHeader, step, TraceFiles.CompleteEnd);
        BadInputAssert.IsReported(ProbeRun.Of("check", path), path, line, expected);
    }

    [Theory]
    [InlineData("""{"format":"wsaasyncselect-trace","version":1,"kind":"trace","observes":["results"]}""", "\"observes\" needs format version 2; the header says version 1")]
    [InlineData("""{"format":"wsaasyncselect-trace","version":1,"kind":"trace","postingDelay":1}""", "\"postingDelay\" needs format version 2; the header says version 1")]
    [InlineData("""{"format":"wsaasyncselect-trace","version":2,"kind":"trace","observes":["results","sent"]}""", "\"observes\": unknown aspect \"sent\"; expected an array of results, posted, delivered, signaled, handles")]
    [InlineData("""{"format":"wsaasyncselect-trace","version":2,"kind":"trace","observes":[]}""", "\"observes\" must be an array of results, posted, delivered, signaled, handles (at least one)")]
    [InlineData("""{"format":"wsaasyncselect-trace","version":2,"kind":"trace","postingDelay":-1,"observes":["delivered"]}""", "\"postingDelay\" must be a non-negative integer (steps), got -1")]
    [InlineData("""{"format":"wsaasyncselect-trace","version":2,"kind":"trace","postingDelay":1}""", "\"postingDelay\" is for a trace that does not observe \"posted\"")]
    public void A_bad_version_2_header_is_bad_input(string header, string expected)
    {
        var path = files.Write("header.jsonl", header, TraceFiles.CompleteEnd);
        BadInputAssert.IsReported(ProbeRun.Of("check", path), path, 1, expected);
    }

    [Fact]
    public void A_version_2_trace_round_trips_through_the_writer_and_the_reader()
    {
        // Given a header and steps with everything version 2 added
        var header = new TraceHeader
        {
            Kind = TraceFormat.TraceKind,
            Version = TraceFormat.Version2,
            Name = "round-trip",
            Profile = "windows",
            Observes = ObservedAspects.Results | ObservedAspects.Delivered | ObservedAspects.Handles,
            PostingDelay = 2,
        };
        Input[] inputs = [new SocketCall("a", SocketKind.Stream), new GetMessageCall("w2", 1, 3, Remove: false), new GetMessageCall()];
        using var text = new StringWriter { NewLine = "\n" };
        using (var writer = new TraceWriter(text))
        {
            writer.WriteHeader(header);
            writer.WriteStep(inputs[0], new RenderedObservation { Handle = 260 });
            writer.WriteStep(inputs[1], new RenderedObservation { Delivered = ["w2/3 a FD_READ @260"] });
            writer.WriteStep(inputs[2], new RenderedObservation());
            writer.WriteEnd(complete: true);
        }

        // When it is read back
        var trace = TraceReader.Read("round-trip", text.ToString().TrimEnd('\n').Split('\n'));

        // Then every value is there
        Assert.Equal(header.Observes, trace.Header.Observes);
        Assert.Equal(2, trace.Header.PostingDelay);
        Assert.Equal(2, trace.Header.Version);
        Assert.Equal(inputs, trace.Steps.Select(s => s.Input));
        Assert.Equal(260, trace.Steps[0].Observed!.Handle);
        Assert.Equal(new ObservedMessage("w2", 3, "a", null, NetworkEvents.Read, WsaError.None, 260), Assert.Single(trace.Steps[1].Observed!.Delivered));
        Assert.Contains("\"observes\":[\"results\",\"delivered\",\"handles\"],\"postingDelay\":2", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("{\"step\":2,\"op\":\"getMessage\",\"window\":\"w2\",\"msgMin\":1,\"msgMax\":3,\"remove\":false,", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_refuses_version_2_steps_under_a_version_1_header()
    {
        using var writer = new TraceWriter(new StringWriter());
        writer.WriteHeader(new TraceHeader { Kind = TraceFormat.TraceKind });
        Assert.Throws<InvalidOperationException>(() => writer.WriteStep(new GetMessageCall(), new RenderedObservation()));
        Assert.Throws<InvalidOperationException>(() => writer.WriteStep(new SocketCall("a", SocketKind.Stream), new RenderedObservation { Handle = 260 }));
        Assert.Equal(TraceFormat.Version1, TraceFormat.VersionFor([new GetMessagesCall("w")]));
        Assert.Equal(TraceFormat.Version2, TraceFormat.VersionFor([new GetMessageCall()]));
    }

    [Fact]
    public void GetMessage_takes_the_first_queued_message_that_passes_its_window_and_range_and_peeking_leaves_it()
    {
        // Given messages for two windows and two message numbers, queued in this order
        var lines = new[]
        {
            V2,
            """{"op":"socket","socket":"a","observed":{"ret":0}}""",
            """{"op":"socket","socket":"b","observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_CONNECT","FD_WRITE"],"observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"b","window":"w2","msg":5,"events":["FD_CONNECT"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","posted":["a FD_CONNECT","a FD_WRITE"]}}""",
            """{"op":"connect","socket":"b","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","posted":["w2/5 b FD_CONNECT"]}}""",
            """{"op":"getMessage","window":"w2","remove":false,"observed":{"ret":0,"delivered":["w2/5 b FD_CONNECT"]}}""",
            """{"op":"getMessage","msgMin":2,"observed":{"ret":0,"delivered":["w2/5 b FD_CONNECT"]}}""",
            """{"op":"getMessage","window":"w2","observed":{"ret":0}}""",
            """{"op":"getMessage","msgMin":1,"msgMax":1,"observed":{"ret":0,"delivered":["a FD_CONNECT"]}}""",
            """{"op":"getMessage","observed":{"ret":0,"delivered":["a FD_WRITE"]}}""",
            TraceFiles.CompleteEnd,
        };

        // Then it conforms, and taking a's FD_WRITE before its FD_CONNECT does not
        var report = Checker.Check(TraceReader.Read("filters", lines), Profiles.Windows);
        Assert.True(report.Verdict == Verdict.Conforms, ReportText.Render(report));
        lines[10] = lines[10].Replace("a FD_CONNECT", "a FD_WRITE", StringComparison.Ordinal);
        var swapped = Checker.Check(TraceReader.Read("filters", lines), Profiles.Windows);
        Assert.Equal(Verdict.Diverges, swapped.Verdict);
        Assert.Contains(swapped.FirstDivergence!.Rules, r => r.Id == "F4");
    }

    [Theory]
    [InlineData("windows", 264, null)]
    [InlineData("windows", 260, "X4")]
    [InlineData("wine-8", 260, null)]
    [InlineData("wine-8", 264, "WINE-32")]
    [InlineData("windows", 272, "X4")]
    public void A_new_sockets_handle_value_is_judged_by_the_profiles_reuse_order(string profile, int reused, string? rule)
    {
        // Given a, b, c, then a and b closed in that order and d created with the value the stack gave
        var lines = new[]
        {
            V2.Replace("windows", profile, StringComparison.Ordinal),
            """{"op":"socket","socket":"a","observed":{"ret":0,"handle":260}}""",
            """{"op":"socket","socket":"b","observed":{"ret":0,"handle":264}}""",
            """{"op":"socket","socket":"c","observed":{"ret":0,"handle":268}}""",
            """{"op":"closesocket","socket":"a","observed":{"ret":0}}""",
            """{"op":"closesocket","socket":"b","observed":{"ret":0}}""",
            $$$"""{"op":"socket","socket":"d","observed":{"ret":0,"handle":{{{reused}}}}}""",
            TraceFiles.CompleteEnd,
        };

        // When it is checked: X4 gives d the last freed value (b's), WINE-32 the lowest free (a's); a value the model does not
        // predict reused must be new
        var report = Checker.Check(TraceReader.Read("reuse", lines), Profiles.Find(profile)!);

        // Then
        if (rule is null)
        {
            Assert.True(report.Verdict == Verdict.Conforms, ReportText.Render(report));
            return;
        }

        Assert.Equal(Verdict.Diverges, report.Verdict);
        Assert.Equal(6, report.FirstDivergence!.Step);
        Assert.IsType<HandleDifference>(Assert.Single(report.FirstDivergence.Differences));
        Assert.Contains(report.FirstDivergence.Rules, r => r.Id == rule);
        Assert.Contains("handles:", ReportText.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wparam_must_be_the_value_of_the_socket_the_message_names()
    {
        var lines = new[]
        {
            V2,
            """{"op":"socket","socket":"a","observed":{"ret":0,"handle":260}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_CONNECT"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","posted":["a FD_CONNECT @264"]}}""",
            TraceFiles.CompleteEnd,
        };
        var report = Checker.Check(TraceReader.Read("wparam", lines), Profiles.Windows);
        Assert.Equal(Verdict.Diverges, report.Verdict);
        var handle = Assert.IsType<HandleDifference>(Assert.Single(report.FirstDivergence!.Differences));
        Assert.True(handle.InMessage);
        Assert.Equal(260, handle.Expected);
    }
}
