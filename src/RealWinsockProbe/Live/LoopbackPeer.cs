using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Winsock = WinsockConformance.RealWinsockProbe.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsockProbe.Live;

/// <summary>
/// The network side of a scenario, played by real sockets in the same process on 127.0.0.1. Peer sockets are
/// nonblocking (FIONBIO 1) and never registered with WSAAsyncSelect/WSAEventSelect; every wait is a bounded
/// select(). Peer failures are harness failures, not observations: they throw InvalidOperationException
/// (or TimeoutException) naming the call and its error.
/// <list type="bullet">
/// <item><see cref="ListenerPort"/>: a listening peer for the socket under test to connect to; the peer end of
/// such a connection is taken with <see cref="AcceptConnection"/>.</item>
/// <item><see cref="Connect"/>: a peer client connecting to a listening socket under test.</item>
/// <item><see cref="RefusedPort"/>: a port bound by a peer socket that never listens, so connecting to it is
/// refused (RST) and no other socket can take the port meanwhile.</item>
/// <item><see cref="OpenDatagram"/>: a bound UDP peer.</item>
/// </list>
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class LoopbackPeer : IDisposable
{
    private readonly WinsockApi _api;
    private readonly ProbeSocketHandle _listener;
    private readonly ProbeSocketHandle _refusing;
    private readonly List<IDisposable> _owned = [];

    public LoopbackPeer(WinsockApi api, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        Timeout = timeout;

        _listener = NewNonblockingSocket(api, SocketKind.Stream);
        Require(_api.Bind(_listener), "bind(peer listener)");
        Require(_api.Listen(_listener), "listen(peer listener)");
        Require(_api.GetSockNamePort(_listener, out ushort listenerPort), "getsockname(peer listener)");
        ListenerPort = listenerPort;

        _refusing = NewNonblockingSocket(api, SocketKind.Stream);
        Require(_api.Bind(_refusing), "bind(refusing peer)");
        Require(_api.GetSockNamePort(_refusing, out ushort refusedPort), "getsockname(refusing peer)");
        RefusedPort = refusedPort;
    }

    /// <summary>Bound on every peer wait.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Port of the peer listener on 127.0.0.1.</summary>
    public ushort ListenerPort { get; }

    /// <summary>Port on 127.0.0.1 bound by a peer socket that is not listening: connects to it are refused.</summary>
    public ushort RefusedPort { get; }

    /// <summary>
    /// Accepts, on the peer listener, the next connection made to <see cref="ListenerPort"/> (waiting up to
    /// <see cref="Timeout"/> for it to arrive). The connection is owned by the peer and closed at Dispose.
    /// </summary>
    public PeerConnection AcceptConnection()
    {
        if (!PeerWait.ForRead(_listener, Timeout))
        {
            throw new TimeoutException($"No connection reached the peer listener on port {ListenerPort} within {Timeout.TotalMilliseconds} ms.");
        }

        NativeCall call = _api.Accept(_listener, out ProbeSocketHandle accepted);
        if (call.IsSocketError)
        {
            accepted.Dispose();
            throw new InvalidOperationException($"accept(peer listener) failed: {call}");
        }

        Require(_api.IoctlFionbio(accepted, 1), "ioctlsocket(FIONBIO, accepted peer)");
        return Own(new PeerConnection(_api, accepted, Timeout));
    }

    /// <summary>
    /// Connects a new peer client to 127.0.0.1:<paramref name="port"/> (a listening socket under test) and waits up
    /// to <see cref="Timeout"/> for the handshake to complete. Throws if the connect is refused or times out.
    /// </summary>
    public PeerConnection Connect(ushort port)
    {
        ProbeSocketHandle socket = NewNonblockingSocket(_api, SocketKind.Stream);
        NativeCall call = _api.Connect(socket, port);
        if (call.IsSocketError && call.Error != Winsock.WSAEWOULDBLOCK)
        {
            socket.Dispose();
            throw new InvalidOperationException($"connect(peer client → {port}) failed: {call}");
        }

        if (call.IsSocketError)
        {
            PeerWait.ConnectOutcome outcome = PeerWait.ForConnect(socket, Timeout);
            if (outcome != PeerWait.ConnectOutcome.Connected)
            {
                socket.Dispose();
                throw outcome == PeerWait.ConnectOutcome.TimedOut
                    ? new TimeoutException($"Peer connect to port {port} did not complete within {Timeout.TotalMilliseconds} ms.")
                    : new InvalidOperationException($"Peer connect to port {port} failed (refused or reset).");
            }
        }

        return Own(new PeerConnection(_api, socket, Timeout));
    }

    /// <summary>A nonblocking UDP peer bound to 127.0.0.1:0, owned by the peer.</summary>
    public PeerDatagram OpenDatagram()
    {
        ProbeSocketHandle socket = NewNonblockingSocket(_api, SocketKind.Datagram);
        Require(_api.Bind(socket), "bind(peer datagram)");
        Require(_api.GetSockNamePort(socket, out ushort port), "getsockname(peer datagram)");
        return Own(new PeerDatagram(_api, socket, port, Timeout));
    }

    public void Dispose()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
        _listener.Dispose();
        _refusing.Dispose();
    }

    internal static void Require(NativeCall call, string what)
    {
        if (call.IsSocketError)
        {
            throw new InvalidOperationException($"Peer {what} failed: {call}");
        }
    }

    private static ProbeSocketHandle NewNonblockingSocket(WinsockApi api, SocketKind kind)
    {
        NativeCall call = api.Socket(kind, out ProbeSocketHandle socket);
        if (socket.IsInvalid)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Peer socket({kind}) failed: {call}");
        }

        NativeCall nonblocking = api.IoctlFionbio(socket, 1);
        if (nonblocking.IsSocketError)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Peer ioctlsocket(FIONBIO, 1) failed: {nonblocking}");
        }

        return socket;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}

