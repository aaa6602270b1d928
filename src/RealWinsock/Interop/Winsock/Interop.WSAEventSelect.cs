using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>hEventObject may wrap NULL (with lNetworkEvents 0, to cancel).</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int WSAEventSelect(SafeHandle s, SafeHandle hEventObject, int lNetworkEvents);
    }
}
