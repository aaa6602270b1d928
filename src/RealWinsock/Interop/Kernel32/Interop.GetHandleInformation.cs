using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        /// <summary>Under Wine always one wineserver request (set_handle_info with an empty mask): the handle table lives in the server.</summary>
        [LibraryImport(Libraries.Kernel32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool GetHandleInformation(SafeHandle hObject, out uint lpdwFlags);
    }
}
