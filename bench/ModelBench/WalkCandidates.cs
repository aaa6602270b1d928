using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>One input the walk may take next, and how likely it is relative to the others.</summary>
internal readonly record struct WalkCandidate(Input Input, double Weight);

/// <summary>
/// The inputs <see cref="ScenarioWalk"/> considers in a state, weighted so a long walk reads like a
/// program using the API: connections come and go, data flows both ways, registrations change now and
/// then, and messages are retrieved often enough that the queue stays short. Candidates need not be
/// valid: the walk asks <see cref="Validation.Check"/> and discards the rest.
/// </summary>
/// <remarks>
/// Sockets are named as in the hand-written scenarios: clients "a" and "b", listener "L", accepted
/// connections "c1".."c3", and the UDP socket "u". Each socket's event object is "e" + its name.
/// A closed name is re-created, so a long walk also covers generations and stale messages.
/// </remarks>
internal static class WalkCandidates
{
    private static readonly string[] s_clients = ["a", "b"];
    private static readonly string[] s_accepted = ["c1", "c2", "c3"];
    private const string ListenerName = "L";
    private const string UdpName = "u";

    /// <summary>A second window, so messages for two windows interleave in the queue.</summary>
    private const string OtherWindow = "w2";

    private static readonly int[] s_recvLengths = [1, 7, 50, 100, 512, 4096];

    private static readonly NetworkEvents[] s_streamMasks =
    [
        NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Connect | NetworkEvents.Close,
        NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Connect | NetworkEvents.Close,
        NetworkEvents.Read | NetworkEvents.Close,
        NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Oob | NetworkEvents.Close,
        NetworkEvents.Write,
        NetworkEvents.All,
    ];

    private static readonly NetworkEvents[] s_datagramMasks =
    [
        NetworkEvents.Read | NetworkEvents.Write,
        NetworkEvents.Read,
        NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Connect,
    ];

    public static void Collect(ModelState state, Random random, List<WalkCandidate> into)
    {
        var walk = new Collector(state, random, into);
        foreach (var name in s_clients)
        {
            walk.Client(name);
        }

        walk.Listener(ListenerName);
        foreach (var name in s_accepted)
        {
            walk.Accepted(name);
        }

        walk.Datagram(UdpName);
        walk.Retrieval();
    }

