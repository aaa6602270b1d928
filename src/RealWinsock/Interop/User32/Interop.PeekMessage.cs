using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class User32
    {
        internal const uint PM_NOREMOVE = 0x0000;
        internal const uint PM_REMOVE = 0x0001;
        internal const uint PM_NOYIELD = 0x0002;

        /// <summary>Returns false when no message is available; does not set the last error.</summary>
        [LibraryImport(Libraries.User32)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool PeekMessageW(out MSG lpMsg, nint hWnd, uint wMsgFilterMin, uint wMsgFilterMax, uint wRemoveMsg);
    }
}