/// <summary>The peer end of one TCP connection (nonblocking, bounded waits).</summary>
[SupportedOSPlatform("windows")]
internal sealed class PeerConnection : IDisposable
{
    private readonly WinsockApi _api;
    private readonly TimeSpan _timeout;

    internal PeerConnection(WinsockApi api, ProbeSocketHandle socket, TimeSpan timeout)
    {
        _api = api;
        Socket = socket;
        _timeout = timeout;
    }

    /// <summary>The peer's socket (for logging its raw value; scenarios should not drive it directly).</summary>
    public ProbeSocketHandle Socket { get; }

    /// <summary>
    /// Sends <paramref name="count"/> bytes, waiting (bounded) for send space when the socket under test does not
    /// read. Returns the bytes sent, which is less than <paramref name="count"/> only if the wait timed out.
    /// </summary>
    public long Send(long count)
    {
        long sent = 0;
        while (sent < count)
        {
            int chunk = (int)Math.Min(WinsockApi.ChunkSize, count - sent);
            NativeCall call = _api.Send(Socket, chunk);
            if (call.FailedWith(Winsock.WSAEWOULDBLOCK))
            {
                if (!PeerWait.ForWrite(Socket, _timeout))
                {
                    return sent;
                }

                continue;
            }

            LoopbackPeer.Require(call, "send");
            sent += call.ReturnValue;
        }

        return sent;
    }

    /// <summary>send(1 byte, MSG_OOB): one urgent byte.</summary>
    public void SendUrgent() => LoopbackPeer.Require(_api.Send(Socket, 1, Winsock.MSG_OOB), "send(MSG_OOB)");

    /// <summary>shutdown(SD_SEND): FIN towards the socket under test.</summary>
    public void ShutdownSend() => LoopbackPeer.Require(_api.Shutdown(Socket, Winsock.SD_SEND), "shutdown(SD_SEND)");

    /// <summary>shutdown(SD_RECEIVE).</summary>
    public void ShutdownReceive() => LoopbackPeer.Require(_api.Shutdown(Socket, Winsock.SD_RECEIVE), "shutdown(SD_RECEIVE)");

    /// <summary>closesocket with default linger: graceful close (FIN).</summary>
    public void CloseGracefully() => LoopbackPeer.Require(_api.CloseSocket(Socket), "closesocket");

    /// <summary>SO_LINGER {1, 0} then closesocket: abortive close (RST).</summary>
    public void CloseAbortively()
    {
        LoopbackPeer.Require(_api.SetLinger(Socket, 1, 0), "setsockopt(SO_LINGER {1,0})");
        LoopbackPeer.Require(_api.CloseSocket(Socket), "closesocket (abortive)");
    }

    /// <summary>
    /// Reads everything readable right now (until WSAEWOULDBLOCK, end of stream or an error); returns the byte count.
    /// Urgent data is not read (no MSG_OOB).
    /// </summary>
    public long ReadAvailable()
    {
        long total = 0;
        while (true)
        {
            NativeCall call = _api.Recv(Socket, WinsockApi.ChunkSize);
            if (call.ReturnValue <= 0)
            {
                return total;
            }

            total += call.ReturnValue;
        }
    }

