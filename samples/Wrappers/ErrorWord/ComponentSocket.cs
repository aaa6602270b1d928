using System.ComponentModel;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.ErrorWord;

/// <summary>An error a notification carried, raised as an exception (Delphi ScktComp's ESocketError "Asynchronous socket error 10053").</summary>
public sealed class AsyncSocketException(int error, int fdEvent)
    : Win32Exception(error, $"Asynchronous socket error {error} on event 0x{fdEvent:X}");

/// <summary>
/// A component-style socket (Delphi ScktComp's TClientSocket shape): events OnRead and OnDisconnect; the message
/// handler turns a notification's error word into an exception unless it is 0.
/// Buggy: treats every non-zero error word as fatal, FD_CLOSE's included. After the peer's RST, Windows posts
/// FD_CLOSE with WSAECONNABORTED (G4) and the documentation says WSAECONNRESET: the handler throws out of the message
/// loop. Wine 8 posts it with 0 (WINE-11), so testing on Wine hides the bug.
/// Fixed: FD_CLOSE's error word is the reason for the disconnect, passed to OnDisconnect; only FD_CONNECT's is fatal.
/// </summary>
public sealed class ComponentSocket
{
    public const uint WM_SOCKET = WM_USER + 40;

    private readonly Variant _variant;

    public ComponentSocket(Variant variant, nint hwnd)
    {
        _variant = variant;
        Handle = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        WSAAsyncSelect(Handle, hwnd, WM_SOCKET, FD_CONNECT | FD_READ | FD_CLOSE);
    }

    public nint Handle { get; private set; }

    public Action? OnRead { get; set; }

    public Action<int>? OnDisconnect { get; set; }

    public void OnMessage(nint lParam)
    {
        var fdEvent = WSAGETSELECTEVENT(lParam);
        var error = WSAGETSELECTERROR(lParam);
        if (error != 0 && (_variant == Variant.Buggy || fdEvent == FD_CONNECT))
        {
            throw new AsyncSocketException(error, fdEvent);
        }

        switch (fdEvent)
        {
            case FD_READ:
                OnRead?.Invoke();
                break;
            case FD_CLOSE:
                OnDisconnect?.Invoke(error);
                break;
        }
    }

    public void Close()
    {
        closesocket(Handle);
        Handle = INVALID_SOCKET;
    }
}