    /// <summary>Collects for one state; a struct so a step of the walk allocates only its candidates.</summary>
    private readonly struct Collector(ModelState state, Random random, List<WalkCandidate> into)
    {
        private void Add(double weight, Input input) => into.Add(new WalkCandidate(input, weight));

#pragma warning disable CA5394 // Seeded, deterministic test data (see ScenarioWalk).
        private int Next(int max) => random.Next(max);

        private bool Chance(double p) => random.NextDouble() < p;
#pragma warning restore CA5394

        private T OneOf<T>(T[] items) => items[Next(items.Length)];

        public void Client(string name)
        {
            var s = state.Find(name);
            if (s is not { IsLive: true })
            {
                Add(3, new SocketCall(name, SocketKind.Stream));
                return;
            }

            switch (s.Phase)
            {
                case SocketPhase.Unbound or SocketPhase.Bound:
                    Add(6, new ConnectCall(name, ConnectTarget.Peer, Chance(0.2) ? "WSAConnect" : "connect"));
                    Add(0.5, new ConnectCall(name, ConnectTarget.Refused));
                    Registrations(s, 2);
                    Add(0.5, new SetNonBlockingCall(name, true));
                    Add(0.1, new CloseSocketCall(name));
                    break;
                case SocketPhase.Connected:
                    Connection(s);
                    break;
                default:
                    Add(1, new CloseSocketCall(name));
                    break;
            }
        }

        public void Listener(string name)
        {
            var s = state.Find(name);
            if (s is not { IsLive: true })
            {
                Add(2, new SocketCall(name, SocketKind.Stream));
                return;
            }

            switch (s.Phase)
            {
                case SocketPhase.Unbound:
                    Add(4, new BindCall(name));
                    Registrations(s, 1);
                    break;
                case SocketPhase.Bound:
                    Add(4, new ListenCall(name));
                    break;
                case SocketPhase.Listening:
                    Add(s.PendingConnections < 3 ? 2 : 0.1, new PeerConnect(name));
                    if (FreeAcceptedName() is { } newName)
                    {
                        Add(s.PendingConnections > 0 ? 4 : 0.5, new AcceptCall(name, newName, Chance(0.2) ? "WSAAccept" : "accept"));
                    }

                    Registrations(s, 0.5);
                    Add(0.01, new CloseSocketCall(name));
                    break;
                default:
                    Add(1, new CloseSocketCall(name));
                    break;
            }
        }

        /// <summary>Accepted names are created by accept only; once closed they wait for the next accept.</summary>
        public void Accepted(string name)
        {
            if (state.Find(name) is { IsLive: true, Phase: SocketPhase.Connected } s)
            {
                Connection(s);
            }
        }

        private string? FreeAcceptedName()
        {
            foreach (var name in s_accepted)
            {
                if (state.Find(name) is not { IsLive: true })
                {
                    return name;
                }
            }

            return null;
        }

        /// <summary>An established stream connection: data both ways, urgent data, shutdowns and closes.</summary>
        private void Connection(SocketState s)
        {
            var name = s.Ref.Name;
            var peerGone = s.IsReset || (s.Peer & PeerFlags.Closed) != 0;
            var peerDone = peerGone || s.PeerSentFin;
            if (!peerDone)
            {
                Add(6, new PeerSend(name, 1 + Next(300)));
            }

            var readable = s.ReadableBytes > 0 || peerDone;
            Add(readable ? 7 : 0.7, new RecvCall(name, OneOf(s_recvLengths), Chance(0.15) ? RecvFlags.Peek : RecvFlags.None, Api: Chance(0.2) ? "WSARecv" : "recv"));
            Add(3, new SendCall(name, 1 + Next(2000), Api: Chance(0.2) ? "WSASend" : "send"));
            Add(0.7, new SendCall(name, 0, Fill: true));
            if (s.SendBlocked && !peerGone)
            {
                Add(5, new PeerRead(name));
            }

            if (!peerDone)
            {
                Add(0.4, new PeerSendUrgent(name));
                Add(0.04, new PeerShutdown(name, ShutdownHow.Send));
                Add(0.06, new PeerClose(name));
                Add(0.03, new PeerAbort(name));
            }

            if (s.UrgentBytes > 0)
            {
                Add(3, new RecvCall(name, 1, RecvFlags.Oob));
            }

            Registrations(s, 1);
            Add(0.5, new FionreadCall(name));
            Add(0.03, new ShutdownCall(name, ShutdownHow.Send));
            Add(0.1, new SetOobInlineCall(name, !s.OobInline));
            Add(0.02, new SetLingerCall(name, true, 0));

            // A connection the peer has finished with is closed soon; a healthy one only now and then.
            Add(peerDone && s.ReadableBytes == 0 ? 5 : 0.03, new CloseSocketCall(name));
        }

        public void Datagram(string name)
        {
            var s = state.Find(name);
            if (s is not { IsLive: true })
            {
                Add(1.5, new SocketCall(name, SocketKind.Datagram, Chance(0.3) ? "WSASocket" : "socket"));
                return;
            }

            if (s.Phase == SocketPhase.Unbound)
            {
                Add(3, new BindCall(name));
            }
            else
            {
                Add(4, new PeerSend(name, 1 + Next(600)));
            }

            Add(s.Datagrams.Count > 0 ? 5 : 0.3, new RecvCall(name, OneOf(s_recvLengths), Chance(0.15) ? RecvFlags.Peek : RecvFlags.None, Api: Chance(0.5) ? "recvfrom" : "recv"));
            Add(2, new SendCall(name, 1 + Next(600), Api: s.DatagramConnected && Chance(0.5) ? "send" : "sendto"));
            Add(0.3, new ConnectCall(name, ConnectTarget.Peer));
            Registrations(s, 1);
            Add(0.03, new CloseSocketCall(name));
        }

        /// <summary>Registration changes and, in event mode, the enumeration that goes with it.</summary>
        private void Registrations(SocketState s, double weight)
        {
            var name = s.Ref.Name;
            var masks = s.IsStream ? s_streamMasks : s_datagramMasks;
            var mask = s.Phase == SocketPhase.Listening ? NetworkEvents.Accept | NetworkEvents.Close : OneOf(masks);
            var eventObject = "e" + name;
            var toOther = Chance(0.1);
            Add(weight, new AsyncSelectCall(name, toOther ? OtherWindow : TraceFormat.DefaultWindow, toOther ? 2 : TraceFormat.DefaultMessage, mask));
            Add(weight * 0.6, new EventSelectCall(name, eventObject, mask));
            Add(weight * 0.1, new AsyncSelectCall(name, TraceFormat.DefaultWindow, TraceFormat.DefaultMessage, NetworkEvents.None));
            if (s.Registration is EventRegistration e)
            {
                // Event mode is useless without enumeration; mostly with the event object, sometimes NULL.
                Add(s.Pending != NetworkEvents.None ? 6 : 1.5, new EnumNetworkEventsCall(name, Chance(0.85) ? e.EventObject : null));
            }
        }

        /// <summary>getMessages, more likely the more is queued, so the queue stays a few messages long.</summary>
        public void Retrieval()
        {
            var main = 0;
            var other = 0;
            foreach (var m in state.Queue)
            {
                if (m.Window == TraceFormat.DefaultWindow)
                {
                    main++;
                }
                else
                {
                    other++;
                }
            }

            Add(main == 0 ? 0.3 : 2 + (3 * main), new GetMessagesCall(TraceFormat.DefaultWindow));
            if (other > 0)
            {
                Add(2 + (3 * other), new GetMessagesCall(OtherWindow));
            }
        }
    }
}
