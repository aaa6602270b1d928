using System.Globalization;
using WinsockConformance.Model;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Core;

/// <summary>
/// The notification calls (WSAAsyncSelect, WSAEventSelect, WSAEnumNetworkEvents), the event objects, and the two
/// readiness waits (select, WSAWaitForMultipleEvents). Event objects live in the model's state from WSACreateEvent
/// on, so a WSASetEvent or WSAResetEvent the program makes and a signal the model makes act on one state.
/// </summary>
internal sealed partial class SimulatedStack
{
    public int WSAAsyncSelect(nint s, nint hwnd, uint message, int events)
    {
        var call = $"WSAAsyncSelect({Hex(s)}, {Hex(hwnd)}, 0x{message:X}, 0x{events:X})";
        if (!Start(nameof(WSAAsyncSelect), call, s, out var socket, out var early))
        {
            return early;
        }

        if ((events & ~FD_ALL_EVENTS) != 0)
        {
            return Fail(call, WSAEINVAL);
        }

        if (events != 0 && !_host.IsWindow(hwnd))
        {
            throw new UnsupportedCallException(call, "the window is not one the program created; what Windows does then is not simulated");
        }

        return Result(call, Step(new AsyncSelectCall(socket.Name, WindowName(hwnd), (int)message, (NetworkEvents)events)));
    }

    private string WindowName(nint hwnd)
    {
        if (!_windowNames.TryGetValue(hwnd, out var name))
        {
            name = "w" + hwnd.ToString("X", CultureInfo.InvariantCulture);
            _windowNames[hwnd] = name;
            _windowsByName[name] = hwnd;
        }

        return name;
    }

    public int WSAEventSelect(nint s, nint hEvent, int events)
    {
        var call = $"WSAEventSelect({Hex(s)}, {Hex(hEvent)}, 0x{events:X})";
        if (!Start(nameof(WSAEventSelect), call, s, out var socket, out var early))
        {
            return early;
        }

        if ((events & ~FD_ALL_EVENTS) != 0 || (events != 0 && !IsEvent(hEvent)))
        {
            return Fail(call, WSAEINVAL);
        }

        if (!IsEvent(hEvent))
        {
            // WSAEventSelect(s, NULL, 0) cancels; the model needs an event object, so a private one nobody waits on stands in.
            return Result(call, Step(new EventSelectCall(socket.Name, "e0", NetworkEvents.None)));
        }

        return Result(call, Step(new EventSelectCall(socket.Name, _events[hEvent], (NetworkEvents)events)));
    }

    /// <summary>WSAEnumNetworkEvents: the reported bits, and into <paramref name="errors"/> (FD_MAX_EVENTS entries, by bit number) each bit's error.</summary>
    public int WSAEnumNetworkEvents(nint s, nint hEvent, out int events, Span<int> errors)
    {
        events = 0;
        var call = $"WSAEnumNetworkEvents({Hex(s)}, {Hex(hEvent)})";
        if (!Start(nameof(WSAEnumNetworkEvents), call, s, out var socket, out var early))
        {
            return early;
        }

        if (hEvent != 0 && !IsEvent(hEvent))
        {
            return Fail(call, WSA_INVALID_HANDLE);
        }

        if (errors.Length < FD_MAX_EVENTS)
        {
            return Fail(call, WSAEFAULT);
        }

        var o = Step(new EnumNetworkEventsCall(socket.Name, hEvent == 0 ? null : _events[hEvent]));
        if (o.Enumerated is { } enumerated)
        {
            events = (int)enumerated.Events;
            foreach (var e in enumerated.Errors)
            {
                errors[System.Numerics.BitOperations.TrailingZeroCount((int)e.Bit)] = (int)e.Error;
            }
        }

        return Result(call, o);
    }

    /// <summary>
    /// WSACreateEvent: a manual-reset event object, not signaled. <paramref name="adopt"/>: a host that creates real
    /// event objects (the native shim) passes the handle it made, and the stack uses that value; else the stack
    /// numbers its own.
    /// </summary>
    public nint WSACreateEvent(nint adopt = 0)
    {
        if (!Enter(nameof(WSACreateEvent), needsStartup: false))
        {
            return WSA_INVALID_EVENT;
        }

        ++_eventsCreated;
        var handle = adopt != 0 ? adopt : (nint)(EventHandleBase + (4 * _eventsCreated));
        if (_events.ContainsKey(handle) && !_closedEvents.Remove(handle))
        {
            throw new SimulatorBugException($"event handle {Hex(handle)} is already in use");
        }

        var name = "e" + handle.ToString("X", CultureInfo.InvariantCulture);
        _events[handle] = name;
        SetModelEvent(name, false);
        _observer.Returned($"WSACreateEvent() = {Hex(handle)}", handle, 0);
        return handle;
    }

    public bool WSACloseEvent(nint hEvent) => EventCall(nameof(WSACloseEvent), hEvent, () => _closedEvents.Add(hEvent));

    public bool WSASetEvent(nint hEvent) => EventCall(nameof(WSASetEvent), hEvent, () => SetEvent(hEvent, true));

    public bool WSAResetEvent(nint hEvent) => EventCall(nameof(WSAResetEvent), hEvent, () => SetEvent(hEvent, false));

    private bool EventCall(string api, nint hEvent, Action action)
    {
        var call = $"{api}({Hex(hEvent)})";
        Enter(api, needsStartup: false);
        if (!IsEvent(hEvent))
        {
            Fail(call, WSA_INVALID_HANDLE);
            return false;
        }

        action();
        Succeed(call, 1);
        return true;
    }

