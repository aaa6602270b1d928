using WinsockConformance.Simulation.Api;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.SimulationTests.Support;

/// <summary>Pieces test programs share: start-up, a message-only window, a connect to the peer.</summary>
internal static class Programs
{
    public const uint WM_SOCKET = WM_USER + 1;

    public static void Startup() => Sim.Assert(WSAStartup(WINSOCK_VERSION_2_2, out _) == 0, "WSAStartup");

    public static nint Window()
    {
        RegisterClass("TestWindow", static (h, m, w, l) => 0);
        return CreateWindowEx(0, "TestWindow", null, 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, 0);
    }

    public static int Connect(nint s, ushort port = 7)
    {
        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, port);
        return connect(s, address, SOCKADDR_IN.Size);
    }

    /// <summary>Started up, a stream socket connected (blocking) to the peer on port 7.</summary>
    public static nint Client()
    {
        Startup();
        var s = socket(AF_INET, SOCK_STREAM, 0);
        Connect(s);
        return s;
    }

    /// <summary>Started up, a window, a stream socket registered for <paramref name="events"/> and connecting to the peer on port 7.</summary>
    public static nint RegisteredClient(int events)
    {
        Startup();
        var hwnd = Window();
        var s = socket(AF_INET, SOCK_STREAM, 0);
        WSAAsyncSelect(s, hwnd, WM_SOCKET, events);
        Connect(s);
        return s;
    }

    public static nint Listener(ushort port)
    {
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var address = SOCKADDR_IN.Create(INADDR_ANY, port);
        Sim.Assert(bind(s, address, SOCKADDR_IN.Size) == 0, "bind");
        Sim.Assert(listen(s, 5) == 0, "listen");
        return s;
    }

    /// <summary>Reads until recv returns 0 (blocking socket) and returns the text.</summary>
    public static string ReadToEnd(nint s)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new byte[64];
        int n;
        while ((n = recv(s, buffer, buffer.Length, 0)) > 0)
        {
            text.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        }

        Sim.Assert(n == 0, $"recv ended with {n}, error {WSAGetLastError()}");
        return text.ToString();
    }
}
