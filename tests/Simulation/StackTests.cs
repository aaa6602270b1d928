using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Running;
using WinsockConformance.SimulationTests.Support;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;
using static WinsockConformance.SimulationTests.Support.Programs;

namespace WinsockConformance.SimulationTests;

/// <summary>The simulated stack answers each call as the model says, with the real bytes.</summary>
public class StackTests
{
    public static TheoryData<string> ProfileNames => [.. Profiles.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void A_blocking_client_reads_every_byte_in_order_under_every_schedule(string profile)
    {
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","bytes":300}""", """{"do":"send","text":"END"}""", """{"do":"close"}""");
        var expected = new string([.. Enumerable.Range(0, 300).Select(i => "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36])]) + "END";
        var result = Simulated.Explore(Profiles.Find(profile)!, peer, () =>
        {
            Startup();
            var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            Sim.Assert(Connect(s) == 0, "a blocking connect succeeds");
            var text = ReadToEnd(s);
            Sim.Assert(text == expected, $"read {text.Length} bytes: {text}");
            closesocket(s);
            return 0;
        }, schedules: 50);
        Assert.True(result.Verdict == RunVerdict.Passed, result.Reported is null ? string.Empty : Simulated.Why(result.Reported));
    }

    [Fact]
    public void A_closed_handle_value_is_handed_out_again_last_freed_first_on_windows_and_lowest_first_on_wine()
    {
        nint[] Handles()
        {
            Startup();
            var a = socket(AF_INET, SOCK_STREAM, 0);
            var b = socket(AF_INET, SOCK_STREAM, 0);
            closesocket(a);
            closesocket(b);
            var c = socket(AF_INET, SOCK_STREAM, 0);
            return [a, b, c];
        }

        nint[] windows = [];
        nint[] wine = [];
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, Simulated.Peer(), () => { windows = Handles(); return 0; }));
        Simulated.ShouldPass(Simulated.Run(Profiles.Wine8, Simulated.Peer(), () => { wine = Handles(); return 0; }));
        Assert.Equal(windows[1], windows[2]);
        Assert.Equal(wine[0], wine[2]);
        Assert.Equal(0, windows[0] % 4);
    }

    [Fact]
    public void Calls_before_WSAStartup_fail_with_WSANOTINITIALISED()
    {
        var error = 0;
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Sim.Assert(socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET, "socket fails");
            error = WSAGetLastError();
            return 0;
        }));
        Assert.Equal(WSANOTINITIALISED, error);
    }

    [Fact]
    public void A_message_mode_client_sees_connect_write_read_and_close_with_their_error_words()
    {
        var seen = new List<string>();
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","text":"hi"}""", """{"do":"abort"}""");
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, peer, () =>
        {
            Startup();
            var hwnd = Window();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            WSAAsyncSelect(s, hwnd, WM_SOCKET, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE);
            Sim.Assert(Connect(s) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "a registered socket connects without blocking");
            while (GetMessage(out var msg, 0, 0, 0) > 0)
            {
                seen.Add($"{WSAGETSELECTEVENT(msg.lParam):X}/{WSAGETSELECTERROR(msg.lParam)}");
                if (WSAGETSELECTEVENT(msg.lParam) == FD_CLOSE)
                {
                    closesocket(s);
                    PostQuitMessage(0);
                }
            }

            return 0;
        }));

        // FD_CONNECT, FD_WRITE at the connect; FD_READ for "hi"; FD_CLOSE with WSAECONNABORTED after the RST (G4).
        Assert.Equal(["10/0", "2/0", "1/0", "20/10053"], seen);
    }

    [Fact]
    public void Event_mode_reports_recorded_events_and_their_errors_through_WSAEnumNetworkEvents()
    {
        var text = new StringBuilder();
        var closeError = -1;
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","text":"event mode"}""", """{"do":"close"}""");
        var result = Simulated.Explore(Profiles.Windows, peer, () =>
        {
            Startup();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            var e = WSACreateEvent();
            WSAEventSelect(s, e, FD_CONNECT | FD_READ | FD_CLOSE);
            Connect(s);
            var buffer = new byte[4];
            while (true)
            {
                Sim.Assert(WSAWaitForMultipleEvents(1, [e], false, WSA_INFINITE, false) == WSA_WAIT_EVENT_0, "the event is signaled");
                WSAEnumNetworkEvents(s, e, out var events);
                if ((events.lNetworkEvents & FD_READ) != 0)
                {
                    var n = recv(s, buffer, buffer.Length, 0);
                    if (n > 0)
                    {
                        text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }
                }

                if ((events.lNetworkEvents & FD_CLOSE) != 0)
                {
                    closeError = events.iErrorCode[FD_CLOSE_BIT];
                    int n;
                    while ((n = recv(s, buffer, buffer.Length, 0)) > 0)
                    {
                        text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                    }

                    closesocket(s);
                    WSACloseEvent(e);
                    return 0;
                }
            }
        }, schedules: 30);
        Assert.True(result.Verdict == RunVerdict.Passed, result.Reported is null ? string.Empty : Simulated.Why(result.Reported));
        Assert.Equal("event mode", text.ToString()[^10..]);
        Assert.Equal(0, closeError);
    }

    [Fact]
    public void A_server_accepts_the_peer_and_the_accepted_socket_inherits_the_registration()
    {
        var log = new List<string>();
        var peer = Simulated.Peer("""{"do":"connect","port":8080}""", """{"do":"send","text":"GET"}""", """{"do":"expect","text":"OK"}""", """{"do":"close"}""");
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, peer, () =>
        {
            Startup();
            var hwnd = Window();
            var listener = Listener(8080);
            WSAAsyncSelect(listener, hwnd, WM_SOCKET, FD_ACCEPT | FD_READ | FD_CLOSE);
            nint client = 0;
            var buffer = new byte[16];
            while (GetMessage(out var msg, 0, 0, 0) > 0)
            {
                switch (WSAGETSELECTEVENT(msg.lParam))
                {
                    case FD_ACCEPT:
                        client = accept(listener, out var from, ref Unsafe.Length);
                        log.Add($"accept from {inet_ntoa(from.sin_addr)}");
                        getpeername(client, out var peerName, ref Unsafe.Length);
                        Sim.Assert(ntohs(peerName.sin_port) == ntohs(from.sin_port), "getpeername agrees with accept");
                        break;
                    case FD_READ when msg.wParam == client:
                        var n = recv(client, buffer, buffer.Length, 0);
                        log.Add($"read {Encoding.ASCII.GetString(buffer, 0, Math.Max(n, 0))}");
                        send(client, "OK"u8.ToArray(), 2, 0);
                        break;
                    case FD_CLOSE when msg.wParam == client:
                        closesocket(client);
                        closesocket(listener);
                        PostQuitMessage(0);
                        break;
                }
            }

            return 0;
        }));
        Assert.Equal(["accept from 127.0.0.1", "read GET"], log);
    }

    [Fact]
    public void A_full_send_buffer_fails_with_WSAEWOULDBLOCK_and_FD_WRITE_follows_when_the_peer_reads()
    {
        var log = new List<string>();
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"expect","bytes":2000}""", """{"do":"close"}""");

        // The first choice picks the network window: 2 is 512 bytes.
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, peer, () =>
        {
            var s = RegisteredClient(FD_WRITE | FD_CLOSE);
            var data = WinsockConformance.Samples.WriteWait.WriteWaitProgram.Payload(2000);
            var sent = 0;
            while (GetMessage(out var msg, 0, 0, 0) > 0)
            {
                if (WSAGETSELECTEVENT(msg.lParam) == FD_WRITE)
                {
                    log.Add("FD_WRITE");
                    while (sent < data.Length)
                    {
                        var n = send(s, data.AsSpan(sent), 0);
                        if (n == SOCKET_ERROR)
                        {
                            log.Add(WSAGetLastError() == WSAEWOULDBLOCK ? "WOULDBLOCK" : "error");
                            break;
                        }

                        log.Add($"sent {n}");
                        sent += n;
                    }
                }
                else if (WSAGETSELECTEVENT(msg.lParam) == FD_CLOSE)
                {
                    closesocket(s);
                    PostQuitMessage(0);
                }
            }

            return 0;
        }, choices: [2]));
        Assert.Equal(["FD_WRITE", "sent 512", "WOULDBLOCK", "FD_WRITE", "sent 512", "WOULDBLOCK", "FD_WRITE", "sent 512", "WOULDBLOCK", "FD_WRITE", "sent 464"], log);
    }

    [Fact]
    public void A_refused_connect_posts_FD_CONNECT_with_WSAECONNREFUSED_and_SO_ERROR_reports_it()
    {
        var connectError = 0;
        var soError = 0;
        var peer = Simulated.Peer("""{"do":"refuse","port":9}""");
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, peer, () =>
        {
            Startup();
            var hwnd = Window();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            WSAAsyncSelect(s, hwnd, WM_SOCKET, FD_CONNECT);
            Connect(s, 9);
            GetMessage(out var msg, 0, 0, 0);
            connectError = WSAGETSELECTERROR(msg.lParam);
            getsockopt(s, SOL_SOCKET, SO_ERROR, out soError);
            closesocket(s);
            return 0;
        }));
        Assert.Equal(WSAECONNREFUSED, connectError);
        Assert.Equal(WSAECONNREFUSED, soError);
    }

    [Fact]
    public void Select_with_no_wait_sees_data_the_peer_sent_and_a_queued_connection()
    {
        var peer = Simulated.Peer("""{"do":"connect","port":2000}""", """{"do":"send","text":"x"}""", """{"do":"close"}""");
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, peer, () =>
        {
            Startup();
            var listener = Listener(2000);
            var set = new FD_SET();
            FD_SET(listener, set);
            Sim.Assert(select(0, set, null, null, new TIMEVAL()) == 0, "nothing queued yet");
            FD_SET(listener, set);
            Sim.Assert(select(0, set, null, null, null) == 1 && FD_ISSET(listener, set), "a blocking select returns once the peer connects");
            var s = accept(listener);
            FD_ZERO(set);
            FD_SET(s, set);
            Sim.Assert(select(0, set, null, null, null) == 1, "readable once data arrives");
            Sim.Assert(ReadToEnd(s) == "x", "the byte");
            closesocket(s);
            closesocket(listener);
            return 0;
        }));
    }

    [Fact]
    public void Names_resolve_to_loopback_and_nothing_else()
    {
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Startup();
            Sim.Assert(gethostbyname("localhost") is { h_addr_list: [var a] } && a == inet_addr("127.0.0.1"), "localhost");
            Sim.Assert(gethostbyname("example.com") is null && WSAGetLastError() == WSAHOST_NOT_FOUND, "no DNS");
            Sim.Assert(getaddrinfo("127.0.0.1", "80", null, out var list) == 0 && ntohs(list[0].ai_addr.sin_port) == 80, "numeric getaddrinfo");
            Sim.Assert(inet_addr("300.1.1.1") == INADDR_NONE && htons(0x1234) == 0x3412, "byte order and parsing");
            return 0;
        }));
    }

    [Fact]
    public void Options_the_model_has_no_input_for_are_kept_beside_it()
    {
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Startup();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            Sim.Assert(setsockopt(s, SOL_SOCKET, SO_RCVBUF, 1234) == 0 && getsockopt(s, SOL_SOCKET, SO_RCVBUF, out var rcv) == 0 && rcv == 1234, "SO_RCVBUF");
            Sim.Assert(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, 1) == 0 && getsockopt(s, IPPROTO_TCP, TCP_NODELAY, out var nodelay) == 0 && nodelay == 1, "TCP_NODELAY");
            Sim.Assert(setsockopt(s, SOL_SOCKET, SO_LINGER, new LINGER { l_onoff = 1, l_linger = 0 }) == 0, "SO_LINGER");
            Sim.Assert(getsockname(s, out _, ref Unsafe.Length) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "an unbound socket has no name");
            uint arg = 1;
            Sim.Assert(ioctlsocket(s, FIONBIO, ref arg) == 0, "FIONBIO");
            closesocket(s);
            return 0;
        }));
    }

    [Fact]
    public void A_blocking_recv_waits_for_the_peer_and_returns_0_after_its_FIN()
    {
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"expect","text":"ping"}""", """{"do":"send","text":"pong"}""", """{"do":"shutdown"}""");
        Simulated.ShouldPass(Simulated.Run(Profiles.Wine8, peer, () =>
        {
            var s = Client();
            send(s, "ping"u8.ToArray(), 4, 0);
            Sim.Assert(ReadToEnd(s) == "pong", "pong");
            closesocket(s);
            return 0;
        }));
    }

    [Fact]
    public void A_call_outside_the_simulated_set_is_reported_as_unsupported()
    {
        var outcome = Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Startup();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            setsockopt(s, SOL_SOCKET, 0x1005 /* SO_SNDTIMEO */, 1000);
            return 0;
        });
        Assert.Equal(RunVerdict.Unsupported, outcome.Verdict);
        Assert.Contains("option not simulated", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PeekMessage_filters_by_window_and_range_and_WM_QUIT_comes_after_the_queue_empties()
    {
        var order = new List<uint>();
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            var a = Window();
            var b = CreateWindowEx(0, "TestWindow", null, 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, 0);
            PostMessage(a, WM_USER + 1, 0, 0);
            PostMessage(b, WM_USER + 2, 0, 0);
            PostMessage(a, WM_USER + 3, 0, 0);
            PostQuitMessage(7);
            Sim.Assert(PeekMessage(out var m, b, 0, 0, PM_REMOVE) && m.message == WM_USER + 2, "the window filter");
            Sim.Assert(PeekMessage(out m, 0, WM_USER + 3, WM_USER + 3, PM_NOREMOVE) && m.message == WM_USER + 3, "the range filter");
            while (GetMessage(out m, 0, 0, 0) > 0)
            {
                order.Add(m.message);
            }

            Sim.Assert(m.message == WM_QUIT && m.wParam == 7, "WM_QUIT with the exit code");
            return 0;
        }));
        Assert.Equal([WM_USER + 1, WM_USER + 3], order);
    }

    [Fact]
    public void A_host_that_sees_only_values_can_report_a_retrieval_and_bring_its_own_event_handles()
    {
        // What the native shim does: it creates real event objects and sees retrieved messages as four values.
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","text":"x"}""", """{"do":"close"}""");
        var run = new SimulationRun(new RunSettings(Profiles.Windows, peer), Simulation.Scheduling.Choices.Replay([]));
        var stack = run.Stack;
        var outcome = run.Execute(() =>
        {
            Startup();
            Sim.Assert(stack.WSACreateEvent(adopt: 0x7777) == 0x7777, "the host's handle is the event's");
            var hwnd = Window();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            WSAAsyncSelect(s, hwnd, WM_SOCKET, FD_CONNECT);
            Connect(s);
            Sim.Assert(stack.State.Queue.Count == 1, "FD_CONNECT is queued in the model");
            stack.Retrieved(hwnd, WM_SOCKET, s, WSAMAKESELECTREPLY(FD_CONNECT, 0));
            Sim.Assert(stack.State.Queue.Count == 0, "the model's queue dropped it");
            Sim.Assert(WSACloseEvent(0x7777) && stack.WSACreateEvent(adopt: 0x7777) == 0x7777, "a closed handle value can be adopted again");
            closesocket(s);
            return 0;
        });
        Simulated.ShouldPass(outcome);
    }

    /// <summary>A writable length for the ref addrlen arguments.</summary>
    private static class Unsafe
    {
        [ThreadStatic]
        private static int t_length;

        public static ref int Length
        {
            get
            {
                t_length = SOCKADDR_IN.Size;
                return ref t_length;
            }
        }
    }
}
