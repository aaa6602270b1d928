using System.Runtime.Versioning;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// The network side of a scenario, played by real sockets in the same process on 127.0.0.1. Peer sockets are
/// nonblocking (FIONBIO 1) and never registered with WSAAsyncSelect/WSAEventSelect; every wait is a bounded
/// select(). Peer TCP sockets set TCP_NODELAY, so a small peer send is not held back by Nagle waiting for a
/// delayed ACK (measured under Wine: up to ~40 ms for an urgent byte after earlier small sends), and a fixed
/// SO_RCVBUF: <see cref="HandshakeReceiveBufferSize"/> until the handshake, <see cref="ReceiveBufferSize"/> after it.
/// Peer failures are harness failures, not observations: they throw
/// InvalidOperationException (or TimeoutException) naming the call and its error.
/// <para>
/// Given a <see cref="PeerDemand"/>, every peer socket the scenario can need is created in the constructor, before
/// the first step, and taken from that pool later: the peer sockets share the process's handle table with the
/// sockets under test, and one created after a closesocket could take the closed socket's value (H-3). Without a
/// demand (self-test) sockets are created as needed.
/// </para>
/// <list type="bullet">
/// <item><see cref="ListenerPort"/>: a listening peer for the socket under test to connect to; the peer end of
/// such a connection is taken with <see cref="AcceptConnection"/> (AcceptEx into a pooled socket).</item>
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
    private readonly PeerAcceptor _acceptor;
    private readonly Queue<ProbeSocketHandle> _acceptTargets = new();
    private readonly Queue<ProbeSocketHandle> _clients = new();
    private readonly Queue<PeerDatagram> _datagrams = new();
    private readonly bool _pooled;

    public LoopbackPeer(WinsockApi api, TimeSpan timeout, PeerDemand? demand = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        Timeout = timeout;
        _acceptor = new PeerAcceptor(api);

        _listener = NewNonblockingSocket(api, SocketKind.Stream);
        Require(_api.SetReceiveBuffer(_listener, HandshakeReceiveBufferSize), "setsockopt(SO_RCVBUF, peer listener)");
        Require(_api.Bind(_listener), "bind(peer listener)");
        Require(_api.Listen(_listener), "listen(peer listener)");
        Require(_api.GetSockNamePort(_listener, out ushort listenerPort), "getsockname(peer listener)");
        ListenerPort = listenerPort;

        _refusing = NewNonblockingSocket(api, SocketKind.Stream);
        Require(_api.Bind(_refusing), "bind(refusing peer)");
        Require(_api.GetSockNamePort(_refusing, out ushort refusedPort), "getsockname(refusing peer)");
        RefusedPort = refusedPort;

        if (demand is { } d)
        {
            _pooled = true;
            for (int i = 0; i < d.Accepts; i++)
            {
                _acceptTargets.Enqueue(NewAcceptTarget());
            }

            for (int i = 0; i < d.Clients; i++)
            {
                _clients.Enqueue(NewClient());
            }

            for (int i = 0; i < d.Datagrams; i++)
            {
                _datagrams.Enqueue(NewDatagram());
            }
        }
    }

    /// <summary>
    /// SO_RCVBUF of every peer stream socket until its handshake (the listener's is inherited by the connections it
    /// accepts). The window it advertises there, 16 KiB, is the largest the connection sees, and Linux caps the
    /// sender's segments at half of that: the socket under test sends 8 KiB segments to its peer. A small fixed receive
    /// buffer is what lets a "fill" leave the sender full until peer.read (H-1): with 64 KiB (and with the default) the
    /// peer's window keeps a remainder smaller than one segment, which the sender's zero-window probe pushes out about
    /// 200 ms later, freeing send space without any peer.read.
    /// </summary>
    public const int HandshakeReceiveBufferSize = 16 * 1024;

    /// <summary>
    /// SO_RCVBUF of a peer stream socket once connected (Linux doubles it: 22 KiB of buffer memory), so that its buffer
    /// holds two of the sender's 8 KiB segments but not three (H-5). A window reopened from an empty buffer is then two
    /// segments, and once they are in, the buffer has no room for a window of even one more: the peer's recv(MSG_PEEK)
    /// acknowledges both (more than one segment unacknowledged) with a zero window, and nothing is left for a delayed
    /// ACK to free. Kept at 16 KiB, the buffer takes a third segment alone, a peek cannot make Linux acknowledge a
    /// single segment, and its delayed ACK (or the peer's next data, urgent byte or FIN) frees 8 KiB of send space
    /// without any peer.read. Measured on Linux 6.18 loopback: 9 to 12.75 KiB leave nothing unacknowledged after a fill
    /// from an empty buffer; 8.5 and 13 KiB or more leave one segment.
    /// </summary>
    public const int ReceiveBufferSize = 11 * 1024;

    /// <summary>Bound on every peer wait.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Port of the peer listener on 127.0.0.1.</summary>
    public ushort ListenerPort { get; }

    /// <summary>Port on 127.0.0.1 bound by a peer socket that is not listening: connects to it are refused.</summary>
    public ushort RefusedPort { get; }

    /// <summary>
    /// Accepts, on the peer listener, the next connection made to <see cref="ListenerPort"/> (waiting up to
    /// <see cref="Timeout"/> for it to arrive), into a socket created beforehand. The connection is owned by the peer
    /// and closed at Dispose.
    /// </summary>
    public PeerConnection AcceptConnection()
    {
        ProbeSocketHandle accepted = Take(_acceptTargets, NewAcceptTarget, "socket to accept into");
        try
        {
            _acceptor.Accept(_listener, accepted, Timeout);
            Require(_api.IoctlFionbio(accepted, 1), "ioctlsocket(FIONBIO, accepted peer)");
            Require(_api.SetNoDelay(accepted, true), "setsockopt(TCP_NODELAY, accepted peer)");
            Require(_api.SetReceiveBuffer(accepted, ReceiveBufferSize), "setsockopt(SO_RCVBUF, accepted peer)");
        }
        catch
        {
            accepted.Dispose();
            throw;
        }

        return Own(new PeerConnection(_api, accepted, Timeout));
    }

    /// <summary>
    /// Connects a peer client to 127.0.0.1:<paramref name="port"/> (a listening socket under test) and waits up
    /// to <see cref="Timeout"/> for the handshake to complete. Throws if the connect is refused or times out.
    /// </summary>
    public PeerConnection Connect(ushort port)
    {
        ProbeSocketHandle socket = Take(_clients, NewClient, "peer client");
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

        NativeCall rcvbuf = _api.SetReceiveBuffer(socket, ReceiveBufferSize);
        if (rcvbuf.IsSocketError)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Peer setsockopt(SO_RCVBUF, connected peer client) failed: {rcvbuf}");
        }

        return Own(new PeerConnection(_api, socket, Timeout));
    }

    /// <summary>A nonblocking UDP peer bound to 127.0.0.1:0, owned by the peer.</summary>
    public PeerDatagram OpenDatagram() => Own(Take(_datagrams, NewDatagram, "UDP peer"));

    public void Dispose()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
        foreach (IDisposable unused in _acceptTargets.Concat<IDisposable>(_clients).Concat(_datagrams))
        {
            unused.Dispose();
        }

        _listener.Dispose();
        _refusing.Dispose();
        _acceptor.Dispose();
    }

    internal static void Require(NativeCall call, string what)
    {
        if (call.IsSocketError)
        {
            throw new InvalidOperationException($"Peer {what} failed: {call}");
        }
    }

    /// <summary>For calls returning a BOOL or a handle: 0 is the failure.</summary>
    internal static void RequireTrue(NativeCall call, string what)
    {
        if (call.ReturnValue == 0)
        {
            throw new InvalidOperationException($"Peer {what} failed: {WsaErrorNames.Format(call.Error)}");
        }
    }

    /// <summary>The next pooled socket; without a pool (self-test) a new one. A pool that runs out is a harness bug.</summary>
    private T Take<T>(Queue<T> pool, Func<T> create, string what)
    {
        if (pool.TryDequeue(out T? pooled))
        {
            return pooled;
        }

        return _pooled
            ? throw new InvalidOperationException($"Peer pool has no {what} left: the scenario needs more than PeerDemand counted, and one created now could take a closed socket's handle value.")
            : create();
    }

    /// <summary>A stream socket for AcceptEx to accept into: unbound, no options (it takes the listener's SO_RCVBUF).</summary>
    private ProbeSocketHandle NewAcceptTarget()
    {
        NativeCall call = _api.Socket(SocketKind.Stream, out ProbeSocketHandle socket);
        if (socket.IsInvalid)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Peer socket(stream, to accept into) failed: {call}");
        }

        return socket;
    }

    /// <summary>A peer client: SO_RCVBUF and TCP_NODELAY before connect (the window scale and the sender's segment size follow from the handshake).</summary>
    private ProbeSocketHandle NewClient()
    {
        ProbeSocketHandle socket = NewNonblockingSocket(_api, SocketKind.Stream);
        Require(_api.SetReceiveBuffer(socket, HandshakeReceiveBufferSize), "setsockopt(SO_RCVBUF, peer client)");
        Require(_api.SetNoDelay(socket, true), "setsockopt(TCP_NODELAY, peer client)");
        return socket;
    }

    private PeerDatagram NewDatagram()
    {
        ProbeSocketHandle socket = NewNonblockingSocket(_api, SocketKind.Datagram);
        Require(_api.Bind(socket), "bind(peer datagram)");
        Require(_api.GetSockNamePort(socket, out ushort port), "getsockname(peer datagram)");
        return new PeerDatagram(_api, socket, port, Timeout);
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
