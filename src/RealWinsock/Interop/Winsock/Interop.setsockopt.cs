using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        internal const int SOL_SOCKET = 0xffff;
        internal const int SO_REUSEADDR = 0x0004;
        internal const int SO_OOBINLINE = 0x0100;
        internal const int SO_LINGER = 0x0080;
        internal const int SO_SNDBUF = 0x1001;
        internal const int SO_RCVBUF = 0x1002;

        /// <summary>Gives a socket accepted with AcceptEx its listener's properties; the value is the listening SOCKET.</summary>
        internal const int SO_UPDATE_ACCEPT_CONTEXT = 0x700B;

        /// <summary>Option level IPPROTO_TCP (= the protocol number) and its TCP_NODELAY option.</summary>
        internal const int TCP_NODELAY = 0x0001;

        /// <summary>LINGER (typedef of struct linger, winsock.h): two u_shorts.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct LINGER
        {
            internal ushort l_onoff;
            internal ushort l_linger;
        }

        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static unsafe partial int setsockopt(SafeHandle s, int level, int optname, byte* optval, int optlen);
    }
}
