using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Running;

namespace WinsockConformance.Simulation.Api;

/// <summary>
/// The Winsock-shaped API a managed program calls to run on the simulated stack: the ws2_32 names, arguments,
/// results and WSAGetLastError codes (docs/simulator.md lists what each maps to). <c>using static</c> this class and
/// code reads like C: <c>socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)</c>. It works only inside a program the simulator
/// runs (./conformance simulate); a call outside the simulated set throws, and the run is reported as unsupported.
/// </summary>
public static partial class Winsock
{
    private static SimulatedStack Stack => SimulationRun.Current.Stack;

    /// <summary>WSAStartup: starts Winsock for the program; version 2.2 is what it offers. 0 on success, else the error.</summary>
    public static int WSAStartup(ushort wVersionRequested, out WSADATA lpWSAData)
    {
        lpWSAData = new WSADATA { wVersion = WINSOCK_VERSION_2_2, wHighVersion = WINSOCK_VERSION_2_2, szDescription = "WinSock 2.0 (simulated)", szSystemStatus = "Running" };
        return Stack.WSAStartup(wVersionRequested);
    }

    /// <summary>WSACleanup: ends one WSAStartup; the last one closes every socket still open, and calls after it fail with WSANOTINITIALISED.</summary>
    public static int WSACleanup() => Stack.WSACleanup();

    /// <summary>WSAGetLastError: the error of the thread's last failing call (the WSAE* constants).</summary>
    public static int WSAGetLastError() => Stack.WSAGetLastError();

    /// <summary>WSASetLastError: sets what WSAGetLastError returns.</summary>
    public static void WSASetLastError(int iError) => Stack.WSASetLastError(iError);

    /// <summary>socket: a new AF_INET stream (TCP) or datagram (UDP) socket, blocking until made nonblocking; INVALID_SOCKET on failure.</summary>
    public static nint socket(int af, int type, int protocol) => Stack.socket(af, type, protocol);

    /// <summary>WSASocket without a protocol-info structure or group; WSA_FLAG_OVERLAPPED is accepted (overlapped calls are not).</summary>
    public static nint WSASocket(int af, int type, int protocol, nint lpProtocolInfo, uint g, uint dwFlags)
    {
        if (lpProtocolInfo != 0 || g != 0)
        {
            throw new UnsupportedCallException("WSASocket", "a protocol-info structure or a socket group is not simulated");
        }

        return Stack.socket(af, type, protocol);
    }

    /// <summary>bind: gives the socket a local address.</summary>
    public static int bind(nint s, in SOCKADDR_IN name, int namelen) =>
        Address(name, namelen) is { } a ? Stack.bind(s, a) : SOCKET_ERROR;

    /// <summary>listen: the bound stream socket accepts connections; FD_ACCEPT is posted for each one queued.</summary>
    public static int listen(nint s, int backlog) => Stack.listen(s, backlog);

    /// <summary>connect: on a nonblocking socket, fails with WSAEWOULDBLOCK and completes later with FD_CONNECT (the error word says whether it succeeded). On a datagram socket it sets the default peer.</summary>
    public static int connect(nint s, in SOCKADDR_IN name, int namelen) =>
        Address(name, namelen) is { } a ? Stack.connect(s, a) : SOCKET_ERROR;

    /// <summary>WSAConnect without caller/callee data or QoS (they must be 0).</summary>
    public static int WSAConnect(nint s, in SOCKADDR_IN name, int namelen, nint lpCallerData, nint lpCalleeData, nint lpSQOS, nint lpGQOS)
    {
        if (lpCallerData != 0 || lpCalleeData != 0 || lpSQOS != 0 || lpGQOS != 0)
        {
            throw new UnsupportedCallException("WSAConnect", "caller/callee data and QoS are not simulated");
        }

        return Address(name, namelen) is { } a ? Stack.connect(s, a, nameof(WSAConnect)) : SOCKET_ERROR;
    }

    /// <summary>accept with the peer's address; <paramref name="addrlen"/> must be at least 16.</summary>
    public static nint accept(nint s, out SOCKADDR_IN addr, ref int addrlen)
    {
        addr = default;
        if (addrlen < SOCKADDR_IN.Size)
        {
            Stack.WSASetLastError(WSAEFAULT);
            return INVALID_SOCKET;
        }

        var handle = Stack.accept(s, out var peer);
        addr = SOCKADDR_IN.Create(peer.Address, peer.Port);
        addrlen = SOCKADDR_IN.Size;
        return handle;
    }

    /// <summary>accept(s, NULL, NULL).</summary>
    public static nint accept(nint s) => Stack.accept(s, out _);

