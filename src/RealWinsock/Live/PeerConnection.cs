using System.Diagnostics;
using System.Runtime.Versioning;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

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
                Ended |= !call.FailedWith(Winsock.WSAEWOULDBLOCK);
                return total;
            }

            total += call.ReturnValue;
            Took(call.ReturnValue);
        }
    }

    /// <summary>
    /// recv(1 byte, MSG_PEEK), result ignored: reads nothing, but makes the peer's TCP acknowledge at once what it
    /// has received instead of after the delayed-ACK timer (about 40 ms on Linux), so the sender's space freed by
    /// that ACK comes back now, while a "fill" is still sending, and not in the middle of a later step (H-1).
    /// </summary>
    public void AcknowledgeReceived() => _ = _api.Recv(Socket, 1, Winsock.MSG_PEEK);

    /// <summary>
    /// Reads exactly the bytes queued on the peer socket now (FIONREAD), no more: empties the peer's receive buffer
    /// once, and the ACK that read sends (a window update) covers any segment the peer had left unacknowledged. What
    /// arrives in answer to it stays queued. Part of "fill" (H-5): it makes every fill end from an empty peer buffer,
    /// whatever the peer's buffer held when the fill started. Returns the bytes read (0 if the socket cannot be read).
    /// </summary>
    public long DrainQueued()
    {
        if (_api.IoctlFionread(Socket, out uint queued).IsSocketError)
        {
            return 0;
        }

        long read = 0;
        while (read < queued)
        {
            NativeCall call = _api.Recv(Socket, (int)Math.Min(WinsockApi.ChunkSize, queued - read));
            if (call.ReturnValue <= 0)
            {
                Ended |= !call.FailedWith(Winsock.WSAEWOULDBLOCK);
                break;
            }

            read += call.ReturnValue;
            Took(call.ReturnValue);
        }

        return read;
    }

    /// <summary>Bytes this peer has read from the connection so far.</summary>
    public long Received { get; private set; }

    /// <summary>When the peer last read a byte (or the connection was made): a Stopwatch timestamp.</summary>
    private long _lastRead = Stopwatch.GetTimestamp();

    /// <summary>When the peer last read a byte (a Stopwatch timestamp); read by the step watchdog's thread.</summary>
    public long LastRead => Volatile.Read(ref _lastRead);

    private void Took(long bytes)
    {
        Received += bytes;
        Volatile.Write(ref _lastRead, Stopwatch.GetTimestamp());
    }

    /// <summary>A recv returned 0 (the socket under test shut down sending) or failed for good: nothing more will arrive.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// Reads until <paramref name="total"/> bytes have been read over the connection's life (what the socket under
    /// test's sends accepted), the stream ends, or the peer timeout runs out (TimeoutException). Waiting for an exact
    /// count, not for a quiet moment, makes the drain complete: the socket under test may still be pushing out a
    /// filled send buffer, or holding a small send back for Nagle until our delayed ACK (about 40 ms on Linux).
    /// The bound is renewed whenever bytes arrive, and starts longer by the time the peer has not read: a sender facing
    /// a shut window probes it at intervals that double from the retransmission timeout (200 ms on loopback) while it
    /// stays shut, and after the peer's shutdown(SD_RECEIVE) Linux sends no window update when the peer reads
    /// (tcp_cleanup_rbuf), so the next probe can be about as far off as the window has been shut (seen with long
    /// --quiet-ms periods between a fill and the peer's read).
    /// </summary>
    public void ReadExactly(long total)
    {
        long timeout = (long)(_timeout.TotalSeconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        long deadline = start + timeout + (start - _lastRead);
        while (true)
        {
            long before = Received;
            ReadAvailable();
            if (Received >= total || Ended)
            {
                return;
            }

            if (Received > before)
            {
                deadline = Math.Max(deadline, Stopwatch.GetTimestamp() + timeout);
            }

            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                throw new TimeoutException($"The peer read {Received} of the {total} bytes the socket under test sent in {(Stopwatch.GetTimestamp() - start) * 1000 / Stopwatch.Frequency} ms (nothing arrived for the last {_timeout.TotalMilliseconds} ms or more).");
            }

            PeerWait.ForRead(Socket, TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
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
