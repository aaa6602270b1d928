namespace WinsockConformance.Simulation.Native.Protocol;

/// <summary>
/// The requests the ws2_32 shim sends (native/shim/protocol.h, enum wsasim_op, where each one's arguments are listed);
/// tests/Simulation checks the numbers against the header.
/// </summary>
internal enum ShimOp : ushort
{
    Hello = 1,
    Unsupported = 2,
    Crash = 3,
    Idle = 4,
    Retrieved = 5,
    Assert = 6,
    Note = 7,
    GetTickCount = 8,

    /// <summary>Not from the shim: the harness's own frame saying the program's process ended (its status in args[0]).</summary>
    Exited = 99,

    WSAStartup = 100,
    WSACleanup = 101,
    socket = 102,
    WSASocket = 103,
    bind = 104,
    listen = 105,
    connect = 106,
    WSAConnect = 107,
    accept = 108,
    WSAAccept = 109,
    recv = 110,
    recvfrom = 111,
    WSARecv = 112,
    send = 113,
    sendto = 114,
    WSASend = 115,
    shutdown = 116,
    closesocket = 117,
    ioctlsocket = 118,
    setsockopt = 119,
    getsockopt = 120,
    getsockname = 121,
    getpeername = 122,
    select = 123,
    WSAAsyncSelect = 124,
    WSAEventSelect = 125,
    WSAEnumNetworkEvents = 126,
    WSACreateEvent = 127,
    WSACloseEvent = 128,
    WSASetEvent = 129,
    WSAResetEvent = 130,
    WSAWaitForMultipleEvents = 131,
    gethostbyname = 132,
    gethostname = 133,
    getaddrinfo = 134,
    inet_addr = 135,
    inet_ntoa = 136,
    inet_pton = 137,
    inet_ntop = 138,
}

/// <summary>Where the program would block or poll (protocol.h, enum wsasim_idle).</summary>
internal enum IdleKind
{
    GetMessage = 1,
    PeekMessage = 2,
    MsgWait = 3,
    Wait = 4,
    Sleep = 5,
}

/// <summary>What the shim does after an idle point (protocol.h, enum wsasim_idle_verdict).</summary>
internal enum IdleVerdict
{
    /// <summary>Something was posted or set: look again.</summary>
    Delivered = 0,

    /// <summary>Nothing now: a poll returns empty.</summary>
    Nothing = 1,

    /// <summary>The wait's timeout elapsed in simulated time: return the timeout result at once.</summary>
    TimedOut = 2,
}

/// <summary>What the shim does in the program's process for the harness (protocol.h, enum wsasim_effect).</summary>
internal enum EffectKind : uint
{
    Post = 1,
    SetEvent = 2,
    ResetEvent = 3,
    Terminate = 4,
}
