using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Mswsock
    {
        /// <summary>
        /// Accepts the next connection on sListenSocket into the existing, unbound sAcceptSocket (no new handle is
        /// created). Overlapped: FALSE with ERROR_IO_PENDING (WSA_IO_PENDING) while it waits; lpOverlapped and
        /// lpOutputBuffer must stay valid until it completes. The output buffer takes the two addresses, each
        /// sizeof(sockaddr_in) + 16 bytes. lpdwBytesReceived is written only on synchronous completion.
        /// </summary>
        [LibraryImport(Libraries.Mswsock, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool AcceptEx(
            SafeHandle sListenSocket,
            SafeHandle sAcceptSocket,
            void* lpOutputBuffer,
            uint dwReceiveDataLength,
            uint dwLocalAddressLength,
            uint dwRemoteAddressLength,
            uint* lpdwBytesReceived,
            NativeOverlapped* lpOverlapped);
    }
}
