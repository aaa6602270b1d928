using System.Runtime.InteropServices;
using Kernel32 = WinsockConformance.RealWinsock.Interop.Interop.Kernel32;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Requests to the wineserver that cannot all be answered before it has handled the socket readiness a step left in the
/// kernel (docs/settling.md). The server is one thread: each turn of its loop takes every ready descriptor from
/// epoll_wait, client request pipes and sockets alike, and handles that whole batch before it waits again, reading one
/// request per pipe per batch. A readiness present before request 1 is written is handled in request 1's batch or in
/// the next one (the batch may have been taken just before it was queued); request 2, written after request 1's reply,
/// can only be in a later batch than request 1, and request 3 in a later one than request 2. So when request 3 is
/// answered the readiness has been handled: its messages are in the thread's queue, its event objects set. Handling one
/// readiness can arm another (FD_CONNECT's handling watches writability again, and FD_WRITE comes one batch later):
/// each such link takes one request more, hence <see cref="Requests"/>.
/// The request is GetHandleInformation on a private event object: under Wine it is always one server request
/// (set_handle_info with an empty mask: the handle table lives in the server), about a third of the cost of
/// WSAEnumNetworkEvents, which the barrier used before (docs/benchmarks.md), and it changes nothing a scenario sees.
/// A wait on an event object would be as cheap but is not a server request where Wine uses ntsync.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal sealed class ServerBarrier : IDisposable
{
    /// <summary>Three for what the kernel holds, one for the longest chain seen in server/sock.c (connect, then write).</summary>
    public const int Requests = 4;

    private readonly ProbeEventHandle _handle;

    /// <summary>Creates the private event object: before any scenario's first step, so it never takes a closed socket's handle value (H-3).</summary>
    public ServerBarrier(WinsockApi api)
    {
        var call = api.CreateEvent(out _handle);
        if (_handle.IsInvalid)
        {
            _handle.Dispose();
            throw new InvalidOperationException($"WSACreateEvent for the settling barrier failed: {call}");
        }
    }

    /// <summary>Sends <see cref="Requests"/> requests one after the other, each after the previous one's reply.</summary>
    public void Pass()
    {
        for (var i = 0; i < Requests; i++)
        {
            if (!Kernel32.GetHandleInformation(_handle, out _))
            {
                throw new InvalidOperationException($"GetHandleInformation on the settling barrier's event object failed: error {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
