using WinsockConformance.Model;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Recording;

/// <summary>Native names of the error codes the simulated calls set (the model's <see cref="WsaError"/> and the rest).</summary>
internal static class ErrorNames
{
    private static readonly Dictionary<int, string> s_extra = new()
    {
        [WSANOTINITIALISED] = "WSANOTINITIALISED",
        [WSAVERNOTSUPPORTED] = "WSAVERNOTSUPPORTED",
        [WSAEAFNOSUPPORT] = "WSAEAFNOSUPPORT",
        [WSAESOCKTNOSUPPORT] = "WSAESOCKTNOSUPPORT",
        [WSAEPROTONOSUPPORT] = "WSAEPROTONOSUPPORT",
        [WSAENOPROTOOPT] = "WSAENOPROTOOPT",
        [WSAEADDRNOTAVAIL] = "WSAEADDRNOTAVAIL",
        [WSAHOST_NOT_FOUND] = "WSAHOST_NOT_FOUND",
        [WSA_INVALID_HANDLE] = "WSA_INVALID_HANDLE",
        [WSA_INVALID_PARAMETER] = "WSA_INVALID_PARAMETER",
    };

    public static string Of(int error) =>
        s_extra.TryGetValue(error, out var name) ? name : ((WsaError)error).NativeName();
}
