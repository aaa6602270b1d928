namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Requests to the wineserver that cannot all be answered before it has handled the socket readiness a step left in the
/// kernel (docs/settling.md). The server is one thread: each turn of its loop takes every ready descriptor from
/// epoll_wait, client request pipes and sockets alike, and handles that whole batch before it waits again, reading one
/// request per pipe per batch. A readiness present before request 1 is written is handled in request 1's batch or in
/// the next one (the batch may have been taken just before it was queued); request 2, written after request 1's reply,
/// can only be in a later batch than request 1, and request 3 in a later one than request 2. So when request 3 is
/// answered the readiness has been handled: its messages are in the thread's queue, its event objects set. Handling one
/// readiness can arm another (FD_CONNECT's handling watches writability again, and FD_WRITE comes one batch later):
/// each such link takes one request more, hence <see cref="Requests"/>. The request is WSAEnumNetworkEvents on a
/// private socket that never connects: it always goes to the server and changes nothing a scenario sees.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal sealed class ServerBarrier : IDisposable
{
    /// <summary>Three for what the kernel holds, one for the longest chain seen in server/sock.c (connect, then write).</summary>
    public const int Requests = 4;

    private readonly WinsockApi _api;
    private readonly ProbeSocketHandle _socket;

    /// <summary>Creates the private socket: before any scenario's first step, so it never takes a closed socket's handle value (H-3).</summary>
    public ServerBarrier(WinsockApi api)
    {
        _api = api;
        var call = api.Socket(SocketKind.Datagram, out _socket);
        if (_socket.IsInvalid)
        {
            _socket.Dispose();
            throw new InvalidOperationException($"socket(datagram) for the settling barrier failed: {call}");
        }
    }

    /// <summary>Sends <see cref="Requests"/> requests one after the other, each after the previous one's reply.</summary>
    public void Pass()
    {
        for (var i = 0; i < Requests; i++)
        {
            var call = _api.EnumNetworkEvents(_socket, null, out _);
            if (call.IsSocketError)
            {
                throw new InvalidOperationException($"WSAEnumNetworkEvents on the settling barrier's socket failed: {call}");
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
