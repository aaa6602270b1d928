using WinsockConformance.Simulation.Core;

namespace WinsockConformance.Simulation.Windowing;

/// <summary>A window procedure, as a managed program registers it.</summary>
public delegate nint WindowProcedure(nint hwnd, uint message, nint wParam, nint lParam);

/// <summary>
/// The managed host: a simulated user32 for one thread. Windows with their procedures, one posted-message queue in
/// posting order, GetMessage / PeekMessage with the window and message-range filters, WM_QUIT after the queue
/// empties, DispatchMessage calling the procedure. It is the <see cref="ISimulationHost"/> the stack posts to.
/// </summary>
internal sealed class SimulatedUser32 : ISimulationHost
{
    public const uint WM_NULL = 0x0000;
    public const uint WM_QUIT = 0x0012;
    public const uint WM_USER = 0x0400;
    public const uint PM_NOREMOVE = 0x0000;
    public const uint PM_REMOVE = 0x0001;

    /// <summary>HWND_MESSAGE: the parent of a message-only window.</summary>
    public static readonly nint HWND_MESSAGE = -3;

    private const int WindowHandleBase = 0x100000;

    private readonly Dictionary<string, WindowProcedure> _classes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<nint, WindowProcedure> _windows = [];
    private readonly LinkedList<QueuedMessage> _queue = new();
    private readonly IQueueObserver _observer;
    private int _windowsCreated;
    private bool _quit;
    private int _quitCode;

    public SimulatedUser32(IQueueObserver observer) => _observer = observer;

    /// <summary>The driver whose waits GetMessage and WaitMessage block in (set once the run is assembled).</summary>
    public ISimulationDriver? Driver { get; set; }

    /// <summary>
    /// Called when the program takes (or, PM_NOREMOVE, looks at) a message the stack posted, with the filters it used, so the
    /// model retrieves it too (<see cref="SimulatedStack.Retrieved(PostedNotification, nint, uint, uint, bool)"/>).
    /// </summary>
    public Action<PostedNotification, RetrievalFilter>? RetrievedNotification { get; set; }

    public IEnumerable<QueuedMessage> Queued => _queue;

    public int Count => _queue.Count;

    // ---- windows ----------------------------------------------------------------------------------------------

