using WinsockConformance.Model;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Core;

/// <summary>A socket's life: startup, socket, bind, listen, connect, accept, shutdown, closesocket, cleanup.</summary>
internal sealed partial class SimulatedStack
{
    public int WSAStartup(ushort version)
    {
        _driver.DecisionPoint(nameof(WSAStartup));
        var call = $"WSAStartup(0x{version:X4})";
        if ((version & 0xFF) < 1 || ((version & 0xFF) == 1 && (version >> 8) < 1))
        {
            // The function's own return value, not SOCKET_ERROR (winsock2.h).
            _observer.Returned(call, WSAVERNOTSUPPORTED, WSAVERNOTSUPPORTED);
            return WSAVERNOTSUPPORTED;
        }

        _startups++;
        return Succeed(call);
    }

    /// <summary>The last WSACleanup closes every socket still open, as Windows does.</summary>
    public int WSACleanup()
    {
        if (!Enter(nameof(WSACleanup)))
        {
            return Fail("WSACleanup()", WSANOTINITIALISED);
        }

        if (--_startups == 0)
        {
            foreach (var socket in LiveSockets.ToList())
            {
                Close(socket, nameof(WSACleanup));
            }
        }

        return Succeed("WSACleanup()");
    }

    public nint socket(int af, int type, int protocol)
    {
        var call = $"socket({af}, {type}, {protocol})";
        if (!Enter(nameof(socket)))
        {
            Fail(call, WSANOTINITIALISED);
            return INVALID_SOCKET;
        }

        if (af != AF_INET)
        {
            // The simulated host has IPv4 only (docs/simulator.md): a program that tries IPv6 first falls back.
            Fail(call, WSAEAFNOSUPPORT);
            return INVALID_SOCKET;
        }

        if (type == SOCK_DGRAM)
        {
            throw new UnsupportedCallException(call, "UDP sockets are not simulated yet (the model has them; peer scripts do not)");
        }

        if (type != SOCK_STREAM)
        {
            Fail(call, WSAESOCKTNOSUPPORT);
            return INVALID_SOCKET;
        }

        if (protocol is not (0 or IPPROTO_TCP))
        {
            Fail(call, WSAEPROTONOSUPPORT);
            return INVALID_SOCKET;
        }

        var created = Create(new SocketCall(NextName(), SocketKind.Stream, nameof(socket)));
        Succeed(call, (int)created.Handle);
        return created.Handle;
    }

    private string NextName() => "s" + (++_created).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates the socket the model just made (socket() or accept()), with the handle value the model's ordinal gives.</summary>
    private SimSocket Create(SocketCall input)
    {
        Step(input);
        return Register(input.Name);
    }

    private SimSocket Register(string name)
    {
        var state = _state.Find(name) ?? throw new SimulatorBugException($"the model did not create '{name}'");
        var handle = (nint)(SocketHandleBase + (4 * state.HandleSlot));
        if (_live.ContainsKey(handle))
        {
            throw new SimulatorBugException($"the model gave '{name}' handle ordinal {state.HandleSlot}, which an open socket holds");
        }

        var socket = new SimSocket(name, handle, state.Ref, state.Kind) { SendBuffer = DefaultBufferSize, ReceiveBuffer = DefaultBufferSize };
        _live[handle] = socket;
        _closed.Remove(handle);
        _byRef[state.Ref] = socket;
        return socket;
    }

    public int bind(nint s, SockAddr address)
    {
        var call = $"bind({Hex(s)}, {address})";
        if (!Start(nameof(bind), call, s, out var socket, out var early))
        {
            return early;
        }

        if (address.Address is not (SockAddr.Any or SockAddr.Loopback))
        {
            // The simulated host has one address, 127.0.0.1.
            return Fail(call, WSAEADDRNOTAVAIL);
        }

        if (address.Port != 0 && _live.Values.Any(o => o != socket && o.Local?.Port == address.Port && !(o.ReuseAddress && socket.ReuseAddress)))
        {
            return Fail(call, WSAEADDRINUSE);
        }

        var o = Step(new BindCall(socket.Name));
        if (o.Error == WsaError.None)
        {
            socket.Local = new SockAddr(address.Address, address.Port != 0 ? address.Port : EphemeralPort());
        }

        return Result(call, o);
    }

    private ushort EphemeralPort() => _nextEphemeralPort++;

    public int listen(nint s, int backlog)
    {
        var call = $"listen({Hex(s)}, {backlog})";
        if (!Start(nameof(listen), call, s, out var socket, out var early))
        {
            return early;
        }

        var o = Step(new ListenCall(socket.Name));
        if (o.Error == WsaError.None)
        {
            socket.Listening = true;
            socket.Local ??= SockAddr.LoopbackPort(EphemeralPort());
        }

        return Result(call, o);
    }

