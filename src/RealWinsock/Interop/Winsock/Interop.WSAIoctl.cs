using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        // _WSAIORW(IOC_WS2, 7), _WSAIOW(IOC_WS2, 21), _WSAIO(IOC_WS2, 23).
        internal const uint SIO_GET_QOS = 0xC8000007;
        internal const uint SIO_ROUTING_INTERFACE_CHANGE = 0x88000015;
        internal const uint SIO_ADDRESS_LIST_CHANGE = 0x28000017;

        /// <summary>FLOWSPEC (qos.h): eight ULONGs.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct FLOWSPEC
        {
            internal uint TokenRate;
            internal uint TokenBucketSize;
            internal uint PeakBandwidth;
            internal uint Latency;
            internal uint DelayVariation;
            internal uint ServiceType;
            internal uint MaxSduSize;
            internal uint MinimumPolicedSize;
        }

        /// <summary>QOS (winsock2.h): two FLOWSPECs and a WSABUF provider buffer.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct QOS
        {
            internal FLOWSPEC SendingFlowspec;
            internal FLOWSPEC ReceivingFlowspec;
            internal uint ProviderSpecificLen;
            internal nint ProviderSpecificBuf;
        }

        /// <summary>lpOverlapped and lpCompletionRoutine are passed as raw pointers (the probe passes NULL).</summary>
        [LibraryImport(Libraries.Ws2_32, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        internal static unsafe partial int WSAIoctl(
            SafeHandle s,
            uint dwIoControlCode,
            void* lpvInBuffer,
            uint cbInBuffer,
            void* lpvOutBuffer,
            uint cbOutBuffer,
            out uint lpcbBytesReturned,
            nint lpOverlapped,
            nint lpCompletionRoutine);
    }
}
