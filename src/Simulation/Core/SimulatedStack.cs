using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WinsockConformance.Model;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Core;

/// <summary>
/// The simulated Winsock: answers a program's calls as the chosen profile does. Each call becomes a model input
/// (<see cref="WinsockModel.Step"/>); the observation becomes the call's result, WSAGetLastError, the bytes copied,
/// and the messages and event signals handed to the <see cref="ISimulationHost"/>. What the model has no input for
/// (addresses, buffer sizes, byte order, names, last error) is answered beside it, in <c>SimulatedStack.Beside.cs</c>.
/// Calls take plain values (handles as integers, buffers as spans) so a C ABI shim can forward to it one to one.
/// </summary>
/// <remarks>One stack per run, used from one thread. Not thread-safe.</remarks>
internal sealed partial class SimulatedStack
{
    /// <summary>Socket handle values are multiples of 4 from here, like kernel handles: the model's handle ordinal n is 0x100 + 4n.</summary>
    public const int SocketHandleBase = 0x100;

    /// <summary>Event object handles live apart from sockets (the model predicts socket reuse only).</summary>
    public const int EventHandleBase = 0x10000;

    /// <summary>SO_SNDBUF and SO_RCVBUF before the program sets them (Windows' default for TCP is 64 KiB).</summary>
    public const int DefaultBufferSize = 65536;

    private readonly ISimulationHost _host;
    private readonly ISimulationDriver _driver;
    private readonly ISimulationObserver _observer;
    private readonly Dictionary<nint, SimSocket> _live = [];
    private readonly Dictionary<nint, SimSocket> _closed = [];
    private readonly Dictionary<SocketRef, SimSocket> _byRef = [];
    private readonly Dictionary<string, nint> _windowsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<nint, string> _windowNames = [];
    private readonly Dictionary<nint, string> _events = [];
    private readonly HashSet<nint> _closedEvents = [];
    private readonly List<PostedNotification> _posted = [];
    private ModelState _state;
    private EquatableArray<string> _signaled;
    private int _created;
    private int _eventsCreated;
    private ushort _nextEphemeralPort = 49152;
    private int _startups;
    private int _lastError;

