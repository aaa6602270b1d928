using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.StaleHandle;

/// <summary>What the dispatcher calls back on a connection.</summary>
public interface ISocketHandler
{
    void OnEvent(nint socket, int fdEvent, int errorCode);
}

/// <summary>
/// A dispatcher in the shape most wrappers share (PuTTY's select_result keyed by handle, ffftp's table, MFC's map):
/// one window, one message number, a map from socket handle to handler.
/// Buggy: closing a socket just removes it from the map. Messages already queued for it stay queued (closesocket
/// does not purge them, rule F1), and a socket created next may get the same handle value (X4): its entry then
/// receives the old socket's messages.
/// Fixed: MFC's dead-handle guard. Closing marks the handle dead and posts a private marker; messages for a dead
/// handle are dropped until the marker comes back. It works because posted messages are delivered in order and
/// nothing is posted for a socket after closesocket (F2).
/// </summary>
public sealed class SocketDispatcher
{
    public const uint WM_SOCKET = WM_USER + 10;
    public const uint WM_SOCKET_DEAD = WM_USER + 11;

    private readonly Dictionary<nint, ISocketHandler> _handlers = [];
    private readonly HashSet<nint> _dead = [];
    private readonly Variant _variant;

    public SocketDispatcher(Variant variant)
    {
        _variant = variant;
        Hwnd = MessageOnlyWindow.Create("SocketDispatcher", WindowProcedure);
    }

    public nint Hwnd { get; }

    public void Register(nint socket, ISocketHandler handler, int events)
    {
        _handlers[socket] = handler;
        WSAAsyncSelect(socket, Hwnd, WM_SOCKET, events);
    }

    public void Close(nint socket)
    {
        _handlers.Remove(socket);
        closesocket(socket);
        if (_variant == Variant.Fixed)
        {
            _dead.Add(socket);
            PostMessage(Hwnd, WM_SOCKET_DEAD, socket, 0);
        }
    }

    private nint WindowProcedure(nint hwnd, uint message, nint wParam, nint lParam)
    {
        switch (message)
        {
            case WM_SOCKET_DEAD:
                _dead.Remove(wParam);
                break;
            case WM_SOCKET when _dead.Contains(wParam):
                // Queued before the socket was closed: it belongs to the dead socket, whatever now has this value.
                break;
            case WM_SOCKET when _handlers.TryGetValue(wParam, out var handler):
                handler.OnEvent(wParam, WSAGETSELECTEVENT(lParam), WSAGETSELECTERROR(lParam));
                break;
        }

        return 0;
    }
}
