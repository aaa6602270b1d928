namespace WinsockConformance.Model;

// Making connections: socket(), bind, listen, connect (TCP and UDP), accept.
//
// docs/sources.md #ms-wsaasyncselect, #ms-wsaconnect, #win-b-registration, #win-e-inheritance, #win-g-close, #win-h-blocking: a connect over loopback resolves within the step; FD_CONNECT
// carries its outcome (G5), a completed TCP connect posts FD_CONNECT then FD_WRITE (G6) and is recorded even while
// FD_CONNECT is unselected (B8, in the notifier); a nonblocking connect returns WSAEWOULDBLOCK (H3); connect on a
// connected socket fails with WSAEISCONN (S7). connect on UDP re-enables FD_WRITE (the re-enabling table's C10 row and
// its variants). A successful accept re-enables FD_ACCEPT (C4; a failing one does not, C5) and the new socket inherits
// the listener's registration with fresh latches (E1) and its options (E2). A new socket takes the last freed handle
// value (X4, an assumption; Wine the lowest, WINE-32). Wine's listen needs an explicit bind (WINE-22), and an accepted
// socket has SO_OOBINLINE as the listener had it when the peer connected (WINE-31).

/// <summary>socket(), bind, listen, connect and accept.</summary>
internal static class ConnectAccept
{
    public static CallOutcome Socket(StepBuilder b, SocketCall c)
    {
        var previous = b.IndexOf(c.Name);
        var generation = previous < 0 ? 1 : b[previous].Ref.Generation + 1;
        int slot;
        if (b.FreeHandleSlots.Count > 0)
        {
            // X4: the last freed value first; WINE-32: the lowest free value (FUZZ-33).
            var at = b.FreeHandleSlots.Count - 1;
            if (b.Profile.ReusesLowestFreeHandle)
            {
                for (var k = 0; k < b.FreeHandleSlots.Count; k++)
                {
                    at = b.FreeHandleSlots[k] < b.FreeHandleSlots[at] ? k : at;
                }
            }

            slot = b.FreeHandleSlots[at];
            b.FreeHandleSlots = b.FreeHandleSlots.RemoveAt(at);
            b.Cite(ProfileSwitches.ReusesLowestFreeHandle);
        }
        else
        {
            slot = b.NextHandleSlot;
            b.NextHandleSlot = slot + 1;
        }

        b.Add(new SocketState { Ref = new SocketRef(c.Name, generation), Kind = c.Kind, HandleSlot = slot, HandleUnknown = b.PeerFreedHandle });
        return CallOutcome.Success;
    }

    public static CallOutcome Bind(StepBuilder b, int i)
    {
        var s = b[i];
        if (s.Phase != SocketPhase.Unbound)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        b[i] = s with { Phase = SocketPhase.Bound, ExplicitlyBound = true };
        return CallOutcome.Success;
    }

