using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        /// <summary>Cancels the overlapped operation lpOverlapped on hFile; it still completes (aborted) and must be waited for.</summary>
        [LibraryImport(Libraries.Kernel32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool CancelIoEx(SafeHandle hFile, NativeOverlapped* lpOverlapped);
    }
}
