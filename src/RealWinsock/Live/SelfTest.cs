using System.Runtime.Versioning;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>Outcome of <see cref="SelfTest.Run"/>; <see cref="Message"/> explains a failure.</summary>
internal sealed record SelfTestResult(bool Passed, string Message);

/// <summary>
/// Start-up check that error capture works before any trace is recorded: known calls must report their known
/// errors. A wrong value here usually means something ran between the native call and
/// Marshal.GetLastPInvokeError() and overwrote the thread's last error.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class SelfTest
{
    private const int Repetitions = 5;

    public static SelfTestResult Run(WinsockApi api, LoopbackPeer peer)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(peer);

        for (int i = 0; i < Repetitions; i++)
        {
            // Known case 1: a nonblocking connect to a listening peer must report SOCKET_ERROR / WSAEWOULDBLOCK.
            NativeCall created = api.Socket(SocketKind.Stream, out ProbeSocketHandle socket);
            using (socket)
            {
                if (socket.IsInvalid)
                {
                    return Fail($"socket(AF_INET, SOCK_STREAM) failed: {created}");
                }

                NativeCall nonblocking = api.IoctlFionbio(socket, 1);
                if (nonblocking.ReturnValue != 0)
                {
                    return Fail($"ioctlsocket(FIONBIO, 1) returned {nonblocking}, expected 0");
                }

                NativeCall connect = api.Connect(socket, peer.ListenerPort);
                if (!connect.FailedWith(Winsock.WSAEWOULDBLOCK))
                {
                    return Fail(
                        $"nonblocking connect to the peer listener returned {connect}, expected SOCKET_ERROR " +
                        $"{WsaErrorNames.Format(Winsock.WSAEWOULDBLOCK)}: the last error is not being captured correctly");
                }

                using PeerConnection accepted = peer.AcceptConnection();
                NativeCall closed = api.CloseSocket(socket);
                if (closed.ReturnValue != 0)
                {
                    return Fail($"closesocket after the self-test connect returned {closed}, expected 0");
                }
            }

            // Known case 2: recv on a fresh, unconnected stream socket must report WSAENOTCONN.
            api.Socket(SocketKind.Stream, out ProbeSocketHandle fresh);
            using (fresh)
            {
                NativeCall recv = api.Recv(fresh, 1);
                if (!recv.FailedWith(Winsock.WSAENOTCONN))
                {
                    return Fail($"recv on an unconnected socket returned {recv}, expected SOCKET_ERROR {WsaErrorNames.Format(Winsock.WSAENOTCONN)}");
                }
            }
        }

        return new SelfTestResult(true, $"error capture OK ({Repetitions}x WSAEWOULDBLOCK on nonblocking connect, WSAENOTCONN on recv)");
    }

    private static SelfTestResult Fail(string message) => new(false, "Self-test failed: " + message);
}
