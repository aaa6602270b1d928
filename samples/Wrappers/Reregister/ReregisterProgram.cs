using System.Text;
using WinsockConformance.Simulation.Api;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.Reregister;

/// <summary>
/// Connects, says "hello" once connected, reads the reply until the server closes. OnConnect must run once: the
/// program asserts it (SIM-ASSERT when a re-registration brings FD_CONNECT back). Peer: samples/peers/hello-world.jsonl.
/// </summary>
public static class ReregisterProgram
{
    public static int Run(Variant variant)
    {
        WSAStartup(WINSOCK_VERSION_2_2, out _);
        var hwnd = MessageOnlyWindow.Create("ReselectWindow");
        var client = new ReselectingSocket(variant, hwnd);
        var connects = 0;
        var reply = new StringBuilder();
        var buffer = new byte[64];
        client.Connected = () =>
        {
            Sim.Assert(++connects == 1, "OnConnect ran a second time: a re-registration brought FD_CONNECT back");
            var hello = Encoding.ASCII.GetBytes("hello");
            send(client.Handle, hello, hello.Length, 0);
        };
        client.Readable = () =>
        {
            var n = recv(client.Handle, buffer, buffer.Length, 0);
            if (n > 0)
            {
                reply.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        };
        client.Closed = () =>
        {
            int n;
            while ((n = recv(client.Handle, buffer, buffer.Length, 0)) > 0)
            {
                reply.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            client.Close();
            PostQuitMessage(0);
        };

        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, 7);
        connect(client.Handle, address, SOCKADDR_IN.Size);
        while (GetMessage(out var msg, 0, 0, 0) > 0)
        {
            if (msg.message == ReselectingSocket.WM_SOCKET && msg.wParam == client.Handle)
            {
                client.OnMessage(msg.lParam);
            }
        }

        WSACleanup();
        Sim.Assert(reply.ToString() == "world", $"the reply was \"{reply}\"");
        return 0;
    }
}
