using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        internal const short AF_INET = 2;

        /// <summary>127.0.0.1 as an in_addr in network byte order, read as a little-endian uint.</summary>
        internal const uint INADDR_LOOPBACK_NETWORK_ORDER = 0x0100007F;

        /// <summary>SOCKADDR_IN (ws2def.h). Port and address are in network byte order.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct sockaddr_in
        {
            internal short sin_family;
            internal ushort sin_port;
            internal uint sin_addr;
            internal fixed byte sin_zero[8];
        }
    }
}