    public int connect(nint s, SockAddr target, string api = nameof(connect))
    {
        var call = $"{api}({Hex(s)}, {target})";
        if (!Start(api, call, s, out var socket, out var early))
        {
            return early;
        }

        if (target.Port == 0 || target.Address == SockAddr.Any)
        {
            return Fail(call, WSAEADDRNOTAVAIL);
        }

        var before = ModelSocket(socket);
        var answer = before.Phase is SocketPhase.Unbound or SocketPhase.Bound ? _driver.AnswerConnect(target) : ConnectAnswer.Accepted;
        var input = new ConnectCall(socket.Name, answer == ConnectAnswer.Accepted ? ConnectTarget.Peer : ConnectTarget.Refused, api);
        var problem = Validation.Check(_state, input);
        if (problem is not null)
        {
            throw Unsupported(call, problem);
        }

        var o = Step(input);
        var after = ModelSocket(socket);
        socket.Local ??= SockAddr.LoopbackPort(EphemeralPort());
        if (after.Phase == SocketPhase.Connected && before.Phase != SocketPhase.Connected)
        {
            socket.Remote = target;
            var connection = _driver.Established(target, socket);
            connection.ProgramSocket = socket;
            socket.Connection = connection;
        }
        else if (after.ConnectFailed && !before.ConnectFailed && o.Error == WsaError.WouldBlock)
        {
            // A nonblocking connect's outcome arrives as FD_CONNECT; SO_ERROR reports it too.
            socket.PendingError = WSAECONNREFUSED;
        }

        return Result(call, o);
    }

    public nint accept(nint s, out SockAddr peer, string api = nameof(accept))
    {
        peer = default;
        var call = $"{api}({Hex(s)})";
        if (!Enter(api))
        {
            Fail(call, WSANOTINITIALISED);
            return INVALID_SOCKET;
        }

        var listener = Use(api, s);
        if (listener is null)
        {
            Fail(call, WSAENOTSOCK);
            return INVALID_SOCKET;
        }

        var name = NextName();
        var input = new AcceptCall(listener.Name, name, api);
        if (Validation.Check(_state, input) is { } problem)
        {
            // A blocking accept with nothing queued waits for the peer to connect.
            var blocking = !ModelSocket(listener).NonBlocking;
            if (!blocking || !_driver.Wait(() => Validation.Check(_state, input) is null, -1, api))
            {
                throw Unsupported(call, problem);
            }
        }

        var o = Step(input);
        if (o.Error != WsaError.None)
        {
            Fail(call, (int)o.Error);
            return INVALID_SOCKET;
        }

        if (listener.Pending.Count == 0)
        {
            throw new SimulatorBugException($"the model accepted a connection on {listener} that the peer never made");
        }

        var accepted = Register(name);
        var connection = listener.Pending.Dequeue();
        connection.ProgramSocket = accepted;
        accepted.Connection = connection;
        accepted.Local = listener.Local;
        accepted.Remote = connection.PeerAddress;
        accepted.SendBuffer = listener.SendBuffer;
        accepted.ReceiveBuffer = listener.ReceiveBuffer;
        accepted.NoDelay = listener.NoDelay;
        accepted.KeepAlive = listener.KeepAlive;
        accepted.LingerSeconds = listener.LingerSeconds;
        peer = connection.PeerAddress;
        Succeed(call, (int)accepted.Handle);
        return accepted.Handle;
    }

    public int shutdown(nint s, int how)
    {
        var call = $"shutdown({Hex(s)}, {how})";
        if (!Start(nameof(shutdown), call, s, out var socket, out var early))
        {
            return early;
        }

        if (how is not (SD_RECEIVE or SD_SEND or SD_BOTH))
        {
            return Fail(call, WSAEINVAL);
        }

        var o = Step(new ShutdownCall(socket.Name, (ShutdownHow)how));
        if (o.Error == WsaError.None && how != SD_RECEIVE && socket.Connection is { } connection)
        {
            connection.ProgramShutSend = true;
        }

        return Result(call, o);
    }

    public int closesocket(nint s)
    {
        var call = $"closesocket({Hex(s)})";
        if (!Enter(nameof(closesocket)))
        {
            return Fail(call, WSANOTINITIALISED);
        }

        var socket = _live.GetValueOrDefault(s);
        if (socket is null)
        {
            // F3: the model answers a closed handle no newer socket holds; a value never handed out is the simulator's.
            _observer.HandleUsed(nameof(closesocket), s, _closed.ContainsKey(s) ? HandleStatus.Closed : HandleStatus.Unknown);
            if (_closed.TryGetValue(s, out var old) && Validation.Check(_state, new CloseSocketCall(old.Name)) is null)
            {
                return Result(call, Step(new CloseSocketCall(old.Name)));
            }

            return Fail(call, WSAENOTSOCK);
        }

        _observer.HandleUsed(nameof(closesocket), s, HandleStatus.Live);
        Close(socket, call);
        return Succeed(call);
    }

    /// <summary>Closes an open socket in the model and the handle table (closesocket, WSACleanup, the program's exit).</summary>
    internal void Close(SimSocket socket, string call)
    {
        var input = new CloseSocketCall(socket.Name);
        if (Validation.Check(_state, input) is { } problem)
        {
            throw Unsupported(call, problem);
        }

        _observer.Closing(socket, ModelSocket(socket), call);
        Step(input);
        socket.Open = false;
        _live.Remove(socket.Handle);
        _closed[socket.Handle] = socket;
        if (socket.Connection is { } connection)
        {
            connection.ProgramClosed = true;
        }
    }

    /// <summary>The program ended: Windows closes what it left open. The oracles see each close.</summary>
    public void ProgramEnded()
    {
        foreach (var socket in LiveSockets.ToList())
        {
            Close(socket, "exit");
        }
    }
}
