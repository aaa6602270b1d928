using System.Buffers.Binary;

namespace WinsockConformance.Simulation.Native.Protocol;

/// <summary>One thing the shim does in the program's process: post a message, set or reset an event, end the process.</summary>
internal readonly record struct ShimEffect(EffectKind Kind, ulong A, ulong B = 0, ulong C = 0, ulong D = 0);

/// <summary>
/// A reply under construction: the result, the last error (when the call set one), the bytes to write into the
/// caller's memory, and the effects in order. Frame: u32 length | u32 flags | i64 result | u32 error | u16 effects |
/// u16 writes | effect[] (u32 kind, u32 0, u64 a, b, c, d) | write[] (u64 address, u32 length, u32 0, bytes padded to 8).
/// </summary>
internal sealed class ShimReply
{
    private const uint SetsError = 1;
    private readonly List<ShimEffect> _effects = [];
    private readonly List<(ulong Address, byte[] Bytes)> _writes = [];

    public long Result { get; set; }

    /// <summary>The last error the call set; null leaves the program's own.</summary>
    public int? Error { get; set; }

    public IReadOnlyList<ShimEffect> Effects => _effects;

    public IReadOnlyList<(ulong Address, byte[] Bytes)> Writes => _writes;

    public void Effect(ShimEffect effect) => _effects.Add(effect);

    /// <summary>Copies <paramref name="bytes"/> to the program's memory at <paramref name="address"/> (nothing for address 0).</summary>
    public void Write(ulong address, ReadOnlySpan<byte> bytes)
    {
        if (address != 0 && bytes.Length > 0)
        {
            _writes.Add((address, bytes.ToArray()));
        }
    }

    public void WriteUInt32(ulong address, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Write(address, bytes);
    }

    public void WriteUInt64(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(address, bytes);
    }

    public byte[] Encode()
    {
        var length = 24 + (40 * _effects.Count) + _writes.Sum(w => 16 + ((w.Bytes.Length + 7) & ~7));
        var frame = new byte[length];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Error is null ? 0u : SetsError);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], Result);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], unchecked((uint)(Error ?? 0)));
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)_effects.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)_writes.Count);
        var at = 24;
        foreach (var e in _effects)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)e.Kind);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 8)..], e.A);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 16)..], e.B);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 24)..], e.C);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 32)..], e.D);
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
