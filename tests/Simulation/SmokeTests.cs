using WinsockConformance.Model;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.SimulationTests;

public class SmokeTests
{
    [Fact]
    public void A_client_reads_what_a_source_peer_sends()
    {
        var run = new SimulationRun(new RunSettings(Profiles.Windows, ReadyPeers.Find("source:10")!), Choices.Replay([]));
        var outcome = run.Execute(() =>
        {
            WSAStartup(0x0202, out _);
            var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            var addr = SOCKADDR_IN.Create(INADDR_LOOPBACK, 7);
            Sim.Assert(connect(s, addr, SOCKADDR_IN.Size) == 0, "connect");
            var buffer = new byte[100];
            var total = 0;
            while (true)
            {
                var n = recv(s, buffer, buffer.Length, 0);
                if (n <= 0)
                {
                    break;
                }

                total += n;
            }

            Sim.Assert(total == 10, $"got {total}");
            closesocket(s);
            return 0;
        });
        Assert.True(outcome.Verdict == RunVerdict.Passed, outcome.Failure?.Detail + outcome.Problem + "\n" + outcome.Record.Render());
    }
}
