using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Kernel32 = WinsockConformance.RealWinsock.Interop.Interop.Kernel32;
using Mswsock = WinsockConformance.RealWinsock.Interop.Interop.Mswsock;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Thin wrappers over ws2_32 for every operation a scenario uses. Each makes one native call (SendUntilWouldBlock
/// makes a bounded series), reads the last error on the next line, and returns a <see cref="NativeCall"/>; nothing
/// here throws on a Winsock failure, because failures are observations. Socket arguments go through
/// <see cref="ProbeSocketHandle.CallTarget"/>, so calls on explicitly closed sockets reach ws2_32 with the stale value.
/// Construct with <see cref="Startup"/> (WSAStartup 2.2); Dispose calls WSACleanup.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WinsockApi : IDisposable
{
    /// <summary>Size of one send or receive of the harness (the peer's reads and sends, a scenario's sends are at most this).</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Size of one send in <see cref="SendUntilWouldBlock"/>: a fill puts about 3.85 MB in the send buffer on Linux
    /// loopback, and a non-blocking send takes what fits and returns that count, so a larger call changes only how many
    /// calls a fill makes (four or five instead of about sixty), not how many bytes it leaves queued.
    /// </summary>
    public const int FillChunkSize = 1024 * 1024;

    /// <summary>Default cap on <see cref="SendUntilWouldBlock"/>, so a socket that never fills cannot loop forever.</summary>
    public const long DefaultSendCap = 256L * 1024 * 1024;

    private static readonly int s_sockaddrSize = Marshal.SizeOf<Winsock.sockaddr_in>();

    private readonly byte[] _sendBuffer;
    private byte[] _receiveBuffer = new byte[ChunkSize];
    private bool _disposed;

    private WinsockApi(ushort version, string description)
    {
        Version = version;
        Description = description;
        _sendBuffer = new byte[FillChunkSize];
        for (int i = 0; i < _sendBuffer.Length; i++)
        {
            _sendBuffer[i] = (byte)('a' + (i % 26));
        }
    }

    /// <summary>WSADATA.wVersion negotiated by WSAStartup.</summary>
    public ushort Version { get; }

    /// <summary>WSADATA.szDescription (e.g. "WinSock 2.0").</summary>
    public string Description { get; }

    /// <summary>WSAStartup(2.2). Throws InvalidOperationException if it fails (nothing can be probed then).</summary>
    public static unsafe WinsockApi Startup()
    {
        int result = Winsock.WSAStartup(Winsock.WINSOCK_VERSION_2_2, out Winsock.WSADATA data);
        if (result != 0)
        {
            throw new InvalidOperationException($"WSAStartup(2.2) failed: {WsaErrorNames.Format(result)}");
        }

        string description = Marshal.PtrToStringAnsi((nint)data.szDescription) ?? string.Empty;
        return new WinsockApi(data.wVersion, description);
    }

    /// <summary>The raw SOCKET value (also after close), for handle-reuse detection.</summary>
    public static nint RawValue(ProbeSocketHandle s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.RawValue;
    }

    /// <summary>socket(AF_INET, SOCK_STREAM|SOCK_DGRAM, IPPROTO_TCP|IPPROTO_UDP); ReturnValue is the raw SOCKET.</summary>
    public NativeCall Socket(SocketKind kind, out ProbeSocketHandle socket)
    {
        ThrowIfDisposed();
        (int type, int protocol) = kind switch
        {
            SocketKind.Stream => (Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP),
            SocketKind.Datagram => (Winsock.SOCK_DGRAM, Winsock.IPPROTO_UDP),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        socket = new ProbeSocketHandle();
        nint raw = Winsock.socket(Winsock.AF_INET, type, protocol);
        int error = Marshal.GetLastPInvokeError();
        Marshal.InitHandle(socket, raw);
        return new NativeCall(raw, error);
    }

    /// <summary>bind to 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public NativeCall Bind(ProbeSocketHandle s, ushort port = 0)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        Winsock.sockaddr_in address = Loopback(port);
        int result = Winsock.bind(s.CallTarget, in address, s_sockaddrSize);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>listen(s, backlog).</summary>
    public NativeCall Listen(ProbeSocketHandle s, int backlog = Winsock.SOMAXCONN)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int result = Winsock.listen(s.CallTarget, backlog);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>connect to 127.0.0.1:<paramref name="port"/>.</summary>
    public NativeCall Connect(ProbeSocketHandle s, ushort port)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        Winsock.sockaddr_in address = Loopback(port);
        int result = Winsock.connect(s.CallTarget, in address, s_sockaddrSize);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>accept(s, NULL, NULL); ReturnValue is the raw new SOCKET (or INVALID_SOCKET).</summary>
    public unsafe NativeCall Accept(ProbeSocketHandle s, out ProbeSocketHandle accepted)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        accepted = new ProbeSocketHandle();
        nint raw = Winsock.accept(s.CallTarget, null, null);
        int error = Marshal.GetLastPInvokeError();
        Marshal.InitHandle(accepted, raw);
        return new NativeCall(raw, error);
    }

    /// <summary>
    /// AcceptEx(listener, into, buffer, 0, ...): accepts the next connection into the existing socket
    /// <paramref name="into"/>, creating no handle. ReturnValue is the BOOL; FALSE with WSA_IO_PENDING means it
    /// completes later (signalling the overlapped's event). <paramref name="overlapped"/> and
    /// <paramref name="addresses"/> (<see cref="AcceptAddressesSize"/> bytes) must stay valid until then.
    /// </summary>
    public unsafe NativeCall AcceptInto(ProbeSocketHandle listener, ProbeSocketHandle into, NativeOverlapped* overlapped, void* addresses)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(into);
        ThrowIfDisposed();
        uint addressLength = (uint)AcceptAddressSize;
        bool accepted = Mswsock.AcceptEx(listener.CallTarget, into.CallTarget, addresses, 0, addressLength, addressLength, null, overlapped);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(accepted ? 1 : 0, error);
    }

    /// <summary>Bytes AcceptEx writes for each of its two addresses: sizeof(sockaddr_in) + 16.</summary>
    public static int AcceptAddressSize => s_sockaddrSize + 16;

    /// <summary>Size of the buffer <see cref="AcceptInto"/> needs.</summary>
    public static int AcceptAddressesSize => 2 * AcceptAddressSize;

    /// <summary>WSAGetOverlappedResult(s, overlapped, wait); ReturnValue is the BOOL (1: completed successfully).</summary>
    public unsafe NativeCall OverlappedResult(ProbeSocketHandle s, NativeOverlapped* overlapped, bool wait)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        bool completed = Winsock.WSAGetOverlappedResult(s.CallTarget, overlapped, out _, wait, out _);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(completed ? 1 : 0, error);
    }

    /// <summary>CancelIoEx(s, overlapped); ReturnValue is the BOOL. The operation still completes and must be waited for.</summary>
    public unsafe NativeCall CancelOverlapped(ProbeSocketHandle s, NativeOverlapped* overlapped)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        bool cancelled = Kernel32.CancelIoEx(s.CallTarget, overlapped);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(cancelled ? 1 : 0, error);
    }

    /// <summary>setsockopt(SO_UPDATE_ACCEPT_CONTEXT, listener): a socket accepted with AcceptEx takes on the listener's properties.</summary>
    public unsafe NativeCall UpdateAcceptContext(ProbeSocketHandle accepted, ProbeSocketHandle listener)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(listener);
        ThrowIfDisposed();
        nint value = listener.RawValue;
        int result = Winsock.setsockopt(accepted.CallTarget, Winsock.SOL_SOCKET, Winsock.SO_UPDATE_ACCEPT_CONTEXT, (byte*)&value, sizeof(nint));
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>recv(s, buffer, length, flags) into a probe-owned buffer; flags may include MSG_PEEK and MSG_OOB.</summary>
    public unsafe NativeCall Recv(ProbeSocketHandle s, int length, int flags = 0)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        EnsureReceiveBuffer(length);
        int result;
        int error;
        fixed (byte* buffer = _receiveBuffer)
        {
            result = Winsock.recv(s.CallTarget, buffer, length, flags);
            error = Marshal.GetLastPInvokeError();
        }

        return new NativeCall(result, error);
    }

    /// <summary>
    /// recv that fails its argument checks: the buffer pointer is NULL while <paramref name="length"/> is positive.
    /// Windows reports WSAEFAULT. (A bad length with a valid buffer is not used: an implementation that trusts the
    /// length could overrun the probe's memory.)
    /// </summary>
    public unsafe NativeCall RecvWithInvalidBuffer(ProbeSocketHandle s, int length = 16, int flags = 0)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int result = Winsock.recv(s.CallTarget, null, length, flags);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>recvfrom(s, buffer, length, flags, &amp;from, &amp;fromlen); <paramref name="fromPort"/> is the sender's port (0 if none).</summary>
    public unsafe NativeCall RecvFrom(ProbeSocketHandle s, int length, out ushort fromPort, int flags = 0)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        EnsureReceiveBuffer(length);
        Winsock.sockaddr_in from = default;
        int fromLength = s_sockaddrSize;
        int result;
        int error;
        fixed (byte* buffer = _receiveBuffer)
        {
            result = Winsock.recvfrom(s.CallTarget, buffer, length, flags, &from, &fromLength);
            error = Marshal.GetLastPInvokeError();
        }

        fromPort = result >= 0 ? ToHostOrder(from.sin_port) : (ushort)0;
        return new NativeCall(result, error);
    }

    /// <summary>send(s, pattern bytes, length, flags); flags may include MSG_OOB.</summary>
    public unsafe NativeCall Send(ProbeSocketHandle s, int length, int flags = 0)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, FillChunkSize);
        int result;
        int error;
        fixed (byte* buffer = _sendBuffer)
        {
            result = Winsock.send(s.CallTarget, buffer, length, flags);
            error = Marshal.GetLastPInvokeError();
        }

        return new NativeCall(result, error);
    }

    /// <summary>sendto(s, pattern bytes, length, 0, 127.0.0.1:port).</summary>
    public unsafe NativeCall SendTo(ProbeSocketHandle s, int length, ushort port, int flags = 0)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ChunkSize);
        Winsock.sockaddr_in to = Loopback(port);
        int result;
        int error;
        fixed (byte* buffer = _sendBuffer)
        {
            result = Winsock.sendto(s.CallTarget, buffer, length, flags, in to, s_sockaddrSize);
            error = Marshal.GetLastPInvokeError();
        }

        return new NativeCall(result, error);
    }

    /// <summary>
    /// Sends <see cref="FillChunkSize"/>-byte chunks until a send fails (normally WSAEWOULDBLOCK) or
    /// <paramref name="cap"/> bytes were accepted. Precondition: the socket is nonblocking (WSAAsyncSelect,
    /// WSAEventSelect or FIONBIO made it so); on a blocking socket whose peer does not read this would block.
    /// </summary>
    public SendBurst SendUntilWouldBlock(ProbeSocketHandle s, long cap = DefaultSendCap)
    {
        long total = 0;
        int calls = 0;
        while (true)
        {
            NativeCall call = Send(s, FillChunkSize);
            calls++;
            if (call.ReturnValue < 0)
            {
                return new SendBurst(call, total, calls, ReachedCap: false);
            }

            total += call.ReturnValue;
            if (total >= cap || call.ReturnValue == 0)
            {
                return new SendBurst(call, total, calls, ReachedCap: total >= cap);
            }
        }
    }

    /// <summary>shutdown(s, SD_RECEIVE|SD_SEND|SD_BOTH).</summary>
    public NativeCall Shutdown(ProbeSocketHandle s, int how)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int result = Winsock.shutdown(s.CallTarget, how);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>closesocket, recorded; see <see cref="ProbeSocketHandle.CloseExplicitly"/>.</summary>
    public NativeCall CloseSocket(ProbeSocketHandle s)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        return s.CloseExplicitly();
    }

    /// <summary>setsockopt(SOL_SOCKET, SO_OOBINLINE, int).</summary>
    public unsafe NativeCall SetOobInline(ProbeSocketHandle s, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int value = enabled ? 1 : 0;
        int result = Winsock.setsockopt(s.CallTarget, Winsock.SOL_SOCKET, Winsock.SO_OOBINLINE, (byte*)&value, sizeof(int));
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>
    /// setsockopt(SOL_SOCKET, SO_RCVBUF, int). On Linux a fixed receive buffer also turns off receive-buffer autotuning;
    /// set it before connect/listen, since the window scale is chosen at the handshake.
    /// </summary>
    public unsafe NativeCall SetReceiveBuffer(ProbeSocketHandle s, int bytes)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int value = bytes;
        int result = Winsock.setsockopt(s.CallTarget, Winsock.SOL_SOCKET, Winsock.SO_RCVBUF, (byte*)&value, sizeof(int));
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>setsockopt(IPPROTO_TCP, TCP_NODELAY, int): disables Nagle, so small segments are not held back for an ACK.</summary>
    public unsafe NativeCall SetNoDelay(ProbeSocketHandle s, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int value = enabled ? 1 : 0;
        int result = Winsock.setsockopt(s.CallTarget, Winsock.IPPROTO_TCP, Winsock.TCP_NODELAY, (byte*)&value, sizeof(int));
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>setsockopt(SOL_SOCKET, SO_LINGER, {l_onoff, l_linger}); {1, 0} makes closesocket abortive (RST).</summary>
    public unsafe NativeCall SetLinger(ProbeSocketHandle s, ushort onOff, ushort seconds)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        var value = new Winsock.LINGER { l_onoff = onOff, l_linger = seconds };
        int result = Winsock.setsockopt(s.CallTarget, Winsock.SOL_SOCKET, Winsock.SO_LINGER, (byte*)&value, sizeof(Winsock.LINGER));
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>ioctlsocket(FIONBIO, value): nonzero makes the socket nonblocking. Fails with WSAEINVAL while WSAAsyncSelect/WSAEventSelect is active.</summary>
    public NativeCall IoctlFionbio(ProbeSocketHandle s, uint value)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        uint argument = value;
        int result = Winsock.ioctlsocket(s.CallTarget, Winsock.FIONBIO, ref argument);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>ioctlsocket(FIONREAD): <paramref name="available"/> is the value written back (bytes readable by one recv).</summary>
    public NativeCall IoctlFionread(ProbeSocketHandle s, out uint available)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        uint argument = 0;
        int result = Winsock.ioctlsocket(s.CallTarget, Winsock.FIONREAD, ref argument);
        int error = Marshal.GetLastPInvokeError();
        available = argument;
        return new NativeCall(result, error);
    }

    /// <summary>ioctlsocket(SIOCATMARK): <paramref name="atMark"/> nonzero when no urgent data is pending.</summary>
    public NativeCall IoctlAtMark(ProbeSocketHandle s, out uint atMark)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        uint argument = 0;
        int result = Winsock.ioctlsocket(s.CallTarget, Winsock.SIOCATMARK, ref argument);
        int error = Marshal.GetLastPInvokeError();
        atMark = argument;
        return new NativeCall(result, error);
    }

    /// <summary>WSAAsyncSelect(s, hwnd, msg, mask). hwnd is raw so scenarios can pass 0 or a stale window.</summary>
    public NativeCall AsyncSelect(ProbeSocketHandle s, nint hwnd, uint message, int mask)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int result = Winsock.WSAAsyncSelect(s.CallTarget, hwnd, message, mask);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>WSAAsyncSelect(s, window, msg, mask).</summary>
    public NativeCall AsyncSelect(ProbeSocketHandle s, MessageWindow window, uint message, int mask)
    {
        ArgumentNullException.ThrowIfNull(window);
        return AsyncSelect(s, window.Handle, message, mask);
    }

    /// <summary>WSAEventSelect(s, event, mask); a null event passes NULL (with mask 0 this cancels event selection).</summary>
    public NativeCall EventSelect(ProbeSocketHandle s, ProbeEventHandle? networkEvent, int mask)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        SafeHandle target = (networkEvent ?? ProbeEventHandle.None).CallTarget;
        int result = Winsock.WSAEventSelect(s.CallTarget, target, mask);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>WSAEnumNetworkEvents(s, event or NULL, &amp;events): reads and clears the recorded events; resets the event if given.</summary>
    public unsafe NativeCall EnumNetworkEvents(ProbeSocketHandle s, ProbeEventHandle? networkEvent, out NetworkEventsSnapshot events)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        SafeHandle target = (networkEvent ?? ProbeEventHandle.None).CallTarget;
        int result = Winsock.WSAEnumNetworkEvents(s.CallTarget, target, out Winsock.WSANETWORKEVENTS raw);
        int error = Marshal.GetLastPInvokeError();
        if (result == 0)
        {
            var codes = new int[Winsock.FD_MAX_EVENTS];
            for (int i = 0; i < codes.Length; i++)
            {
                codes[i] = raw.iErrorCode[i];
            }

            events = new NetworkEventsSnapshot(raw.lNetworkEvents, ImmutableArray.Create(codes));
        }
        else
        {
            events = NetworkEventsSnapshot.Empty;
        }

        return new NativeCall(result, error);
    }

    /// <summary>WSAIoctl(SIO_GET_QOS) with no input and a QOS-sized (plus slack) output buffer, no overlapped.</summary>
    public unsafe NativeCall IoctlGetQos(ProbeSocketHandle s, out uint bytesReturned)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        const int outputSize = 1024;
        byte* output = stackalloc byte[outputSize];
        int result = Winsock.WSAIoctl(s.CallTarget, Winsock.SIO_GET_QOS, null, 0, output, outputSize, out bytesReturned, 0, 0);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>WSAIoctl(SIO_ROUTING_INTERFACE_CHANGE) with the destination 127.0.0.1:0 as input, no output, no overlapped.</summary>
    public unsafe NativeCall IoctlRoutingInterfaceChange(ProbeSocketHandle s, out uint bytesReturned)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        Winsock.sockaddr_in destination = Loopback(0);
        int result = Winsock.WSAIoctl(s.CallTarget, Winsock.SIO_ROUTING_INTERFACE_CHANGE, &destination, (uint)s_sockaddrSize, null, 0, out bytesReturned, 0, 0);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>WSAIoctl(SIO_ADDRESS_LIST_CHANGE) with no buffers and no overlapped.</summary>
    public unsafe NativeCall IoctlAddressListChange(ProbeSocketHandle s, out uint bytesReturned)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int result = Winsock.WSAIoctl(s.CallTarget, Winsock.SIO_ADDRESS_LIST_CHANGE, null, 0, null, 0, out bytesReturned, 0, 0);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>getsockname; <paramref name="port"/> is the bound port in host order (0 on failure).</summary>
    public NativeCall GetSockNamePort(ProbeSocketHandle s, out ushort port)
    {
        ArgumentNullException.ThrowIfNull(s);
        ThrowIfDisposed();
        int length = s_sockaddrSize;
        int result = Winsock.getsockname(s.CallTarget, out Winsock.sockaddr_in name, ref length);
        int error = Marshal.GetLastPInvokeError();
        port = result == 0 ? ToHostOrder(name.sin_port) : (ushort)0;
        return new NativeCall(result, error);
    }

    /// <summary>WSACreateEvent; ReturnValue is the raw WSAEVENT (0 = WSA_INVALID_EVENT).</summary>
    public NativeCall CreateEvent(out ProbeEventHandle networkEvent)
    {
        ThrowIfDisposed();
        networkEvent = new ProbeEventHandle();
        nint raw = Winsock.WSACreateEvent();
        int error = Marshal.GetLastPInvokeError();
        Marshal.InitHandle(networkEvent, raw);
        return new NativeCall(raw, error);
    }

    /// <summary>WSAResetEvent; ReturnValue is the BOOL.</summary>
    public NativeCall ResetEvent(ProbeEventHandle networkEvent)
    {
        ArgumentNullException.ThrowIfNull(networkEvent);
        ThrowIfDisposed();
        bool reset = Winsock.WSAResetEvent(networkEvent.CallTarget);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(reset ? 1 : 0, error);
    }

    /// <summary>WaitForSingleObject(event, milliseconds); ReturnValue is WAIT_OBJECT_0, WAIT_TIMEOUT or WAIT_FAILED.</summary>
    public NativeCall WaitForEvent(ProbeEventHandle networkEvent, uint milliseconds = 0)
    {
        ArgumentNullException.ThrowIfNull(networkEvent);
        ThrowIfDisposed();
        uint result = Kernel32.WaitForSingleObject(networkEvent.CallTarget, milliseconds);
        int error = Marshal.GetLastPInvokeError();
        return new NativeCall(result, error);
    }

    /// <summary>WaitForSingleObject(event, 0) == WAIT_OBJECT_0. Throws if the wait itself fails.</summary>
    public bool IsSignaled(ProbeEventHandle networkEvent)
    {
        NativeCall call = WaitForEvent(networkEvent, 0);
        return call.ReturnValue switch
        {
            Kernel32.WAIT_OBJECT_0 => true,
            Kernel32.WAIT_TIMEOUT => false,
            _ => throw new InvalidOperationException($"WaitForSingleObject(event, 0) returned 0x{call.ReturnValue:X}, error {call.Error}"),
        };
    }

    /// <summary>WSACloseEvent, recorded; see <see cref="ProbeEventHandle.CloseExplicitly"/>.</summary>
    public NativeCall CloseEvent(ProbeEventHandle networkEvent)
    {
        ArgumentNullException.ThrowIfNull(networkEvent);
        ThrowIfDisposed();
        return networkEvent.CloseExplicitly();
    }

    /// <summary>WSACleanup. Sockets and events should be disposed first.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ = Winsock.WSACleanup();
    }

    internal static Winsock.sockaddr_in Loopback(ushort port) => new()
    {
        sin_family = Winsock.AF_INET,
        sin_port = ToNetworkOrder(port),
        sin_addr = Winsock.INADDR_LOOPBACK_NETWORK_ORDER,
    };

    private static ushort ToNetworkOrder(ushort port) => BitConverter.IsLittleEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(port) : port;

    private static ushort ToHostOrder(ushort port) => ToNetworkOrder(port);

    private void EnsureReceiveBuffer(int length)
    {
        ThrowIfDisposed();
        if (_receiveBuffer.Length < length)
        {
            _receiveBuffer = new byte[length];
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
