using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        // _IOW('f', 126, u_long), _IOR('f', 127, u_long), _IOR('s', 7, u_long); declared unsigned (cmd is a 32-bit long).
        internal const uint FIONBIO = 0x8004667E;
        internal const uint FIONREAD = 0x4004667F;
        internal const uint SIOCATMARK = 0x40047307;

        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int ioctlsocket(SafeHandle s, uint cmd, ref uint argp);
    }
}
