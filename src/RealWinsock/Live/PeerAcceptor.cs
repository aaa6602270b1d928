using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Kernel32 = WinsockConformance.RealWinsock.Interop.Interop.Kernel32;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Takes connections off the peer listener with AcceptEx into sockets created beforehand, so the peer end of a
/// connection the socket under test makes is not a new handle. (accept() creates one, and a handle created after a
/// closesocket can take the closed socket's value: a later call on the closed name then reaches the peer's socket
/// instead of failing with WSAENOTSOCK, H-3.) Owns the OVERLAPPED and the address buffer, in native memory because
/// they must stay put until the operation completes, and the event it signals.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class PeerAcceptor : IDisposable
{
    private readonly WinsockApi _api;
    private readonly ProbeEventHandle _completed;
    private readonly NativeOverlapped* _overlapped;
    private readonly void* _addresses;

    /// <summary>Set when a cancelled AcceptEx never completed: its memory may still be written, so it is never freed.</summary>
    private bool _abandoned;

    public PeerAcceptor(WinsockApi api)
    {
        _api = api;
        LoopbackPeer.RequireTrue(api.CreateEvent(out _completed), "WSACreateEvent(AcceptEx)");
        _overlapped = (NativeOverlapped*)NativeMemory.AllocZeroed((nuint)sizeof(NativeOverlapped));
        _addresses = NativeMemory.AllocZeroed((nuint)WinsockApi.AcceptAddressesSize);
    }

    /// <summary>
    /// Accepts the next connection on <paramref name="listener"/> into <paramref name="into"/> (unbound, never
    /// connected), waiting up to <paramref name="timeout"/>. Throws if it fails or times out.
    /// </summary>
    public void Accept(ProbeSocketHandle listener, ProbeSocketHandle into, TimeSpan timeout)
    {
        if (_abandoned)
        {
            throw new InvalidOperationException("A cancelled peer AcceptEx never completed; no further accept is possible.");
        }

        LoopbackPeer.RequireTrue(_api.ResetEvent(_completed), "WSAResetEvent(AcceptEx)");
        *_overlapped = new NativeOverlapped { EventHandle = _completed.RawValue };
        NativeCall call = _api.AcceptInto(listener, into, _overlapped, _addresses);
        if (call.ReturnValue == 0)
        {
            if (call.Error != Winsock.WSA_IO_PENDING)
            {
                throw new InvalidOperationException($"Peer AcceptEx failed: {WsaErrorNames.Format(call.Error)}");
            }

            Wait(listener, timeout);
        }

        LoopbackPeer.Require(_api.UpdateAcceptContext(into, listener), "setsockopt(SO_UPDATE_ACCEPT_CONTEXT, accepted peer)");
    }

    private void Wait(ProbeSocketHandle listener, TimeSpan timeout)
    {
        if (_api.WaitForEvent(_completed, (uint)timeout.TotalMilliseconds).ReturnValue != Kernel32.WAIT_OBJECT_0)
        {
            _ = _api.CancelOverlapped(listener, _overlapped);
            _abandoned = _api.WaitForEvent(_completed, 1000).ReturnValue != Kernel32.WAIT_OBJECT_0;
            throw new TimeoutException($"No connection reached the peer listener within {timeout.TotalMilliseconds} ms.");
        }

        NativeCall result = _api.OverlappedResult(listener, _overlapped, wait: false);
        if (result.ReturnValue == 0)
        {
            throw new InvalidOperationException($"Peer AcceptEx completed with an error: {WsaErrorNames.Format(result.Error)}");
        }
    }

    public void Dispose()
    {
        _completed.Dispose();
        if (!_abandoned)
        {
            NativeMemory.Free(_overlapped);
            NativeMemory.Free(_addresses);
        }
    }
}
