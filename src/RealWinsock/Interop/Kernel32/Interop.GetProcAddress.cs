using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        /// <summary>GetProcAddress has no W variant: the name is ANSI. Returns NULL on failure.</summary>
        [LibraryImport(Libraries.Kernel32, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial nint GetProcAddress(nint hModule, string lpProcName);
    }
}
