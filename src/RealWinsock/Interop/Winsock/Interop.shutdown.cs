using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        internal const int SD_RECEIVE = 0;
        internal const int SD_SEND = 1;
        internal const int SD_BOTH = 2;

        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int shutdown(SafeHandle s, int how);
    }
}
