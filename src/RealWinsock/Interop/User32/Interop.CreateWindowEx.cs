using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class User32
    {
        /// <summary>Parent for a message-only window: (HWND)-3.</summary>
        internal const nint HWND_MESSAGE = -3;

        /// <summary>
        /// lpClassName is a class-name pointer or MAKEINTATOM(atom); lpWindowName may be null.
        /// Returns NULL on failure.
        /// </summary>
        [LibraryImport(Libraries.User32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static unsafe partial nint CreateWindowExW(
            uint dwExStyle,
            nint lpClassName,
            char* lpWindowName,
            uint dwStyle,
            int X,
            int Y,
            int nWidth,
            int nHeight,
            nint hWndParent,
            nint hMenu,
            nint hInstance,
            nint lpParam);
    }
}