    /// <summary>WSAAccept without a condition function (it must be 0).</summary>
    public static nint WSAAccept(nint s, out SOCKADDR_IN addr, ref int addrlen, nint lpfnCondition, nint dwCallbackData)
    {
        addr = default;
        if (lpfnCondition != 0)
        {
            throw new UnsupportedCallException("WSAAccept", "a condition function is not simulated");
        }

        var handle = Stack.accept(s, out var peer, nameof(WSAAccept));
        addr = SOCKADDR_IN.Create(peer.Address, peer.Port);
        addrlen = SOCKADDR_IN.Size;
        return handle;
    }

    /// <summary>recv into <paramref name="buf"/>[0..len); a null or short buffer fails with WSAEFAULT (as a bad pointer does).</summary>
    public static int recv(nint s, byte[]? buf, int len, int flags)
    {
        var bad = buf is null || len < 0 || len > buf.Length;
        return Stack.recv(s, bad ? Span<byte>.Empty : buf.AsSpan(0, len), flags, badBuffer: bad);
    }

    /// <summary>recv into <paramref name="buf"/>: bytes read, 0 when the peer sent FIN and everything has been read, or SOCKET_ERROR (WSAEWOULDBLOCK when there is nothing yet). Re-enables FD_READ (FD_OOB with MSG_OOB).</summary>
    public static int recv(nint s, Span<byte> buf, int flags) => Stack.recv(s, buf, flags);

    /// <summary>recvfrom on a stream socket: recv, and the peer's address.</summary>
    public static int recvfrom(nint s, byte[]? buf, int len, int flags, out SOCKADDR_IN from, ref int fromlen)
    {
        var bad = buf is null || len < 0 || len > buf.Length;
        var n = Stack.recv(s, bad ? Span<byte>.Empty : buf.AsSpan(0, len), flags, badBuffer: bad, nameof(recvfrom));
        from = Stack.Live(s)?.Remote is { } peer ? SOCKADDR_IN.Create(peer.Address, peer.Port) : default;
        fromlen = SOCKADDR_IN.Size;
        return n;
    }

    /// <summary>WSARecv without overlapped I/O (lpOverlapped and the completion routine must be 0): fills the buffers in order.</summary>
    public static int WSARecv(nint s, WSABUF[] lpBuffers, int dwBufferCount, out int lpNumberOfBytesRecvd, ref int lpFlags, nint lpOverlapped, nint lpCompletionRoutine)
    {
        lpNumberOfBytesRecvd = 0;
        if (lpOverlapped != 0 || lpCompletionRoutine != 0)
        {
            throw new UnsupportedCallException("WSARecv", "overlapped I/O is not simulated");
        }

        var buffer = Gather(lpBuffers, dwBufferCount, out var bad);
        var n = Stack.recv(s, buffer, lpFlags, badBuffer: bad, nameof(WSARecv));
        if (n > 0)
        {
            Scatter(buffer.AsSpan(0, n), lpBuffers, dwBufferCount);
        }

        lpNumberOfBytesRecvd = Math.Max(n, 0);
        return n < 0 ? SOCKET_ERROR : 0;
    }

    /// <summary>send of <paramref name="buf"/>[0..len); a null or short buffer fails with WSAEFAULT (as a bad pointer does). Only a send failing with WSAEWOULDBLOCK re-enables FD_WRITE.</summary>
    public static int send(nint s, byte[]? buf, int len, int flags)
    {
        var bad = buf is null || len < 0 || len > buf.Length;
        return Stack.send(s, bad ? ReadOnlySpan<byte>.Empty : buf.AsSpan(0, len), flags, badBuffer: bad);
    }

    /// <summary>send: bytes sent, or SOCKET_ERROR (WSAEWOULDBLOCK when the buffer is full: FD_WRITE is posted when space returns).</summary>
    public static int send(nint s, ReadOnlySpan<byte> buf, int flags) => Stack.send(s, buf, flags);

    /// <summary>sendto on a connected stream socket: the address is ignored, as Windows ignores it.</summary>
    public static int sendto(nint s, byte[]? buf, int len, int flags, in SOCKADDR_IN to, int tolen)
    {
        var bad = buf is null || len < 0 || len > buf.Length;
        return Stack.send(s, bad ? ReadOnlySpan<byte>.Empty : buf.AsSpan(0, len), flags, badBuffer: bad, nameof(sendto));
    }

    /// <summary>WSASend without overlapped I/O: sends the buffers' bytes in order as one send.</summary>
    public static int WSASend(nint s, WSABUF[] lpBuffers, int dwBufferCount, out int lpNumberOfBytesSent, int dwFlags, nint lpOverlapped, nint lpCompletionRoutine)
    {
        lpNumberOfBytesSent = 0;
        if (lpOverlapped != 0 || lpCompletionRoutine != 0)
        {
            throw new UnsupportedCallException("WSASend", "overlapped I/O is not simulated");
        }

        var buffer = Gather(lpBuffers, dwBufferCount, out var bad, copy: true);
        var n = Stack.send(s, buffer, dwFlags, badBuffer: bad, nameof(WSASend));
        lpNumberOfBytesSent = Math.Max(n, 0);
        return n < 0 ? SOCKET_ERROR : 0;
    }

