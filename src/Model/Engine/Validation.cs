namespace WinsockConformance.Model;

/// <summary>
/// Which steps are possible in a state. A scenario that asks for an impossible step (an unknown
/// socket, the peer sending on a connection that does not exist, a blocking call that would never
/// return) is bad input, reported with the reason; generators use the same checks to build valid
/// scenarios.
/// </summary>
internal static class Validation
{
    /// <summary>Queued connections a listener may hold (also the width of SocketState.PendingInlineBits).</summary>
    public const int MaxQueuedConnections = 30;

    /// <summary>Null when the step is possible, else what is wrong, in one sentence.</summary>
    public static string? Check(ModelState state, Input input) => Check(state, input, out _);

    /// <summary>
    /// <see cref="Check(ModelState, Input)"/>, also giving the number of the socket the input names as a step numbers
    /// them (<see cref="ModelState.IndexOf"/>), or -1 for socket() and message retrieval.
    /// </summary>
    internal static string? Check(ModelState state, Input input, out int target)
    {
        target = -1;
        if (input is SocketCall create)
        {
            var existing = state.Find(create.Name);
            return existing is { IsLive: true } ? $"socket '{create.Name}' already exists; close it first or choose another name" : null;
        }

        if (input is GetMessagesCall or GetMessageCall)
        {
            return null;
        }

        var name = input.Socket;
        target = name is null ? -1 : state.IndexOf(name);
        if (target < 0)
        {
            return $"unknown socket '{name}': no earlier step creates it";
        }

        var socket = state.At(target);

        if (!socket.IsLive)
        {
            return input is CallInput ? CheckClosedHandleUse(state, socket) : $"'{input.Op}' needs a live socket, but '{name}' was closed";
        }

        return input switch
        {
            CallInput call => CheckCall(state, socket, call),
            NetworkInput net => CheckNetwork(socket, net),
            _ => throw new System.Diagnostics.UnreachableException(input.ToString()),
        };
    }

    /// <summary>
    /// A closed name may be used (WSAENOTSOCK) only while no newer socket has taken its handle value, as the
    /// profile's reuse order predicts (X4 last freed first; WINE-32 lowest free first, FUZZ-33), and while no socket
    /// created after its close took a value the model cannot predict: once the peer has closed a socket of its own, a
    /// value the model does not place was free (H-6; seed 77 #112: the next socket took the peer's value, the one
    /// after it the closed socket's).
    /// </summary>
    private static string? CheckClosedHandleUse(ModelState state, SocketState closed)
    {
        foreach (var s in state.Open.AsSpan())
        {
            if (s.IsLive && s.Ref != closed.Ref
                && (s.HandleSlot == closed.HandleSlot || (s.HandleUnknown && s.Created >= closed.CreatedBeforeClose)))
            {
                return $"socket '{closed.Ref.Name}' is closed and its handle may now belong to another socket"
                    + (s.HandleSlot == closed.HandleSlot ? string.Empty : $" ('{s.Ref.Name}', created after the peer closed a socket of its own)")
                    + "; the result would depend on handle reuse";
            }
        }

        return null;
    }

    private static string? CheckCall(ModelState state, SocketState s, CallInput call) => call switch
    {
        AcceptCall a when state.Find(a.NewName) is { IsLive: true } => $"accept would name the new socket '{a.NewName}', which already exists",
        AcceptCall when s.Phase == SocketPhase.Listening && s.PendingConnections == 0 && !s.NonBlocking =>
            "a blocking accept with no queued connection would never return; make the listener nonblocking or let a peer connect first",
        RecvCall r when !r.BadArguments && !s.NonBlocking && WouldBlock(s, r, state.Profile) =>
            $"a blocking {r.Op} on '{s.Ref.Name}' with nothing to read would never return",
        SendCall { Fill: true } when !s.NonBlocking => "send until WSAEWOULDBLOCK needs a nonblocking socket",
        CloseSocketCall when s.LingerWaits && s.SendBlocked =>
            $"closesocket of '{s.Ref.Name}' with SO_LINGER set to a timeout and unsent data waits for the peer (Linux, Wine) or fails with WSAEWOULDBLOCK (Windows, nonblocking); stacks differ — let the peer read first, or set SO_LINGER off or to 0",
        SendCall { Fill: true } when s.Kind == SocketKind.Datagram => "send until WSAEWOULDBLOCK is for stream sockets",
        IoctlCall { Code: IoctlCode.RoutingInterfaceChange or IoctlCode.AddressListChange } when !s.NonBlocking =>
            "a blocking change-notification WSAIoctl would wait for a change; make the socket nonblocking",
        ConnectCall when s.Kind == SocketKind.Stream && s.ConnectFailed =>
            $"'{s.Ref.Name}' already had a failed connect; stacks differ on a second attempt (Wine: WSAECONNABORTED) — create a new socket",
        ConnectCall { Target: ConnectTarget.Refused or ConnectTarget.TimedOut } when s.Kind == SocketKind.Datagram =>
            "a UDP connect cannot be refused; use target \"peer\"",
        SetOobInlineCall o when state.Profile.UrgentMarkSplitsStream && state.Profile.HangupStopsUrgentWatch && s.WineSawFin && s.UrgentMark >= 0 && o.Enabled != s.OobInline =>
            $"SO_OOBINLINE changes on '{s.Ref.Name}' while an urgent mark is pending after Wine saw the peer's FIN; whether the byte then raises FD_READ depends on which of Wine's paths polls next (a registration does, a recv does not: FUZZ-39), which the model does not follow",
        EnumNetworkEventsCall e when e.EventObject is not null && !HasEventObject(state, e.EventObject) =>
            $"event object '{e.EventObject}' is not created by any earlier WSAEventSelect",
        _ => null,
    };

