namespace WinsockConformance.Simulation.Network;

/// <summary>What a wait in a peer script waits for.</summary>
public enum PeerWaitCondition
{
    /// <summary>The program has read at least N bytes on the connection.</summary>
    Received,

    /// <summary>The program has sent at least N bytes on the connection.</summary>
    Sent,

    /// <summary>The program has shut down its sending direction (or closed).</summary>
    Shutdown,

    /// <summary>The program has closed its socket (or exited).</summary>
    Closed,
}

/// <summary>
/// One line of a peer script: something the network does. Closed hierarchy; <see cref="Line"/> is the script line
/// (for messages), <see cref="Connection"/> the connection it is about (null: the current one).
/// </summary>
public abstract record PeerAction(int Line, int? Connection)
{
    /// <summary>The verb as the script writes it ("send", "expect", …).</summary>
    public abstract string Verb { get; }
}

/// <summary>The peer listens on <paramref name="Port"/> (null: any port); the next connection the program makes there becomes the current one.</summary>
public sealed record AcceptAction(int Line, ushort? Port) : PeerAction(Line, null)
{
    /// <inheritdoc/>
    public override string Verb => "accept";
}

/// <summary>Connections to <paramref name="Port"/> (null: every port no accept names) are refused.</summary>
public sealed record RefuseAction(int Line, ushort? Port) : PeerAction(Line, null)
{
    /// <inheritdoc/>
    public override string Verb => "refuse";
}

/// <summary>The peer connects to the program's listener on <paramref name="Port"/> (null: its first listener); the connection becomes the current one.</summary>
public sealed record ConnectAction(int Line, ushort? Port) : PeerAction(Line, null)
{
    /// <inheritdoc/>
    public override string Verb => "connect";
}

/// <summary>The peer sends these bytes; the schedule may cut them into segments.</summary>
public sealed record SendAction(int Line, int? Connection, byte[] Bytes) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "send";
}

/// <summary>The peer sends one urgent (out-of-band) byte.</summary>
public sealed record SendUrgentAction(int Line, int? Connection, byte Value) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "sendUrgent";
}

/// <summary>The peer shuts down sending (FIN).</summary>
public sealed record ShutdownAction(int Line, int? Connection) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "shutdown";
}

/// <summary>The peer reads what it was sent and closes gracefully (FIN).</summary>
public sealed record CloseAction(int Line, int? Connection) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "close";
}

/// <summary>The peer closes abortively (RST).</summary>
public sealed record AbortAction(int Line, int? Connection) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "abort";
}

/// <summary>The peer reads <paramref name="Count"/> bytes (null: whatever has arrived, at least one).</summary>
public sealed record ReadAction(int Line, int? Connection, int? Count) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "read";
}

/// <summary>The peer reads exactly these bytes' length and checks them.</summary>
public sealed record ExpectAction(int Line, int? Connection, byte[] Bytes) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "expect";
}

/// <summary>The peer waits until the program has done something.</summary>
public sealed record WaitAction(int Line, int? Connection, PeerWaitCondition Until, long Count) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "wait";
}

/// <summary>The peer sends back everything the program sends, until the program shuts down or closes; then closes.</summary>
public sealed record EchoAction(int Line, int? Connection) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "echo";
}

/// <summary>The peer reads everything the program sends, until the program shuts down or closes; then closes.</summary>
public sealed record SinkAction(int Line, int? Connection) : PeerAction(Line, Connection)
{
    /// <inheritdoc/>
    public override string Verb => "sink";
}

/// <summary>A peer script: what the network does, in order.</summary>
/// <param name="Name">The script's name (its file name without the extension).</param>
/// <param name="Source">Where it was read from, for messages that point at a line.</param>
/// <param name="Description">What the script does, in one sentence, if its header says.</param>
/// <param name="AllowUnread">The script accepts that the program closes with unread data (the data-loss oracle is off).</param>
/// <param name="Actions">The peer's actions, in order.</param>
public sealed record PeerScript(string Name, string Source, string? Description, bool AllowUnread, IReadOnlyList<PeerAction> Actions)
{
    /// <summary>The ports the peer listens on (its accept actions; null: any port).</summary>
    public IEnumerable<ushort?> AcceptedPorts => Actions.OfType<AcceptAction>().Select(a => a.Port);

    /// <summary>The ports where the peer refuses connections (its refuse actions).</summary>
    public IEnumerable<ushort?> RefusedPorts => Actions.OfType<RefuseAction>().Select(a => a.Port);
}
