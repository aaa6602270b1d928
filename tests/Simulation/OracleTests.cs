using WinsockConformance.Model;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Oracles;
using WinsockConformance.Simulation.Running;
using WinsockConformance.SimulationTests.Support;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;
using static WinsockConformance.SimulationTests.Support.Programs;

namespace WinsockConformance.SimulationTests;

/// <summary>Each oracle fires on the smallest program that breaks it, names itself and the rules behind it, and stays quiet otherwise.</summary>
public class OracleTests
{
    private static readonly Simulation.Network.PeerScript s_source = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","bytes":100}""", """{"do":"close"}""");

    [Fact]
    public void SIM_EXIT_fires_when_Main_returns_non_zero_or_throws()
    {
        Simulated.ShouldFail(Simulated.Run(Profiles.Windows, Simulated.Peer(), () => 3), Oracles.Exit);
        var thrown = Simulated.Run(Profiles.Windows, Simulated.Peer(), () => throw new InvalidOperationException("boom"));
        Simulated.ShouldFail(thrown, Oracles.Exit);
        Assert.Contains("InvalidOperationException: boom", thrown.Failure!.Detail, StringComparison.Ordinal);
        Simulated.ShouldFail(Simulated.Run(Profiles.Windows, Simulated.Peer(), () => { Sim.Exit(5); return 0; }), Oracles.Exit);
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, Simulated.Peer(), () => { Sim.Exit(0); return 1; }));
    }

    [Fact]
    public void SIM_ASSERT_fires_at_the_failed_assertion_and_stops_the_program()
    {
        var after = false;
        var outcome = Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Sim.Assert(1 + 1 == 3, "arithmetic");
            after = true;
            return 0;
        });
        Simulated.ShouldFail(outcome, Oracles.Assert);
        Assert.Equal("arithmetic", outcome.Failure!.Detail);
        Assert.False(after);
    }

    [Fact]
    public void SIM_DATA_LOSS_fires_at_a_close_with_unread_bytes_after_the_FIN_and_names_G1()
    {
        var outcome = Simulated.Run(Profiles.Windows, s_source, () =>
        {
            var s = RegisteredClient(FD_CLOSE);
            GetMessage(out _, 0, 0, 0);
            closesocket(s);
            return 0;
        });
        Simulated.ShouldFail(outcome, Oracles.DataLoss);
        Assert.Contains("100 of the 100 bytes", outcome.Failure!.Detail, StringComparison.Ordinal);
        Assert.Contains("G1", outcome.Failure.RuleIds, StringComparison.Ordinal);
    }

    [Fact]
    public void SIM_DATA_LOSS_stays_quiet_when_the_peer_script_allows_unread_data_or_the_peer_reset()
    {
        var allow = Simulation.Network.PeerScriptReader.Read(
            """
            {"format":"wsaasyncselect-peer","version":1,"allowUnread":true}
            {"do":"accept","port":7}
            {"do":"send","bytes":100}
            {"do":"close"}
            """, "allow.jsonl");
        var abort = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","bytes":100}""", """{"do":"abort"}""");
        int CloseAfterFirstMessage()
        {
            var s = RegisteredClient(FD_CLOSE);
            GetMessage(out _, 0, 0, 0);
            closesocket(s);
            return 0;
        }

        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, allow, CloseAfterFirstMessage));
        Simulated.ShouldPass(Simulated.Run(Profiles.Wine8, abort, CloseAfterFirstMessage));
    }

    [Fact]
    public void SIM_CLOSED_HANDLE_fires_at_a_call_on_a_closed_handle_no_newer_socket_holds()
    {
        var outcome = Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Startup();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            closesocket(s);
            closesocket(s);
            return 0;
        });
        Simulated.ShouldFail(outcome, Oracles.ClosedHandle);
        Assert.StartsWith("closesocket(0x104) after the program closed that socket", outcome.Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SIM_STALE_HANDLE_fires_when_a_stale_message_leads_to_a_call_on_the_reused_handle_and_names_F1_and_X4()
    {
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","text":"x"}""", """{"do":"wait","until":"closed"}""");
        var outcome = Simulated.Run(Profiles.Windows, peer, () =>
        {
            Startup();
            var hwnd = Window();
            var a = socket(AF_INET, SOCK_STREAM, 0);
            WSAAsyncSelect(a, hwnd, WM_SOCKET, FD_READ);
            Connect(a);
            uint pending = 0;
            while (ioctlsocket(a, FIONREAD, ref pending) == 0 && pending == 0)
            {
                Kernel32.Sleep(10);
            }

            // FD_READ for a is queued; a is closed and b takes its handle value.
            closesocket(a);
            var b = socket(AF_INET, SOCK_STREAM, 0);
            Sim.Assert(a == b, "the handle value is reused");
            PeekMessage(out var msg, 0, 0, 0, PM_REMOVE);
            uint n = 0;
            ioctlsocket(msg.wParam, FIONREAD, ref n);
            return 0;
        });
        Simulated.ShouldFail(outcome, Oracles.StaleHandle);
        Assert.Contains("F1", outcome.Failure!.RuleIds, StringComparison.Ordinal);
        Assert.Contains("X4", outcome.Failure.RuleIds, StringComparison.Ordinal);
    }

    [Fact]
    public void SIM_HANG_fires_when_the_program_waits_with_data_readable_or_a_connection_queued()
    {
        var data = Simulated.Run(Profiles.Windows, s_source, () =>
        {
            Startup();
            Window();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            Connect(s);
            WaitMessage();
            return 0;
        });
        Simulated.ShouldFail(data, Oracles.Hang);
        Assert.Contains("100 bytes are readable", data.Failure!.Detail, StringComparison.Ordinal);

        var connection = Simulated.Run(Profiles.Windows, Simulated.Peer("""{"do":"connect","port":99}"""), () =>
        {
            Startup();
            var hwnd = Window();
            var l = Listener(99);
            WSAAsyncSelect(l, hwnd, WM_SOCKET, FD_READ);
            GetMessage(out _, 0, 0, 0);
            return 0;
        });
        Simulated.ShouldFail(connection, Oracles.Hang);
        Assert.Contains("wait to be accepted", connection.Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_waiting_with_nothing_pending_ends_its_run_and_passes()
    {
        var outcome = Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Startup();
            Window();
            GetMessage(out _, 0, 0, 0);
            return 0;
        });
        Simulated.ShouldPass(outcome);
        Assert.StartsWith("the program waits in GetMessage with nothing left to happen", outcome.Ending, StringComparison.Ordinal);
    }

    [Fact]
    public void SIM_FLOOD_fires_when_a_read_loop_re_posts_more_than_K_messages()
    {
        var outcome = Simulated.Run(Profiles.Windows, s_source, () =>
        {
            var s = RegisteredClient(FD_READ);
            GetMessage(out _, 0, 0, 0);
            var one = new byte[1];
            while (recv(s, one, 1, 0) == 1)
            {
            }

            return 0;
        });
        Simulated.ShouldFail(outcome, Oracles.Flood);
        Assert.Contains("C1", outcome.Failure!.RuleIds, StringComparison.Ordinal);
    }

    [Fact]
    public void SIM_PEER_EXPECT_fires_at_the_first_byte_that_differs_and_when_the_program_stops_short()
    {
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"expect","text":"hello"}""", """{"do":"close"}""");
        var wrong = Simulated.Run(Profiles.Windows, peer, () =>
        {
            var s = Client();
            send(s, "help!"u8.ToArray(), 5, 0);
            ReadToEnd(s);
            closesocket(s);
            return 0;
        });
        Simulated.ShouldFail(wrong, Oracles.PeerExpect);
        Assert.Contains("byte 3 of connection 1 is \"p!\", not \"lo\"", wrong.Failure!.Detail, StringComparison.Ordinal);

        var shortOne = Simulated.Run(Profiles.Windows, peer, () =>
        {
            var s = Client();
            send(s, "hel"u8.ToArray(), 3, 0);
            closesocket(s);
            return 0;
        });
        Simulated.ShouldFail(shortOne, Oracles.PeerExpect);
        Assert.Contains("closed connection 1 after 3 of its 5 bytes", shortOne.Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SIM_BUDGET_fires_when_a_program_spins_on_calls()
    {
        var outcome = Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Startup();
            var s = socket(AF_INET, SOCK_STREAM, 0);
            uint n = 0;
            while (true)
            {
                ioctlsocket(s, FIONREAD, ref n);
            }
        }, budget: 500);
        Simulated.ShouldFail(outcome, Oracles.Budget);
    }

    [Fact]
    public void A_program_polling_an_empty_queue_with_nothing_left_to_happen_counts_as_waiting()
    {
        var outcome = Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            Window();
            while (true)
            {
                PeekMessage(out _, 0, 0, 0, PM_REMOVE);
            }
        });
        Simulated.ShouldPass(outcome);
        Assert.StartsWith("the program waits in PeekMessage", outcome.Ending, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_of_timed_waits_with_nothing_left_to_happen_counts_as_waiting()
    {
        var outcome = Simulated.Run(Profiles.Windows, Simulated.Peer(), () =>
        {
            while (true)
            {
                Kernel32.Sleep(100);
            }
        });
        Simulated.ShouldPass(outcome);
        Assert.StartsWith("the program waits in Sleep", outcome.Ending, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_oracle_has_an_ID_and_a_statement()
    {
        Assert.Equal(Oracles.All.Count, Oracles.All.Select(o => o.Id).Distinct().Count());
        Assert.All(Oracles.All, o => Assert.Matches("^SIM-[A-Z-]+$", o.Id));
        Assert.All(Oracles.All, o => Assert.EndsWith(".", o.Statement, StringComparison.Ordinal));
    }
}
