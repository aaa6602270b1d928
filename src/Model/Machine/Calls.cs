namespace WinsockConformance.Model;

/// <summary>What a call returns: its return value, error, and the extra outputs some calls have.</summary>
internal readonly record struct CallOutcome(long Return, WsaError Error, long? Value = null, EnumeratedEvents? Enumerated = null)
{
    public static readonly CallOutcome Success = new(0, WsaError.None);

    public static CallOutcome Fail(WsaError error) => new(-1, error);
}

/// <summary>
/// The application's calls. Each method changes the socket's conditions and latches as the rules say;
/// delivery of whatever became due happens afterwards, in <see cref="Notifier"/>.
/// </summary>
internal static class Calls
{
    /// <summary>The bits with an error word (Notifier.ErrorOf), in iErrorCode's ascending bit order.</summary>
    private static readonly NetworkEvents[] s_bitsWithErrors = [NetworkEvents.Connect, NetworkEvents.Close];

    public static CallOutcome Apply(StepBuilder b, CallInput call)
    {
        switch (call)
        {
            case SocketCall c:
                return Socket(b, c);
            case GetMessagesCall c:
                return GetMessages(b, c.Window);
        }

        // Every other call is on the socket it names (accept: the listener).
        // F3: a call on a closed socket fails with WSAENOTSOCK.
        var i = b.Target;
        if (!b[i].IsLive)
        {
            b.Apply(RuleId.ClosedHandleIsNotSocket);
            return CallOutcome.Fail(WsaError.NotSocket);
        }

        if (b[i].InlineChangeUnseen && RearmsPoll(b, b[i], call))
        {
            // WINE-24: a request that reaches the server re-arms its poll, which now sees the inline byte.
            b[i] = b[i] with { InlineChangeUnseen = false };
        }

        return call switch
        {
            BindCall => Bind(b, i),
            ListenCall => Listen(b, i),
            ConnectCall c => Connect(b, i, c.Target),
            AcceptCall c => Accept(b, i, c.NewName),
            RecvCall c => Recv(b, i, c),
            SendCall c => Send(b, i, c),
            ShutdownCall c => Shutdown(b, i, c.How),
            CloseSocketCall => CloseSocket(b, i),
            SetOobInlineCall c => SetOobInline(b, i, c.Enabled),
            SetLingerCall c => SetLinger(b, i, c),
            SetNonBlockingCall c => SetNonBlocking(b, i, c.NonBlocking),
            FionreadCall => Fionread(b, i),
            AsyncSelectCall c => AsyncSelect(b, i, c),
            EventSelectCall c => EventSelect(b, i, c),
            EnumNetworkEventsCall c => EnumNetworkEvents(b, i, c.EventObject),
            IoctlCall c => Ioctl(b, i, c.Code),
            _ => throw new System.Diagnostics.UnreachableException($"unhandled call {call}"),
        };
    }

    /// <summary>
    /// Whether the call makes Wine's server poll the socket again: a registration, or a recv, send or shutdown that
    /// reaches the server. Not the options and counts ntdll sets on the Unix socket itself, a recv its argument checks
    /// reject (WINE-4, WINE-29), a recv after shutdown(SD_RECEIVE) (seed 4444 #72), nor a connect on a connected socket
    /// (WSAEISCONN, seed 123457 #560).
    /// </summary>
    private static bool RearmsPoll(StepBuilder b, SocketState s, CallInput call) => call switch
    {
        RecvCall { BadArguments: true } => false,
        RecvCall when (s.LocalShutdown & ShutdownFlags.Receive) != 0 => false,
        RecvCall { Flags: var f } when (f & RecvFlags.Oob) != 0 && s.OobInline && b.Profile.InlineOobRecvFailsEarly => false,
        AsyncSelectCall or EventSelectCall or RecvCall or SendCall or ShutdownCall => true,
        _ => false,
    };

    private static CallOutcome SetLinger(StepBuilder b, int i, SetLingerCall c)
    {
        b[i] = b[i] with { LingerAbort = c.OnOff && c.Seconds == 0, LingerWaits = c.OnOff && c.Seconds > 0 };
        return CallOutcome.Success;
    }

