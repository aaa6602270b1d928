using WinsockConformance.CheckerTests.Support;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Bad input never gives a stack trace: exit code 2 and one line, "error: FILE:LINE: what was expected".
/// </summary>
public sealed class BadInputTests
{
    private const string Socket = """{"step":1,"op":"socket","socket":"a","observed":{"ret":0}}""";

    public sealed class MalformedLines(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Fact]
        public void Malformed_JSON_names_the_line_and_the_column()
        {
            // Given a scenario whose second line has a trailing comma
            var path = files.Write("trailing-comma.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a",}""");

            // When it is explained
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 2, "malformed JSON at column 29");
        }

        [Fact]
        public void A_line_that_is_not_an_object_is_rejected()
        {
            // Given
            var path = files.Write("array.jsonl", TraceFiles.ScenarioHeader, """["socket","a"]""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 2, "expected a JSON object on each line, got Array");
        }

        [Fact]
        public void A_file_that_starts_with_a_step_has_no_header()
        {
            // Given
            var path = files.Write("no-header.jsonl", """{"op":"socket","socket":"a"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "expected a header line with \"format\":\"wsaasyncselect-trace\" first");
        }

        [Fact]
        public void An_empty_file_asks_for_a_header()
        {
            // Given
            var path = files.Write("empty.jsonl");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "empty file: expected a header line");
        }

        [Theory]
        [InlineData("""{"format":"pcap","version":1,"kind":"scenario"}""")]
        [InlineData("""{"format":5,"version":1,"kind":"scenario"}""")]
        public void A_header_of_another_format_is_rejected(string header)
        {
            // Given
            var path = files.Write($"format-{header.Length}.jsonl", header);

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "\"format\":\"wsaasyncselect-trace\"");
        }

        [Fact]
        public void An_unsupported_version_is_named()
        {
            // Given
            var path = files.Write("v3.jsonl", """{"format":"wsaasyncselect-trace","version":3,"kind":"scenario"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "unsupported format version 3; this tool reads versions 1 to 2");
        }

        [Fact]
        public void A_kind_other_than_scenario_or_trace_is_rejected()
        {
            // Given
            var path = files.Write("kind.jsonl", """{"format":"wsaasyncselect-trace","version":1,"kind":"log"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "\"kind\" must be \"scenario\" or \"trace\"");
        }

        [Fact]
        public void A_misspelt_end_line_is_rejected_rather_than_read_as_interrupted()
        {
            // Given
            var path = files.Write("end.jsonl", TraceFiles.TraceHeader, Socket, """{"end":"completed"}""");

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, "\"end\" must be \"complete\" or \"interrupted\"");
        }

        [Fact]
        public void Nothing_may_follow_the_end_line()
        {
            // Given
            var path = files.Write("after-end.jsonl", TraceFiles.TraceHeader, Socket, TraceFiles.CompleteEnd, Socket);

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 4, "nothing may follow the end line");
        }

        [Fact]
        public void A_step_number_out_of_sequence_is_rejected()
        {
            // Given
            var path = files.Write("numbering.jsonl", TraceFiles.ScenarioHeader, """{"step":2,"op":"socket","socket":"a"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 2, "\"step\" is 2, expected 1");
        }
    }

    public sealed class UnknownNames(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Fact]
        public void An_unknown_operation_lists_the_known_ones()
        {
            // Given
            var path = files.Write("op.jsonl", TraceFiles.ScenarioHeader, """{"op":"sokcet","socket":"a"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 2, "unknown operation \"sokcet\"; expected one of: socket, WSASocket,");
        }

        [Fact]
        public void A_missing_required_field_is_named()
        {
            // Given a recv without its length
            var path = files.Write("len.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""", """{"op":"recv","socket":"a"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, "missing \"len\" (a number)");
        }

        [Fact]
        public void A_socket_no_earlier_step_creates_is_unknown()
        {
            // Given
            var path = files.Write("socket.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""", """{"op":"bind","socket":"b"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, "unknown socket 'b': no earlier step creates it");
        }

        [Fact]
        public void An_unknown_FD_name_lists_the_ten_events()
        {
            // Given
            var path = files.Write("fd.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""", """{"op":"WSAAsyncSelect","socket":"a","events":["FD_READ","FD_REED"]}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, "\"events\": unknown event \"FD_REED\"; expected FD_READ, FD_WRITE,");
        }

        [Fact]
        public void An_unknown_rule_ID_in_the_header_is_rejected()
        {
            // Given
            var path = files.Write("rules.jsonl", """{"format":"wsaasyncselect-trace","version":1,"kind":"scenario","rules":["Z9"]}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "unknown rule ID \"Z9\"");
        }

        [Fact]
        public void An_unknown_profile_in_the_trace_header_is_blamed_on_the_header()
        {
            // Given
            var path = files.Write("header-profile.jsonl", """{"format":"wsaasyncselect-trace","version":1,"kind":"trace","profile":"linux"}""", Socket, TraceFiles.CompleteEnd);

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "the header's \"profile\" is \"linux\"; expected one of: windows, wine-8, wine-10, documented");
        }
    }

    public sealed class WrongJsonTypes(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Theory]
        [InlineData("type-number", """{"op":"socket","socket":"a","type":5}""", "\"type\" must be \"stream\" or \"dgram\", got 5")]
        [InlineData("flags-number", """{"op":"recv","socket":"a","len":5,"flags":[1]}""", "\"flags\": unknown flag \"1\"")]
        [InlineData("len-negative", """{"op":"recv","socket":"a","len":-5}""", "\"len\" must be a non-negative integer")]
        [InlineData("send-len", """{"op":"send","socket":"a","len":"all"}""", "\"len\" must be a byte count or \"fill\"")]
        [InlineData("bad-args", """{"op":"recv","socket":"a","len":5,"badArgs":"yes"}""", "\"badArgs\" must be true or false")]
        [InlineData("events-string", """{"op":"WSAAsyncSelect","socket":"a","events":"FD_READ"}""", "\"events\" must be an array of FD_* names")]
        public void A_step_field_of_the_wrong_type_is_rejected(string name, string step, string expected)
        {
            // Given
            var path = files.Write(name + ".jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"z"}""", step);

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, expected);
        }

        [Theory]
        [InlineData("error-bool", """{"ret":0,"error":true}""", "\"observed.error\" must be a WSAE* name or a number, got true")]
        [InlineData("error-name", """{"ret":-1,"error":"EWOULDBLOCK"}""", "\"observed.error\": unknown error \"EWOULDBLOCK\"")]
        [InlineData("ret-string", """{"ret":"0"}""", "\"observed.ret\" must be an integer")]
        [InlineData("posted-string", """{"ret":0,"posted":"a FD_READ"}""", "\"observed.posted\" must be an array of strings")]
        [InlineData("enumerated-array", """{"ret":0,"enumerated":[]}""", "\"observed.enumerated\" must be an object")]
        [InlineData("enumerated-error", """{"ret":0,"enumerated":{"events":[],"errors":{"FD_READ":[]}}}""", "\"enumerated.errors\" for FD_READ must be a WSAE* name or a number, got an array")]
        [InlineData("observed-array", """[]""", "\"observed\" must be an object")]
        public void An_observed_field_of_the_wrong_type_is_rejected(string name, string observed, string expected)
        {
            // Given
            var path = files.Write(name + ".jsonl", TraceFiles.TraceHeader, $$$"""{"op":"socket","socket":"a","observed":{{{observed}}}}""");

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 2, expected);
        }

        [Theory]
        [InlineData("rules-string", """{"format":"wsaasyncselect-trace","version":1,"kind":"scenario","rules":"C1"}""", "\"rules\" must be an array of rule IDs")]
        [InlineData("version-string", """{"format":"wsaasyncselect-trace","version":"1","kind":"scenario"}""", "\"version\" must be a non-negative integer")]
        [InlineData("kind-missing", """{"format":"wsaasyncselect-trace","version":1}""", "missing \"kind\"")]
        public void A_header_field_of_the_wrong_type_is_rejected(string name, string header, string expected)
        {
            // Given
            var path = files.Write(name + ".jsonl", header);

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, expected);
        }
    }

    public sealed class BadMessages(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Theory]
        [InlineData("a FD_REED", "unknown event FD_REED")]
        [InlineData("a FD_READ EWHATEVER", "unknown error EWHATEVER")]
        [InlineData("a", "expected \"[window[/msg] ]socket FD_EVENT [ERROR] [@wParam]\"")]
        [InlineData("w 2 a FD_READ", "expected \"[window[/msg] ]socket FD_EVENT [ERROR] [@wParam]\"")]
        [InlineData("w/x a FD_READ", "expected window or window/msg before the socket")]
        [InlineData("a#0 FD_READ", "bad socket reference a#0")]
        public void Message_text_that_does_not_parse_is_rejected_with_the_syntax(string message, string expected)
        {
            // Given
            var path = files.Write($"message-{message.Length}-{message.GetHashCode(StringComparison.Ordinal):x}.jsonl",
                TraceFiles.TraceHeader, $$$"""{"op":"socket","socket":"a","observed":{"ret":0,"posted":["{{{message}}}"]}}""");

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 2, $"\"observed.posted\": message \"{message}\": {expected}");
        }
    }

    public sealed class ImpossibleSteps(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Fact]
        public void Closesocket_lingering_on_unsent_data_is_rejected()
        {
            // Given FUZZ-36: SO_LINGER {1, 5}, a full send buffer, closesocket (Wine blocks for the linger time)
            var path = files.Write("linger.jsonl", TraceFiles.ScenarioHeader,
                """{"op":"socket","socket":"b"}""", """{"op":"setsockopt","socket":"b","option":"SO_LINGER","onoff":1,"linger":5}""",
                """{"op":"connect","socket":"b","target":"peer"}""", """{"op":"ioctlsocket","socket":"b","cmd":"FIONBIO","value":1}""",
                """{"op":"send","socket":"b","len":"fill"}""", """{"op":"closesocket","socket":"b"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 7, "closesocket of 'b' with SO_LINGER set to a timeout and unsent data waits for the peer");
        }

        [Fact]
        public void A_closed_name_is_unusable_once_a_later_socket_may_hold_its_handle()
        {
            // Given FUZZ-33's scenario: Wine gives d the lowest free handle value, b's (WINE-32); windows assumes c's (X4)
            var path = files.Write("handle-reuse.jsonl", TraceFiles.ScenarioHeader,
                """{"op":"socket","socket":"b"}""", """{"op":"socket","socket":"c"}""",
                """{"op":"closesocket","socket":"b"}""", """{"op":"closesocket","socket":"c"}""",
                """{"op":"socket","socket":"d"}""", """{"op":"WSAEnumNetworkEvents","socket":"b"}""");

            // When
            var wine = ProbeRun.Of("explain", path, "--profile", "wine-8");
            var windows = ProbeRun.Of("explain", path, "--profile", "windows");

            // Then
            BadInputAssert.IsReported(wine, path, 7, "socket 'b' is closed and its handle may now belong to another socket");
            Assert.Equal(0, windows.ExitCode);
            Assert.Contains("WSAENOTSOCK", windows.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void The_peer_cannot_send_on_an_unconnected_socket()
        {
            // Given
            var path = files.Write("peer-send.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""", """{"op":"peer.send","socket":"a","len":10}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, "step 2 (peer.send a 10) is impossible here: 'peer.send' needs an established connection, but 'a' is not bound");
        }

        [Fact]
        public void The_checker_rejects_an_impossible_step_too()
        {
            // Given a trace that closes a socket and then lets its peer send
            var path = files.Write("closed.jsonl", TraceFiles.TraceHeader, Socket,
                """{"op":"closesocket","socket":"a","observed":{"ret":0}}""",
                """{"op":"peer.send","socket":"a","len":1,"observed":{"ret":0}}""");

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 4, "'peer.send' needs a live socket, but 'a' was closed");
        }

        [Fact]
        public void A_blocking_recv_that_would_never_return_is_rejected()
        {
            // Given
            var path = files.Write("blocking.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""", """{"op":"connect","socket":"a"}""", """{"op":"recv","socket":"a","len":1}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 4, "a blocking recv on 'a' with nothing to read would never return");
        }

        [Fact]
        public void Unread_bytes_beyond_a_32_bit_count_are_rejected_not_wrapped()
        {
            // Given issue 13: two peer.send of 2^31-1 bytes (FIONREAD reported -2 before), and a UDP socket likewise
            var path = files.Write("overflow.jsonl", TraceFiles.ScenarioHeader,
                """{"op":"socket","socket":"a"}""", """{"op":"connect","socket":"a","target":"peer"}""",
                """{"op":"peer.send","socket":"a","len":2147483647}""", """{"op":"peer.send","socket":"a","len":2147483647}""",
                """{"op":"ioctlsocket","socket":"a","cmd":"FIONREAD"}""");
            var datagrams = files.Write("overflow-udp.jsonl", TraceFiles.ScenarioHeader,
                """{"op":"socket","socket":"u","type":"dgram"}""", """{"op":"bind","socket":"u"}""",
                """{"op":"peer.send","socket":"u","len":2147483647}""", """{"op":"peer.send","socket":"u","len":1}""");

            // When
            var run = ProbeRun.Of("explain", path);
            var udp = ProbeRun.Of("explain", datagrams);

            // Then
            BadInputAssert.IsReported(run, path, 5, "'a' already holds 2147483647 unread bytes; 2147483647 more would exceed 2147483647, the most FIONREAD (a 32-bit u_long) and recv (an int) can report");
            BadInputAssert.IsReported(udp, datagrams, 5, "'u' already holds 2147483647 unread bytes; 1 more would exceed");
        }

        [Fact]
        public void Creating_a_socket_whose_name_is_live_is_rejected()
        {
            // Given
            var path = files.Write("twice.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""", """{"op":"socket","socket":"a"}""");

            // When
            var run = ProbeRun.Of("explain", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, "socket 'a' already exists; close it first or choose another name");
        }
    }

    public sealed class WrongUse(TraceFiles files) : IClassFixture<TraceFiles>
    {
        [Fact]
        public void Check_on_a_scenario_says_there_is_nothing_observed()
        {
            // Given
            var path = files.Write("scenario.jsonl", TraceFiles.ScenarioHeader, """{"op":"socket","socket":"a"}""");

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 1, "this is a scenario (no observed outputs); run it with 'explain'");
        }

        [Fact]
        public void A_trace_step_without_observed_is_rejected()
        {
            // Given
            var path = files.Write("unobserved.jsonl", TraceFiles.TraceHeader, Socket, """{"op":"bind","socket":"a"}""", TraceFiles.CompleteEnd);

            // When
            var run = ProbeRun.Of("check", path);

            // Then
            BadInputAssert.IsReported(run, path, 3, "step 2 has no \"observed\" outputs");
        }

        [Theory]
        [InlineData("explain")]
        [InlineData("check")]
        public void A_missing_file_is_reported_at_line_0(string command)
        {
            // Given
            var path = files.PathOf("does-not-exist.jsonl");

            // When
            var run = ProbeRun.Of(command, path);

            // Then
            BadInputAssert.IsReported(run, path, 0, "cannot read the file");
        }

        [Theory]
        [InlineData("explain")]
        [InlineData("check")]
        public void An_unknown_profile_lists_the_known_ones(string command)
        {
            // Given a valid trace
            var path = files.Write($"valid-{command}.jsonl", TraceFiles.TraceHeader, Socket, TraceFiles.CompleteEnd);

            // When
            var run = ProbeRun.Of(command, path, "--profile", "linux");

            // Then
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Equal("error: unknown profile 'linux'; expected one of: windows, wine-8, wine-10, documented\n", run.Error);
            BadInputAssert.HasNoStackTrace(run);
        }

        [Fact]
        public void A_command_line_error_is_exit_2()
        {
            // When check is given no file
            var run = ProbeRun.Of("check");

            // Then
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
    }
}
