using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>The result of an overlapped operation on s; with fWait FALSE it does not block.</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool WSAGetOverlappedResult(
            SafeHandle s,
            NativeOverlapped* lpOverlapped,
            out uint lpcbTransfer,
            [MarshalAs(UnmanagedType.Bool)] bool fWait,
            out uint lpdwFlags);
    }
}
