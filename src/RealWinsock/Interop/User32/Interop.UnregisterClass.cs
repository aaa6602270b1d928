using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class User32
    {
        /// <summary>lpClassName is a class-name pointer or MAKEINTATOM(atom).</summary>
        [LibraryImport(Libraries.User32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool UnregisterClassW(nint lpClassName, nint hInstance);
    }
}
