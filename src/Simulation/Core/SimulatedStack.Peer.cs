using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Core;

/// <summary>
/// The peer's side: what the network does to the program's sockets, as model network inputs with the real bytes.
/// The driver (peer script and scheduler) calls these; each is one model step.
/// </summary>
internal sealed partial class SimulatedStack
{
    /// <summary>Whether the model allows this network input now (the peer's action is enabled).</summary>
    public bool Allows(NetworkInput input) => Validation.Check(_state, input) is null;

    /// <summary>The model's input for a peer action on a connection whose program end is open.</summary>
    public static string? ProgramEnd(Connection connection) => connection.ProgramSocket is { Open: true } s ? s.Name : null;

    /// <summary>The peer connects to a listening socket: the connection waits in its queue until accepted.</summary>
    public void PeerConnect(SimSocket listener, Connection connection)
    {
        Step(new PeerConnect(listener.Name));
        listener.Pending.Enqueue(connection);
    }

    /// <summary>The peer sends these bytes (one segment).</summary>
    public void PeerSend(Connection connection, ReadOnlySpan<byte> bytes)
    {
        var socket = OpenEnd(connection);
        Step(new PeerSend(socket.Name, bytes.Length));
        socket.Inbound.Append(bytes);
        connection.PeerSentTotal += bytes.Length;
        CheckBytes(socket);
    }

    /// <summary>The peer sends one urgent byte: out of band, or (SO_OOBINLINE) in the stream, as the model counts it.</summary>
    public void PeerSendUrgent(Connection connection, byte value)
    {
        var socket = OpenEnd(connection);
        var before = ModelSocket(socket);
        Step(new PeerSendUrgent(socket.Name));
        var after = ModelSocket(socket);
        if (after.UrgentMark < 0)
        {
            if (after.ReadableBytes > before.ReadableBytes)
            {
                socket.Inbound.Append([value]);
            }
            else if (after.UrgentBytes > before.UrgentBytes)
            {
                socket.Urgent.Append([value]);
            }
            else if (after.UrgentBytes == before.UrgentBytes && after.UrgentBytes > 0)
            {
                // WINE-5: one urgent byte is kept; the newer replaces it.
                socket.Urgent.Clear();
                socket.Urgent.Append([value]);
            }
        }

        connection.PeerSentTotal++;
        CheckBytes(socket);
    }

    /// <summary>The peer shuts down its sending direction (FIN).</summary>
    public void PeerShutdown(Connection connection)
    {
        Step(new PeerShutdown(OpenEnd(connection).Name, ShutdownHow.Send));
        connection.PeerFinished = true;
    }

    /// <summary>The peer reads what it was sent, then closes gracefully (FIN).</summary>
    public void PeerClose(Connection connection)
    {
        var socket = OpenEnd(connection);
        MoveToPeer(connection);
        Step(new PeerClose(socket.Name));
        connection.PeerFinished = true;
    }

    /// <summary>The peer closes abortively: an RST arrives (Windows discards what the program had not read).</summary>
    public void PeerAbort(Connection connection)
    {
        var socket = OpenEnd(connection);
        Step(new PeerAbort(socket.Name));
        connection.PeerFinished = true;
        connection.PeerAborted = true;
        CheckBytes(socket);
    }

    /// <summary>
    /// The peer reads everything in flight, so send space returns (FD_WRITE when a send had failed). After the program
    /// closed its end the bytes still arrive; there is no model step then.
    /// </summary>
    public void PeerRead(Connection connection)
    {
        if (ProgramEnd(connection) is { } name)
        {
            Step(new PeerRead(name));
        }

        MoveToPeer(connection);
    }

    private static void MoveToPeer(Connection connection)
    {
        var inFlight = connection.InFlight;
        connection.PeerReadTotal += inFlight.Count;
        connection.PeerReceived.Append(inFlight.Peek());
        inFlight.Clear();
    }

    private static SimSocket OpenEnd(Connection connection) =>
        connection.ProgramSocket is { Open: true } s ? s : throw new SimulatorBugException($"the peer acted on {connection}, whose program end is not open");
}
