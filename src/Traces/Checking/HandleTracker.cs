using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// The handle values a trace records (version 2: a new socket's <c>handle</c>, a message's <c>@wParam</c>), judged
/// against the model's prediction of which values are equal: the model gives every socket a handle ordinal
/// (<see cref="SocketState.HandleSlot"/>), reused in the profile's order (X4 last freed first; WINE-32 lowest free), so
/// two sockets have the same value exactly when they have the same ordinal. The values themselves are the stack's.
/// </summary>
internal sealed class HandleTracker
{
    /// <summary>Per handle ordinal, the value recorded for it and the socket it was recorded for.</summary>
    private readonly Dictionary<int, (long Value, SocketRef Owner)> _bySlot = [];

    /// <summary>Per value recorded, the ordinal it belongs to.</summary>
    private readonly Dictionary<long, (int Slot, SocketRef Owner)> _byValue = [];

    /// <summary>The value of a socket, as recorded for it or for an earlier socket with the same ordinal; null when none was.</summary>
    public long? ValueOf(ModelState state, SocketRef socket) =>
        Find(state, socket) is { } s && _bySlot.TryGetValue(s.HandleSlot, out var known) ? known.Value : null;

    /// <summary>
    /// A step that created a socket recorded its value: it must be the value of the ordinal the model gave it, if one was
    /// recorded, and no other ordinal's. Null when it agrees (the value is then known for the ordinal).
    /// </summary>
    public HandleDifference? Created(SocketState created, long value, RuleSet rules, ModelState before)
    {
        var expected = _bySlot.TryGetValue(created.HandleSlot, out var known) ? known : ((long Value, SocketRef Owner)?)null;
        var taken = _byValue.TryGetValue(value, out var owner) ? owner : ((int Slot, SocketRef Owner)?)null;
        if (expected is { } e && e.Value != value)
        {
            return new HandleDifference(created.Ref, false, e.Value, e.Owner, value, taken?.Owner) { Rules = rules, Before = before };
        }

        if (taken is { } t && t.Slot != created.HandleSlot)
        {
            return new HandleDifference(created.Ref, false, null, null, value, t.Owner) { Rules = rules, Before = before };
        }

        _bySlot[created.HandleSlot] = (value, created.Ref);
        _byValue[value] = (created.HandleSlot, created.Ref);
        return null;
    }

    /// <summary>A message names <paramref name="socket"/> and carries <paramref name="wParam"/>: it must be that socket's value, if it is known.</summary>
    public HandleDifference? Message(ModelState state, SocketRef socket, long wParam, RuleSet rules, ModelState before)
    {
        if (Find(state, socket) is not { } s || !_bySlot.TryGetValue(s.HandleSlot, out var known) || known.Value == wParam)
        {
            return null;
        }

        var other = _byValue.TryGetValue(wParam, out var owner) ? owner.Owner : (SocketRef?)null;
        return new HandleDifference(socket, true, known.Value, known.Owner, wParam, other) { Rules = rules, Before = before };
    }

    private static SocketState? Find(ModelState state, SocketRef socket)
    {
        foreach (var s in state.Open)
        {
            if (s.Ref == socket)
            {
                return s;
            }
        }

        foreach (var s in state.Closed)
        {
            if (s.Ref == socket)
            {
                return s;
            }
        }

        return null;
    }
}