    private static CallOutcome Socket(StepBuilder b, SocketCall c)
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
            b.Apply(b.Profile.ReusesLowestFreeHandle ? RuleId.WineReusesLowestFreeHandle : RuleId.HandleReusedLastFreedFirst);
        }
        else
        {
            slot = b.NextHandleSlot;
            b.NextHandleSlot = slot + 1;
        }

        b.Add(new SocketState { Ref = new SocketRef(c.Name, generation), Kind = c.Kind, HandleSlot = slot });
        return CallOutcome.Success;
    }

    private static CallOutcome Bind(StepBuilder b, int i)
    {
        var s = b[i];
        if (s.Phase != SocketPhase.Unbound)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        b[i] = s with { Phase = SocketPhase.Bound, ExplicitlyBound = true };
        return CallOutcome.Success;
    }

    private static CallOutcome Listen(StepBuilder b, int i)
    {
        var s = b[i];
        if (s.Kind == SocketKind.Datagram)
        {
            return CallOutcome.Fail(WsaError.OperationNotSupported);
        }

        if (s.Phase == SocketPhase.Connected && b.Profile.ListenNeedsExplicitBind)
        {
            // WINE-22: Linux's listen refuses a connected socket with EINVAL (Windows: WSAEISCONN).
            b.Apply(RuleId.WineListenNeedsExplicitBind);
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (s.Phase is SocketPhase.Unbound or SocketPhase.Connected)
        {
            return CallOutcome.Fail(s.Phase == SocketPhase.Connected ? WsaError.IsConnected : WsaError.InvalidArgument);
        }

        if (!s.ExplicitlyBound || s.ConnectFailed)
        {
            // After a failed connect, or bound only by it: WINE-22 refuses, X3 assumes Windows accepts.
            b.Apply(b.Profile.ListenNeedsExplicitBind ? RuleId.WineListenNeedsExplicitBind : RuleId.ListenAfterImplicitBind);
            if (b.Profile.ListenNeedsExplicitBind)
            {
                return CallOutcome.Fail(WsaError.InvalidArgument);
            }
        }

        b[i] = s with { Phase = SocketPhase.Listening };
        return CallOutcome.Success;
    }

    private static CallOutcome Connect(StepBuilder b, int i, ConnectTarget target)
    {
        var s = b[i];
        if (s.Kind == SocketKind.Datagram)
        {
            return ConnectDatagram(b, i);
        }

        if (s.Phase == SocketPhase.Listening)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (s.Phase == SocketPhase.Connected)
        {
            b.Apply(RuleId.ConnectWhenConnected);
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
            b.Apply(RuleId.NonblockingConnectWouldBlock);
            return CallOutcome.Fail(WsaError.WouldBlock);
        }

        return error == WsaError.None ? CallOutcome.Success : CallOutcome.Fail(error);
    }

    private static CallOutcome ConnectDatagram(StepBuilder b, int i)
    {
        var s = b[i] with { Phase = SocketPhase.Bound, DatagramConnected = true };
        switch (b.Profile.DatagramConnect)
        {
            case DatagramConnectEffect.RearmWrite:
                b.Apply(RuleId.DatagramConnectRearmsWrite);
                s = s with
                {
                    Reported = s.Reported & ~NetworkEvents.Write,
                    Quiet = s.Quiet & ~NetworkEvents.Write,
                    Occurred = s.Occurred | NetworkEvents.Write,
                    Edges = s.InEventMode ? s.Edges | NetworkEvents.Connect : s.Edges,
                };
                break;
            case DatagramConnectEffect.Nothing:
                b.Apply(RuleId.WineDatagramConnectChangesNothing);
                break;
            case DatagramConnectEffect.ConnectAndWrite:
                b.Apply(RuleId.DocDatagramConnectPostsConnect);
                s = s with
                {
                    Reported = s.Reported & ~(NetworkEvents.Write | NetworkEvents.Connect),
                    Quiet = s.Quiet & ~NetworkEvents.Write,
                    Occurred = s.Occurred | NetworkEvents.Write,
                    Edges = s.Edges | NetworkEvents.Connect,
                };
                break;
            default:
                throw new System.Diagnostics.UnreachableException(b.Profile.DatagramConnect.ToString());
        }

        b[i] = s;
        return CallOutcome.Success;
    }

    private static CallOutcome Accept(StepBuilder b, int i, string newName)
    {
        var listener = b[i];
        if (listener.Phase != SocketPhase.Listening)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (listener.PendingConnections == 0)
        {
            b.Apply(RuleId.AcceptWouldBlock);
            if (b.Profile.FailedAcceptReenables)
            {
                b.Apply(RuleId.DocFailedCallsReenable);
                b[i] = Reenable(b, listener, NetworkEvents.Accept);
            }
            else
            {
                b.Apply(RuleId.FailedAcceptDoesNotReenable);
            }

            return CallOutcome.Fail(WsaError.WouldBlock);
        }

        // C4: a successful accept re-enables FD_ACCEPT; D2: it is posted again if more are queued.
        b.Apply(RuleId.AcceptReenablesAccept);
        b[i] = Reenable(b, listener with { PendingConnections = listener.PendingConnections - 1, PendingInlineBits = listener.PendingInlineBits >> 1 }, NetworkEvents.Accept);
        var inline = listener.OobInline;
        if (b.Profile.AcceptedInlineFixedAtConnect && inline != ((listener.PendingInlineBits & 1) != 0))
        {
            // WINE-31: Linux copied the listener's options when this connection completed.
            b.Apply(RuleId.WineAcceptedInlineFixedAtConnect);
            inline = !inline;
        }

        Socket(b, new SocketCall(newName, SocketKind.Stream));
        var created = b.IndexOf(newName);

        // E1, E2: the new socket inherits the registration (fresh latches) and the options.
        if (listener.Registration is not NoRegistration)
        {
            b.Apply(RuleId.AcceptInheritsRegistration);
        }

        b.Apply(RuleId.AcceptInheritsOptions);
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

    private static CallOutcome Recv(StepBuilder b, int i, RecvCall c)
    {
        var s = b[i];
        var oob = (c.Flags & RecvFlags.Oob) != 0;
        var bit = oob ? NetworkEvents.Oob : NetworkEvents.Read;
        if (b.Profile.RecvOnUnconnectedWaits && Validation.RecvWaitsUnconnected(s, c) && !c.BadArguments)
        {
            // WINE-21: queued like any receive; Validation rejects the blocking form, which never returns.
            b.Apply(RuleId.WineRecvUnconnectedWaits);
            b[i] = Reenable(b, s, bit);
            return CallOutcome.Fail(WsaError.WouldBlock);
        }

        if (s.Kind == SocketKind.Stream && s.ConnectFailed && s.Phase != SocketPhase.Connected && b.Profile.RecvAfterFailedConnectReturnsZero && !c.BadArguments)
        {
            b.Apply(RuleId.WineRecvAfterRefusedConnectZero);
            b[i] = Reenable(b, s, bit);
            return new CallOutcome(0, WsaError.None);
        }

        if (s.Kind == SocketKind.Stream && s.Phase != SocketPhase.Connected)
        {
            b.Apply(RuleId.NotConnected);
            return CallOutcome.Fail(WsaError.NotConnected);
        }

        if (s.Kind == SocketKind.Datagram && s.Phase == SocketPhase.Unbound)
        {
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (oob && s.OobInline && b.Profile.InlineOobRecvFailsEarly && !c.BadArguments)
        {
            // WINE-29: Wine rejects it before the shutdown check, and the call re-enables nothing.
            b.Apply(RuleId.RecvOobWithInlineInvalid);
            b.Apply(RuleId.WineInlineOobRecvFailsEarly);
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        if (c.BadArguments)
        {
            // C2: message mode re-posts, event mode does not (WINE-4: Wine never; DOC-5: both).
            var reenables = s.InEventMode ? b.Profile.FailedRecvReenablesInEventMode : b.Profile.FailedRecvReenablesInMessageMode;
            b.Apply(b.Profile.FailedRecvReenablesInMessageMode
                ? (b.Profile.FailedRecvReenablesInEventMode ? RuleId.DocFailedCallsReenable : RuleId.FailedRecvReenablesRead)
                : RuleId.WineFailedRecvNoReenable);
            if (reenables)
            {
                b[i] = Reenable(b, s, bit);
            }

            return CallOutcome.Fail(WsaError.Fault);
        }

        // C1, C3: the recv family re-enables FD_READ (FD_OOB with MSG_OOB), whatever it returns.
        b.Apply(oob ? RuleId.RecvOobReenablesOob : RuleId.RecvReenablesRead);
        s = Reenable(b, s, bit);

        if ((s.LocalShutdown & ShutdownFlags.Receive) != 0)
        {
            b[i] = s;
            b.Apply(RuleId.ShutdownDirection);
            return CallOutcome.Fail(WsaError.Shutdown);
        }

        var (outcome, after) = s.Kind == SocketKind.Datagram ? RecvDatagram(b, s, c) : oob ? RecvUrgent(b, s, c) : RecvStream(b, s, c);
        b[i] = after;
        return outcome;
    }

    private static (CallOutcome, SocketState) RecvStream(StepBuilder b, SocketState s, RecvCall c)
    {
        b.Apply(RuleId.RecvResult);
        if (s.IsReset && !b.Profile.RecvAfterResetReadsRest)
        {
            return (CallOutcome.Fail(WsaError.ConnectionReset), s);
        }

        if (s.IsReset)
        {
            b.Apply(RuleId.WineRecvAfterResetReadsRest);
        }

        if (s.UrgentMark >= 0)
        {
            return RecvAtMark(b, s, c);
        }

        if (s.ReadableBytes > 0)
        {
            var n = Math.Min(s.ReadableBytes, c.Length);
            if ((c.Flags & RecvFlags.Peek) != 0)
            {
                b.Apply(RuleId.PeekDoesNotConsume);
                return (new CallOutcome(n, WsaError.None), s);
            }

            return (new CallOutcome(n, WsaError.None), s with { ReadableBytes = s.ReadableBytes - n });
        }

        return s.PeerSentFin || s.IsReset ? (new CallOutcome(0, WsaError.None), s) : (CallOutcome.Fail(WsaError.WouldBlock), s);
    }

    /// <summary>
    /// WINE-24: a read stops at the urgent mark. One that starts there reads on; it skips the out-of-band byte's
    /// place and drops that byte unless recv(MSG_OOB) took it (inline, the byte is read as data). MSG_PEEK moves nothing.
    /// </summary>
    private static (CallOutcome, SocketState) RecvAtMark(StepBuilder b, SocketState s, RecvCall c)
    {
        b.Apply(RuleId.WineUrgentMarkSplitsStream);
        var peek = (c.Flags & RecvFlags.Peek) != 0;
        if (peek)
        {
            b.Apply(RuleId.PeekDoesNotConsume);
        }

        if (s.UrgentMark > 0)
        {
            var before = Math.Min(s.UrgentMark, c.Length);
            return (new CallOutcome(before, WsaError.None),
                peek ? s : s with { ReadableBytes = s.ReadableBytes - before, UrgentMark = s.UrgentMark - before });
        }

        var n = Math.Min(s.ReadableBytes, c.Length);
        var after = peek ? s : s with { ReadableBytes = s.ReadableBytes - n, UrgentMark = -1, UrgentBytes = 0 };
        if (n > 0)
        {
            return (new CallOutcome(n, WsaError.None), after);
        }

        return (s.PeerSentFin || s.IsReset ? new CallOutcome(0, WsaError.None) : CallOutcome.Fail(WsaError.WouldBlock), after);
    }

    private static (CallOutcome, SocketState) RecvUrgent(StepBuilder b, SocketState s, RecvCall c)
    {
        if (s.IsReset && b.Profile.RecvAfterResetReadsRest && s.UrgentBytes > 0 && !s.PeerSentFin)
        {
            // WINE-13: Linux's tcp_recv_urg refuses an urgent byte on a connection reset before any FIN arrived.
            b.Apply(RuleId.WineRecvAfterResetReadsRest);
            return (CallOutcome.Fail(WsaError.NotConnected), s);
        }

        if (s.IsReset && !b.Profile.RecvAfterResetReadsRest)
        {
            // S1: the connection was reset; recv(MSG_OOB) fails like any recv.
            b.Apply(RuleId.RecvResult);
            return (CallOutcome.Fail(WsaError.ConnectionReset), s);
        }

        if (s.OobInline)
        {
            b.Apply(RuleId.RecvOobWithInlineInvalid);
            return (CallOutcome.Fail(WsaError.InvalidArgument), s);
        }

        if (s.UrgentBytes == 0)
        {
            return (CallOutcome.Fail(WsaError.WouldBlock), s);
        }

        b.Apply(RuleId.UrgentBytesQueue);
        return (c.Flags & RecvFlags.Peek) != 0
            ? (new CallOutcome(1, WsaError.None), s)
            : (new CallOutcome(1, WsaError.None), s with { UrgentBytes = s.UrgentBytes - 1 });
    }

    private static (CallOutcome, SocketState) RecvDatagram(StepBuilder b, SocketState s, RecvCall c)
    {
        b.Apply(RuleId.DatagramRecv);
        if (s.Datagrams.Count == 0)
        {
            return (CallOutcome.Fail(WsaError.WouldBlock), s);
        }

        var size = s.Datagrams[0];
        var after = (c.Flags & RecvFlags.Peek) != 0 ? s : s with { Datagrams = s.Datagrams.RemoveAt(0) };
        return size > c.Length ? (CallOutcome.Fail(WsaError.MessageSize), after) : (new CallOutcome(size, WsaError.None), after);
    }

    private static CallOutcome Send(StepBuilder b, int i, SendCall c)
    {
        var s = b[i];
        var outcome = SendResult(b, ref s, c);
        var reenable = b.Profile.WriteReenable switch
        {
            WriteReenable.WouldBlockOnly => outcome.Error == WsaError.WouldBlock,
            WriteReenable.AnyFailure => outcome.Error != WsaError.None,
            WriteReenable.AnyCall => true,
            _ => throw new System.Diagnostics.UnreachableException(b.Profile.WriteReenable.ToString()),
        };
        b.Apply(b.Profile.WriteReenable switch
        {
            WriteReenable.WouldBlockOnly => RuleId.WouldBlockReenablesWrite,
            WriteReenable.AnyFailure => RuleId.WineAnyFailedSendReenablesWrite,
            _ => RuleId.DocAnySendReenablesWrite,
        });
        b[i] = reenable ? Reenable(b, s, NetworkEvents.Write) : s;
        return outcome;
    }

    private static CallOutcome SendResult(StepBuilder b, ref SocketState s, SendCall c)
    {
        if (s.Kind == SocketKind.Datagram)
        {
            if (b.Profile.DatagramSendBindsFirst)
            {
                // WINE-33: Wine's send binds an unbound UDP socket before any other check, then checks shutdown.
                b.Apply(RuleId.WineDatagramSendBindsFirst);
                s = s with { Phase = SocketPhase.Bound };
                if ((s.LocalShutdown & ShutdownFlags.Send) != 0)
                {
                    b.Apply(RuleId.ShutdownDirection);
                    return CallOutcome.Fail(WsaError.Shutdown);
                }
            }

            if (!c.IsSendTo && !s.DatagramConnected)
            {
                b.Apply(b.Profile.UnconnectedDatagramSendError == WsaError.NotConnected ? RuleId.NotConnected : RuleId.WineUnconnectedDatagramSendInvalid);
                return CallOutcome.Fail(b.Profile.UnconnectedDatagramSendError);
            }

            if ((s.LocalShutdown & ShutdownFlags.Send) != 0)
            {
                b.Apply(RuleId.ShutdownDirection);
                return CallOutcome.Fail(WsaError.Shutdown);
            }

            // sendto binds an unbound socket implicitly.
            s = s with { Phase = SocketPhase.Bound };
            return new CallOutcome(c.Length, WsaError.None);
        }

        if (s.Phase is SocketPhase.Unbound or SocketPhase.Bound && (s.ConnectFailed || b.Profile.NeverConnectedSendLikeFailedConnect))
        {
            b.Apply(b.Profile.SendAfterFailedConnectError == WsaError.NotConnected ? RuleId.SendAfterFailedConnectNotConnected : RuleId.WineSendAfterRefusedConnectReset);
            return CallOutcome.Fail(b.Profile.SendAfterFailedConnectError);
        }

        if (s.Phase != SocketPhase.Connected)
        {
            b.Apply(RuleId.NotConnected);
            return CallOutcome.Fail(WsaError.NotConnected);
        }

        if ((s.LocalShutdown & ShutdownFlags.Send) != 0)
        {
            b.Apply(RuleId.ShutdownDirection);
            return CallOutcome.Fail(WsaError.Shutdown);
        }

        if (s.IsReset)
        {
            return CallOutcome.Fail(WsaError.ConnectionReset);
        }

        if ((s.Peer & PeerFlags.Closed) != 0)
        {
            return SendToClosedPeer(b, ref s, c);
        }

        b.Apply(RuleId.SendFillsBuffer);
        if (s.SendBlocked || c.Fill)
        {
            s = s with { SendBlocked = true };
            return CallOutcome.Fail(WsaError.WouldBlock);
        }

        return new CallOutcome(c.Length, WsaError.None);
    }

    /// <summary>S12: the data draws an RST; a fill's next send then fails. WINE-13 keeps unread data; WINE-20 re-arms FD_CLOSE.</summary>
    private static CallOutcome SendToClosedPeer(StepBuilder b, ref SocketState s, SendCall c)
    {
        b.Apply(RuleId.ClosedPeerDrawsReset);
        var keep = b.Profile.RecvAfterResetReadsRest;
        var reported = s.Reported;
        if (b.Profile.ResetAfterFinClosesAgain && (reported & NetworkEvents.Close) != 0)
        {
            b.Apply(RuleId.WineResetAfterFinClosesAgain);
            reported &= ~NetworkEvents.Close;
        }

        s = s with
        {
            Peer = s.Peer | PeerFlags.Reset,
            ReadableBytes = keep || b.Profile.FionreadCountsAfterReset ? s.ReadableBytes : 0,
            UrgentBytes = keep ? s.UrgentBytes : 0,
            Reported = reported,
            Occurred = s.Occurred | NetworkEvents.Close,
        };
        return c.Fill ? CallOutcome.Fail(WsaError.ConnectionReset) : new CallOutcome(c.Length, WsaError.None);
    }

    private static CallOutcome Shutdown(StepBuilder b, int i, ShutdownHow how)
    {
        var s = b[i];
        if (s.Kind == SocketKind.Stream && s.Phase != SocketPhase.Connected)
        {
            b.Apply(RuleId.NotConnected);
            return CallOutcome.Fail(WsaError.NotConnected);
        }

        var flags = how switch
        {
            ShutdownHow.Receive => ShutdownFlags.Receive,
            ShutdownHow.Send => ShutdownFlags.Send,
            ShutdownHow.Both => ShutdownFlags.Both,
            _ => throw new System.Diagnostics.UnreachableException(how.ToString()),
        };
        b.Apply(RuleId.CloseNotFromLocalShutdown);
        var shutsSend = (flags & ~s.LocalShutdown & ShutdownFlags.Send) != 0;
        s = s with { LocalShutdown = s.LocalShutdown | flags };
        if (shutsSend && s.PeerSentFin)
        {
            s = Network.HangUp(b, s);
        }

        if (how == ShutdownHow.Both && b.Profile.ShutdownBothCancelsRegistration)
        {
            b.Apply(RuleId.WineShutdownBothCancels);
            s = s with { Registration = NoRegistration.Instance };
        }

        b[i] = s;
        return CallOutcome.Success;
    }

    private static CallOutcome CloseSocket(StepBuilder b, int i)
    {
        // F1, F2: nothing more is posted for it, no FD_CLOSE, and queued messages stay queued.
        b.Apply(RuleId.NoCloseForLocalClose);
        if (HasQueuedMessages(b, b[i].Ref))
        {
            b.Apply(RuleId.QueuedMessagesSurvive);
        }

        b[i] = b[i] with { Phase = SocketPhase.Closed, ClosedAtStep = b.StepIndex, Registration = NoRegistration.Instance, Pending = NetworkEvents.None };
        b.FreeHandleSlots = b.FreeHandleSlots.Add(b[i].HandleSlot);
        return CallOutcome.Success;
    }

    private static bool HasQueuedMessages(StepBuilder b, SocketRef socket) => b.HasQueued(socket);

    private static CallOutcome SetOobInline(StepBuilder b, int i, bool enabled)
    {
        var s = b[i];
        if (b.Profile.UrgentMarkSplitsStream && s.UrgentMark >= 0)
        {
            if (enabled == s.OobInline)
            {
                // Setting the option it already has changes nothing (inline, UrgentBytes is Linux's valid flag).
                return CallOutcome.Success;
            }

            // WINE-24: Linux keeps the urgent byte in the stream and asks SO_OOBINLINE at each read: it becomes
            // data in place (even after recv(MSG_OOB) took it, FUZZ-34), or a skipped hole again when switched off.
            b.Apply(RuleId.WineUrgentMarkSplitsStream);
            b[i] = s with
            {
                OobInline = enabled,
                ReadableBytes = s.ReadableBytes + (enabled ? 1 : -1),
                InlineChangeUnseen = enabled && s.ReadableBytes == 0,
            };
            return CallOutcome.Success;
        }

        b[i] = enabled && s.UrgentBytes > 0
            ? s with { OobInline = true, ReadableBytes = s.ReadableBytes + s.UrgentBytes, UrgentBytes = 0, Occurred = s.Occurred | NetworkEvents.Read }
            : s with { OobInline = enabled };
        return CallOutcome.Success;
    }

    private static CallOutcome SetNonBlocking(StepBuilder b, int i, bool nonBlocking)
    {
        var s = b[i];
        if (!nonBlocking && s.Registration.Mask != NetworkEvents.None)
        {
            b.Apply(RuleId.BlockingRefusedWhileRegistered);
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        b[i] = s with { NonBlocking = nonBlocking };
        return CallOutcome.Success;
    }

    private static CallOutcome Fionread(StepBuilder b, int i)
    {
        var s = b[i];
        b.Apply(RuleId.FionreadCountsBytes);
        long value = s.Kind == SocketKind.Datagram
            ? (b.Profile.FionreadFirstDatagramOnly ? (s.Datagrams.Count == 0 ? 0 : s.Datagrams[0]) : s.Datagrams.Sum())
            : s.UrgentMark >= 0 && !s.OobInline ? s.UrgentMark : s.ReadableBytes;
        if (s.UrgentMark >= 0 && !s.OobInline)
        {
            // WINE-24: Linux's SIOCINQ stops at the urgent mark.
            b.Apply(RuleId.WineUrgentMarkSplitsStream);
        }

        if (s.Kind == SocketKind.Datagram && b.Profile.FionreadFirstDatagramOnly)
        {
            b.Apply(RuleId.WineFionreadFirstDatagram);
        }

        if (s.IsReset && b.Profile.FionreadCountsAfterReset && value > 0)
        {
            // WINE-34: recv fails after the RST, but Linux's SIOCINQ still counts what arrived before it.
            b.Apply(RuleId.WineFionreadCountsAfterReset);
        }
        return new CallOutcome(0, WsaError.None, value);
    }

    private static CallOutcome AsyncSelect(StepBuilder b, int i, AsyncSelectCall c)
    {
        var s = b[i];
        var mask = Supported(b, c.Mask);
        b.Apply(RuleId.RegistrationMakesNonblocking);
        if (s.Registration is not NoRegistration)
        {
            b.Apply(RuleId.RegistrationReplacesPrevious);
        }

        if (mask == NetworkEvents.None)
        {
            b.Apply(RuleId.MaskZeroCancels);
        }
        else
        {
            // B1: every latch re-opens, so every selected condition that holds is posted; B2: not FD_CONNECT.
            b.Apply(RuleId.MessageRegistrationRearmsAll);
            b.Apply(b.Profile.ConnectIsLevel ? RuleId.DocConnectPostedWhileConnected : RuleId.ConnectNeverPostedByRegistration);
        }

        b[i] = s with
        {
            Registration = new MessageRegistration(c.Window, c.Message, mask),
            NonBlocking = true,
            Reported = NetworkEvents.None,
            Pending = NetworkEvents.None,
            Quiet = NetworkEvents.None,
        };
        return CallOutcome.Success;
    }

    private static CallOutcome EventSelect(StepBuilder b, int i, EventSelectCall c)
    {
        var s = b[i];
        var mask = Supported(b, c.Mask);
        b.Apply(RuleId.RegistrationMakesNonblocking);
        if (s.Registration is not NoRegistration)
        {
            b.Apply(RuleId.RegistrationReplacesPrevious);
        }

        var delivered = s.Reported & ~s.Pending;
        if (s.Registration is MessageRegistration)
        {
            b.Apply(RuleId.MessageDeliveryCountsAsEnumerated);
            // WINE-36: message mode drops what it records and does not post (FD_CONNECT outside the mask, the FD_WRITE of
            // WINE-38), so the switch to event mode finds them reported and not pending.
            if (b.Profile.EventSelectDropsMessageRecords && s.Pending != NetworkEvents.None)
            {
                b.Apply(RuleId.WineEventSelectDropsMessageRecords);
                s = s with { Pending = NetworkEvents.None };
            }
        }

        s = b.Profile.EventReregistration switch
        {
            // B4: enumerated (or posted) bits re-open for the next new occurrence only.
            EventReregistration.ReopenForNewOccurrences => s with { Reported = s.Pending, Quiet = s.Quiet | delivered },
            EventReregistration.KeepLatches => s,
            EventReregistration.RearmLevel => s with { Reported = s.Pending, Quiet = NetworkEvents.None },
            _ => throw new System.Diagnostics.UnreachableException(b.Profile.EventReregistration.ToString()),
        };
        if (delivered != NetworkEvents.None)
        {
            b.Apply(b.Profile.EventReregistration switch
            {
                EventReregistration.ReopenForNewOccurrences => RuleId.EventReregistrationReopensLatch,
                EventReregistration.KeepLatches => RuleId.WineEventReregistrationKeepsLatches,
                _ => RuleId.DocEventReregistrationRearmsAll,
            });
        }

        b[i] = s with { Registration = new EventRegistration(c.EventObject, mask), NonBlocking = true };
        b.SetSignaled(c.EventObject, b.IsSignaled(c.EventObject));
        if ((s.Pending & mask) != 0)
        {
            // B3: recorded, not yet enumerated, selected: the event is set at once (and never reset here).
            b.Apply(RuleId.EventRegistrationSignalsRecorded);
            b.SetSignaled(c.EventObject, true);
        }

        return CallOutcome.Success;
    }

    private static CallOutcome EnumNetworkEvents(StepBuilder b, int i, string? eventObject)
    {
        var s = b[i];
        var reported = s.Pending & s.Registration.Mask;
        var errors = EquatableArray<BitError>.Empty;
        foreach (var bit in s_bitsWithErrors)
        {
            var error = (reported & bit) != 0 ? Notifier.ErrorOf(s, bit) : WsaError.None;
            if (error != WsaError.None)
            {
                errors = errors.Add(new BitError(bit, error));
            }
        }

        b.Apply(RuleId.EventBitsAccumulate);
        b[i] = s with { Pending = s.Pending & ~reported };
        if (eventObject is not null)
        {
            b.SetSignaled(eventObject, false);
        }

        return new CallOutcome(0, WsaError.None, Enumerated: new EnumeratedEvents(reported, errors));
    }

    private static CallOutcome Ioctl(StepBuilder b, int i, IoctlCode code)
    {
        var s = b[i];
        if (!b.Profile.QosAndChangeEventsDelivered)
        {
            // WINE-15: no QoS provider; the address-list query is accepted but never answered.
            b.Apply(RuleId.WineQosIoctlsNotSupported);
            return CallOutcome.Fail(code == IoctlCode.AddressListChange ? WsaError.WouldBlock : WsaError.OperationNotSupported);
        }

        switch (code)
        {
            case IoctlCode.GetQos:
                b.Apply(RuleId.GetQosReenablesQos);
                b[i] = Reenable(b, s, NetworkEvents.Qos);
                return CallOutcome.Success;
            case IoctlCode.GetGroupQos:
                b.Apply(RuleId.GetQosReenablesQos);
                b[i] = Reenable(b, s, NetworkEvents.GroupQos);
                return CallOutcome.Success;
            case IoctlCode.RoutingInterfaceChange:
                b.Apply(RuleId.ChangeNotificationNeedsIoctl);
                b[i] = Reenable(b, s, NetworkEvents.RoutingInterfaceChange) with { RoutingQueryOutstanding = true };
                return CallOutcome.Fail(WsaError.WouldBlock);
            case IoctlCode.AddressListChange:
                b.Apply(RuleId.ChangeNotificationNeedsIoctl);
                b[i] = Reenable(b, s, NetworkEvents.AddressListChange) with { AddressQueryOutstanding = true };
                return CallOutcome.Fail(WsaError.WouldBlock);
            default:
                throw new System.Diagnostics.UnreachableException(code.ToString());
        }
    }

    private static CallOutcome GetMessages(StepBuilder b, string window)
    {
        b.Retrieve(window);
        return CallOutcome.Success;
    }

    /// <summary>D2: a re-enabling call re-opens the latch; <see cref="Notifier"/> then re-checks the level.</summary>
    private static SocketState Reenable(StepBuilder b, SocketState s, NetworkEvents bit)
    {
        b.Apply(RuleId.ReenableRechecksLevel);
        if (b.Profile.ReenableClearsRecorded && (s.Pending & bit) != 0)
        {
            // WINE-18: the re-enabling call erases the recorded bit; the level re-check may record it again.
            b.Apply(RuleId.WineReenableClearsRecorded);
            s = s with { Pending = s.Pending & ~bit };
        }

        return s with { Reported = s.Reported & ~bit, Quiet = s.Quiet & ~bit };
    }

    /// <summary>WINE-9: a profile that does not support QoS and change events drops those bits at registration.</summary>
    private static NetworkEvents Supported(StepBuilder b, NetworkEvents mask)
    {
        if (b.Profile.QosAndChangeEventsDelivered)
        {
            return mask;
        }

        const NetworkEvents unsupported = NetworkEvents.Qos | NetworkEvents.GroupQos | NetworkEvents.RoutingInterfaceChange | NetworkEvents.AddressListChange;
        if ((mask & unsupported) != 0)
        {
            b.Apply(RuleId.WineQosAndChangeEventsDropped);
        }

        return mask & NetworkEvents.All & ~unsupported;
    }
}
