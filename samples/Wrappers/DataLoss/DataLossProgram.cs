using WinsockConformance.Simulation.Api;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.DataLoss;

/// <summary>
/// A client on the CAsyncSocket-like wrapper: reads what the server sends, then the server closes.
/// Buggy: one Receive per OnReceive and Close in OnClose, the pattern of MFC's OnReceive sample. Windows posts
/// FD_CLOSE as soon as the FIN arrives, with data still unread (rule G1), so closing there loses it
/// (askldjd's "lost the last KB" report). Wine and the documentation post FD_CLOSE only after the drain, so the bug
/// hides there.
/// Fixed: OnClose drains with Receive until 0 or WSAEWOULDBLOCK before closing (PuTTY's and CAsyncSocketEx's fix).
/// Peer: samples/peers/send-100-then-close.jsonl.
/// </summary>
public sealed class DataLossProgram : AsyncSocket
{
    private readonly Variant _variant;
    private readonly byte[] _buffer = new byte[50];

    private DataLossProgram(SocketWindow window, Variant variant)
        : base(window) => _variant = variant;

    public int Received { get; private set; }

    public static int Run(Variant variant)
    {
        WSAStartup(WINSOCK_VERSION_2_2, out _);
        var client = new DataLossProgram(new SocketWindow(), variant);
        Sim.Assert(client.Create() && client.Connect(7), "create and connect");
        SocketWindow.Pump();
        WSACleanup();
        Sim.Assert(client.Received == 100, $"received {client.Received} of the 100 bytes the server sent");
        return 0;
    }

    public override void OnReceive(int errorCode)
    {
        var n = Receive(_buffer);
        Received += Math.Max(n, 0);
    }

    public override void OnClose(int errorCode)
    {
        if (_variant == Variant.Fixed)
        {
            // FD_CLOSE can come while data is unread: read to the end first.
            int n;
            while ((n = Receive(_buffer)) > 0)
            {
                Received += n;
            }
        }

        Close();
        PostQuitMessage(0);
    }
}
