using System.Collections.Immutable;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>lNetworkEvents and iErrorCode[FD_MAX_EVENTS] from WSAEnumNetworkEvents.</summary>
internal readonly record struct NetworkEventsSnapshot(int NetworkEvents, ImmutableArray<int> ErrorCodes)
{
    public static NetworkEventsSnapshot Empty { get; } = new(0, ImmutableArray.Create(new int[Winsock.FD_MAX_EVENTS]));

    /// <summary>iErrorCode[bit] for an FD_*_BIT index.</summary>
    public int ErrorFor(int eventBit) => ErrorCodes[eventBit];

    public override string ToString()
    {
        var errors = new List<string>();
        for (int bit = 0; bit < ErrorCodes.Length; bit++)
        {
            if ((NetworkEvents & (1 << bit)) != 0 || ErrorCodes[bit] != 0)
            {
                errors.Add($"{WsaErrorNames.EventName(bit)}={WsaErrorNames.Format(ErrorCodes[bit])}");
            }
        }

        return $"{WsaErrorNames.FormatEvents(NetworkEvents)} [{string.Join(", ", errors)}]";
    }
}
