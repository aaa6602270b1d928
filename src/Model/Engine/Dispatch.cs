namespace WinsockConformance.Model;

/// <summary>What a call returns: its return value, error, and the extra outputs some calls have.</summary>
internal readonly record struct CallOutcome(long Return, WsaError Error, long? Value = null, EnumeratedEvents? Enumerated = null)
{
    public static readonly CallOutcome Success = new(0, WsaError.None);

    public static CallOutcome Fail(WsaError error) => new(-1, error);
}

/// <summary>
/// Hands each input to the rule unit of its API family (Rules/Calls, Rules/Network). A call on a socket first meets
/// what every such call shares: a closed handle fails (F3), and under Wine a request that reaches the server re-arms
/// its poll (<see cref="Notifier.RequestReselects"/>).
/// </summary>
internal static class Dispatch
{
    public static CallOutcome Call(StepBuilder b, CallInput call)
    {
        switch (call)
        {
            case SocketCall c:
                return ConnectAccept.Socket(b, c);
            case GetMessagesCall c:
                return MessageMode.GetMessages(b, c.Window);
            case GetMessageCall c:
                return MessageMode.GetMessage(b, c);
        }

        // Every other call is on the socket it names (accept: the listener).
        var i = b.Target;
        if (!b[i].IsLive)
        {
            return CloseShutdown.OnClosedHandle(b);
        }

        if (b[i].InlineChangeUnseen && Notifier.RequestReselects(b.Profile, b[i], call))
        {
            b[i] = b[i] with { InlineChangeUnseen = false };
        }

        return call switch
        {
            BindCall => ConnectAccept.Bind(b, i),
            ListenCall => ConnectAccept.Listen(b, i),
            ConnectCall c => ConnectAccept.Connect(b, i, c.Target),
            AcceptCall c => ConnectAccept.Accept(b, i, c.NewName),
            RecvCall c => Receive.Recv(b, i, c),
            SendCall c => Send.Call(b, i, c),
            ShutdownCall c => CloseShutdown.Shutdown(b, i, c.How),
            CloseSocketCall => CloseShutdown.CloseSocket(b, i),
            SetOobInlineCall c => Options.SetOobInline(b, i, c.Enabled),
            SetLingerCall c => Options.SetLinger(b, i, c),
            SetNonBlockingCall c => Options.SetNonBlocking(b, i, c.NonBlocking),
            FionreadCall => Options.Fionread(b, i),
            IoctlCall c => Options.Ioctl(b, i, c.Code),
            AsyncSelectCall c => MessageMode.AsyncSelect(b, i, c),
            EventSelectCall c => EventMode.EventSelect(b, i, c),
            EnumNetworkEventsCall c => EventMode.EnumNetworkEvents(b, i, c.EventObject),
            _ => throw new System.Diagnostics.UnreachableException($"unhandled call {call}"),
        };
    }

    public static CallOutcome Network(StepBuilder b, NetworkInput input)
    {
        PeerAndNetwork.Apply(b, input);
        return CallOutcome.Success;
    }
}
