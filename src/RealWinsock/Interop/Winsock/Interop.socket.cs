using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        internal const int SOCK_STREAM = 1;
        internal const int SOCK_DGRAM = 2;
        internal const int IPPROTO_TCP = 6;
        internal const int IPPROTO_UDP = 17;

        /// <summary>Returns INVALID_SOCKET on failure. Wrap the result with Marshal.InitHandle.</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial nint socket(int af, int type, int protocol);
    }
}
