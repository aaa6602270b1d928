using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        internal const int MSG_OOB = 0x1;
        internal const int MSG_PEEK = 0x2;

        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static unsafe partial int recv(SafeHandle s, byte* buf, int len, int flags);
    }
}
