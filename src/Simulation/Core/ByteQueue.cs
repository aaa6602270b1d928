namespace WinsockConformance.Simulation.Core;

/// <summary>Bytes in arrival order: what one side sent and the other has not read yet. Reads take from the front.</summary>
internal sealed class ByteQueue
{
    private byte[] _buffer = new byte[256];
    private int _head;
    private int _tail;

    public int Count => _tail - _head;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_tail + bytes.Length > _buffer.Length)
        {
            var needed = Count + bytes.Length;
            var grown = needed <= _buffer.Length / 2 ? _buffer : new byte[Math.Max(needed, _buffer.Length * 2)];
            Array.Copy(_buffer, _head, grown, 0, Count);
            _tail = Count;
            _head = 0;
            _buffer = grown;
        }

        bytes.CopyTo(_buffer.AsSpan(_tail));
        _tail += bytes.Length;
    }

    /// <summary>Copies up to <paramref name="destination"/>'s length from the front; removes them unless <paramref name="peek"/>.</summary>
    public int Take(Span<byte> destination, bool peek = false)
    {
        var n = Math.Min(destination.Length, Count);
        _buffer.AsSpan(_head, n).CopyTo(destination);
        if (!peek)
        {
            Skip(n);
        }

        return n;
    }

    public void Skip(int count)
    {
        if (count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"only {Count} bytes queued");
        }

        _head += count;
        if (_head == _tail)
        {
            _head = _tail = 0;
        }
    }

    public void Clear() => _head = _tail = 0;

    public ReadOnlySpan<byte> Peek() => _buffer.AsSpan(_head, Count);
}
