using System.Runtime.Versioning;
using Winsock = WinsockConformance.RealWinsockProbe.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsockProbe.Live;

/// <summary>
/// The network side of a scenario, played by real sockets in the same process on 127.0.0.1. Peer sockets are
/// nonblocking (FIONBIO 1) and never registered with WSAAsyncSelect/WSAEventSelect; every wait is a bounded
/// select(). Peer TCP sockets set TCP_NODELAY, so a small peer send is not held back by Nagle waiting for a
/// delayed ACK (measured under Wine: up to ~40 ms for an urgent byte after earlier small sends). Peer failures are harness failures, not observations: they throw InvalidOperationException
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
        Require(_api.SetReceiveBuffer(_listener, ReceiveBufferSize), "setsockopt(SO_RCVBUF, peer listener)");
        Require(_api.Bind(_listener), "bind(peer listener)");
        Require(_api.Listen(_listener), "listen(peer listener)");
        Require(_api.GetSockNamePort(_listener, out ushort listenerPort), "getsockname(peer listener)");
        ListenerPort = listenerPort;

        _refusing = NewNonblockingSocket(api, SocketKind.Stream);
        Require(_api.Bind(_refusing), "bind(refusing peer)");
        Require(_api.GetSockNamePort(_refusing, out ushort refusedPort), "getsockname(refusing peer)");
        RefusedPort = refusedPort;
    }

    /// <summary>
    /// SO_RCVBUF of every peer stream socket (the listener's is inherited by the connections it accepts). A fixed
    /// size turns off Linux's receive-buffer autotuning, which otherwise keeps growing the window and pulling data out
    /// of a filled sender without any peer.read (H-1).
    /// </summary>
    public const int ReceiveBufferSize = 16 * 1024;

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
        Require(_api.SetNoDelay(accepted, true), "setsockopt(TCP_NODELAY, accepted peer)");
        return Own(new PeerConnection(_api, accepted, Timeout));
    }

    /// <summary>
    /// Connects a new peer client to 127.0.0.1:<paramref name="port"/> (a listening socket under test) and waits up
    /// to <see cref="Timeout"/> for the handshake to complete. Throws if the connect is refused or times out.
    /// </summary>
    public PeerConnection Connect(ushort port)
    {
        ProbeSocketHandle socket = NewNonblockingSocket(_api, SocketKind.Stream);
        Require(_api.SetReceiveBuffer(socket, ReceiveBufferSize), "setsockopt(SO_RCVBUF, peer client)");
        Require(_api.SetNoDelay(socket, true), "setsockopt(TCP_NODELAY, peer client)");
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
