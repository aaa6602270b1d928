using System.Text;
using WinsockConformance.Simulation.Api;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.ErrorWord;

/// <summary>
/// Connects, reads the server's "hi", and sees the server abort the connection (RST). The program expects a
/// disconnect event, whatever its reason. Peer: samples/peers/hi-then-abort.jsonl.
/// </summary>
public static class ErrorWordProgram
{
    public static int Run(Variant variant)
    {
        WSAStartup(WINSOCK_VERSION_2_2, out _);
        var hwnd = MessageOnlyWindow.Create("ComponentWindow");
        var client = new ComponentSocket(variant, hwnd);
        var text = new StringBuilder();
        var buffer = new byte[16];
        var disconnected = false;
        client.OnRead = () =>
        {
            var n = recv(client.Handle, buffer, buffer.Length, 0);
            if (n > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        };
        client.OnDisconnect = reason =>
        {
            disconnected = true;
            Sim.Note($"disconnected, reason {reason}");
            client.Close();
            PostQuitMessage(0);
        };

        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, 7);
        connect(client.Handle, address, SOCKADDR_IN.Size);
        while (GetMessage(out var msg, 0, 0, 0) > 0)
        {
            if (msg.message == ComponentSocket.WM_SOCKET && msg.wParam == client.Handle)
            {
                client.OnMessage(msg.lParam);
            }
        }

        WSACleanup();
        Sim.Assert(disconnected, "no disconnect event");
        Sim.Assert(text.ToString() == "hi", $"read \"{text}\"");
        return 0;
    }
}
