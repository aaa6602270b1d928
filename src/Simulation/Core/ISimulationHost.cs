using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Core;

/// <summary>A socket notification as the model posted it, with the step that posted it (for the rules behind it).</summary>
/// <param name="Notification">The message or event signal the model produced.</param>
/// <param name="Step">The run's event number of the step that posted it.</param>
/// <param name="Rules">The rules that step followed.</param>
internal readonly record struct PostedNotification(Notification Notification, int Step, RuleSet Rules);

/// <summary>
/// The seam between the simulated stack and whatever runs the program: the stack decides what is posted and which
/// event objects are signaled; the host delivers. The managed harness implements it with a simulated user32
/// queue; a native shim (a ws2_32.dll forwarding to this core) implements it with the real PostMessage and
/// SetEvent/ResetEvent.
/// </summary>
internal interface ISimulationHost
{
    /// <summary>Whether <paramref name="hwnd"/> is a window the program created (WSAAsyncSelect's target).</summary>
    bool IsWindow(nint hwnd);

    /// <summary>Posts a WSAAsyncSelect message: wParam the socket, lParam WSAMAKESELECTREPLY(event, error).</summary>
    void Post(nint hwnd, uint message, nint wParam, nint lParam, PostedNotification origin);

    /// <summary>An event object changed state (set by the model or by WSASetEvent / WSAResetEvent / WSAEnumNetworkEvents).</summary>
    void EventChanged(nint hEvent, bool signaled);
}
