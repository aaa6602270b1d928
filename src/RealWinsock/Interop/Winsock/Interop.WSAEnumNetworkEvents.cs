using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>WSANETWORKEVENTS (winsock2.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct WSANETWORKEVENTS
        {
            internal int lNetworkEvents;
            internal fixed int iErrorCode[FD_MAX_EVENTS];
        }

        /// <summary>hEventObject may wrap NULL; when it does not, the event is reset.</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int WSAEnumNetworkEvents(SafeHandle s, SafeHandle hEventObject, out WSANETWORKEVENTS lpNetworkEvents);
    }
}
