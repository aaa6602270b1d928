using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Native.Protocol;
using WinsockConformance.Simulation.Windowing;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// The native program's host: what the stack posts and signals becomes effects in the reply under construction (the
/// shim performs them in the program's process with the real PostMessage, SetEvent and ResetEvent), in order. The run's
/// simulated queue is kept as a mirror of the program's real one (posted, then retrieved as the shim reports), so the
/// oracles that look at queued messages (SIM-FLOOD, the stale-message weights) see what is really queued.
/// </summary>
internal sealed class NativeHost(SimulatedUser32 mirror) : ISimulationHost
{
    /// <summary>Windows get the simulated user32's numbering: 0x100000 + 0x10 n, in order of first appearance.</summary>
    private const int WindowBase = 0x100000;

    private readonly HashSet<nint> _windows = [];

    public HandleMap Windows { get; } = new("window");

    public HandleMap Events { get; } = new("event object");

    /// <summary>The reply the current request's effects go into.</summary>
    public ShimReply? Reply { get; set; }

    /// <summary>Effects so far in the current reply (an idle point asks whether anything happened since a mark).</summary>
    public int EffectCount => Reply?.Effects.Count ?? 0;

    /// <summary>The simulated value of a real window the program names, numbered when new; <paramref name="isWindow"/> is what the real user32 said of it.</summary>
    public nint Window(nint real, bool isWindow)
    {
        var simulated = Windows.Number(real, WindowBase, 0x10);
        if (isWindow)
        {
            _windows.Add(simulated);
        }
        else
        {
            _windows.Remove(simulated);
        }

        return simulated;
    }

    public bool IsWindow(nint hwnd) => _windows.Contains(hwnd);

    public void Post(nint hwnd, uint message, nint wParam, nint lParam, PostedNotification origin)
    {
        mirror.Post(hwnd, message, wParam, lParam, origin);
        Effect(new ShimEffect(EffectKind.Post, (ulong)Windows.Real(hwnd), message, (ulong)wParam, (ulong)lParam));
    }

    public void EventChanged(nint hEvent, bool signaled) =>
        Effect(new ShimEffect(signaled ? EffectKind.SetEvent : EffectKind.ResetEvent, (ulong)Events.Real(hEvent)));

    /// <summary>The program took a message from its real queue (the shim's notice, with real values).</summary>
    public void Retrieved(nint realHwnd, uint message, nint wParam, nint lParam, string api) =>
        mirror.Retrieved(Windows.Simulated(realHwnd) ?? Windows.Number(realHwnd, WindowBase, 0x10), message, wParam, lParam, api);

    private void Effect(ShimEffect effect) =>
        (Reply ?? throw new SimulatorBugException("the stack posted or signaled outside a request")).Effect(effect);
}
