using System.Globalization;
using Microsoft.Win32.SafeHandles;
using WinsockConformance.Simulation.Native.Protocol;
using static WinsockConformance.Simulation.Native.Interop.Interop;

namespace WinsockConformance.Simulation.Native.Channel;

/// <summary>
/// The channel on Linux: two FIFOs in a fresh folder, which the program under Wine opens as Z:\…\req and Z:\…\rsp (one
/// write and one read system call per round trip; no wineserver request). Both are opened read-write here before the
/// program starts: that never blocks, so Wine's server, which opens the path for the program, never blocks either; and
/// the harness holding a writer on req lets it append its own Exited frame after whatever the program wrote before it
/// ended.
/// </summary>
internal sealed class FifoChannel : IShimChannel
{
    private static int s_next;
    private readonly string _folder;
    private readonly FileStream _requests;
    private readonly FileStream _replies;
    private readonly Lock _writeLock = new();

    public FifoChannel()
    {
        _folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"wsasim-{Environment.ProcessId}-{Interlocked.Increment(ref s_next)}"));
        Directory.CreateDirectory(_folder);
        _requests = Open(Path.Combine(_folder, "req"));
        _replies = Open(Path.Combine(_folder, "rsp"));
    }

    /// <summary>The folder as the program under Wine names it (Wine maps / to Z:).</summary>
    public string ProgramSide => "Z:" + _folder.Replace('/', '\\');

    public ShimRequest Read() =>
        FrameReader.Read(_requests) ?? throw new InvalidDataException("the request FIFO ended (the harness holds a writer: it cannot)");

    public void Write(ShimReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var frame = reply.Encode();
        lock (_writeLock)
        {
            _replies.Write(frame);
        }
    }

    public void ProcessExited(int status)
    {
        var frame = new ShimRequest(ShimOp.Exited, [unchecked((ulong)status)], [], 0).Encode();
        lock (_writeLock)
        {
            _requests.Write(frame);
        }
    }

    public void Dispose()
    {
        _requests.Dispose();
        _replies.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static FileStream Open(string path)
    {
        if (Libc.MakeFifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException($"mkfifo {path} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }

        SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        return new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
    }
}