    /// <summary>
    /// Reads until nothing has arrived for <paramref name="quietPeriod"/> (bounded by the peer timeout): frees the
    /// send space of the socket under test even when its send buffer refills the peer's receive buffer.
    /// </summary>
    public long ReadUntilQuiet(TimeSpan quietPeriod)
    {
        long total = 0;
        long deadline = Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long read = ReadAvailable();
            total += read;
            if (read == 0 && !PeerWait.ForRead(Socket, quietPeriod))
            {
                break;
            }
        }

        return total;
    }

    public void Dispose() => Socket.Dispose();
}

/// <summary>A bound, nonblocking UDP peer.</summary>
[SupportedOSPlatform("windows")]
internal sealed class PeerDatagram : IDisposable
{
    private readonly WinsockApi _api;
    private readonly TimeSpan _timeout;

    internal PeerDatagram(WinsockApi api, ProbeSocketHandle socket, ushort port, TimeSpan timeout)
    {
        _api = api;
        Socket = socket;
        Port = port;
        _timeout = timeout;
    }

    public ProbeSocketHandle Socket { get; }

    /// <summary>The peer's own port on 127.0.0.1.</summary>
    public ushort Port { get; }

    /// <summary>Sends one datagram of <paramref name="length"/> bytes to 127.0.0.1:<paramref name="port"/>.</summary>
    public void SendTo(ushort port, int length) => LoopbackPeer.Require(_api.SendTo(Socket, length, port), "sendto");

    /// <summary>Receives one datagram, waiting up to the peer timeout; returns its length and sender port, or null.</summary>
    public (int Length, ushort FromPort)? ReceiveFrom()
    {
        if (!PeerWait.ForRead(Socket, _timeout))
        {
            return null;
        }

        NativeCall call = _api.RecvFrom(Socket, WinsockApi.ChunkSize, out ushort fromPort);
        LoopbackPeer.Require(call, "recvfrom");
        return ((int)call.ReturnValue, fromPort);
    }

    public void Dispose() => Socket.Dispose();
}

/// <summary>Bounded select() waits for peer sockets.</summary>
[SupportedOSPlatform("windows")]
internal static class PeerWait
{
    public enum ConnectOutcome
    {
        Connected,
        Failed,
        TimedOut,
    }

    public static unsafe bool ForRead(ProbeSocketHandle socket, TimeSpan timeout)
    {
        Winsock.fd_set read = Single(socket);
        return Select(socket, &read, null, null, timeout) > 0;
    }

    public static unsafe bool ForWrite(ProbeSocketHandle socket, TimeSpan timeout)
    {
        Winsock.fd_set write = Single(socket);
        return Select(socket, null, &write, null, timeout) > 0;
    }

    /// <summary>A pending nonblocking connect: writable = connected, exceptfds = failed (Windows select semantics).</summary>
    public static unsafe ConnectOutcome ForConnect(ProbeSocketHandle socket, TimeSpan timeout)
    {
        Winsock.fd_set write = Single(socket);
        Winsock.fd_set except = Single(socket);
        int ready = Select(socket, null, &write, &except, timeout);
        return ready <= 0 ? ConnectOutcome.TimedOut
            : except.fd_count > 0 ? ConnectOutcome.Failed
            : ConnectOutcome.Connected;
    }

    private static unsafe Winsock.fd_set Single(ProbeSocketHandle socket)
    {
        var set = default(Winsock.fd_set);
        set.fd_count = 1;
        set.fd_array[0] = socket.RawValue;
        return set;
    }

    private static unsafe int Select(ProbeSocketHandle socket, Winsock.fd_set* read, Winsock.fd_set* write, Winsock.fd_set* except, TimeSpan timeout)
    {
        long microseconds = Math.Max(0, (long)(timeout.TotalMilliseconds * 1000));
        var limit = new Winsock.TIMEVAL
        {
            tv_sec = (int)(microseconds / 1_000_000),
            tv_usec = (int)(microseconds % 1_000_000),
        };
        int result = Winsock.select(0, read, write, except, in limit);
        int error = Marshal.GetLastPInvokeError();
        if (result < 0)
        {
            throw new InvalidOperationException($"Peer select on socket 0x{socket.RawValue:X} failed: {new NativeCall(result, error)}");
        }

        return result;
    }
}
