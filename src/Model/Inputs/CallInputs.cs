namespace WinsockConformance.Model;

/// <summary>socket() / WSASocket(): a new socket named <paramref name="Name"/>.</summary>
public sealed record SocketCall(string Name, SocketKind Kind, string Api = "socket") : CallInput
{
    /// <inheritdoc/>
    public override string Op => Api;

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>bind(): gives the socket a local address (the model does not track which).</summary>
/// <param name="Name">The socket.</param>
public sealed record BindCall(string Name) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "bind";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>listen(): a bound stream socket starts accepting connections (FD_ACCEPT when one is queued).</summary>
/// <param name="Name">The socket.</param>
public sealed record ListenCall(string Name) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "listen";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>connect() / WSAConnect() to the peer's listener (or, for UDP, the peer's socket), or to a closed port.</summary>
public sealed record ConnectCall(string Name, ConnectTarget Target, string Api = "connect") : CallInput
{
    /// <inheritdoc/>
    public override string Op => Api;

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>accept() / WSAAccept() on <paramref name="Listener"/>; the new socket is named <paramref name="NewName"/>.</summary>
public sealed record AcceptCall(string Listener, string NewName, string Api = "accept") : CallInput
{
    /// <inheritdoc/>
    public override string Op => Api;

    /// <inheritdoc/>
    public override string? Socket => Listener;
}

/// <summary>recv / recvfrom / WSARecv / WSARecvFrom of at most <paramref name="Length"/> bytes.</summary>
/// <param name="Name">The socket read from.</param>
/// <param name="Length">The buffer's length in bytes.</param>
/// <param name="Flags">MSG_PEEK and MSG_OOB, as the native flags argument.</param>
/// <param name="BadArguments">The call fails its argument checks (a buffer the stack rejects with WSAEFAULT).</param>
/// <param name="Api">The API name the trace records (recv, recvfrom, WSARecv, WSARecvFrom).</param>
public sealed record RecvCall(string Name, int Length, RecvFlags Flags = RecvFlags.None, bool BadArguments = false, string Api = "recv") : CallInput
{
    /// <inheritdoc/>
    public override string Op => Api;

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>send / sendto / WSASend / WSASendTo of <paramref name="Length"/> bytes, or, when <paramref name="Fill"/>, repeated until WSAEWOULDBLOCK.</summary>
public sealed record SendCall(string Name, int Length, bool Fill = false, string Api = "send") : CallInput
{
    /// <inheritdoc/>
    public override string Op => Api;

    /// <inheritdoc/>
    public override string? Socket => Name;

    /// <summary>Whether the call was sendto or WSASendTo (a datagram socket's send with an address: it may bind first, see the profile).</summary>
    public bool IsSendTo => Api is "sendto" or "WSASendTo";
}

/// <summary>shutdown(): stops receiving, sending (the peer gets FIN) or both.</summary>
/// <param name="Name">The socket.</param>
/// <param name="How">SD_RECEIVE, SD_SEND or SD_BOTH.</param>
public sealed record ShutdownCall(string Name, ShutdownHow How) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "shutdown";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>closesocket(): the handle is freed and nothing more is posted or signaled for the socket; messages already queued stay.</summary>
/// <param name="Name">The socket.</param>
public sealed record CloseSocketCall(string Name) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "closesocket";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>setsockopt(SOL_SOCKET, SO_OOBINLINE).</summary>
public sealed record SetOobInlineCall(string Name, bool Enabled) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "setsockopt";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>setsockopt(SOL_SOCKET, SO_LINGER, {OnOff, Seconds}).</summary>
public sealed record SetLingerCall(string Name, bool OnOff, int Seconds) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "setsockopt";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>ioctlsocket(FIONBIO).</summary>
public sealed record SetNonBlockingCall(string Name, bool NonBlocking) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "ioctlsocket";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>ioctlsocket(FIONREAD).</summary>
public sealed record FionreadCall(string Name) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "ioctlsocket";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>WSAAsyncSelect(s, window, WM_USER + message, mask); mask 0 cancels.</summary>
public sealed record AsyncSelectCall(string Name, string Window, int Message, NetworkEvents Mask) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "WSAAsyncSelect";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>WSAEventSelect(s, event, mask). The event object is created (WSACreateEvent) on first mention.</summary>
public sealed record EventSelectCall(string Name, string EventObject, NetworkEvents Mask) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "WSAEventSelect";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>WSAEnumNetworkEvents(s, event or NULL, &amp;networkEvents).</summary>
public sealed record EnumNetworkEventsCall(string Name, string? EventObject) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "WSAEnumNetworkEvents";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>WSAIoctl with one of the notification-related control codes.</summary>
public sealed record IoctlCall(string Name, IoctlCode Code) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "WSAIoctl";

    /// <inheritdoc/>
    public override string? Socket => Name;
}

/// <summary>The application retrieves every message queued for <paramref name="Window"/> (PeekMessage with PM_REMOVE until empty).</summary>
public sealed record GetMessagesCall(string Window) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "getMessages";

    /// <inheritdoc/>
    public override string? Socket => null;
}

/// <summary>
/// GetMessage / PeekMessage: the application takes the first queued message that passes the filters: the window
/// (<paramref name="Window"/>; null is GetMessage's NULL hWnd, any window) and the message range
/// (<paramref name="MessageMin"/>..<paramref name="MessageMax"/>, in the units of <see cref="AsyncSelectCall.Message"/>;
/// the defaults are no range filter). <paramref name="Remove"/> false is PeekMessage with PM_NOREMOVE: the message is
/// seen and stays queued.
/// </summary>
public sealed record GetMessageCall(string? Window = null, int MessageMin = 0, int MessageMax = int.MaxValue, bool Remove = true) : CallInput
{
    /// <inheritdoc/>
    public override string Op => "getMessage";

    /// <inheritdoc/>
    public override string? Socket => null;

    /// <summary>Whether a message for <paramref name="window"/> with number <paramref name="message"/> passes the filters.</summary>
    public bool Passes(string window, int message) =>
        (Window is null || string.Equals(Window, window, StringComparison.Ordinal)) && message >= MessageMin && message <= MessageMax;
}
