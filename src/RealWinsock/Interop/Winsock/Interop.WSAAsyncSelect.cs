using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>lEvent is a combination of the FD_* bits (Interop.FdEvents.cs).</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int WSAAsyncSelect(SafeHandle s, nint hWnd, uint wMsg, int lEvent);

        /// <summary>WSAGETSELECTEVENT(lParam): LOWORD.</summary>
        internal static int WSAGETSELECTEVENT(nint lParam) => (int)(lParam & 0xFFFF);

        /// <summary>WSAGETSELECTERROR(lParam): HIWORD.</summary>
        internal static int WSAGETSELECTERROR(nint lParam) => (int)((lParam >> 16) & 0xFFFF);
    }
}
