using WinsockConformance.Simulation.Api;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.DataLoss;

/// <summary>
/// A CAsyncSocket-like wrapper (MFC sockcore.cpp's shape): a hidden notification window, a handle-to-object map, and
/// virtual OnReceive / OnSend / OnConnect / OnClose called once per message. Like MFC's documented OnReceive sample,
/// a subclass reads once per notification.
/// </summary>
public abstract class AsyncSocket
{
    public const uint WM_SOCKET_NOTIFY = WM_USER + 1;

    private readonly SocketWindow _window;

    protected AsyncSocket(SocketWindow window) => _window = window;

    public nint Handle { get; private set; } = INVALID_SOCKET;

    public bool Create()
    {
        Handle = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (Handle == INVALID_SOCKET)
        {
            return false;
        }

        _window.Attach(this);
        return WSAAsyncSelect(Handle, _window.Hwnd, WM_SOCKET_NOTIFY, FD_READ | FD_WRITE | FD_CONNECT | FD_CLOSE) == 0;
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>; true when the attempt is under way (WSAEWOULDBLOCK) or done.</summary>
    public bool Connect(ushort port)
    {
        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, port);
        return connect(Handle, address, SOCKADDR_IN.Size) == 0 || WSAGetLastError() == WSAEWOULDBLOCK;
    }

    public int Receive(byte[] buffer) => recv(Handle, buffer, buffer.Length, 0);

    public int Send(byte[] buffer, int length) => send(Handle, buffer, length, 0);

    public void Close()
    {
        if (Handle == INVALID_SOCKET)
        {
            return;
        }

        _window.Detach(Handle);
        closesocket(Handle);
        Handle = INVALID_SOCKET;
    }

    public virtual void OnConnect(int errorCode)
    {
    }

    public virtual void OnReceive(int errorCode)
    {
    }

    public virtual void OnSend(int errorCode)
    {
    }

    public virtual void OnClose(int errorCode)
    {
    }

    /// <summary>Dispatches one notification to the handler its FD_* bit names.</summary>
    internal void Notify(int fdEvent, int error)
    {
        switch (fdEvent)
        {
            case FD_CONNECT:
                OnConnect(error);
                break;
            case FD_READ:
                OnReceive(error);
                break;
            case FD_WRITE:
                OnSend(error);
                break;
            case FD_CLOSE:
                OnClose(error);
                break;
        }
    }
}

/// <summary>The per-thread notification sink: a message-only window and the map from socket handles to wrapper objects.</summary>
public sealed class SocketWindow
{
    private readonly Dictionary<nint, AsyncSocket> _map = [];

    public SocketWindow()
    {
        Hwnd = MessageOnlyWindow.Create("AsyncSocketSink", WindowProcedure);
    }

    public nint Hwnd { get; }

    internal void Attach(AsyncSocket socket) => _map[socket.Handle] = socket;

    internal void Detach(nint handle) => _map.Remove(handle);

    private nint WindowProcedure(nint hwnd, uint message, nint wParam, nint lParam)
    {
        // A message for a handle no longer in the map (closed meanwhile) is dropped, as MFC does.
        if (message == AsyncSocket.WM_SOCKET_NOTIFY && _map.TryGetValue(wParam, out var socket))
        {
            socket.Notify(WSAGETSELECTEVENT(lParam), WSAGETSELECTERROR(lParam));
        }

        return DefWindowProc(hwnd, message, wParam, lParam);
    }

    /// <summary>The message loop: until WM_QUIT.</summary>
    public static void Pump()
    {
        while (GetMessage(out var msg, 0, 0, 0) > 0)
        {
            TranslateMessage(msg);
            DispatchMessage(msg);
        }
    }
}
