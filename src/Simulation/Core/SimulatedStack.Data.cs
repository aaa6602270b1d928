using WinsockConformance.Model;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Core;

/// <summary>
/// recv and send: the model decides each result; the real bytes move here, in step with the model's counts
/// (<see cref="CheckBytes"/> asserts that they agree).
/// </summary>
internal sealed partial class SimulatedStack
{
    /// <summary>recv / WSARecv into <paramref name="buffer"/>. <paramref name="badBuffer"/>: the program passed a buffer the stack rejects (WSAEFAULT).</summary>
    public int recv(nint s, Span<byte> buffer, int flags, bool badBuffer = false, string api = nameof(recv))
    {
        var call = $"{api}({Hex(s)}, {buffer.Length}, {flags})";
        if (!Start(api, call, s, out var socket, out var early))
        {
            return early;
        }

        if ((flags & ~(MSG_OOB | MSG_PEEK)) != 0)
        {
            throw new UnsupportedCallException(call, $"flags 0x{flags:X}: only MSG_PEEK and MSG_OOB are simulated");
        }

        var input = new RecvCall(socket.Name, buffer.Length, (RecvFlags)flags, badBuffer, api);
        if (Validation.Check(_state, input) is { } problem)
        {
            // A blocking recv with nothing to read waits for the peer; anything else the model leaves open.
            var waits = !ModelSocket(socket).NonBlocking && !badBuffer;
            if (!waits || !_driver.Wait(() => Validation.Check(_state, input) is null, -1, api))
            {
                throw Unsupported(call, problem);
            }
        }

        var o = Step(input);
        if (o.Error == WsaError.None && o.Return > 0)
        {
            var n = (int)o.Return;
            var from = (flags & MSG_OOB) != 0 ? socket.Urgent : socket.Inbound;
            if (from.Count < n)
            {
                throw new SimulatorBugException($"the model read {n} bytes from {socket}, which has {from.Count} ({Profile.Name})");
            }

            from.Take(buffer[..n], peek: (flags & MSG_PEEK) != 0);
            if ((flags & MSG_PEEK) == 0 && socket.Connection is { } connection)
            {
                connection.ProgramReceivedTotal += n;
            }
        }

        CheckBytes(socket);
        return Result(call, o);
    }

    /// <summary>send / WSASend of <paramref name="data"/>. A full send buffer fails a nonblocking send with WSAEWOULDBLOCK (as the model's "send until WSAEWOULDBLOCK") or sends part.</summary>
    public int send(nint s, ReadOnlySpan<byte> data, int flags, bool badBuffer = false, string api = nameof(send))
    {
        var call = $"{api}({Hex(s)}, {data.Length}, {flags})";
        if (!Start(api, call, s, out var socket, out var early))
        {
            return early;
        }

        if (flags != 0)
        {
            throw new UnsupportedCallException(call, $"flags 0x{flags:X}: the model has no urgent send; only flags 0 is simulated");
        }

        if (badBuffer)
        {
            // The model has no input for a send its argument checks reject: answered here, without a step.
            return Fail(call, WSAEFAULT);
        }

        var connection = socket.Connection;
        if (connection is null || !Sendable(socket))
        {
            // Not connected, shut down, reset, or the peer closed: the model says what send does.
            var outcome = Step(new SendCall(socket.Name, data.Length, Api: api));
            return Result(call, outcome);
        }

        var blocking = !ModelSocket(socket).NonBlocking;
        var sent = 0;
        while (true)
        {
            var space = Space(socket);
            if (space == 0 && blocking && data.Length > 0)
            {
                // A blocking send waits for the peer to read (or for the connection to fail).
                _driver.Wait(() => Space(socket) > 0 || !Sendable(socket), -1, api);
                if (!Sendable(socket))
                {
                    var failed = Step(new SendCall(socket.Name, data.Length - sent, Api: api));
                    return sent > 0 ? Succeed(call, sent) : Result(call, failed);
                }

                space = Space(socket);
            }

            var chunk = Math.Min(space, data.Length - sent);
            var input = space == 0 && data.Length > 0
                ? new SendCall(socket.Name, data.Length, Fill: true, Api: api)
                : new SendCall(socket.Name, chunk, Api: api);
            var o = Step(input);
            if (o.Error != WsaError.None)
            {
                return sent > 0 ? Succeed(call, sent) : Result(call, o);
            }

            if (!ModelSocket(socket).IsReset && (ModelSocket(socket).Peer & PeerFlags.Closed) == 0)
            {
                connection.InFlight.Append(data.Slice(sent, chunk));
            }

            connection.ProgramSentTotal += chunk;
            sent += chunk;
            if (sent == data.Length || !blocking)
            {
                return Succeed(call, sent);
            }
        }
    }

    /// <summary>Whether bytes sent now would travel to the peer (connected, not shut down, not reset, the peer not closed).</summary>
    private bool Sendable(SimSocket socket)
    {
        var m = ModelSocket(socket);
        return m.Phase == SocketPhase.Connected && (m.LocalShutdown & ShutdownFlags.Send) == 0 && !m.IsReset && (m.Peer & PeerFlags.Closed) == 0;
    }

    /// <summary>Room left for bytes the peer has not read: the send buffer, bounded by the network's window.</summary>
    private int Space(SimSocket socket)
    {
        var capacity = Math.Min(socket.SendBuffer > 0 ? socket.SendBuffer : DefaultBufferSize, NetworkWindow);
        return Math.Max(0, capacity - (socket.Connection?.InFlight.Count ?? 0));
    }

    /// <summary>
    /// The payload must agree with the model's counts after every step. An RST on Windows discards what was unread
    /// (the model's count drops to 0); any other disagreement is a simulator bug, reported at once.
    /// </summary>
    private void CheckBytes(SimSocket socket)
    {
        if (!socket.Open)
        {
            return;
        }

        var m = ModelSocket(socket);
        if (m.UrgentMark >= 0)
        {
            throw new UnsupportedCallException("urgent data", $"profile {Profile.Name} keeps the urgent byte as a mark in the stream (WINE-24), which the simulator does not follow byte for byte");
        }

        if (m.ReadableBytes == socket.Inbound.Count && m.UrgentBytes == socket.Urgent.Count)
        {
            return;
        }

        if (m.IsReset && m.ReadableBytes == 0 && m.UrgentBytes == 0)
        {
            socket.Inbound.Clear();
            socket.Urgent.Clear();
            return;
        }

        throw new SimulatorBugException(
            $"{socket}: the model counts {m.ReadableBytes} readable and {m.UrgentBytes} urgent bytes, the simulator holds {socket.Inbound.Count} and {socket.Urgent.Count} ({Profile.Name})");
    }
}
