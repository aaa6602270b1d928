using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// A WSAEVENT owned by the probe (WSA_INVALID_EVENT is NULL). Same close discipline as
/// <see cref="ProbeSocketHandle"/>: <see cref="CloseExplicitly"/> records WSACloseEvent and marks the handle
/// closed on success; leftovers are closed at Dispose.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class ProbeEventHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private ProbeEventHandle? _staleAlias;

    /// <summary>For Marshal.InitHandle; owns the handle.</summary>
    public ProbeEventHandle()
        : base(ownsHandle: true)
    {
    }

    private ProbeEventHandle(nint value)
        : base(ownsHandle: false)
    {
        SetHandle(value);
    }

    /// <summary>A non-owning NULL event, for WSAEventSelect(s, NULL, 0) and WSAEnumNetworkEvents(s, NULL, …).</summary>
    public static ProbeEventHandle None { get; } = new(0);

    /// <summary>The raw WSAEVENT value, also after the handle was closed.</summary>
    public nint RawValue => handle;

    public bool ClosedExplicitly { get; private set; }

    /// <summary>This handle while open; afterwards a non-owning alias of the stale value.</summary>
    public SafeHandle CallTarget => !IsClosed ? this : (_staleAlias ??= new ProbeEventHandle(handle));

    /// <summary>WSACloseEvent on the raw value; ReturnValue is the BOOL (1/0), Error the last error.</summary>
    public NativeCall CloseExplicitly()
    {
        bool closed = Winsock.WSACloseEvent(handle);
        int error = Marshal.GetLastPInvokeError();
        if (closed && !IsClosed)
        {
            ClosedExplicitly = true;
            SetHandleAsInvalid();
        }

        return new NativeCall(closed ? 1 : 0, error);
    }

    protected override bool ReleaseHandle() => Winsock.WSACloseEvent(handle);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _staleAlias?.Dispose();
        }

        base.Dispose(disposing);
    }
}
