namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Winsock
    {
        // Network event bits (winsock2.h), shared by WSAAsyncSelect, WSAEventSelect and WSAEnumNetworkEvents.
        internal const int FD_READ_BIT = 0;
        internal const int FD_WRITE_BIT = 1;
        internal const int FD_OOB_BIT = 2;
        internal const int FD_ACCEPT_BIT = 3;
        internal const int FD_CONNECT_BIT = 4;
        internal const int FD_CLOSE_BIT = 5;
        internal const int FD_QOS_BIT = 6;
        internal const int FD_GROUP_QOS_BIT = 7;
        internal const int FD_ROUTING_INTERFACE_CHANGE_BIT = 8;
        internal const int FD_ADDRESS_LIST_CHANGE_BIT = 9;
        internal const int FD_MAX_EVENTS = 10;

        internal const int FD_READ = 1 << FD_READ_BIT;
        internal const int FD_WRITE = 1 << FD_WRITE_BIT;
        internal const int FD_OOB = 1 << FD_OOB_BIT;
        internal const int FD_ACCEPT = 1 << FD_ACCEPT_BIT;
        internal const int FD_CONNECT = 1 << FD_CONNECT_BIT;
        internal const int FD_CLOSE = 1 << FD_CLOSE_BIT;
        internal const int FD_QOS = 1 << FD_QOS_BIT;
        internal const int FD_GROUP_QOS = 1 << FD_GROUP_QOS_BIT;
        internal const int FD_ROUTING_INTERFACE_CHANGE = 1 << FD_ROUTING_INTERFACE_CHANGE_BIT;
        internal const int FD_ADDRESS_LIST_CHANGE = 1 << FD_ADDRESS_LIST_CHANGE_BIT;
        internal const int FD_ALL_EVENTS = (1 << FD_MAX_EVENTS) - 1;
    }
}