    /// <summary>shutdown: stops receiving (SD_RECEIVE), sending (SD_SEND: the peer gets FIN) or both.</summary>
    public static int shutdown(nint s, int how) => Stack.shutdown(s, how);

    /// <summary>closesocket: frees the handle; nothing more is posted for it, but messages already queued stay and a new socket may get the same handle value.</summary>
    public static int closesocket(nint s) => Stack.closesocket(s);

    /// <summary>ioctlsocket: FIONBIO, FIONREAD or SIOCATMARK.</summary>
    public static int ioctlsocket(nint s, int cmd, ref uint argp) => Stack.ioctlsocket(s, cmd, ref argp);

    /// <summary>setsockopt with the option's bytes; a null or short buffer fails with WSAEFAULT.</summary>
    public static int setsockopt(nint s, int level, int optname, byte[]? optval, int optlen)
    {
        if (optval is null || optlen < 0 || optlen > optval.Length)
        {
            Stack.WSASetLastError(WSAEFAULT);
            return SOCKET_ERROR;
        }

        return Stack.setsockopt(s, level, optname, optval.AsSpan(0, optlen));
    }

    /// <summary>setsockopt with an int (BOOL or DWORD) value.</summary>
    public static int setsockopt(nint s, int level, int optname, int optval) =>
        Stack.setsockopt(s, level, optname, BitConverter.GetBytes(optval));

