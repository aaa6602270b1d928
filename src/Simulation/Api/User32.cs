using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Windowing;

namespace WinsockConformance.Simulation.Api;

/// <summary>
/// The user32 calls a WSAAsyncSelect program makes, on the simulated message queue: one queue for the program's
/// thread, posted messages in order, the window and message-range filters of GetMessage and PeekMessage, WM_QUIT
/// once the queue is empty, DispatchMessage calling the window procedure.
/// </summary>
public static class User32
{
    /// <summary>WM_NULL (0x0000): no message.</summary>
    public const uint WM_NULL = 0x0000;

    /// <summary>WM_DESTROY (0x0002): a window is being destroyed.</summary>
    public const uint WM_DESTROY = 0x0002;

    /// <summary>WM_CLOSE (0x0010): a window is asked to close.</summary>
    public const uint WM_CLOSE = 0x0010;

    /// <summary>WM_QUIT (0x0012): PostQuitMessage's message; GetMessage returns 0 for it.</summary>
    public const uint WM_QUIT = 0x0012;

    /// <summary>WM_TIMER (0x0113): a timer expired.</summary>
    public const uint WM_TIMER = 0x0113;

    /// <summary>WM_USER (0x0400): the first private message number; programs pass WM_USER + n to WSAAsyncSelect.</summary>
    public const uint WM_USER = 0x0400;

    /// <summary>WM_APP (0x8000): the first application-defined message number.</summary>
    public const uint WM_APP = 0x8000;

    /// <summary>PM_NOREMOVE (0): PeekMessage leaves the message in the queue.</summary>
    public const uint PM_NOREMOVE = 0x0000;

    /// <summary>PM_REMOVE (1): PeekMessage removes the message.</summary>
    public const uint PM_REMOVE = 0x0001;

    /// <summary>QS_ALLINPUT: MsgWaitForMultipleObjects wakes for any input.</summary>
    public const uint QS_ALLINPUT = 0x04FF;

    /// <summary>QS_POSTMESSAGE: MsgWaitForMultipleObjects wakes for a posted message.</summary>
    public const uint QS_POSTMESSAGE = 0x0008;

    /// <summary>WAIT_OBJECT_0 (0): a wait returns it plus the index of the signaled object.</summary>
    public const int WAIT_OBJECT_0 = 0;

    /// <summary>WAIT_TIMEOUT (0x102): the wait's timeout passed.</summary>
    public const int WAIT_TIMEOUT = 0x102;

    /// <summary>WAIT_FAILED (-1): the wait failed.</summary>
    public const int WAIT_FAILED = -1;

    /// <summary>INFINITE (-1): wait without a timeout.</summary>
    public const int INFINITE = -1;

    /// <summary>HWND_MESSAGE: the parent that makes a message-only window (what wrapper libraries use).</summary>
    public static readonly nint HWND_MESSAGE = SimulatedUser32.HWND_MESSAGE;

    private static SimulationRun Run => SimulationRun.Current;

    /// <summary>RegisterClass(Ex) reduced to what matters here: the class name and its window procedure. Returns an atom, 0 if the class exists.</summary>
    public static ushort RegisterClass(string lpszClassName, WindowProcedure lpfnWndProc) =>
        Run.User32.RegisterClass(lpszClassName, lpfnWndProc) ? (ushort)0xC000 : (ushort)0;

    /// <summary>CreateWindowEx of a registered class (any parent; position and style do not matter). 0 if the class is unknown.</summary>
    public static nint CreateWindowEx(int dwExStyle, string lpClassName, string? lpWindowName, int dwStyle, int x, int y, int nWidth, int nHeight, nint hWndParent, nint hMenu, nint hInstance, nint lpParam) =>
        Run.User32.CreateWindow(lpClassName);

    /// <summary>DestroyWindow: the window stops existing (DispatchMessage of a message for it does nothing); false if it is not a window.</summary>
    public static bool DestroyWindow(nint hWnd) => Run.User32.DestroyWindow(hWnd);

    /// <summary>IsWindow: whether the handle is a window that exists.</summary>
    public static bool IsWindow(nint hWnd) => Run.User32.IsWindow(hWnd);

    /// <summary>GetMessage: 1 with a message, 0 for WM_QUIT, -1 for a window that is not one. Waits, in simulated time, while the queue has nothing for the filters.</summary>
    public static int GetMessage(out MSG lpMsg, nint hWnd, uint wMsgFilterMin, uint wMsgFilterMax)
    {
        var run = Run;
        run.Driver.DecisionPoint(nameof(GetMessage));
        if (hWnd is not (0 or -1) && !run.User32.IsWindow(hWnd))
        {
            lpMsg = default;
            return -1;
        }

        var got = run.User32.GetMessage(out var m, hWnd, wMsgFilterMin, wMsgFilterMax);
        lpMsg = ToMsg(m, run);
        return got ? 1 : 0;
    }

