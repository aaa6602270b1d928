using System.Buffers.Binary;

namespace ShimPrototype.Harness;

/// <summary>Mirrors native/prototype/shim/protocol.h.</summary>
internal enum Op : ushort
{
    Hello = 1,
    Unsupported = 2,
    Crash = 3,
    Idle = 4,
    Retrieved = 5,

    /// <summary>Not from the shim: the harness's own frame saying the program's process ended (exit code in args[0]).</summary>
    Exited = 99,

    WSAStartup = 100,
    WSACleanup,
    Socket,
    CloseSocket,
    Connect,
    WSAAsyncSelect,
    WSAEventSelect,
    WSAEnumNetworkEvents,
    WSACreateEvent,
    WSACloseEvent,
    WSAWaitForMultipleEvents,
    Recv,
    Send,
    IoctlSocket,
}

internal enum IdleKind
{
    GetMessage = 1,
    PeekMessage = 2,
    MsgWait = 3,
    Wait = 4,
}

internal enum IdleVerdict
{
    Delivered = 0,
    Nothing = 1,
    TimedOut = 2,
}

internal enum EffectKind : uint
{
    Post = 1,
    SetEvent = 2,
    ResetEvent = 3,
    Terminate = 4,
}

/// <summary>One request from the shim: the operation, its u64 arguments, the bytes it sent, the calling thread.</summary>
internal sealed record Request(Op Op, ulong[] Args, byte[] Blob, uint ThreadId)
{
    public const int HeaderSize = 16;

    public static Request Parse(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        var op = (Op)BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        var argc = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        var blobLength = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var thread = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        var args = new ulong[argc];
        for (var i = 0; i < argc; i++)
        {
            args[i] = BinaryPrimitives.ReadUInt64LittleEndian(body[(8 * i)..]);
        }

        return new Request(op, args, body.Slice(8 * argc, blobLength).ToArray(), thread);
    }
}

/// <summary>A reply under construction: result, last error, writes into the caller's memory, effects in order.</summary>
internal sealed class Reply
{
    private readonly List<(EffectKind Kind, ulong A, ulong B, ulong C, ulong D)> _effects = [];
    private readonly List<(ulong Address, byte[] Bytes)> _writes = [];

    public long Result { get; set; }

    public int? Error { get; set; }

    public void Effect(EffectKind kind, ulong a, ulong b = 0, ulong c = 0, ulong d = 0) => _effects.Add((kind, a, b, c, d));

    public void Write(ulong address, byte[] bytes) => _writes.Add((address, bytes));

    public byte[] Encode()
    {
        var length = 24 + (40 * _effects.Count) + _writes.Sum(w => 16 + ((w.Bytes.Length + 7) & ~7));
        var frame = new byte[length];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Error is null ? 0u : 1u);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], Result);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)(Error ?? 0));
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)_effects.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)_writes.Count);
        var at = 24;
        foreach (var (kind, a, b, c, d) in _effects)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)kind);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 8)..], a);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 16)..], b);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 24)..], c);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 32)..], d);
            at += 40;
        }

        foreach (var (address, bytes) in _writes)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[at..], address);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 8)..], (uint)bytes.Length);
            bytes.CopyTo(span[(at + 16)..]);
            at += 16 + ((bytes.Length + 7) & ~7);
        }

        return frame;
    }
}
