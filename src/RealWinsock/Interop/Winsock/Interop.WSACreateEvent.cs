using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>WSA_INVALID_EVENT is NULL.</summary>
        internal const nint WSA_INVALID_EVENT = 0;

        /// <summary>Manual-reset, initially non-signalled. Wrap the result with Marshal.InitHandle.</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial nint WSACreateEvent();
    }
}
