using System.Diagnostics;
using System.Runtime.Versioning;
using Winsock = WinsockConformance.RealWinsockProbe.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsockProbe.Live;

/// <summary>The peer end of one TCP connection (nonblocking, bounded waits).</summary>
[SupportedOSPlatform("windows")]
internal sealed class PeerConnection : IDisposable
{
    private readonly WinsockApi _api;
    private readonly TimeSpan _timeout;

    internal PeerConnection(WinsockApi api, ProbeSocketHandle socket, TimeSpan timeout)
    {
        _api = api;
        Socket = socket;
        _timeout = timeout;
    }

    /// <summary>The peer's socket (for logging its raw value; scenarios should not drive it directly).</summary>
    public ProbeSocketHandle Socket { get; }

    /// <summary>
    /// Sends <paramref name="count"/> bytes, waiting (bounded) for send space when the socket under test does not
    /// read. Returns the bytes sent, which is less than <paramref name="count"/> only if the wait timed out.
    /// </summary>
    public long Send(long count)
    {
        long sent = 0;
        while (sent < count)
        {
            int chunk = (int)Math.Min(WinsockApi.ChunkSize, count - sent);
            NativeCall call = _api.Send(Socket, chunk);
            if (call.FailedWith(Winsock.WSAEWOULDBLOCK))
            {
                if (!PeerWait.ForWrite(Socket, _timeout))
                {
                    return sent;
                }

                continue;
            }

            LoopbackPeer.Require(call, "send");
            sent += call.ReturnValue;
        }

        return sent;
    }

    /// <summary>send(1 byte, MSG_OOB): one urgent byte.</summary>
    public void SendUrgent() => LoopbackPeer.Require(_api.Send(Socket, 1, Winsock.MSG_OOB), "send(MSG_OOB)");

    /// <summary>shutdown(SD_SEND): FIN towards the socket under test.</summary>
    public void ShutdownSend() => LoopbackPeer.Require(_api.Shutdown(Socket, Winsock.SD_SEND), "shutdown(SD_SEND)");

    /// <summary>shutdown(SD_RECEIVE).</summary>
    public void ShutdownReceive() => LoopbackPeer.Require(_api.Shutdown(Socket, Winsock.SD_RECEIVE), "shutdown(SD_RECEIVE)");

    /// <summary>closesocket with default linger: graceful close (FIN).</summary>
    public void CloseGracefully() => LoopbackPeer.Require(_api.CloseSocket(Socket), "closesocket");

    /// <summary>SO_LINGER {1, 0} then closesocket: abortive close (RST).</summary>
    public void CloseAbortively()
    {
        LoopbackPeer.Require(_api.SetLinger(Socket, 1, 0), "setsockopt(SO_LINGER {1,0})");
        LoopbackPeer.Require(_api.CloseSocket(Socket), "closesocket (abortive)");
    }

    /// <summary>
    /// Reads everything readable right now (until WSAEWOULDBLOCK, end of stream or an error); returns the byte count.
    /// Urgent data is not read (no MSG_OOB).
    /// </summary>
    public long ReadAvailable()
    {
        long total = 0;
        while (true)
        {
            NativeCall call = _api.Recv(Socket, WinsockApi.ChunkSize);
            if (call.ReturnValue <= 0)
            {
                return total;
            }

            total += call.ReturnValue;
        }
    }

    /// <summary>
    /// Reads until nothing has arrived for <paramref name="quietPeriod"/> (bounded by the peer timeout): frees the
    /// send space of the socket under test even when its send buffer refills the peer's receive buffer.
    /// </summary>
    public long ReadUntilQuiet(TimeSpan quietPeriod)
    {
        long total = 0;
        long deadline = Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long read = ReadAvailable();
            total += read;
            if (read == 0 && !PeerWait.ForRead(Socket, quietPeriod))
            {
                break;
            }
        }

        return total;
    }

    public override string ToString() => $"peer connection 0x{Socket.RawValue:X}";

    public void Dispose() => Socket.Dispose();
}
