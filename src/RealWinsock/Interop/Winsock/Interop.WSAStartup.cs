using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        /// <summary>MAKEWORD(2, 2).</summary>
        internal const ushort WINSOCK_VERSION_2_2 = 0x0202;

        /// <summary>WSADATA, _WIN64 layout (lpVendorInfo precedes the strings on 64-bit).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct WSADATA
        {
            internal ushort wVersion;
            internal ushort wHighVersion;
            internal ushort iMaxSockets;
            internal ushort iMaxUdpDg;
            internal nint lpVendorInfo;
            internal fixed byte szDescription[257];
            internal fixed byte szSystemStatus[129];
        }

        /// <summary>Returns the error code directly; does not set the last error.</summary>
        [LibraryImport(Libraries.Ws2_32)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static partial int WSAStartup(ushort wVersionRequested, out WSADATA lpWSAData);
    }
}
