using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>Takes the raw SOCKET: it is called from SafeHandle.ReleaseHandle and for explicit closes.</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int closesocket(nint s);
    }
}