    public bool RegisterClass(string className, WindowProcedure procedure)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(procedure);
        return _classes.TryAdd(className, procedure);
    }

    /// <summary>Creates a window of a registered class; 0 when the class is unknown.</summary>
    public nint CreateWindow(string className)
    {
        if (!_classes.TryGetValue(className, out var procedure))
        {
            return 0;
        }

        var hwnd = (nint)(WindowHandleBase + (0x10 * ++_windowsCreated));
        _windows[hwnd] = procedure;
        return hwnd;
    }

    public bool DestroyWindow(nint hwnd) => _windows.Remove(hwnd);

    public bool IsWindow(nint hwnd) => _windows.ContainsKey(hwnd);

    // ---- posting ----------------------------------------------------------------------------------------------

    public void Post(nint hwnd, uint message, nint wParam, nint lParam, PostedNotification origin) =>
        Enqueue(new QueuedMessage(hwnd, message, wParam, lParam, origin));

    public void EventChanged(nint hEvent, bool signaled)
    {
        // Event objects live in the stack's state; waits read them there.
    }

    /// <summary>PostMessage from the program: to one of its windows, or (hwnd 0) to the thread.</summary>
    public bool PostMessage(nint hwnd, uint message, nint wParam, nint lParam)
    {
        if (hwnd != 0 && !IsWindow(hwnd))
        {
            return false;
        }

        Enqueue(new QueuedMessage(hwnd, message, wParam, lParam, null));
        return true;
    }

    public void PostQuitMessage(int exitCode)
    {
        _quit = true;
        _quitCode = exitCode;
    }

    private void Enqueue(QueuedMessage message)
    {
        _queue.AddLast(message);
        var sameSocket = 0;
        if (message.Origin is { } origin)
        {
            foreach (var m in _queue)
            {
                sameSocket += m.Origin is { } o && o.Notification.Socket == origin.Notification.Socket ? 1 : 0;
            }
        }

        _observer.Posted(message, sameSocket);
    }

    // ---- retrieving -------------------------------------------------------------------------------------------

    /// <summary>
    /// GetMessage: the first queued message that passes the filters; WM_QUIT once the queue has none and
    /// PostQuitMessage was called (whatever the range, as user32 does). Blocks in the driver when there is nothing.
    /// Returns false for WM_QUIT.
    /// </summary>
    public bool GetMessage(out QueuedMessage message, nint hwndFilter, uint min, uint max)
    {
        while (true)
        {
            if (TryTake(hwndFilter, min, max, remove: true, "GetMessage", out message))
            {
                return message.Message != WM_QUIT;
            }

            var driver = Driver ?? throw new InvalidOperationException("the queue has no driver");
            driver.Wait(() => Find(hwndFilter, min, max) is not null || _quit, -1, "GetMessage");
        }
    }

    /// <summary>PeekMessage: like GetMessage without blocking; <paramref name="remove"/> is PM_REMOVE.</summary>
    public bool PeekMessage(out QueuedMessage message, nint hwndFilter, uint min, uint max, bool remove)
    {
        if (TryTake(hwndFilter, min, max, remove, "PeekMessage", out message))
        {
            return true;
        }

        _observer.FoundNothing("PeekMessage");
        return false;
    }

    /// <summary>WaitMessage: blocks until a message is queued.</summary>
    public void WaitMessage()
    {
        var driver = Driver ?? throw new InvalidOperationException("the queue has no driver");
        driver.Wait(() => _queue.Count > 0 || _quit, -1, "WaitMessage");
    }

    /// <summary>Whether a message passing these filters is queued (or WM_QUIT is due).</summary>
    public bool HasMessage(nint hwndFilter = 0, uint min = 0, uint max = 0) => Find(hwndFilter, min, max) is not null || _quit;

    private bool TryTake(nint hwndFilter, uint min, uint max, bool remove, string api, out QueuedMessage message)
    {
        var node = Find(hwndFilter, min, max);
        if (node is null)
        {
            if (_quit)
            {
                message = new QueuedMessage(0, WM_QUIT, _quitCode, 0, null);
                if (remove)
                {
                    _quit = false;
                }

                _observer.Retrieved(message, api);
                return true;
            }

            message = null!;
            return false;
        }

        message = node.Value;
        if (message.Origin is { } origin)
        {
            RetrievedNotification?.Invoke(origin, new RetrievalFilter(hwndFilter, min, max, remove));
        }

        if (remove)
        {
            _queue.Remove(node);
            _observer.Retrieved(message, api);
        }
        else if (message.Origin is not null)
        {
            _observer.Peeked(message, api);
        }

        return true;
    }

    /// <summary>
    /// A host that sees the program's real queue (the native shim) reports each retrieval by its values: the oldest
    /// queued message with exactly these values leaves this queue as it left the real one (a message the stack did not
    /// post, such as one the program posted itself, is reported as retrieved without an origin).
    /// </summary>
    public void Retrieved(nint hwnd, uint message, nint wParam, nint lParam, string api)
    {
        for (var node = _queue.First; node is not null; node = node.Next)
        {
            var m = node.Value;
            if (m.Hwnd == hwnd && m.Message == message && m.WParam == wParam && m.LParam == lParam)
            {
                _queue.Remove(node);
                if (m.Origin is { } origin)
                {
                    // The narrowest filter that takes it: its window and number (the first queued with both is it, the
                    // queues being in the same order).
                    RetrievedNotification?.Invoke(origin, new RetrievalFilter(hwnd, message, message, Remove: true));
                }

                _observer.Retrieved(m, api);
                return;
            }
        }

        _observer.Retrieved(new QueuedMessage(hwnd, message, wParam, lParam, null), api);
    }

    private LinkedListNode<QueuedMessage>? Find(nint hwndFilter, uint min, uint max)
    {
        for (var node = _queue.First; node is not null; node = node.Next)
        {
            var m = node.Value;
            var windowPasses = hwndFilter == 0 || (hwndFilter == -1 ? m.Hwnd == 0 : m.Hwnd == hwndFilter);
            var rangePasses = (min == 0 && max == 0) || (m.Message >= min && m.Message <= max);
            if (windowPasses && rangePasses)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>DispatchMessage: calls the window's procedure (nothing for thread messages or destroyed windows).</summary>
    public nint DispatchMessage(QueuedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _windows.TryGetValue(message.Hwnd, out var procedure) ? procedure(message.Hwnd, message.Message, message.WParam, message.LParam) : 0;
    }

    /// <summary>SendMessage: calls the procedure at once, bypassing the queue.</summary>
    public nint SendMessage(nint hwnd, uint message, nint wParam, nint lParam) =>
        _windows.TryGetValue(hwnd, out var procedure) ? procedure(hwnd, message, wParam, lParam) : 0;
}
