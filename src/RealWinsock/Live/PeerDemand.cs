using WinsockConformance.Model;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// How many peer sockets a scenario can need, counted from its steps (an upper bound: a connect that fails leaves
/// its socket unused). The <see cref="LoopbackPeer"/> creates them all before the first step, so no peer socket is
/// created after a closesocket of a socket under test and takes the closed handle's value (H-3).
/// </summary>
/// <param name="Accepts">Sockets to accept into: one per stream connect to the peer.</param>
/// <param name="Clients">Peer clients: one per peer.connect.</param>
/// <param name="Datagrams">UDP peers: one per datagram socket that connects, sends with sendto or receives from the peer.</param>
internal readonly record struct PeerDemand(int Accepts, int Clients, int Datagrams)
{
    public static PeerDemand For(IEnumerable<Input> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var datagram = new HashSet<string>(StringComparer.Ordinal);
        var served = new HashSet<string>(StringComparer.Ordinal);
        int accepts = 0, clients = 0, datagrams = 0;
        foreach (var input in inputs)
        {
            switch (input)
            {
                case SocketCall c:
                    // A new generation of the name: its datagram peer, if any, is a new one.
                    served.Remove(c.Name);
                    if (c.Kind == Model.SocketKind.Datagram)
                    {
                        datagram.Add(c.Name);
                    }
                    else
                    {
                        datagram.Remove(c.Name);
                    }

                    break;
                case AcceptCall a:
                    datagram.Remove(a.NewName);
                    break;
                case PeerConnect:
                    clients++;
                    break;
                case ConnectCall { Target: ConnectTarget.Peer } c when !datagram.Contains(c.Name):
                    accepts++;
                    break;
                case ConnectCall or SendCall { IsSendTo: true } or PeerSend when datagram.Contains(input.Socket!) && served.Add(input.Socket!):
                    datagrams++;
                    break;
                default:
                    break;
            }
        }

        return new PeerDemand(accepts, clients, datagrams);
    }
}
