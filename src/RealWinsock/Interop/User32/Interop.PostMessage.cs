using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class User32
    {
        internal const uint WM_APP = 0x8000;

        /// <summary>Posts a message to a window's thread queue; false on failure (GetLastError set).</summary>
        [LibraryImport(Libraries.User32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool PostMessageW(nint hWnd, uint Msg, nint wParam, nint lParam);
    }
}
