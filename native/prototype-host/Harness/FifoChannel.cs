using System.Buffers.Binary;
using System.Globalization;

namespace ShimPrototype.Harness;

/// <summary>
/// The harness's end of the shim's channel: two FIFOs in a fresh directory, which the program reaches as
/// Z:\...\req and Z:\...\rsp. Both are opened O_RDWR here before the program starts: that never blocks, so
/// Wine's server (which opens the path for the program) never blocks either, and the harness holding a writer on
/// req lets it append its own <see cref="Op.Exited"/> frame when the process ends, after whatever the program
/// wrote before it died.
/// </summary>
internal sealed unsafe class FifoChannel : IDisposable
{
    private static int s_next;
    private readonly int _requests;
    private readonly int _replies;
    private readonly object _writeLock = new();

    public FifoChannel()
    {
        Directory = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"wsasim-{Environment.ProcessId}-{Interlocked.Increment(ref s_next)}"));
        System.IO.Directory.CreateDirectory(Directory);
        _requests = MakeAndOpen(Path.Combine(Directory, "req"));
        _replies = MakeAndOpen(Path.Combine(Directory, "rsp"));
    }

    public string Directory { get; }

    /// <summary>The directory as the program under Wine names it (Wine maps / to Z:).</summary>
    public string WindowsPath => "Z:" + Directory.Replace('/', '\\');

    public Request ReadRequest()
    {
        Span<byte> header = stackalloc byte[Request.HeaderSize];
        ReadExactly(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var body = new byte[length + 4 - Request.HeaderSize];
        ReadExactly(body);
        return Request.Parse(header, body);
    }

    public void WriteReply(Reply reply) => WriteAll(_replies, reply.Encode());

    /// <summary>Appends the harness's own "the process ended" frame to the request stream.</summary>
    public void PostExited(int exitCode)
    {
        var frame = new byte[Request.HeaderSize + 8];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(frame.Length - 4));
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(4), (ushort)Op.Exited);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(6), 1);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(Request.HeaderSize), exitCode);
        WriteAll(_requests, frame);
    }

    public void Dispose()
    {
        _ = Libc.Close(_requests);
        _ = Libc.Close(_replies);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static int MakeAndOpen(string path)
    {
        if (Libc.MakeFifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException($"mkfifo {path} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }

        var fd = Libc.Open(path, Libc.O_RDWR | Libc.O_CLOEXEC);
        return fd >= 0 ? fd : throw new IOException($"open {path} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    private void ReadExactly(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var have = 0;
            while (have < buffer.Length)
            {
                var got = Libc.Read(_requests, p + have, buffer.Length - have);
                if (got <= 0)
                {
                    throw new IOException("the request FIFO failed");
                }

                have += (int)got;
            }
        }
    }

    private void WriteAll(int fd, byte[] bytes)
    {
        lock (_writeLock)
        {
            fixed (byte* p = bytes)
            {
                var done = 0;
                while (done < bytes.Length)
                {
                    var put = Libc.Write(fd, p + done, bytes.Length - done);
                    if (put <= 0)
                    {
                        throw new IOException("writing to a FIFO failed");
                    }

                    done += (int)put;
                }
            }
        }
    }
}
