namespace WinsockConformance.Model;

/// <summary>One message as WSAAsyncSelect posts it: window, message number, wParam (the socket), event bit, error word.</summary>
public readonly record struct Notification(string Window, int Message, SocketRef Socket, NetworkEvents Event, WsaError Error)
{
    public override string ToString() =>
        $"{Window}/{Message} {Socket} {Event.NativeName()}" + (Error == WsaError.None ? string.Empty : " " + Error.NativeName());
}

/// <summary>A WSA event object (manual reset, as WSACreateEvent makes it).</summary>
public readonly record struct EventObjectState(string Name, bool Signaled);

/// <summary>The whole model state: sockets in creation order, the posted-message queue, event objects.</summary>
public sealed record ModelState
{
    public required Profile Profile { get; init; }

    /// <summary>Every socket ever created, in creation order (closed ones stay, so stale messages can name them).</summary>
    public EquatableArray<SocketState> Sockets { get; init; }

    /// <summary>Messages posted and not yet retrieved, in posting order, for every window.</summary>
    public EquatableArray<Notification> Queue { get; init; }

    public EquatableArray<EventObjectState> EventObjects { get; init; }

    /// <summary>Handle ordinals freed by closesocket, most recently freed last.</summary>
    public EquatableArray<int> FreeHandleSlots { get; init; }

    public int NextHandleSlot { get; init; } = 1;

    /// <summary>How many steps have been applied.</summary>
    public int StepCount { get; init; }

    public static ModelState Initial(Profile profile) => new() { Profile = profile };

    /// <summary>The index of the newest socket with this name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = Sockets.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Sockets[i].Ref.Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public SocketState? Find(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : Sockets[index];
    }

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
}
