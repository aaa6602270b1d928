using WinsockConformance.Model;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>A socket under test as the live session tracks it: its symbolic name, its real handle, and its peer end.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal sealed class LiveSocket(SocketRef reference, Model.SocketKind kind, ProbeSocketHandle handle)
{
    public SocketRef Ref { get; } = reference;

    public Model.SocketKind Kind { get; } = kind;

    public ProbeSocketHandle Handle { get; } = handle;

    /// <summary>The handle value, kept after close so a stale message's wParam can still be matched.</summary>
    public nint RawValue { get; } = handle.RawValue;

    public bool Closed { get; set; }

    /// <summary>Bytes the stack accepted from this socket's stream sends: what its peer has to read to have drained it.</summary>
    public long SentBytes { get; set; }

    /// <summary>The peer end of a stream connection, once connected or accepted.</summary>
    public PeerConnection? Peer { get; set; }

    /// <summary>A fill whose end waits for the peer's delayed ACK: run before the next send on this socket (H-6).</summary>
    public FillTail? FillTail { get; set; }

    /// <summary>The peer of a datagram socket (created on first use).</summary>
    public PeerDatagram? DatagramPeer { get; set; }
}
