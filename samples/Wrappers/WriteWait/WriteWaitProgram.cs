using System.Text;
using WinsockConformance.Simulation.Api;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.WriteWait;

/// <summary>
/// Uploads 4,000 bytes in 1,000-byte chunks through the buffered writer, then shuts down sending and waits for the
/// server to close. The server reads and checks all 4,000 bytes. Peer: samples/peers/expect-4000-then-close.jsonl.
/// </summary>
public static class WriteWaitProgram
{
    /// <summary>The bytes the server expects: the peer script's default pattern.</summary>
    public static byte[] Payload(int count)
    {
        var pattern = Encoding.ASCII.GetBytes("abcdefghijklmnopqrstuvwxyz0123456789");
        return [.. Enumerable.Range(0, count).Select(i => pattern[i % pattern.Length])];
    }

    public static int Run(Variant variant)
    {
        WSAStartup(WINSOCK_VERSION_2_2, out _);
        var hwnd = MessageOnlyWindow.Create("WriterWindow");
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        WSAAsyncSelect(s, hwnd, BufferedWriter.WM_SOCKET, FD_CONNECT | FD_WRITE | FD_CLOSE);
        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, 7);
        connect(s, address, SOCKADDR_IN.Size);
        var writer = new BufferedWriter(s, variant, chunk: 1000);
        writer.Write(Payload(4000));
        var shutDown = false;
        while (GetMessage(out var msg, 0, 0, 0) > 0)
        {
            if (msg.message != BufferedWriter.WM_SOCKET)
            {
                continue;
            }

            switch (WSAGETSELECTEVENT(msg.lParam))
            {
                case FD_WRITE:
                    writer.OnWritable();
                    break;
                case FD_CLOSE:
                    closesocket(s);
                    PostQuitMessage(0);
                    break;
            }

            if (writer.Done && !shutDown)
            {
                shutdown(s, SD_SEND);
                shutDown = true;
            }
        }

        WSACleanup();
        Sim.Assert(writer.Sent == 4000, $"sent {writer.Sent} of 4000 bytes");
        return 0;
    }
}
