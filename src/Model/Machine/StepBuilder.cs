namespace WinsockConformance.Model;

/// <summary>
/// The scratch space of one step. The model is pure: a step copies what it changes into this
/// builder and produces a new <see cref="ModelState"/>; the input state is never touched.
/// </summary>
/// <remarks>
/// Copy on write: the sockets, queue and event objects of the state before are shared until the
/// step first changes them, and whatever it never changes is shared with the new state too.
/// A state keeps every socket ever created, so copying the sockets up front on every step would
/// make a step's cost grow with the scenario's history (docs/benchmarks.md).
/// </remarks>
internal sealed class StepBuilder
{
    private readonly ModelState _before;

    /// <summary>Null until a socket changes or is added; then the new state's own array.</summary>
    private SocketState[]? _sockets;
    private List<Notification>? _queue;
    private List<EventObjectState>? _eventObjects;
    private List<Notification>? _posted;
    private List<Notification>? _delivered;

    public StepBuilder(ModelState before)
    {
        _before = before;
        FreeHandleSlots = before.FreeHandleSlots;
        NextHandleSlot = before.NextHandleSlot;
    }

    public Profile Profile => _before.Profile;

    public int StepIndex => _before.StepCount;

    public RuleSet Rules { get; private set; }

    public EquatableArray<int> FreeHandleSlots { get; set; }

    public int NextHandleSlot { get; set; }

    public int SocketCount => _sockets?.Length ?? _before.Sockets.Count;

    public SocketState this[int index]
    {
        get => _sockets is null ? _before.Sockets[index] : _sockets[index];
        set
        {
            if (ReferenceEquals(this[index], value))
            {
                return;
            }

            _sockets ??= _before.Sockets.AsSpan().ToArray();
            _sockets[index] = value;
        }
    }

    public void Apply(RuleId rule) => Rules = Rules.With(rule);

    public int IndexOf(string name)
    {
        for (var i = SocketCount - 1; i >= 0; i--)
        {
            if (string.Equals(this[i].Ref.Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public int Add(SocketState socket)
    {
        var current = _sockets ?? _before.Sockets.AsSpan();
        var grown = new SocketState[current.Length + 1];
        current.CopyTo(grown);
        grown[^1] = socket;
        _sockets = grown;
        return grown.Length - 1;
    }

    public void Post(Notification message)
    {
        Queue().Add(message);
        (_posted ??= []).Add(message);
    }

    /// <summary>Removes and returns every queued message for the window, in posting order.</summary>
    public void Retrieve(string window)
    {
        var queue = Queue();
        _delivered ??= [];
        var kept = 0;
        for (var i = 0; i < queue.Count; i++)
        {
            var m = queue[i];
            if (string.Equals(m.Window, window, StringComparison.Ordinal))
            {
                _delivered.Add(m);
            }
            else
            {
                queue[kept++] = m;
            }
        }

        queue.RemoveRange(kept, queue.Count - kept);
    }

    public bool HasQueued(SocketRef socket)
    {
        var queue = _queue is null ? _before.Queue.AsSpan() : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_queue);
        foreach (var m in queue)
        {
            if (m.Socket == socket)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSignaled(string eventObject)
    {
        var index = IndexOfEventObject(eventObject);
        return index >= 0 && EventObjects()[index].Signaled;
    }

    public void SetSignaled(string eventObject, bool signaled)
    {
        var index = IndexOfEventObject(eventObject);
        if (index >= 0 && EventObjects()[index].Signaled == signaled)
        {
            return;
        }

        if (_eventObjects is null)
        {
            _eventObjects = new List<EventObjectState>(_before.EventObjects.Count + 1);
            _eventObjects.AddRange(_before.EventObjects.AsSpan());
        }

        if (index < 0)
        {
            _eventObjects.Add(new EventObjectState(eventObject, signaled));
            _eventObjects.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
        else
        {
            _eventObjects[index] = new EventObjectState(eventObject, signaled);
        }
    }

    public StepResult Build(long ret, WsaError error, long? value, EnumeratedEvents? enumerated)
    {
        var eventObjects = _eventObjects is null ? _before.EventObjects : new EquatableArray<EventObjectState>([.. _eventObjects]);
        var state = _before with
        {
            Sockets = _sockets is null ? _before.Sockets : new EquatableArray<SocketState>(_sockets),
            Queue = _queue is null ? _before.Queue : new EquatableArray<Notification>([.. _queue]),
            EventObjects = eventObjects,
            FreeHandleSlots = FreeHandleSlots,
            NextHandleSlot = NextHandleSlot,
            StepCount = _before.StepCount + 1,
        };
        var observation = new Observation
        {
            Return = ret,
            Error = error,
            Value = value,
            Posted = _posted is null ? default : new EquatableArray<Notification>([.. _posted]),
            Delivered = _delivered is null ? default : new EquatableArray<Notification>([.. _delivered]),
            Enumerated = enumerated,
            Signaled = Signaled(eventObjects.AsSpan()),
            Rules = Rules,
        };
        return new StepResult(state, observation);
    }

    /// <summary>The names of the signaled event objects, in the (sorted) order the state keeps them.</summary>
    private static EquatableArray<string> Signaled(ReadOnlySpan<EventObjectState> eventObjects)
    {
        var count = 0;
        foreach (var e in eventObjects)
        {
            count += e.Signaled ? 1 : 0;
        }

        if (count == 0)
        {
            return default;
        }

        var names = new string[count];
        var next = 0;
        foreach (var e in eventObjects)
        {
            if (e.Signaled)
            {
                names[next++] = e.Name;
            }
        }

        return new EquatableArray<string>(names);
    }

    private List<Notification> Queue()
    {
        if (_queue is null)
        {
            _queue = new List<Notification>(_before.Queue.Count + 4);
            _queue.AddRange(_before.Queue.AsSpan());
        }

        return _queue;
    }

    private ReadOnlySpan<EventObjectState> EventObjects() =>
        _eventObjects is null ? _before.EventObjects.AsSpan() : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_eventObjects);

    private int IndexOfEventObject(string name)
    {
        var eventObjects = EventObjects();
        for (var i = 0; i < eventObjects.Length; i++)
        {
            if (string.Equals(eventObjects[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
