using WinsockConformance.Simulation.Api;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.StaleHandle;

/// <summary>
/// Two downloads one after the other on the dispatcher: the first server sends 100 bytes and closes; on FD_CLOSE
/// the client drains, closes, and connects again at once; the second server sends "ok" and closes.
/// Each FD_READ reads once (64 bytes), so with data left the recv re-posts FD_READ (C1). Under Windows the FIN's
/// FD_CLOSE can be queued before that FD_READ (G1); the drain in OnClose then leaves the FD_READ queued for a closed
/// socket, and the second socket, created at once, gets the same handle value (X4). The buggy dispatcher hands the
/// stale FD_READ to the second download, which calls recv on it: the program acts on another socket's message.
/// Peer: samples/peers/two-downloads.jsonl.
/// </summary>
public sealed class StaleHandleProgram : ISocketHandler
{
    private readonly SocketDispatcher _dispatcher;
    private readonly byte[] _buffer = new byte[64];
    private int _download;
    private nint _socket;

    private StaleHandleProgram(Variant variant) => _dispatcher = new SocketDispatcher(variant);

    public int Received { get; private set; }

    public static int Run(Variant variant)
    {
        WSAStartup(WINSOCK_VERSION_2_2, out _);
        var program = new StaleHandleProgram(variant);
        program.Start();
        while (GetMessage(out var msg, 0, 0, 0) > 0)
        {
            DispatchMessage(msg);
        }

        WSACleanup();
        Sim.Assert(program.Received == 102, $"received {program.Received} of the 102 bytes the two servers sent");
        return 0;
    }

    private void Start()
    {
        _download++;
        _socket = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        _dispatcher.Register(_socket, this, FD_CONNECT | FD_READ | FD_CLOSE);
        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, 7);
        connect(_socket, address, SOCKADDR_IN.Size);
    }

    public void OnEvent(nint socket, int fdEvent, int errorCode)
    {
        switch (fdEvent)
        {
            case FD_READ:
                Received += Math.Max(recv(socket, _buffer, _buffer.Length, 0), 0);
                break;
            case FD_CLOSE:
                int n;
                while ((n = recv(socket, _buffer, _buffer.Length, 0)) > 0)
                {
                    Received += n;
                }

                _dispatcher.Close(socket);
                if (_download == 1)
                {
                    Start();
                }
                else
                {
                    PostQuitMessage(0);
                }

                break;
        }
    }
}
