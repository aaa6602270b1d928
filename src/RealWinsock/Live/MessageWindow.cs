using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Kernel32 = WinsockConformance.RealWinsock.Interop.Interop.Kernel32;
using User32 = WinsockConformance.RealWinsock.Interop.Interop.User32;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// A message-only window (parent HWND_MESSAGE) created on the calling thread, the private target for
/// WSAAsyncSelect. Its window procedure only forwards to DefWindowProcW: messages are never dispatched,
/// they are removed with PeekMessageW(PM_REMOVE) and returned as records. The window is bound to its
/// creating thread (user32 rule): Drain and Dispose must run there, and Dispose destroys it
/// deterministically; there is no finaliser.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class MessageWindow : IDisposable
{
    private const string ClassName = "WinsockConformance.RealWinsock.MessageWindow";
    private static readonly Lock s_classLock = new();
    private static ushort s_classAtom;

    private readonly uint _ownerThreadId;
    private bool _destroyed;

    private MessageWindow(nint handle, string name, uint ownerThreadId)
    {
        Handle = handle;
        Name = name;
        _ownerThreadId = ownerThreadId;
    }

    /// <summary>The HWND.</summary>
    public nint Handle { get; }

    /// <summary>The scenario's name for it (w1, w2, …); only for printing.</summary>
    public string Name { get; }

    /// <summary>Creates a message-only window owned by the calling thread. Throws Win32Exception on failure.</summary>
    public static unsafe MessageWindow Create(string name)
    {
        ushort atom = EnsureClassRegistered();
        nint hwnd = User32.CreateWindowExW(
            dwExStyle: 0,
            lpClassName: atom,
            lpWindowName: null,
            dwStyle: 0,
            X: 0,
            Y: 0,
            nWidth: 0,
            nHeight: 0,
            hWndParent: User32.HWND_MESSAGE,
            hMenu: 0,
            hInstance: Kernel32.GetModuleHandleW(null),
            lpParam: 0);
        int error = Marshal.GetLastPInvokeError();
        if (hwnd == 0)
        {
            throw new Win32Exception(error, $"CreateWindowExW(HWND_MESSAGE) for window '{name}' failed");
        }

        return new MessageWindow(hwnd, name, Kernel32.GetCurrentThreadId());
    }

    /// <summary>Removes and returns every message currently queued for this window, in queue order.</summary>
    public IReadOnlyList<WindowMessage> Drain()
    {
        ThrowIfUnusable();
        return DrainQueue(Handle);
    }

    /// <summary>
    /// Removes and returns every message currently queued for any window of the calling thread (hWnd NULL),
    /// so that the relative order of messages to several windows is kept.
    /// </summary>
    public static IReadOnlyList<WindowMessage> DrainThreadQueue() => DrainQueue(0);

    /// <summary>
    /// Drains repeatedly (every <paramref name="pollInterval"/>) until <paramref name="isComplete"/> holds for
    /// everything drained so far, or until <paramref name="timeout"/>; returns everything drained either way.
    /// </summary>
    public IReadOnlyList<WindowMessage> DrainUntil(
        Func<IReadOnlyList<WindowMessage>, bool> isComplete,
        TimeSpan timeout,
        TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(isComplete);
        var all = new List<WindowMessage>();
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            all.AddRange(Drain());
            if (isComplete(all) || Stopwatch.GetTimestamp() >= deadline)
            {
                return all;
            }

            Thread.Sleep(pollInterval);
        }
    }

    /// <summary>
    /// Drains until nothing new has arrived for <paramref name="quietPeriod"/> (or <paramref name="maxWait"/>
    /// has passed): the explicit "settle" step before concluding that no message is coming.
    /// </summary>
    public IReadOnlyList<WindowMessage> DrainUntilQuiet(TimeSpan quietPeriod, TimeSpan maxWait, TimeSpan pollInterval)
    {
        var all = new List<WindowMessage>();
        long now = Stopwatch.GetTimestamp();
        long deadline = now + (long)(maxWait.TotalSeconds * Stopwatch.Frequency);
        long quietTicks = (long)(quietPeriod.TotalSeconds * Stopwatch.Frequency);
        long lastArrival = now;
        while (true)
        {
            IReadOnlyList<WindowMessage> batch = Drain();
            now = Stopwatch.GetTimestamp();
            if (batch.Count > 0)
            {
                all.AddRange(batch);
                lastArrival = now;
            }

            if (now - lastArrival >= quietTicks || now >= deadline)
            {
                return all;
            }

            Thread.Sleep(pollInterval);
        }
    }

    /// <summary>Destroys the window. Must run on the creating thread; throws InvalidOperationException otherwise.</summary>
    public void Dispose()
    {
        if (_destroyed)
        {
            return;
        }

        ThrowIfWrongThread();
        _destroyed = true;
        if (!User32.DestroyWindow(Handle))
        {
            int error = Marshal.GetLastPInvokeError();
            throw new Win32Exception(error, $"DestroyWindow for window '{Name}' failed");
        }
    }

    public override string ToString() => $"{Name} (hwnd=0x{Handle:X})";

    private static List<WindowMessage> DrainQueue(nint hwnd)
    {
        var messages = new List<WindowMessage>();
        while (User32.PeekMessageW(out User32.MSG msg, hwnd, 0, 0, User32.PM_REMOVE))
        {
            messages.Add(new WindowMessage(msg.hwnd, msg.message, msg.wParam, msg.lParam, msg.time, Stopwatch.GetTimestamp()));
        }

        return messages;
    }

    private static unsafe ushort EnsureClassRegistered()
    {
        lock (s_classLock)
        {
            if (s_classAtom != 0)
            {
                return s_classAtom;
            }

            fixed (char* className = ClassName)
            {
                var windowClass = new User32.WNDCLASSEXW
                {
                    cbSize = (uint)sizeof(User32.WNDCLASSEXW),
                    lpfnWndProc = (nint)(delegate* unmanaged<nint, uint, nint, nint, nint>)&WindowProcedure,
                    hInstance = Kernel32.GetModuleHandleW(null),
                    lpszClassName = (nint)className,
                };
                ushort atom = User32.RegisterClassExW(in windowClass);
                int error = Marshal.GetLastPInvokeError();
                if (atom == 0)
                {
                    throw new Win32Exception(error, "RegisterClassExW for the message-only window class failed");
                }

                s_classAtom = atom;
                return atom;
            }
        }
    }

    /// <summary>Never dispatched to by the probe; handles only messages sent by user32 itself (create/destroy).</summary>
    [UnmanagedCallersOnly]
    private static nint WindowProcedure(nint hwnd, uint msg, nint wParam, nint lParam)
        => User32.DefWindowProcW(hwnd, msg, wParam, lParam);

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_destroyed, this);
        ThrowIfWrongThread();
    }

    private void ThrowIfWrongThread()
    {
        uint current = Kernel32.GetCurrentThreadId();
        if (current != _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"Window '{Name}' belongs to thread {_ownerThreadId}, not to the calling thread {current}.");
        }
    }
}
