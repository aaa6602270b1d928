namespace WinsockConformance.Model;

/// <summary>One message as WSAAsyncSelect posts it: window, message number, wParam (the socket), event bit, error word.</summary>
public readonly record struct Notification(string Window, int Message, SocketRef Socket, NetworkEvents Event, WsaError Error)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Window}/{Message} {Socket} {Event.NativeName()}" + (Error == WsaError.None ? string.Empty : " " + Error.NativeName());
}

/// <summary>A WSA event object (manual reset, as WSACreateEvent makes it).</summary>
public readonly record struct EventObjectState(string Name, bool Signaled);

/// <summary>The whole model state: the sockets, the posted-message queue, event objects.</summary>
/// <remarks>
/// Open and closed sockets are kept apart because a step reads and changes only open ones, while a
/// state keeps every socket ever created (stale messages name closed ones): a step that changes a
/// socket copies the few open ones, not the whole history (docs/benchmarks.md).
/// </remarks>
public sealed record ModelState
{
    /// <summary>The profile every step from this state follows (Windows, a Wine version, or the documentation).</summary>
    public required Profile Profile { get; init; }

    /// <summary>The sockets not closed, in creation order.</summary>
    public EquatableArray<SocketState> Open { get; init; }

    /// <summary>The closed sockets, in the order they were closed. A closed socket never changes again.</summary>
    public EquatableArray<SocketState> Closed { get; init; }

    /// <summary>Messages posted and not yet retrieved, in posting order, for every window.</summary>
    public EquatableArray<Notification> Queue { get; init; }

    /// <summary>The WSA event objects the scenario has named, with whether each is signaled.</summary>
    public EquatableArray<EventObjectState> EventObjects { get; init; }

    /// <summary>
    /// The names of the signaled <see cref="EventObjects"/>, in their order: derived from them, and kept so that a step
    /// which changes no event object hands the same names to its observation instead of listing them again.
    /// </summary>
    internal EquatableArray<string> Signaled { get; init; }

    /// <summary>Handle ordinals freed by closesocket, most recently freed last.</summary>
    public EquatableArray<int> FreeHandleSlots { get; init; }

    /// <summary>The handle ordinal the next socket takes when no freed one is reused (handle values follow ordinals).</summary>
    public int NextHandleSlot { get; init; } = 1;

    /// <summary>
    /// Whether the peer has closed a socket of its own (peer.close, peer.abort): the probe's peer sockets share the
    /// process's handle table with the sockets under test, so that freed a handle value the model does not place, and
    /// from then on which value a new socket takes is unknown (H-6; seed 77 #112).
    /// </summary>
    public bool PeerFreedHandle { get; init; }

    /// <summary>How many steps have been applied.</summary>
    public int StepCount { get; init; }

    /// <summary>How many sockets have been created, open or closed.</summary>
    public int CreatedCount => Open.Count + Closed.Count;

    /// <summary>Every socket ever created, open or closed, in creation order. Builds a new list: for reports and generators, not for steps.</summary>
    public IReadOnlyList<SocketState> AllSockets
    {
        get
        {
            var all = new SocketState[CreatedCount];
            Open.AsSpan().CopyTo(all);
            Closed.AsSpan().CopyTo(all.AsSpan(Open.Count));
            Array.Sort(all, static (x, y) => x.Created.CompareTo(y.Created));
            return all;
        }
    }

    /// <summary>The state before any step: no sockets, no messages, no event objects.</summary>
    public static ModelState Initial(Profile profile) => new() { Profile = profile };

    /// <summary>
    /// The newest socket with this name (the one a call names), open or closed, or null. A name is
    /// only given again once its socket is closed, so an open one is always the newest.
    /// </summary>
    public SocketState? Find(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : At(index);
    }

    /// <summary>The socket with this number, as <see cref="IndexOf"/> numbers them.</summary>
    internal SocketState At(int index) => index < Closed.Count ? Closed[index] : Open[index - Closed.Count];

    /// <summary>
    /// The number of <see cref="Find"/>'s socket as a step numbers them (closed ones first, then the open ones:
    /// <see cref="StepBuilder"/>), or -1. Validation finds it once and hands it to the step, which would otherwise
    /// look it up again: each lookup was about a tenth of a step (docs/benchmarks.md, third round).
    /// </summary>
    internal int IndexOf(string name)
    {
        var open = LastNamed(Open.AsSpan(), name);
        return open >= 0 ? Closed.Count + open : LastNamed(Closed.AsSpan(), name);
    }

    /// <summary>Whether the named event object is signaled (false for one never named).</summary>
    public bool IsSignaled(string eventObject)
    {
        foreach (var e in EventObjects)
        {
            if (string.Equals(e.Name, eventObject, StringComparison.Ordinal))
            {
                return e.Signaled;
            }
        }

        return false;
    }

    /// <summary>The position of the last socket with this name, or -1 (closed sockets are in closing order, so that is the newest generation too).</summary>
    private static int LastNamed(ReadOnlySpan<SocketState> sockets, string name)
    {
        for (var i = sockets.Length - 1; i >= 0; i--)
        {
            if (Names.Same(sockets[i].Ref.Name, name))
            {
                return i;
            }
        }

        return -1;
    }
}
