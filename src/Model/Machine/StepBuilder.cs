namespace WinsockConformance.Model;

/// <summary>
/// The scratch space of one step. The model is pure: a step copies what it changes into this
/// builder and produces a new <see cref="ModelState"/>; the input state is never touched.
/// </summary>
internal sealed class StepBuilder
{
    private readonly ModelState _before;
    private readonly List<SocketState> _sockets;
    private List<Notification>? _queue;
    private List<EventObjectState>? _eventObjects;
    private List<Notification>? _posted;
    private List<Notification>? _delivered;

    public StepBuilder(ModelState before)
    {
        _before = before;
        _sockets = new List<SocketState>(before.Sockets.Count + 1);
        _sockets.AddRange(before.Sockets);
        FreeHandleSlots = before.FreeHandleSlots;
        NextHandleSlot = before.NextHandleSlot;
    }

    public Profile Profile => _before.Profile;

    public int StepIndex => _before.StepCount;

    public RuleSet Rules { get; private set; }

    public EquatableArray<int> FreeHandleSlots { get; set; }

    public int NextHandleSlot { get; set; }

    public int SocketCount => _sockets.Count;

    public SocketState this[int index]
    {
        get => _sockets[index];
        set => _sockets[index] = value;
    }

    public void Apply(RuleId rule) => Rules = Rules.With(rule);

    public int IndexOf(string name)
    {
        for (var i = _sockets.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_sockets[i].Ref.Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public int Add(SocketState socket)
    {
        _sockets.Add(socket);
        return _sockets.Count - 1;
    }

    public void Post(Notification message)
    {
        _queue ??= [.. _before.Queue];
        _queue.Add(message);
        (_posted ??= []).Add(message);
    }

    /// <summary>Removes and returns every queued message for the window, in posting order.</summary>
    public void Retrieve(string window)
    {
        _queue ??= [.. _before.Queue];
        _delivered ??= [];
        _queue.RemoveAll(m =>
        {
            if (!string.Equals(m.Window, window, StringComparison.Ordinal))
            {
                return false;
            }

            _delivered.Add(m);
            return true;
        });
    }

    public bool HasQueued(SocketRef socket)
    {
        foreach (var m in (IEnumerable<Notification>?)_queue ?? _before.Queue)
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
        if (_eventObjects is null)
        {
            return _before.IsSignaled(eventObject);
        }

        return _eventObjects.Exists(e => e.Signaled && string.Equals(e.Name, eventObject, StringComparison.Ordinal));
    }

    public void SetSignaled(string eventObject, bool signaled)
    {
        _eventObjects ??= [.. _before.EventObjects];
        var index = _eventObjects.FindIndex(e => string.Equals(e.Name, eventObject, StringComparison.Ordinal));
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
        var signaled = new List<string>();
        foreach (var e in eventObjects)
        {
            if (e.Signaled)
            {
                signaled.Add(e.Name);
            }
        }

        var state = _before with
        {
            Sockets = new EquatableArray<SocketState>([.. _sockets]),
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
            Signaled = signaled.Count == 0 ? default : new EquatableArray<string>([.. signaled]),
            Rules = Rules,
        };
        return new StepResult(state, observation);
    }
}
