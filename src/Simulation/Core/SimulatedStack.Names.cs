using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Core;

/// <summary>Name resolution on the simulated host: numeric IPv4 addresses and the loopback names, nothing else.</summary>
internal sealed partial class SimulatedStack
{
    /// <summary>The simulated host's name (gethostname); it resolves to 127.0.0.1.</summary>
    public const string HostName = "simhost";

    /// <summary>
    /// Resolves a host name the way gethostbyname / getaddrinfo would on a machine with only a loopback interface:
    /// dotted IPv4 numbers, "localhost", the host's own name and the empty name. Anything else fails with
    /// WSAHOST_NOT_FOUND (the simulator has no DNS).
    /// </summary>
    public uint? Resolve(string? name, string api)
    {
        var call = $"{api}(\"{name}\")";
        if (!Enter(api))
        {
            Fail(call, WSANOTINITIALISED);
            return null;
        }

        if (string.IsNullOrEmpty(name) || string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, HostName, StringComparison.OrdinalIgnoreCase))
        {
            Succeed(call);
            return SockAddr.Loopback;
        }

        if (ParseDotted(name) is { } address)
        {
            Succeed(call);
            return address;
        }

        Fail(call, WSAHOST_NOT_FOUND);
        return null;
    }

    /// <summary>inet_addr's parse of a dotted quad ("127.0.0.1"), host byte order; null if it is not one.</summary>
    public static uint? ParseDotted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        uint address = 0;
        foreach (var part in parts)
        {
            if (!byte.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b))
            {
                return null;
            }

            address = (address << 8) | b;
        }

        return address;
    }
}