    /// <summary>setsockopt of SO_LINGER.</summary>
    public static int setsockopt(nint s, int level, int optname, in LINGER optval)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes, optval.l_onoff);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes[2..], optval.l_linger);
        return Stack.setsockopt(s, level, optname, bytes);
    }

    /// <summary>getsockopt into the buffer; <paramref name="optlen"/> is its length in, the option's out. A null or short buffer fails with WSAEFAULT.</summary>
    public static int getsockopt(nint s, int level, int optname, byte[]? optval, ref int optlen)
    {
        if (optval is null || optlen < 0 || optlen > optval.Length)
        {
            Stack.WSASetLastError(WSAEFAULT);
            return SOCKET_ERROR;
        }

        return Stack.getsockopt(s, level, optname, optval.AsSpan(0, optlen), ref optlen);
    }

    /// <summary>getsockopt of an int (BOOL or DWORD) option.</summary>
    public static int getsockopt(nint s, int level, int optname, out int optval)
    {
        Span<byte> bytes = stackalloc byte[4];
        var length = 4;
        var result = Stack.getsockopt(s, level, optname, bytes, ref length);
        optval = BitConverter.ToInt32(bytes);
        return result;
    }

    /// <summary>getsockname: the socket's local address; WSAEINVAL before it is bound.</summary>
    public static int getsockname(nint s, out SOCKADDR_IN name, ref int namelen) => Name(Stack.getsockname, s, out name, ref namelen);

    /// <summary>getpeername: the connected peer's address; WSAENOTCONN when not connected.</summary>
    public static int getpeername(nint s, out SOCKADDR_IN name, ref int namelen) => Name(Stack.getpeername, s, out name, ref namelen);

    private delegate int NameCall(nint s, out SockAddr name);

    private static int Name(NameCall call, nint s, out SOCKADDR_IN name, ref int namelen)
    {
        name = default;
        if (namelen < SOCKADDR_IN.Size)
        {
            Stack.WSASetLastError(WSAEFAULT);
            return SOCKET_ERROR;
        }

        var result = call(s, out var a);
        name = result == 0 ? SOCKADDR_IN.Create(a.Address, a.Port) : default;
        namelen = SOCKADDR_IN.Size;
        return result;
    }

    /// <summary>select: rewrites the sets to the ready sockets; a null <paramref name="timeout"/> waits forever.</summary>
    public static int select(int nfds, FD_SET? readfds, FD_SET? writefds, FD_SET? exceptfds, TIMEVAL? timeout)
    {
        var read = Members(readfds);
        var write = Members(writefds);
        var except = Members(exceptfds);
        var ms = timeout is { } t ? (int)Math.Min(int.MaxValue, (t.tv_sec * 1000L) + (t.tv_usec / 1000)) : -1;
        var result = Stack.select(read, write, except, ms);
        if (result >= 0)
        {
            Store(read, readfds);
            Store(write, writefds);
            Store(except, exceptfds);
        }

        return result;
    }

    /// <summary>WSAAsyncSelect: from now on, post message <paramref name="wMsg"/> to window <paramref name="hWnd"/> for each selected FD_* event (wParam the socket, lParam the event and error); replaces any earlier registration, makes the socket nonblocking, and with <paramref name="lEvent"/> 0 cancels notification.</summary>
    public static int WSAAsyncSelect(nint s, nint hWnd, uint wMsg, int lEvent) => Stack.WSAAsyncSelect(s, hWnd, wMsg, lEvent);

    /// <summary>WSAEventSelect: from now on, record the selected FD_* events and signal <paramref name="hEventObject"/>; replaces any earlier registration (a WSAAsyncSelect one too) and makes the socket nonblocking.</summary>
    public static int WSAEventSelect(nint s, nint hEventObject, int lNetworkEvents) => Stack.WSAEventSelect(s, hEventObject, lNetworkEvents);

    /// <summary>WSAEnumNetworkEvents: returns and clears the recorded events and their errors, and resets <paramref name="hEventObject"/> when it is given (non-zero).</summary>
    public static int WSAEnumNetworkEvents(nint s, nint hEventObject, out WSANETWORKEVENTS lpNetworkEvents)
    {
        var errors = new int[FD_MAX_EVENTS];
        var result = Stack.WSAEnumNetworkEvents(s, hEventObject, out var events, errors);
        lpNetworkEvents = new WSANETWORKEVENTS { lNetworkEvents = events, iErrorCode = errors };
        return result;
    }

    /// <summary>WSACreateEvent: a new manual-reset event object, not signaled.</summary>
    public static nint WSACreateEvent() => Stack.WSACreateEvent();

    /// <summary>WSACloseEvent: frees an event object.</summary>
    public static bool WSACloseEvent(nint hEvent) => Stack.WSACloseEvent(hEvent);

    /// <summary>WSASetEvent: signals the event object.</summary>
    public static bool WSASetEvent(nint hEvent) => Stack.WSASetEvent(hEvent);

    /// <summary>WSAResetEvent: resets the event object to not signaled.</summary>
    public static bool WSAResetEvent(nint hEvent) => Stack.WSAResetEvent(hEvent);

    /// <summary>WSAWaitForMultipleEvents over the first <paramref name="cEvents"/> handles; alertable waits are not simulated (no APCs).</summary>
    public static int WSAWaitForMultipleEvents(int cEvents, nint[] lphEvents, bool fWaitAll, int dwTimeout, bool fAlertable)
    {
        ArgumentNullException.ThrowIfNull(lphEvents);
        return Stack.WSAWaitForMultipleEvents(lphEvents.AsSpan(0, Math.Min(cEvents, lphEvents.Length)), fWaitAll, dwTimeout);
    }

    private static SockAddr? Address(in SOCKADDR_IN name, int namelen)
    {
        if (namelen < SOCKADDR_IN.Size)
        {
            Stack.WSASetLastError(WSAEFAULT);
            return null;
        }

        if (name.sin_family != AF_INET)
        {
            Stack.WSASetLastError(WSAEAFNOSUPPORT);
            return null;
        }

        return new SockAddr(ntohl(name.sin_addr), ntohs(name.sin_port));
    }

    private static byte[] Gather(WSABUF[]? buffers, int count, out bool bad, bool copy = false)
    {
        bad = buffers is null || count < 0 || count > buffers.Length;
        if (bad)
        {
            return [];
        }

        var total = 0;
        for (var i = 0; i < count; i++)
        {
            if (buffers![i].buf is not { } b || buffers[i].len < 0 || buffers[i].len > b.Length)
            {
                bad = true;
                return [];
            }

            total += buffers[i].len;
        }

        var gathered = new byte[total];
        if (copy)
        {
            var at = 0;
            for (var i = 0; i < count; i++)
            {
                buffers![i].buf.AsSpan(0, buffers[i].len).CopyTo(gathered.AsSpan(at));
                at += buffers[i].len;
            }
        }

        return gathered;
    }

    private static void Scatter(ReadOnlySpan<byte> bytes, WSABUF[] buffers, int count)
    {
        for (var i = 0; i < count && bytes.Length > 0; i++)
        {
            var n = Math.Min(bytes.Length, buffers[i].len);
            bytes[..n].CopyTo(buffers[i].buf);
            bytes = bytes[n..];
        }
    }

    private static List<nint>? Members(FD_SET? set) =>
        set is null ? null : [.. set.fd_array.AsSpan(0, Math.Clamp(set.fd_count, 0, set.fd_array.Length)).ToArray()];

    private static void Store(List<nint>? ready, FD_SET? set)
    {
        if (set is null || ready is null)
        {
            return;
        }

        set.fd_count = ready.Count;
        ready.CopyTo(set.fd_array);
    }
}
