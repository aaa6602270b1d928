using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>
        /// Same thread-local slot as GetLastError. Prefer SetLastError = true on the failing import and
        /// Marshal.GetLastPInvokeError() on the next line; this import exists for cross-checking.
        /// </summary>
        [LibraryImport(Libraries.Ws2_32)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int WSAGetLastError();
    }
}