    public static CallOutcome Listen(StepBuilder b, int i)
    {
        var s = b[i];
        if (s.Kind == SocketKind.Datagram)
        {
            return CallOutcome.Fail(WsaError.OperationNotSupported);
        }

        if (s.Phase == SocketPhase.Connected && b.Profile.ListenNeedsExplicitBind)
        {
            // WINE-22: Linux's listen refuses a connected socket with EINVAL (Windows: WSAEISCONN).
            b.Cite(ProfileSwitches.ListenNeedsExplicitBind);
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (s.Phase is SocketPhase.Unbound or SocketPhase.Connected)
        {
            return CallOutcome.Fail(s.Phase == SocketPhase.Connected ? WsaError.IsConnected : WsaError.InvalidArgument);
        }

        if (!s.ExplicitlyBound || s.ConnectFailed)
        {
            // After a failed connect, or bound only by it: WINE-22 refuses, X3 assumes Windows accepts.
            b.Cite(ProfileSwitches.ListenNeedsExplicitBind);
            if (b.Profile.ListenNeedsExplicitBind)
            {
                return CallOutcome.Fail(WsaError.InvalidArgument);
            }
        }

        b[i] = s with { Phase = SocketPhase.Listening };
        return CallOutcome.Success;
    }

    public static CallOutcome Connect(StepBuilder b, int i, ConnectTarget target)
    {
        var s = b[i];
        if (s.Kind == SocketKind.Datagram)
        {
            // C10 and its variants: the re-enabling table's UDP connect rows.
            var connected = b[i] with { Phase = SocketPhase.Bound, DatagramConnected = true };
            b[i] = ReenablingTable.After(b, connected, ReenablingCall.DatagramConnect, NetworkEvents.Write | NetworkEvents.Connect, CallOutcome.Success);
            return CallOutcome.Success;
        }

        if (s.Phase == SocketPhase.Listening)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (s.Phase == SocketPhase.Connected)
        {
            b.Cite(RuleId.ConnectWhenConnected);
            return CallOutcome.Fail(WsaError.IsConnected);
        }

        // Over loopback the attempt resolves within the step; FD_CONNECT carries its outcome (G5, G6, B8).
        var error = target switch
        {
            ConnectTarget.Peer => WsaError.None,
            ConnectTarget.Refused => WsaError.ConnectionRefused,
            ConnectTarget.TimedOut => WsaError.TimedOut,
            _ => throw new System.Diagnostics.UnreachableException(target.ToString()),
        };
        b[i] = error == WsaError.None
            ? s with { Phase = SocketPhase.Connected, Edges = s.Edges | NetworkEvents.Connect, Occurred = s.Occurred | NetworkEvents.Write, EdgeConnectError = WsaError.None }
            : s with { Phase = SocketPhase.Bound, ConnectFailed = true, Edges = s.Edges | NetworkEvents.Connect, EdgeConnectError = error };
        if (s.NonBlocking)
        {
            b.Cite(RuleId.NonblockingConnectWouldBlock);
            return CallOutcome.Fail(WsaError.WouldBlock);
        }

        return error == WsaError.None ? CallOutcome.Success : CallOutcome.Fail(error);
    }

    public static CallOutcome Accept(StepBuilder b, int i, string newName)
    {
        var listener = b[i];
        if (listener.Phase != SocketPhase.Listening)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (listener.PendingConnections == 0)
        {
            b.Cite(RuleId.AcceptWouldBlock);
            var wouldBlock = CallOutcome.Fail(WsaError.WouldBlock);
            b[i] = ReenablingTable.After(b, listener, ReenablingCall.AcceptWouldBlock, NetworkEvents.Accept, wouldBlock);
            return wouldBlock;
        }

        // C4: a successful accept re-enables FD_ACCEPT; D2: it is posted again if more are queued.
        var taken = listener with { PendingConnections = listener.PendingConnections - 1, PendingInlineBits = listener.PendingInlineBits >> 1 };
        b[i] = ReenablingTable.After(b, taken, ReenablingCall.Accept, NetworkEvents.Accept, CallOutcome.Success);
        var inline = listener.OobInline;
        if (b.Profile.AcceptedInlineFixedAtConnect && inline != ((listener.PendingInlineBits & 1) != 0))
        {
            // WINE-31: Linux copied the listener's options when this connection completed.
            b.Cite(ProfileSwitches.AcceptedInlineFixedAtConnect);
            inline = !inline;
        }

        Socket(b, new SocketCall(newName, SocketKind.Stream));
        var created = b.IndexOf(newName);

        // E1, E2: the new socket inherits the registration (fresh latches) and the options.
        if (listener.Registration is not NoRegistration)
        {
            b.Cite(RuleId.AcceptInheritsRegistration);
        }

        b.Cite(RuleId.AcceptInheritsOptions);
        b[created] = b[created] with
        {
            Phase = SocketPhase.Connected,
            Registration = listener.Registration,
            NonBlocking = listener.NonBlocking,
            OobInline = inline,
            Occurred = NetworkEvents.Write,
        };
        return CallOutcome.Success;
    }
}
