using System.Runtime.Versioning;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>A bound, nonblocking UDP peer.</summary>
[SupportedOSPlatform("windows")]
internal sealed class PeerDatagram : IDisposable
{
    private readonly WinsockApi _api;
    private readonly TimeSpan _timeout;

    internal PeerDatagram(WinsockApi api, ProbeSocketHandle socket, ushort port, TimeSpan timeout)
    {
        _api = api;
        Socket = socket;
        Port = port;
        _timeout = timeout;
    }

    public ProbeSocketHandle Socket { get; }

    /// <summary>The peer's own port on 127.0.0.1.</summary>
    public ushort Port { get; }

    /// <summary>Sends one datagram of <paramref name="length"/> bytes to 127.0.0.1:<paramref name="port"/>.</summary>
    public void SendTo(ushort port, int length) => LoopbackPeer.Require(_api.SendTo(Socket, length, port), "sendto");

    /// <summary>Receives one datagram, waiting up to the peer timeout; returns its length and sender port, or null.</summary>
    public (int Length, ushort FromPort)? ReceiveFrom()
    {
        if (!PeerWait.ForRead(Socket, _timeout))
        {
            return null;
        }

        NativeCall call = _api.RecvFrom(Socket, WinsockApi.ChunkSize, out ushort fromPort);
        LoopbackPeer.Require(call, "recvfrom");
        return ((int)call.ReturnValue, fromPort);
    }

    public void Dispose() => Socket.Dispose();
}
