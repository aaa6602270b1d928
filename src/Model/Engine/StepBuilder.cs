namespace WinsockConformance.Model;

/// <summary>
/// The scratch space of one step. The model is pure: a step copies what it changes into this
/// builder and produces a new <see cref="ModelState"/>; the input state is never touched.
/// </summary>
/// <remarks>
/// Copy on write: the sockets, queue and event objects of the state before are shared until the
/// step first changes them, and whatever it never changes is shared with the new state too.
/// Sockets are numbered with the closed ones first (they never change, and their numbers stay put
/// when a step adds a socket), then the open ones from <see cref="FirstOpen"/>; a socket the step
/// closes stays at its number until <see cref="Build"/> moves it to the closed ones.
/// </remarks>
internal sealed class StepBuilder
{
    private readonly ModelState _before;

    /// <summary>Null until an open socket changes or one is added; then this step's own copy of the open sockets.</summary>
    private SocketState[]? _open;

    /// <summary>Bit k: the open socket at position k (of the first 64) was added or assigned by this step.</summary>
    private ulong _changedLow;

    /// <summary>The positions from 64 on of the open sockets this step added or assigned (rarely any), in the order first changed.</summary>
    private List<int>? _changedHigh;

    /// <summary>Whether this step closed a socket: only then must <see cref="Build"/> look for it among the open ones.</summary>
    private bool _closing;

    // Messages arrive one or two per step: arrays grown by exactly one beat a list copied at the end.
    private Notification[]? _queue;
    private Notification[]? _posted;
    private Notification[]? _delivered;
    private List<EventObjectState>? _eventObjects;

    /// <summary>A builder for one step from <paramref name="before"/> on socket number <paramref name="target"/>; it is used for that step only.</summary>
    public StepBuilder(ModelState before, int target)
    {
        _before = before;
        Target = target;
        FirstOpen = before.Closed.Count;
        FreeHandleSlots = before.FreeHandleSlots;
        NextHandleSlot = before.NextHandleSlot;
    }

    public Profile Profile => _before.Profile;

    public RuleSet Rules { get; private set; }

    /// <summary>The number of the socket the step's input names (for accept, the listener), as validation found it; -1 for socket() and message retrieval.</summary>
    public int Target { get; }

    public EquatableArray<int> FreeHandleSlots { get; set; }

    public int NextHandleSlot { get; set; }

    /// <summary>The number of the first open socket: the sockets closed before this step come first.</summary>
    public int FirstOpen { get; }

    /// <summary>Every socket, closed ones included: numbers run from 0 to this count.</summary>
    public int SocketCount => FirstOpen + Open().Length;

    public SocketState this[int index]
    {
        get => index < FirstOpen ? _before.Closed[index] : Open()[index - FirstOpen];
        set
        {
            if (ReferenceEquals(this[index], value))
            {
                return;
            }

            if (index < FirstOpen)
            {
                throw new InvalidOperationException($"socket {value.Ref} was closed before this step; a closed socket never changes");
            }

            _open ??= _before.Open.AsSpan().ToArray();
            _open[index - FirstOpen] = value;
            _closing |= !value.IsLive;
            MarkChanged(index);
        }
    }

    /// <summary>
    /// The numbers of the sockets this step added or assigned, in creation order: the only ones settling must look
    /// at, since every other socket is as the step that last changed it settled it (settling twice changes nothing).
    /// </summary>
    public ChangedSockets Changed()
    {
        _changedHigh?.Sort();
        return new ChangedSockets(FirstOpen, _changedLow, _changedHigh);
    }

    /// <summary>Names a rule the step followed (the observation's rule list); it changes nothing else.</summary>
    public void Cite(RuleId rule) => Rules = Rules.With(rule);

    /// <summary>Names a rule, if there is one.</summary>
    public void Cite(RuleId? rule)
    {
        if (rule is { } r)
        {
            Rules = Rules.With(r);
        }
    }

    /// <summary>Names the rule the profile's value of a switch stands for (<see cref="ProfileSwitches"/>), if any.</summary>
    public void Cite(ProfileSwitch profileSwitch) => Cite(profileSwitch.Rule(Profile));

