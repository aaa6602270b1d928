using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using User32 = WinsockConformance.RealWinsock.Interop.Interop.User32;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>The real queue of the calling thread: PeekMessageW(NULL, PM_REMOVE) to take, PostMessageW to put back.</summary>
[SupportedOSPlatform("windows")]
internal sealed class ThreadQueue : IThreadQueue
{
    public IReadOnlyList<QueuedMessage> TakeAll() =>
        [.. MessageWindow.DrainThreadQueue().Select(m => new QueuedMessage(m.Hwnd, m.Message, m.WParam, m.LParam))];

    public void Post(QueuedMessage message)
    {
        if (!User32.PostMessageW(message.Hwnd, message.Message, message.WParam, message.LParam))
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "PostMessageW (putting a queued message back) failed");
        }
    }
}