    private static bool HasEventObject(ModelState state, string name)
    {
        foreach (var o in state.EventObjects.AsSpan())
        {
            if (string.Equals(o.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// WINE-21's case: recv(MSG_OOB) on a stream socket that is not connected and not listening, or any
    /// recv on an unbound UDP socket (a plain recv on the stream socket fails with WSAENOTCONN, as captured).
    /// </summary>
    public static bool RecvWaitsUnconnected(SocketState s, RecvCall r) =>
        s.Kind == SocketKind.Stream
            ? s.Phase is SocketPhase.Unbound or SocketPhase.Bound && (r.Flags & RecvFlags.Oob) != 0
            : s.Phase == SocketPhase.Unbound;

    private static bool WouldBlock(SocketState s, RecvCall r, Profile profile)
    {
        if (profile.RecvOnUnconnectedWaits && RecvWaitsUnconnected(s, r))
        {
            return true;
        }

        if ((s.LocalShutdown & ShutdownFlags.Receive) != 0 || (s.Kind == SocketKind.Stream && s.Phase != SocketPhase.Connected))
        {
            return false;
        }

        if (s.IsReset)
        {
            // Windows fails every recv on a reset socket; Wine (WINE-13) reads the rest, but waits for urgent data that never comes.
            return profile.RecvAfterResetReadsRest && (r.Flags & RecvFlags.Oob) != 0 && !s.OobInline && s.UrgentBytes == 0;
        }

        if (s.Kind == SocketKind.Datagram)
        {
            return s.Phase != SocketPhase.Unbound && s.Datagrams.Count == 0;
        }

        if ((r.Flags & RecvFlags.Oob) != 0)
        {
            return !s.OobInline && s.UrgentBytes == 0;
        }

        return s.ReadableBytes == 0 && !s.PeerSentFin && !s.IsReset;
    }

    private static string? CheckNetwork(SocketState s, NetworkInput net)
    {
        if (net is NetworkChange)
        {
            return null;
        }

        if (net is PeerConnect)
        {
            return s.Phase != SocketPhase.Listening ? $"peer.connect needs a listening socket, but '{s.Ref.Name}' is {Describe(s)}"
                : s.PendingConnections >= MaxQueuedConnections ? $"'{s.Ref.Name}' already has {MaxQueuedConnections} queued connections; real backlogs differ beyond that, so the model stops there — accept one first"
                : null;
        }

        if (s.Kind == SocketKind.Datagram)
        {
            return net switch
            {
                PeerSend when s.Phase == SocketPhase.Unbound => $"peer.send to UDP socket '{s.Ref.Name}' needs it bound first",
                PeerSend p when Queued(s) + p.Length > MaxQueuedBytes => TooMany(s, p.Length),
                PeerSend => null,
                _ => $"'{net.Op}' is for stream connections; '{s.Ref.Name}' is a UDP socket",
            };
        }

        if (s.Phase != SocketPhase.Connected)
        {
            return $"'{net.Op}' needs an established connection, but '{s.Ref.Name}' is {Describe(s)}";
        }

        if (s.IsReset || (s.Peer & PeerFlags.Closed) != 0)
        {
            return $"'{net.Op}': the peer of '{s.Ref.Name}' has already closed or reset the connection";
        }

        return net switch
        {
            PeerSend or PeerSendUrgent when s.PeerSentFin => $"'{net.Op}': the peer of '{s.Ref.Name}' already shut down sending",
            PeerSend or PeerSendUrgent when (s.LocalShutdown & ShutdownFlags.Receive) != 0 =>
                $"'{net.Op}' after a local SD_RECEIVE is not modelled (Windows resets the connection)",
            PeerSend p when Queued(s) + p.Length > MaxQueuedBytes => TooMany(s, p.Length),
            PeerSendUrgent when Queued(s) + 1 > MaxQueuedBytes => TooMany(s, 1),
            _ => null,
        };
    }

    /// <summary>
    /// The most bytes a socket may hold unread: FIONREAD's count is a u_long, 32 bits on Windows, and recv returns an
    /// int, so the model's counts stay 32-bit and refuse a step beyond this rather than wrap. No real receive buffer comes
    /// near it (a peer's send would block long before), so no stack can be driven there either.
    /// </summary>
    public const long MaxQueuedBytes = int.MaxValue;

    /// <summary>The bytes queued to read: normal and urgent ones on a stream socket, every datagram's on a UDP socket.</summary>
    private static long Queued(SocketState s)
    {
        long queued = (long)s.ReadableBytes + s.UrgentBytes;
        foreach (var size in s.Datagrams.AsSpan())
        {
            queued += size;
        }

        return queued;
    }

    private static string TooMany(SocketState s, int more) =>
        FormattableString.Invariant(
            $"'{s.Ref.Name}' already holds {Queued(s)} unread bytes; {more} more would exceed {MaxQueuedBytes}, the most FIONREAD (a 32-bit u_long) and recv (an int) can report and far more than any receive buffer holds — let the application read first");

    private static string Describe(SocketState s) => s.Phase switch
    {
        SocketPhase.Unbound => "not bound",
        SocketPhase.Bound => "not connected",
        SocketPhase.Listening => "listening",
        SocketPhase.Connected => "connected",
        SocketPhase.Closed => "closed",
        _ => throw new System.Diagnostics.UnreachableException(s.Phase.ToString()),
    };
}
