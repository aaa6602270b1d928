using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Samples.WriteWait;

/// <summary>
/// A buffered writer on a connected socket: Write queues bytes, OnWritable sends what is queued.
/// Buggy: sends one chunk per FD_WRITE and waits for the next FD_WRITE to send more, as if FD_WRITE came whenever the
/// socket is writable. Windows posts FD_WRITE after the connect and afterwards only after a send failed with
/// WSAEWOULDBLOCK and space came back (C6); a successful send never brings another (Wine neither, WINE-10). Only the
/// documentation's reading (every send re-enables, DOC-4) lets it finish. Tcl's comment and SocketTools' OnWrite page
/// warn about exactly this.
/// Fixed: sends until everything is out or a send fails with WSAEWOULDBLOCK, and waits for FD_WRITE only then.
/// </summary>
public sealed class BufferedWriter(nint socket, Variant variant, int chunk)
{
    private readonly List<byte> _pending = [];

    public bool Writable { get; private set; }

    public int Sent { get; private set; }

    public bool Done => _pending.Count == 0;

    public void Write(byte[] bytes)
    {
        _pending.AddRange(bytes);
        if (Writable)
        {
            Flush();
        }
    }

    /// <summary>FD_WRITE arrived.</summary>
    public void OnWritable()
    {
        Writable = true;
        Flush();
    }

    private void Flush()
    {
        while (_pending.Count > 0)
        {
            var piece = _pending.Take(Math.Min(chunk, _pending.Count)).ToArray();
            var n = send(socket, piece, piece.Length, 0);
            if (n == SOCKET_ERROR)
            {
                // WSAEWOULDBLOCK: FD_WRITE comes when space returns. Any other error: the connection is gone.
                Writable = false;
                return;
            }

            _pending.RemoveRange(0, n);
            Sent += n;
            if (variant == Variant.Buggy)
            {
                // Waits for the next FD_WRITE before sending more.
                Writable = false;
                return;
            }
        }
    }

    /// <summary>The message loop's message number for this writer's socket.</summary>
    public const uint WM_SOCKET = WM_USER + 20;
}
