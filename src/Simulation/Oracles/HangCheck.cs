using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;

namespace WinsockConformance.Simulation.Oracles;

/// <summary>
/// SIM-HANG: the program waits forever with nothing left to happen, while the model says there is work: data to
/// read, a connection to accept, or a send the peer is waiting for that would now succeed (the socket is writable).
/// </summary>
internal sealed class HangCheck : OracleCheck
{
    public override Oracle Oracle => Oracles.Hang;

    public override void IdleForever(IOracleContext run, string api)
    {
        ArgumentNullException.ThrowIfNull(run);
        var profile = run.Stack.Profile;
        foreach (var socket in run.Stack.LiveSockets)
        {
            var m = run.Stack.ModelSocket(socket);
            var work = m.ReadableBytes > 0 && (m.LocalShutdown & ShutdownFlags.Receive) == 0 ? $"{m.ReadableBytes} bytes are readable on {socket}"
                : m.PendingConnections > 0 ? $"{m.PendingConnections} connection(s) wait to be accepted on {socket}"
                : PeerWaitsToRead(run.Peer, socket.Connection) && Readiness.Writable(m, profile) ? $"the peer waits for bytes ({run.Peer.Waiting()}) and a send on {socket} would succeed"
                : null;
            if (work is not null)
            {
                run.Fire(Oracle, $"the program waits in {api} with nothing left to happen, but {work}", run.StepRules(socket.Ref).Union(run.RetrievedRules(socket.Ref)));
            }
        }
    }

    private static bool PeerWaitsToRead(PeerNetwork peer, Core.Connection? connection)
    {
        if (connection is null || connection.InFlight.Count > 0)
        {
            return false;
        }

        return peer.Current switch
        {
            ReadAction or ExpectAction => true,
            WaitAction { Until: PeerWaitCondition.Sent } => true,
            _ => false,
        };
    }
}
