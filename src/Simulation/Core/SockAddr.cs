using System.Globalization;

namespace WinsockConformance.Simulation.Core;

/// <summary>An IPv4 address and port in host byte order: what a sockaddr_in carries, without its byte order.</summary>
internal readonly record struct SockAddr(uint Address, ushort Port)
{
    public const uint Loopback = 0x7F000001;

    public const uint Any = 0;

    public static SockAddr LoopbackPort(ushort port) => new(Loopback, port);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Address >> 24}.{(Address >> 16) & 0xFF}.{(Address >> 8) & 0xFF}.{Address & 0xFF}:{Port}");
}