    /// <summary>The number of the newest socket with this name (an open one if any: see <see cref="ModelState.Find"/>), or -1.</summary>
    public int IndexOf(string name)
    {
        var open = Open();
        for (var i = open.Length - 1; i >= 0; i--)
        {
            if (Names.Same(open[i].Ref.Name, name))
            {
                return FirstOpen + i;
            }
        }

        var closed = _before.Closed.AsSpan();
        for (var i = closed.Length - 1; i >= 0; i--)
        {
            if (Names.Same(closed[i].Ref.Name, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds a new socket (last in creation order) and returns its number.</summary>
    public int Add(SocketState socket)
    {
        var current = Open();
        var grown = new SocketState[current.Length + 1];
        current.CopyTo(grown);
        grown[^1] = socket with { Created = _before.CreatedCount + current.Length - _before.Open.Count };
        _open = grown;
        MarkChanged(FirstOpen + grown.Length - 1);
        return FirstOpen + grown.Length - 1;
    }

    public void Post(Notification message)
    {
        _queue = Append(Queue(), message);
        _posted = Append(_posted ?? [], message);
    }

    /// <summary>Removes and returns every queued message for the window, in posting order.</summary>
    public void Retrieve(string window)
    {
        var queue = Queue();
        var retrieved = 0;
        foreach (var m in queue)
        {
            retrieved += Names.Same(m.Window, window) ? 1 : 0;
        }

        if (retrieved == 0)
        {
            // Nothing for this window: the queue and what was delivered stay as they are.
            return;
        }

        var kept = new Notification[queue.Length - retrieved];
        var delivered = new Notification[(_delivered?.Length ?? 0) + retrieved];
        _delivered?.CopyTo(delivered, 0);
        var k = 0;
        var d = _delivered?.Length ?? 0;
        foreach (var m in queue)
        {
            if (Names.Same(m.Window, window))
            {
                delivered[d++] = m;
            }
            else
            {
                kept[k++] = m;
            }
        }

        _queue = kept;
        _delivered = delivered;
    }

    /// <summary>
    /// Takes the first queued message that passes <paramref name="filter"/> (removes it unless the filter says PM_NOREMOVE)
    /// and hands it to the application; false when none passes.
    /// </summary>
    public bool RetrieveFirst(GetMessageCall filter)
    {
        var queue = Queue();
        for (var i = 0; i < queue.Length; i++)
        {
            if (!filter.Passes(queue[i].Window, queue[i].Message))
            {
                continue;
            }

            _delivered = Append(_delivered ?? [], queue[i]);
            if (filter.Remove)
            {
                var kept = new Notification[queue.Length - 1];
                queue[..i].CopyTo(kept);
                queue[(i + 1)..].CopyTo(kept.AsSpan(i));
                _queue = kept;
            }

            return true;
        }

        return false;
    }

    public bool HasQueued(SocketRef socket)
    {
        foreach (var m in Queue())
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

    public StepResult Build(CallOutcome outcome)
    {
        var eventObjects = _eventObjects is null ? _before.EventObjects : new EquatableArray<EventObjectState>([.. _eventObjects]);
        var (open, closed) = SocketsAfter();
        var signaled = _eventObjects is null ? _before.Signaled : Signaled(eventObjects.AsSpan());
        var state = _before with
        {
            Open = open,
            Closed = closed,
            Queue = _queue is null ? _before.Queue : new EquatableArray<Notification>(_queue),
            EventObjects = eventObjects,
            Signaled = signaled,
            FreeHandleSlots = FreeHandleSlots,
            NextHandleSlot = NextHandleSlot,
            StepCount = _before.StepCount + 1,
        };
        var observation = new Observation
        {
            Return = outcome.Return,
            Error = outcome.Error,
            Value = outcome.Value,
            Posted = _posted is null ? default : new EquatableArray<Notification>(_posted),
            Delivered = _delivered is null ? default : new EquatableArray<Notification>(_delivered),
            Enumerated = outcome.Enumerated,
            Signaled = signaled,
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

    private void MarkChanged(int number)
    {
        var position = number - FirstOpen;
        if (position < 64)
        {
            _changedLow |= 1UL << position;
        }
        else if (!(_changedHigh ??= []).Contains(position))
        {
            _changedHigh.Add(position);
        }
    }

    /// <summary>The open sockets as they stand in this step, including any it closed (they move at <see cref="Build"/>).</summary>
    private ReadOnlySpan<SocketState> Open() => _open is null ? _before.Open.AsSpan() : _open;

    /// <summary>The new state's open and closed sockets: a socket this step closed moves from the one to the other.</summary>
    private (EquatableArray<SocketState> Open, EquatableArray<SocketState> Closed) SocketsAfter()
    {
        if (_open is null)
        {
            return (_before.Open, _before.Closed);
        }

        if (!_closing)
        {
            return (new EquatableArray<SocketState>(_open), _before.Closed);
        }

        var closing = 0;
        foreach (var s in _open)
        {
            closing += s.IsLive ? 0 : 1;
        }

        var open = new SocketState[_open.Length - closing];
        var closed = new SocketState[_before.Closed.Count + closing];
        _before.Closed.AsSpan().CopyTo(closed);
        var o = 0;
        var c = _before.Closed.Count;
        foreach (var s in _open)
        {
            if (s.IsLive)
            {
                open[o++] = s;
            }
            else
            {
                closed[c++] = s;
            }
        }

        return (new EquatableArray<SocketState>(open), new EquatableArray<SocketState>(closed));
    }

    /// <summary>The queue as it stands in this step (the state before's until something is posted or retrieved).</summary>
    private ReadOnlySpan<Notification> Queue() => _queue is null ? _before.Queue.AsSpan() : _queue;

    private static Notification[] Append(ReadOnlySpan<Notification> items, Notification item)
    {
        var grown = new Notification[items.Length + 1];
        items.CopyTo(grown);
        grown[^1] = item;
        return grown;
    }

    private ReadOnlySpan<EventObjectState> EventObjects() =>
        _eventObjects is null ? _before.EventObjects.AsSpan() : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_eventObjects);

    private int IndexOfEventObject(string name)
    {
        var eventObjects = EventObjects();
        for (var i = 0; i < eventObjects.Length; i++)
        {
            if (Names.Same(eventObjects[i].Name, name))
            {
                return i;
            }
        }

        return -1;
    }
}
