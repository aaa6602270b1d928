using System.Buffers.Binary;
using System.Text;

namespace WinsockConformance.Simulation.Native.Protocol;

/// <summary>
/// One request from the shim: the operation, its u64 arguments, the bytes it sent (a sockaddr, send's data, event
/// handles), the calling thread. Frame: u32 length | u16 op | u16 argc | u32 blob_length | u32 thread_id | u64 args[] | blob.
/// </summary>
internal sealed record ShimRequest(ShimOp Op, ulong[] Args, byte[] Blob, uint ThreadId)
{
    public const int HeaderSize = 16;

    /// <summary>The argument at <paramref name="index"/>, 0 when the shim sent fewer.</summary>
    public ulong Arg(int index) => index < Args.Length ? Args[index] : 0;

    /// <summary>An argument as a C int (the low 32 bits, sign-extended).</summary>
    public int Number(int index) => unchecked((int)(uint)Arg(index));

    /// <summary>An argument as a pointer-sized value (a SOCKET, a window, an event object).</summary>
    public nint Handle(int index) => unchecked((nint)Arg(index));

    /// <summary>The blob as text (ANSI/UTF-8, no terminator).</summary>
    public string Text => Encoding.UTF8.GetString(Blob);

    /// <summary>Reads the body of a frame whose header is <paramref name="header"/>.</summary>
    public static ShimRequest Parse(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        var op = (ShimOp)BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        var argc = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        var blobLength = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var thread = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (8 * argc + blobLength != body.Length || blobLength < 0)
        {
            throw new InvalidDataException($"a request frame for {op} says {argc} argument(s) and {blobLength} byte(s) in a {body.Length}-byte body");
        }

        var args = new ulong[argc];
        for (var i = 0; i < argc; i++)
        {
            args[i] = BinaryPrimitives.ReadUInt64LittleEndian(body[(8 * i)..]);
        }

        return new ShimRequest(op, args, body.Slice(8 * argc, blobLength).ToArray(), thread);
    }

    /// <summary>The frame the shim would send for this request (tests, and the harness's own <see cref="ShimOp.Exited"/> frame).</summary>
    public byte[] Encode()
    {
        var frame = new byte[HeaderSize + (8 * Args.Length) + Blob.Length];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(frame.Length - 4));
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)Op);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)Args.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Blob.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], ThreadId);
        for (var i = 0; i < Args.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[(HeaderSize + (8 * i))..], Args[i]);
        }

        Blob.CopyTo(span[(HeaderSize + (8 * Args.Length))..]);
        return frame;
    }
}
