using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>check TRACE: hand-written traces against the model, through the command line and the library.</summary>
public sealed class CheckerTests
{
    /// <summary>The seed's example, connect to the peer's close, as Windows does it (message mode, default window).</summary>
    private static readonly string[] s_windowsRead =
    [
        """{"format":"wsaasyncselect-trace","version":1,"kind":"trace","name":"read-then-close","stack":"hand-written","profile":"windows"}""",
        """{"step":1,"op":"socket","socket":"a","observed":{"ret":0}}""",
        """{"step":2,"op":"WSAAsyncSelect","socket":"a","events":["FD_READ","FD_WRITE","FD_CONNECT","FD_CLOSE"],"observed":{"ret":0}}""",
        """{"step":3,"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","posted":["a FD_CONNECT","a FD_WRITE"]}}""",
        """{"step":4,"op":"peer.send","socket":"a","len":100,"observed":{"ret":0,"posted":["a FD_READ"]}}""",
        """{"step":5,"op":"peer.close","socket":"a","observed":{"ret":0,"posted":["a FD_CLOSE"]}}""",
        """{"step":6,"op":"recv","socket":"a","len":100,"observed":{"ret":100}}""",
        """{"step":7,"op":"ioctlsocket","socket":"a","cmd":"FIONREAD","observed":{"ret":0,"value":0}}""",
        """{"step":8,"op":"getMessages","observed":{"ret":0,"delivered":["a FD_CONNECT","a FD_WRITE","a FD_READ","a FD_CLOSE"]}}""",
        TraceFiles.CompleteEnd,
    ];

    private static string[] Replace(string[] lines, int line, string text)
    {
        var copy = (string[])lines.Clone();
        copy[line - 1] = text;
        return copy;
    }

