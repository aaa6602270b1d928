using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        /// <summary>lpModuleName null gives the executable's module. Returns NULL on failure.</summary>
        [LibraryImport(Libraries.Kernel32, SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial nint GetModuleHandleW(string? lpModuleName);
    }
}