    private bool IsEvent(nint hEvent) => _events.ContainsKey(hEvent) && !_closedEvents.Contains(hEvent);

    public bool IsSignaled(nint hEvent) => _events.TryGetValue(hEvent, out var name) && _state.IsSignaled(name);

    /// <summary>
    /// The program set or reset an event object itself (WSASetEvent, WSAResetEvent): the model's event objects then hold
    /// what no model input did, so a trace of the run cannot claim to observe which are signaled.
    /// </summary>
    public bool EventObjectsSetByProgram { get; private set; }

    private void SetEvent(nint hEvent, bool signaled)
    {
        EventObjectsSetByProgram = true;
        SetModelEvent(_events[hEvent], signaled);
        _host.EventChanged(hEvent, signaled);
    }

    /// <summary>Writes an event object's state into the model's state (sorted by name, as the model keeps them).</summary>
    private void SetModelEvent(string name, bool signaled)
    {
        var objects = _state.EventObjects.Where(e => !string.Equals(e.Name, name, StringComparison.Ordinal))
            .Append(new EventObjectState(name, signaled))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToArray();
        _state = _state with { EventObjects = new EquatableArray<EventObjectState>(objects) };
        _signaled = new EquatableArray<string>([.. objects.Where(e => e.Signaled).Select(e => e.Name)]);
    }

    /// <summary>
    /// WSAWaitForMultipleEvents: WSA_WAIT_EVENT_0 + the first signaled index (all of them when <paramref name="waitAll"/>),
    /// or WSA_WAIT_TIMEOUT. The events are manual-reset: waiting does not reset them.
    /// </summary>
    public int WSAWaitForMultipleEvents(ReadOnlySpan<nint> events, bool waitAll, int timeoutMs)
    {
        var call = $"WSAWaitForMultipleEvents({events.Length}, {waitAll}, {timeoutMs})";
        Enter(nameof(WSAWaitForMultipleEvents), needsStartup: false);
        if (events.Length is 0 or > WSA_MAXIMUM_WAIT_EVENTS)
        {
            Fail(call, WSA_INVALID_PARAMETER);
            return WSA_WAIT_FAILED;
        }

        var handles = events.ToArray();
        foreach (var h in handles)
        {
            if (!IsEvent(h))
            {
                Fail(call, WSA_INVALID_HANDLE);
                return WSA_WAIT_FAILED;
            }
        }

        int Ready()
        {
            if (waitAll)
            {
                return handles.All(IsSignaled) ? 0 : -1;
            }

            return Array.FindIndex(handles, IsSignaled);
        }

        if (Ready() < 0 && timeoutMs == 0)
        {
            _driver.Polled(nameof(WSAWaitForMultipleEvents));
        }

        if (Ready() < 0 && (timeoutMs == 0 || !_driver.Wait(() => Ready() >= 0, timeoutMs, nameof(WSAWaitForMultipleEvents))))
        {
            _observer.Returned(call, WSA_WAIT_TIMEOUT, 0);
            return WSA_WAIT_TIMEOUT;
        }

        var index = Ready();
        _observer.Returned(call, WSA_WAIT_EVENT_0 + index, 0);
        return WSA_WAIT_EVENT_0 + index;
    }

    /// <summary>
    /// select: readiness from the model's levels (<see cref="Readiness"/>); select itself re-enables nothing. The three
    /// lists are rewritten to the ready handles; returns their total, 0 on timeout (<paramref name="timeoutMs"/> -1 waits forever).
    /// </summary>
    public int select(List<nint>? read, List<nint>? write, List<nint>? except, int timeoutMs)
    {
        var call = $"select({read?.Count ?? 0}, {write?.Count ?? 0}, {except?.Count ?? 0}, {timeoutMs})";
        if (!Enter(nameof(select)))
        {
            return Fail(call, WSANOTINITIALISED);
        }

        var total = (read?.Count ?? 0) + (write?.Count ?? 0) + (except?.Count ?? 0);
        if (total == 0)
        {
            return Fail(call, WSAEINVAL);
        }

        foreach (var h in (read ?? []).Concat(write ?? []).Concat(except ?? []))
        {
            if (Use(nameof(select), h) is null)
            {
                return Fail(call, WSAENOTSOCK);
            }
        }

        int Count() => Ready(read, Readiness.Readable) + Ready(write, Readiness.Writable) + Ready(except, Readiness.Exceptional);
        if (Count() == 0 && timeoutMs != 0)
        {
            _driver.Wait(() => Count() > 0, timeoutMs, nameof(select));
        }
        else if (Count() == 0)
        {
            _driver.Polled(nameof(select));
        }

        var ready = Keep(read, Readiness.Readable) + Keep(write, Readiness.Writable) + Keep(except, Readiness.Exceptional);
        return Succeed(call, ready);
    }

    private int Ready(List<nint>? handles, Func<SocketState, Profile, bool> test) =>
        handles?.Count(h => _live.TryGetValue(h, out var s) && test(ModelSocket(s), Profile)) ?? 0;

    private int Keep(List<nint>? handles, Func<SocketState, Profile, bool> test)
    {
        handles?.RemoveAll(h => !_live.TryGetValue(h, out var s) || !test(ModelSocket(s), Profile));
        return handles?.Count ?? 0;
    }
}