    public SimulatedStack(Profile profile, ISimulationHost host, ISimulationDriver driver, ISimulationObserver observer)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _state = ModelState.Initial(profile);
        _host = host;
        _driver = driver;
        _observer = observer;
    }

    public Profile Profile => _state.Profile;

    /// <summary>The model's state now.</summary>
    public ModelState State => _state;

    /// <summary>The most bytes in flight to the peer on one connection (the network's window; the schedule may choose a small one).</summary>
    public int NetworkWindow { get; init; } = DefaultBufferSize;

    /// <summary>Every socket the program holds open, in creation order.</summary>
    public IEnumerable<SimSocket> LiveSockets => _live.Values.OrderBy(s => s.Ref.Generation).ThenBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal);

    /// <summary>The socket the model knows by <paramref name="reference"/>, open or closed.</summary>
    public SimSocket SocketOf(SocketRef reference) => _byRef[reference];

    /// <summary>The model's view of a socket (open or closed).</summary>
    public SocketState ModelSocket(SimSocket socket) =>
        _state.Find(socket.Name) ?? throw new SimulatorBugException($"the model has no socket '{socket.Name}'");

    /// <summary>The live socket with this handle value, or null.</summary>
    public SimSocket? Live(nint handle) => _live.GetValueOrDefault(handle);

    /// <summary>The socket most recently closed with this handle value, or null.</summary>
    public SimSocket? LastClosed(nint handle) => _closed.GetValueOrDefault(handle);

    // ---- the model ------------------------------------------------------------------------------------------

    /// <summary>Applies one input to the model, hands its messages and event signals to the host, and reports the step.</summary>
    private Observation Step(Input input)
    {
        var result = WinsockModel.Step(_state, input);
        _state = result.State;
        var observation = result.Observation;
        _posted.Clear();
        var step = _observer.NextEvent;
        foreach (var n in observation.Posted)
        {
            var origin = new PostedNotification(n, step, observation.Rules);
            _posted.Add(origin);
        }

        _observer.Stepped(input, observation, _posted);
        foreach (var origin in _posted)
        {
            var n = origin.Notification;
            var hwnd = _windowsByName[n.Window];
            var socket = _byRef[n.Socket];
            _host.Post(hwnd, (uint)n.Message, socket.Handle, WSAMAKESELECTREPLY((int)n.Event, (int)n.Error), origin);
        }

        SyncSignaled(observation.Signaled);
        return observation;
    }

    /// <summary>Tells the host about every event object whose state the step changed.</summary>
    private void SyncSignaled(EquatableArray<string> signaled)
    {
        if (signaled == _signaled)
        {
            return;
        }

        foreach (var (handle, name) in _events)
        {
            var now = signaled.AsSpan().Contains(name);
            if (now != _signaled.AsSpan().Contains(name))
            {
                _host.EventChanged(handle, now);
            }
        }

        _signaled = signaled;
    }

    /// <summary>
    /// The program took (or, with PM_NOREMOVE, looked at) a socket notification with these filters: the model retrieves it
    /// through its own input (<see cref="GetMessageCall"/>, rule F4), so what the model says is still queued (rule F1 at
    /// closesocket) is what really is, and a run's trace holds the retrieval as a step. The model must take the same
    /// message the queue gave: posted in the same order and retrieved the same way, it always does.
    /// </summary>
    public void Retrieved(PostedNotification origin, nint hwndFilter, uint min, uint max, bool remove)
    {
        var window = hwndFilter switch
        {
            0 => null,
            _ when _windowNames.TryGetValue(hwndFilter, out var name) => name,
            _ => throw new SimulatorBugException($"the program retrieved {origin.Notification} through window filter {Hex(hwndFilter)}, which no registration names"),
        };
        var input = min == 0 && max == 0
            ? new GetMessageCall(window, Remove: remove)
            : new GetMessageCall(window, (int)Math.Min(min, int.MaxValue), (int)Math.Min(max, int.MaxValue), remove);
        var o = Step(input);
        if (o.Delivered.Count != 1 || o.Delivered[0] != origin.Notification)
        {
            throw new SimulatorBugException($"the program retrieved {origin.Notification}, but the model's queue gives [{string.Join(", ", o.Delivered)}] for {Operations(input)}");
        }
    }

    /// <summary>The program took this notification (a host that knows no filters): the first queued for its window and number is it.</summary>
    public void Retrieved(PostedNotification origin) =>
        Retrieved(origin, _windowsByName[origin.Notification.Window], (uint)origin.Notification.Message, (uint)origin.Notification.Message, remove: true);

    /// <summary>
    /// The program retrieved the message with these values (a host that sees only the values, like the native shim,
    /// reports it so): the oldest queued notification that matches them is the one the model retrieves.
    /// </summary>
    public void Retrieved(nint hwnd, uint message, nint wParam, nint lParam)
    {
        if (!_windowNames.TryGetValue(hwnd, out var window))
        {
            return;
        }

        foreach (var n in _state.Queue.AsSpan())
        {
            if (Names.Equal(n.Window, window) && (uint)n.Message == message && _byRef[n.Socket].Handle == wParam
                && WSAMAKESELECTREPLY((int)n.Event, (int)n.Error) == lParam)
            {
                Retrieved(new PostedNotification(n, 0, RuleSet.Empty));
                return;
            }
        }
    }

    private static string Operations(GetMessageCall input) =>
        $"getMessage {input.Window ?? "(any window)"} {input.MessageMin}..{input.MessageMax}" + (input.Remove ? string.Empty : " PM_NOREMOVE");

    // ---- calls: entry, handles, results -----------------------------------------------------------------------

    /// <summary>Every call starts here: a decision point for the scheduler, then WSAStartup's check.</summary>
    private bool Enter(string api, bool needsStartup = true)
    {
        _driver.DecisionPoint(api);
        if (needsStartup && _startups == 0)
        {
            _lastError = WSANOTINITIALISED;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The start of a call on a socket: the decision point, WSAStartup's check, the handle's lookup. False (with the
    /// call already failed and its result in <paramref name="failed"/>) when the call cannot go on.
    /// </summary>
    private bool Start(string api, string call, nint s, [NotNullWhen(true)] out SimSocket? socket, out int failed)
    {
        socket = null;
        failed = SOCKET_ERROR;
        if (!Enter(api))
        {
            Fail(call, WSANOTINITIALISED);
            return false;
        }

        socket = Use(api, s);
        if (socket is null)
        {
            Fail(call, WSAENOTSOCK);
            return false;
        }

        return true;
    }

    /// <summary>Looks a handle up for a call, telling the observer how it is used; null (WSAENOTSOCK set) when it names no open socket.</summary>
    private SimSocket? Use(string api, nint handle)
    {
        if (_live.TryGetValue(handle, out var socket))
        {
            _observer.HandleUsed(api, handle, HandleStatus.Live);
            return socket;
        }

        _observer.HandleUsed(api, handle, _closed.ContainsKey(handle) ? HandleStatus.Closed : HandleStatus.Unknown);
        _lastError = WSAENOTSOCK;
        return null;
    }

    private int Fail(string call, int error)
    {
        _lastError = error;
        _observer.Returned(call, SOCKET_ERROR, error);
        return SOCKET_ERROR;
    }

    private int Succeed(string call, int result = 0)
    {
        _observer.Returned(call, result, 0);
        return result;
    }

    /// <summary>Turns the model's return into the call's: sets the last error on failure.</summary>
    private int Result(string call, Observation o)
    {
        if (o.Error != WsaError.None)
        {
            return Fail(call, (int)o.Error);
        }

        return Succeed(call, (int)o.Return);
    }

    /// <summary>
    /// The model says an input is impossible here: for a blocking call that means it would wait (the caller
    /// handles that first); anything else is a case the model leaves open, so the call is unsupported.
    /// </summary>
    private static UnsupportedCallException Unsupported(string call, string problem) =>
        new(call, $"the model cannot answer it here: {problem}");

    /// <summary>Ordinal name comparison.</summary>
    private static class Names
    {
        public static bool Equal(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
    }

    private static string Hex(nint value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    public int WSAGetLastError() => _lastError;

    public void WSASetLastError(int error) => _lastError = error;
}
