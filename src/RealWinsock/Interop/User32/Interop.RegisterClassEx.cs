using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class User32
    {
        /// <summary>WNDCLASSEXW (winuser.h), blittable: strings and the window procedure are raw pointers.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct WNDCLASSEXW
        {
            internal uint cbSize;
            internal uint style;
            internal nint lpfnWndProc;
            internal int cbClsExtra;
            internal int cbWndExtra;
            internal nint hInstance;
            internal nint hIcon;
            internal nint hCursor;
            internal nint hbrBackground;
            internal nint lpszMenuName;
            internal nint lpszClassName;
            internal nint hIconSm;
        }

        /// <summary>Returns the class atom, or 0 on failure.</summary>
        [LibraryImport(Libraries.User32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial ushort RegisterClassExW(in WNDCLASSEXW lpwcx);
    }
}
