namespace WinsockConformance.Simulation.Core;

/// <summary>
/// One TCP connection between the program and the simulated peer: the program's end (a socket, once connected or
/// accepted) and the peer's, with the bytes each way that the model only counts.
/// </summary>
internal sealed class Connection(int id, SockAddr peerAddress)
{
    /// <summary>1 for the first connection of a run, then 2, 3, … in the order they were established.</summary>
    public int Id { get; } = id;

    /// <summary>The peer's end as the program sees it (getpeername, accept's address).</summary>
    public SockAddr PeerAddress { get; } = peerAddress;

    /// <summary>The program's socket, or null while a connection the peer made waits in a listener's queue.</summary>
    public SimSocket? ProgramSocket { get; internal set; }

    /// <summary>Bytes the program sent that the peer has not read yet (they count against the send buffer).</summary>
    public ByteQueue InFlight { get; } = new();

    /// <summary>Bytes the peer has read and not yet matched against a script expectation.</summary>
    public ByteQueue PeerReceived { get; } = new();

    public long ProgramSentTotal { get; internal set; }

    public long ProgramReceivedTotal { get; internal set; }

    public long PeerSentTotal { get; internal set; }

    public long PeerReadTotal { get; internal set; }

    /// <summary>The peer shut down sending or closed: no more bytes come from it.</summary>
    public bool PeerFinished { get; internal set; }

    /// <summary>The peer reset the connection (abortive close).</summary>
    public bool PeerAborted { get; internal set; }

    /// <summary>The program closed its socket (or exited).</summary>
    public bool ProgramClosed { get; internal set; }

    /// <summary>The program shut down its sending direction.</summary>
    public bool ProgramShutSend { get; internal set; }

    public override string ToString() => $"connection {Id}";
}
