using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Core;

/// <summary>
/// What the simulator keeps beside the model for one socket: its handle value and model name, the real payload
/// bytes (the model counts them), addresses, and the options the model has no input for. Notification state is
/// the model's alone (<see cref="ModelState"/>).
/// </summary>
internal sealed class SimSocket(string name, nint handle, SocketRef reference, SocketKind kind)
{
    /// <summary>The name the model knows it by ("s1", "s2", … in creation order).</summary>
    public string Name { get; } = name;

    /// <summary>The SOCKET value the program holds; a closed socket's value can be handed out again.</summary>
    public nint Handle { get; } = handle;

    public SocketRef Ref { get; } = reference;

    public SocketKind Kind { get; } = kind;

    public bool Open { get; internal set; } = true;

    public SockAddr? Local { get; internal set; }

    public SockAddr? Remote { get; internal set; }

    public Connection? Connection { get; internal set; }

    /// <summary>Normal bytes the peer sent that the program has not read (the model's ReadableBytes).</summary>
    public ByteQueue Inbound { get; } = new();

    /// <summary>Urgent bytes waiting to be read with MSG_OOB (the model's UrgentBytes).</summary>
    public ByteQueue Urgent { get; } = new();

    /// <summary>Connections the peer made to this listener, not yet accepted (the model's PendingConnections).</summary>
    public Queue<Connection> Pending { get; } = new();

    /// <summary>Bytes the send buffer holds before send fails with WSAEWOULDBLOCK (SO_SNDBUF; the schedule may shrink it).</summary>
    public int SendBuffer { get; internal set; }

    public int ReceiveBuffer { get; internal set; }

    public bool NoDelay { get; internal set; }

    public bool ReuseAddress { get; internal set; }

    public bool KeepAlive { get; internal set; }

    public bool Broadcast { get; internal set; }

    public int LingerSeconds { get; internal set; }

    /// <summary>The error SO_ERROR reports (a failed nonblocking connect's), cleared when read.</summary>
    public int PendingError { get; internal set; }

    public bool Listening { get; internal set; }

    public override string ToString() => $"0x{Handle:X} ({Name})";
}
