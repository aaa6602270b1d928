using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// What one native call gave back: its return value widened to 64 bits (a count, 0/SOCKET_ERROR, a raw
/// SOCKET, a BOOL, a WAIT_* code) and the thread's last error read on the line right after the call
/// (Marshal.GetLastPInvokeError(); for Winsock this is the WSAGetLastError value). The error is
/// recorded whatever the return value; it is only meaningful when the call reports failure.
/// </summary>
internal readonly record struct NativeCall(long ReturnValue, int Error)
{
    /// <summary>True when the return value is SOCKET_ERROR (or INVALID_SOCKET, which is also -1).</summary>
    public bool IsSocketError => ReturnValue == Winsock.SOCKET_ERROR;

    /// <summary>True for a SOCKET_ERROR return carrying <paramref name="error"/>.</summary>
    public bool FailedWith(int error) => IsSocketError && Error == error;

    public override string ToString()
        => IsSocketError ? $"SOCKET_ERROR {WsaErrorNames.Format(Error)}"
            : Error == 0 ? $"{ReturnValue}"
            : $"{ReturnValue} (last error {WsaErrorNames.Format(Error)})";
}
