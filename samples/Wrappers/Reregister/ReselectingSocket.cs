using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.Reregister;

/// <summary>
/// A wrapper that re-arms its registration after every notification it handles, the way kotuku's loop did
/// (kotuku PR #1272) and the way Tcl and PuTTY re-select to get a fresh set of events.
/// Buggy: re-arms with the mask it started with, FD_CONNECT included. Windows never posts FD_CONNECT for a connect
/// that completed before the registration (B2), so it passes there; under the documentation's reading a
/// registration while connected posts FD_CONNECT again (DOC-1) and OnConnect runs a second time.
/// Fixed: once connected, re-arms without FD_CONNECT.
/// </summary>
public sealed class ReselectingSocket
{
    public const uint WM_SOCKET = WM_USER + 30;
    private const int InitialMask = FD_CONNECT | FD_READ | FD_CLOSE;

    private readonly Variant _variant;
    private bool _connected;

    public ReselectingSocket(Variant variant, nint hwnd)
    {
        _variant = variant;
        Hwnd = hwnd;
        Handle = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        WSAAsyncSelect(Handle, Hwnd, WM_SOCKET, InitialMask);
    }

    public nint Hwnd { get; }

    public nint Handle { get; private set; }

    public Action? Connected { get; set; }

    public Action? Readable { get; set; }

    public Action? Closed { get; set; }

    /// <summary>Handles one notification, then re-arms (unless the socket was closed meanwhile).</summary>
    public void OnMessage(nint lParam)
    {
        switch (WSAGETSELECTEVENT(lParam))
        {
            case FD_CONNECT:
                _connected = true;
                Connected?.Invoke();
                break;
            case FD_READ:
                Readable?.Invoke();
                break;
            case FD_CLOSE:
                Closed?.Invoke();
                break;
        }

        if (Handle != INVALID_SOCKET)
        {
            var mask = _variant == Variant.Fixed && _connected ? InitialMask & ~FD_CONNECT : InitialMask;
            WSAAsyncSelect(Handle, Hwnd, WM_SOCKET, mask);
        }
    }

    public void Close()
    {
        closesocket(Handle);
        Handle = INVALID_SOCKET;
    }
}