    public sealed class ConformingTraces(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Fact]
        public void A_trace_that_matches_the_model_conforms_with_exit_0()
        {
            // Given
            var path = files.Write("conforms.jsonl", s_windowsRead);

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("verdict: conforms\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("stack: hand-written, profile: windows, steps: 8", run.Out, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Error);
        }

        [Fact]
        public void Event_mode_enumeration_errors_and_signaled_sets_are_compared_as_written()
        {
            // Given a refused connect in event mode; signaled names in either order, "0" errors omitted
            var path = files.Write("event-mode.jsonl",
                TraceFiles.TraceHeader,
                """{"op":"socket","socket":"a","observed":{"ret":0}}""",
                """{"op":"socket","socket":"b","observed":{"ret":0}}""",
                """{"op":"WSAEventSelect","socket":"a","event":"e","events":["FD_CONNECT"],"observed":{"ret":0}}""",
                """{"op":"WSAEventSelect","socket":"b","event":"d","events":["FD_CONNECT","FD_WRITE"],"observed":{"ret":0}}""",
                """{"op":"connect","socket":"a","target":"refused","observed":{"ret":-1,"error":10035,"signaled":["e"]}}""",
                """{"op":"connect","socket":"b","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","signaled":["e","d"]}}""",
                """{"op":"WSAEnumNetworkEvents","socket":"a","event":"e","observed":{"ret":0,"enumerated":{"events":["FD_CONNECT"],"errors":{"FD_CONNECT":"WSAECONNREFUSED","FD_READ":"0"}},"signaled":["d"]}}""",
                TraceFiles.CompleteEnd);

            // When
            var run = ProbeRun.Of("check", path, "--profile", "windows");

            // Then
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("verdict: conforms\n", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void Several_traces_exit_with_the_worst_verdict()
        {
            // Given one conforming and one diverging trace
            var good = files.Write("several-good.jsonl", s_windowsRead);
            var bad = files.Write("several-bad.jsonl", Replace(s_windowsRead, 6, """{"step":5,"op":"peer.close","socket":"a","observed":{"ret":0}}"""));

            // When
            var run = ProbeRun.Of("check", good, bad);

            // Then both reports are printed and the exit code says diverges
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("verdict: conforms\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("verdict: diverges\n", run.Out, StringComparison.Ordinal);
        }
    }

    public sealed class DivergingTraces(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Fact]
        public void A_missing_FD_CLOSE_after_peer_close_diverges_naming_step_line_expectation_and_rule_G1()
        {
            // Given the trace with nothing posted when the peer closes (what Wine 8 does with unread data)
            var path = files.Write("no-close.jsonl", Replace(s_windowsRead, 6, """{"step":5,"op":"peer.close","socket":"a","observed":{"ret":0}}"""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.StartsWith("verdict: diverges\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("first divergence: step 5 (line 6): peer.close a\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("last agreeing step: 4\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("posted:\n  expected: [a FD_CLOSE]\n  observed: []\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("\n  G1: FD_CLOSE is posted when the peer closes", run.Out, StringComparison.Ordinal);
            Assert.Contains("contradiction: under profile 'windows', step 5 (peer.close a) should give posted [a FD_CLOSE], but the stack gave [].", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void The_report_shows_the_model_state_before_the_diverging_step()
        {
            // Given
            var trace = TraceReader.Read("no-close", Replace(s_windowsRead, 6, """{"step":5,"op":"peer.close","socket":"a","observed":{"ret":0}}"""));

            // When
            var report = Checker.Check(trace, Profiles.Windows);

            // Then
            var divergence = Assert.IsType<Divergence>(report.FirstDivergence);
            Assert.Equal(Verdict.Diverges, report.Verdict);
            Assert.Contains(Reports.StateText.Sockets(divergence.Before), line => line.StartsWith("a#1 stream connected", StringComparison.Ordinal) && line.Contains("readable=100", StringComparison.Ordinal));
            Assert.Contains(Reports.StateText.Sockets(divergence.Before), line => line == "queued: a FD_CONNECT, a FD_WRITE, a FD_READ");
            Assert.Contains(divergence.Rules, r => r.Id == "G1");
        }

        [Fact]
        public void The_same_trace_conforms_under_the_profile_it_was_written_for()
        {
            // Given the Wine-shaped trace: FD_CLOSE comes with the recv that drains the data
            var lines = Replace(s_windowsRead, 6, """{"step":5,"op":"peer.close","socket":"a","observed":{"ret":0}}""");
            lines = Replace(lines, 7, """{"step":6,"op":"recv","socket":"a","len":100,"observed":{"ret":100,"posted":["a FD_CLOSE"]}}""");
            var path = files.Write("wine-shaped.jsonl", lines);

            // When
            var windows = ProbeRun.Of("check", path);
            var wine = ProbeRun.Of("check", path, "--profile", "wine-8");

            // Then the header's profile (windows) is used unless --profile overrides it
            Assert.True(windows.ExitCode == 1, windows.ToString());
            Assert.True(wine.ExitCode == 0, wine.ToString());
            Assert.Contains("profile: wine-8", wine.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void Two_messages_of_one_socket_in_the_wrong_order_diverge()
        {
            // Given FD_WRITE before FD_CONNECT (Windows posts FD_CONNECT first)
            var path = files.Write("order.jsonl", Replace(s_windowsRead, 4, """{"step":3,"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","posted":["a FD_WRITE","a FD_CONNECT"]}}"""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("first divergence: step 3 (line 4)", run.Out, StringComparison.Ordinal);
            Assert.Contains("  expected: [a FD_CONNECT, a FD_WRITE]\n  observed: [a FD_WRITE, a FD_CONNECT]\n", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void A_wrong_return_value_and_a_missing_FIONREAD_value_are_both_reported()
        {
            // Given
            var path = files.Write("result.jsonl", Replace(s_windowsRead, 8, """{"step":7,"op":"ioctlsocket","socket":"a","cmd":"FIONREAD","observed":{"ret":-1,"error":"WSAEINVAL"}}"""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("result:\n  expected: ret 0\n  observed: ret -1 WSAEINVAL\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("value:\n  expected: 0\n  observed: none\n", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void An_omitted_posted_field_means_nothing_was_posted()
        {
            // Given the connect step without "posted"
            var path = files.Write("omitted.jsonl", Replace(s_windowsRead, 4, """{"step":3,"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}"""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("posted:\n  expected: [a FD_CONNECT, a FD_WRITE]\n  observed: []\n", run.Out, StringComparison.Ordinal);
        }
    }

    public sealed class InterruptedTraces(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Fact]
        public void A_trace_without_its_end_line_is_inconclusive_with_exit_0()
        {
            // Given the first five steps, as a capture that died would leave them
            var path = files.Write("cut.jsonl", s_windowsRead[..6]);

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("verdict: inconclusive\n", run.Out, StringComparison.Ordinal);
            Assert.Contains("why: the trace ends after step 5 without its end line", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void An_end_line_that_says_interrupted_is_inconclusive()
        {
            // Given
            var path = files.Write("interrupted.jsonl", [.. s_windowsRead[..6], """{"end":"interrupted","steps":5,"reason":"probe killed"}"""]);

            // When
            var report = Checker.Check(TraceReader.ReadFile(path), Profiles.Windows);

            // Then
            Assert.Equal(Verdict.Inconclusive, report.Verdict);
        }

        [Fact]
        public void A_divergence_before_the_cut_still_diverges()
        {
            // Given a cut trace whose last step contradicts the model
            var path = files.Write("cut-diverging.jsonl", [.. s_windowsRead[..5], """{"step":5,"op":"peer.close","socket":"a","observed":{"ret":0}}"""]);

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.StartsWith("verdict: diverges\n", run.Out, StringComparison.Ordinal);
        }
    }

    public sealed class Interleaving(TraceFiles files) : IClassFixture<TraceFiles>
    {
        private static string[] AcceptTwo(string acceptPosted, string delivered) =>
        [
            TraceFiles.TraceHeader,
            """{"op":"socket","socket":"l","observed":{"ret":0}}""",
            """{"op":"bind","socket":"l","observed":{"ret":0}}""",
            """{"op":"listen","socket":"l","observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"l","events":["FD_ACCEPT","FD_WRITE","FD_READ"],"observed":{"ret":0}}""",
            """{"op":"peer.connect","socket":"l","observed":{"ret":0,"posted":["l FD_ACCEPT"]}}""",
            """{"op":"peer.connect","socket":"l","observed":{"ret":0}}""",
            $$$"""{"op":"accept","socket":"l","as":"c","observed":{"ret":0,"posted":[{{{acceptPosted}}}]}}""",
            """{"op":"peer.send","socket":"c","len":10,"observed":{"ret":0,"posted":["c FD_READ"]}}""",
            $$$"""{"op":"getMessages","observed":{"ret":0,"delivered":[{{{delivered}}}]}}""",
            TraceFiles.CompleteEnd,
        ];

        [Fact]
        public void Messages_of_two_sockets_posted_in_one_step_may_interleave_either_way()
        {
            // Given the model posts "l FD_ACCEPT, c FD_WRITE" at the accept; the trace has the other order
            var path = files.Write("accept-swapped.jsonl", AcceptTwo(
                "\"c FD_WRITE\",\"l FD_ACCEPT\"",
                "\"l FD_ACCEPT\",\"l FD_ACCEPT\",\"c FD_WRITE\",\"c FD_READ\""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("verdict: conforms\n", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void Delivered_messages_of_two_sockets_may_interleave_as_long_as_each_socket_keeps_its_order()
        {
            // Given the queue retrieved with c's messages between l's
            var path = files.Write("delivered-interleaved.jsonl", AcceptTwo(
                "\"l FD_ACCEPT\",\"c FD_WRITE\"",
                "\"l FD_ACCEPT\",\"c FD_WRITE\",\"c FD_READ\",\"l FD_ACCEPT\""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        [Fact]
        public void One_socket_s_messages_reordered_within_the_delivery_diverge()
        {
            // Given c's FD_READ before its FD_WRITE
            var path = files.Write("delivered-reordered.jsonl", AcceptTwo(
                "\"l FD_ACCEPT\",\"c FD_WRITE\"",
                "\"l FD_ACCEPT\",\"l FD_ACCEPT\",\"c FD_READ\",\"c FD_WRITE\""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("first divergence: step 9 (line 10): getMessages", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void A_message_for_another_window_is_a_different_message()
        {
            // Given a registration on window w2 with WM_USER+3, and a trace that writes the default window
            string[] lines =
            [
                TraceFiles.TraceHeader,
                """{"op":"socket","socket":"a","observed":{"ret":0}}""",
                """{"op":"WSAAsyncSelect","socket":"a","window":"w2","msg":3,"events":["FD_CONNECT"],"observed":{"ret":0}}""",
                """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","posted":["w2/3 a FD_CONNECT"]}}""",
                """{"op":"getMessages","observed":{"ret":0}}""",
                """{"op":"getMessages","window":"w2","observed":{"ret":0,"delivered":["w2 a FD_CONNECT"]}}""",
                TraceFiles.CompleteEnd,
            ];
            var path = files.Write("window.jsonl", lines);

            // When
            var run = ProbeRun.Of("check", path);

            // Then the w2/3 message was written as w2 (WM_USER+1)
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("first divergence: step 5 (line 6): getMessages w2", run.Out, StringComparison.Ordinal);
            Assert.Contains("  expected: [w2/3 a FD_CONNECT]\n  observed: [w2 a FD_CONNECT]\n", run.Out, StringComparison.Ordinal);
        }
    }

    public sealed class StaleMessages(TraceFiles files) : IClassFixture<TraceFiles>
    {
        private static string[] Recreated(string delivered) =>
        [
            TraceFiles.TraceHeader,
            """{"op":"socket","socket":"a","observed":{"ret":0}}""",
            """{"op":"WSAAsyncSelect","socket":"a","events":["FD_READ"],"observed":{"ret":0}}""",
            """{"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK"}}""",
            """{"op":"peer.send","socket":"a","len":10,"observed":{"ret":0,"posted":["a FD_READ"]}}""",
            """{"op":"closesocket","socket":"a","observed":{"ret":0}}""",
            """{"op":"socket","socket":"a","observed":{"ret":0}}""",
            $$$"""{"op":"getMessages","observed":{"ret":0,"delivered":[{{{delivered}}}]}}""",
            TraceFiles.CompleteEnd,
        ];

        [Fact]
        public void A_message_queued_for_the_closed_socket_is_written_with_its_generation()
        {
            // Given a#1's FD_READ retrieved after a was closed and re-created as a#2
            var path = files.Write("stale.jsonl", Recreated("\"a#1 FD_READ\""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("verdict: conforms\n", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void The_bare_name_means_the_new_socket_so_the_stale_message_diverges()
        {
            // Given the same message written without a generation (which would mean a#2)
            var path = files.Write("stale-unmarked.jsonl", Recreated("\"a FD_READ\""));

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("delivered:\n  expected: [a#1 FD_READ]\n  observed: [a FD_READ]\n", run.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void Writing_the_newest_generation_explicitly_is_the_same_as_the_bare_name()
        {
            // Given
            var trace = TraceReader.Read("explicit", Recreated("\"a#1 FD_READ\"").Select(l => l.Replace("\"posted\":[\"a FD_READ\"]", "\"posted\":[\"a#1 FD_READ\"]", StringComparison.Ordinal)).ToList());

            // When
            var report = Checker.Check(trace, Profiles.Windows);

            // Then
            Assert.Equal(Verdict.Conforms, report.Verdict);
        }
    }
}
