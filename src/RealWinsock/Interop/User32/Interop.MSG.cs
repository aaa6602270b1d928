using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class User32
    {
        [StructLayout(LayoutKind.Sequential)]
        internal struct POINT
        {
            internal int x;
            internal int y;
        }

        /// <summary>MSG (winuser.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MSG
        {
            internal nint hwnd;
            internal uint message;
            internal nint wParam;
            internal nint lParam;
            internal uint time;
            internal POINT pt;
        }

        internal const uint WM_USER = 0x0400;
    }
}