    /// <summary>PeekMessage: the first queued message that passes the filters, if any, removed with PM_REMOVE; never waits.</summary>
    public static bool PeekMessage(out MSG lpMsg, nint hWnd, uint wMsgFilterMin, uint wMsgFilterMax, uint wRemoveMsg)
    {
        var run = Run;
        run.Driver.DecisionPoint(nameof(PeekMessage));
        var got = run.User32.PeekMessage(out var m, hWnd, wMsgFilterMin, wMsgFilterMax, (wRemoveMsg & PM_REMOVE) != 0);
        lpMsg = got ? ToMsg(m, run) : default;
        return got;
    }

    /// <summary>WaitMessage: waits, in simulated time, until a message is queued (the schedule lets the peer act meanwhile).</summary>
    public static bool WaitMessage()
    {
        var run = Run;
        run.Driver.DecisionPoint(nameof(WaitMessage));
        run.User32.WaitMessage();
        return true;
    }

    /// <summary>TranslateMessage: there is no keyboard input, so nothing to translate; returns false.</summary>
    public static bool TranslateMessage(in MSG lpMsg) => false;

    /// <summary>DispatchMessage: calls the window procedure of the message's window and returns what it returns (0, calling nothing, for a thread message or a destroyed window).</summary>
    public static nint DispatchMessage(in MSG lpMsg) =>
        Run.User32.DispatchMessage(new QueuedMessage(lpMsg.hwnd, lpMsg.message, lpMsg.wParam, lpMsg.lParam, null));

    /// <summary>PostMessage: queues a message for one of the program's windows, or (hWnd 0) for the thread, after those already queued; false for a window that is not one.</summary>
    public static bool PostMessage(nint hWnd, uint Msg, nint wParam, nint lParam)
    {
        var run = Run;
        run.Driver.DecisionPoint(nameof(PostMessage));
        var posted = run.User32.PostMessage(hWnd, Msg, wParam, lParam);
        run.Record.Note($"PostMessage(0x{hWnd:X}, 0x{Msg:X}, 0x{wParam:X}, 0x{lParam:X}) = {posted}");
        return posted;
    }

    /// <summary>SendMessage: calls the window's procedure at once, bypassing the queue.</summary>
    public static nint SendMessage(nint hWnd, uint Msg, nint wParam, nint lParam) => Run.User32.SendMessage(hWnd, Msg, wParam, lParam);

    /// <summary>PostQuitMessage: GetMessage returns 0 (WM_QUIT) once nothing else is queued.</summary>
    public static void PostQuitMessage(int nExitCode) => Run.User32.PostQuitMessage(nExitCode);

    /// <summary>DefWindowProc: the default handling, which for every message here is to return 0.</summary>
    public static nint DefWindowProc(nint hWnd, uint Msg, nint wParam, nint lParam) => 0;

    /// <summary>
    /// MsgWaitForMultipleObjects over WSA event objects: WAIT_OBJECT_0 + i for a signaled event, WAIT_OBJECT_0 +
    /// nCount when a message is queued, WAIT_TIMEOUT.
    /// </summary>
    public static int MsgWaitForMultipleObjects(int nCount, nint[] pHandles, bool fWaitAll, int dwMilliseconds, uint dwWakeMask)
    {
        ArgumentNullException.ThrowIfNull(pHandles);
        var run = Run;
        run.Driver.DecisionPoint(nameof(MsgWaitForMultipleObjects));
        var handles = pHandles.AsSpan(0, Math.Min(nCount, pHandles.Length)).ToArray();
        int Ready()
        {
            var signaled = Array.FindIndex(handles, run.Stack.IsSignaled);
            if (fWaitAll ? handles.Length > 0 && handles.All(run.Stack.IsSignaled) : signaled >= 0)
            {
                return fWaitAll ? 0 : signaled;
            }

            return dwWakeMask != 0 && run.User32.HasMessage() ? handles.Length : -1;
        }

        if (Ready() < 0 && dwMilliseconds != 0)
        {
            run.Driver.Wait(() => Ready() >= 0, dwMilliseconds, nameof(MsgWaitForMultipleObjects));
        }

        var ready = Ready();
        return ready < 0 ? WAIT_TIMEOUT : WAIT_OBJECT_0 + ready;
    }

    private static MSG ToMsg(QueuedMessage m, SimulationRun run) =>
        new() { hwnd = m.Hwnd, message = m.Message, wParam = m.WParam, lParam = m.LParam, time = (uint)run.Driver.Now };
}
