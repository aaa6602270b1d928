using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        internal const int FD_SETSIZE = 64;

        /// <summary>fd_set (winsock2.h): a count and an array of SOCKETs (SOCKET is pointer-sized; this is the _WIN64 layout).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct fd_set
        {
            internal uint fd_count;
            internal fixed long fd_array[FD_SETSIZE];
        }

        /// <summary>TIMEVAL (typedef of struct TIMEVAL, winsock2.h): two 32-bit longs.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct TIMEVAL
        {
            internal int tv_sec;
            internal int tv_usec;
        }

        /// <summary>Used by the loopback peer only, for bounded waits. Sets may be null; nfds is ignored.</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static unsafe partial int select(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds, in TIMEVAL timeout);
    }
}
