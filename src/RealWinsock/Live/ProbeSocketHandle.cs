using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// A SOCKET owned by the probe. Created empty and filled with Marshal.InitHandle right after socket()/accept().
/// <para>
/// The probe closes sockets explicitly (closesocket is an operation under test whose result is recorded):
/// <see cref="CloseExplicitly"/> calls closesocket and, when it succeeds, marks this handle closed with
/// SetHandleAsInvalid so Dispose does not close it again. Sockets the scenario never closed are released at
/// Dispose (ReleaseHandle = closesocket, result not recorded).
/// </para>
/// <para>
/// After an explicit close, <see cref="RawValue"/> still gives the old SOCKET value (for handle-reuse detection)
/// and <see cref="CallTarget"/> gives a non-owning alias of it, so scenarios can call Winsock on the stale value
/// (e.g. to observe WSAENOTSOCK) instead of hitting ObjectDisposedException in the marshaller.
/// </para>
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class ProbeSocketHandle : SafeHandleMinusOneIsInvalid
{
    private ProbeSocketHandle? _staleAlias;

    /// <summary>For Marshal.InitHandle; owns the handle.</summary>
    public ProbeSocketHandle()
        : base(ownsHandle: true)
    {
    }

    private ProbeSocketHandle(nint staleValue)
        : base(ownsHandle: false)
    {
        SetHandle(staleValue);
    }

    /// <summary>The raw SOCKET value, also after the handle was closed (SetHandleAsInvalid keeps the value).</summary>
    public nint RawValue => handle;

    /// <summary>True once <see cref="CloseExplicitly"/> succeeded.</summary>
    public bool ClosedExplicitly { get; private set; }

    /// <summary>
    /// What to pass to a SafeHandle import: this handle while open; after it is closed, a non-owning alias of the
    /// stale value (the call then goes to whatever that value means to ws2_32 now).
    /// </summary>
    public SafeHandle CallTarget => !IsClosed ? this : (_staleAlias ??= new ProbeSocketHandle(handle));

    /// <summary>
    /// closesocket on the raw value, error read on the next line. On success the handle is marked closed;
    /// on failure (e.g. WSAEWOULDBLOCK with a nonzero linger on a nonblocking socket) it stays open and is
    /// released at Dispose. Calling it again after a successful close closes the stale value again, as a
    /// scenario asking for a double close would.
    /// </summary>
    public NativeCall CloseExplicitly()
    {
        int result = Winsock.closesocket(handle);
        int error = Marshal.GetLastPInvokeError();
        if (result == 0 && !IsClosed)
        {
            ClosedExplicitly = true;
            SetHandleAsInvalid();
        }

        return new NativeCall(result, error);
    }

    /// <summary>
    /// closesocket on the raw value from another thread, bypassing the SafeHandle's reference count, so a
    /// call blocked on this socket returns. Only the watchdog uses it, on a scenario it is abandoning.
    /// </summary>
    public void ForceClose()
    {
        if (!IsClosed)
        {
            _ = Winsock.closesocket(handle);
            SetHandleAsInvalid();
        }
    }

    protected override bool ReleaseHandle() => Winsock.closesocket(handle) == 0;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _staleAlias?.Dispose();
        }

        base.Dispose(disposing);
    }
}
