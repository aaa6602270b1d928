using System.Buffers;
using System.Text;

namespace WinsockConformance.Traces;

/// <summary>
/// The lines of a file or of given text, one at a time as UTF-8 bytes, split as <see cref="StreamReader.ReadLine"/>
/// splits them ("\r\n", "\n" or "\r"). A file is read in blocks, so memory does not grow with its size, only with
/// its longest line (at most <see cref="MaxLineBytes"/>). A line's bytes are valid until the next call.
/// </summary>
internal abstract class LineSource : IDisposable
{
    /// <summary>The longest line a file may have (docs/trace-format.md, "Bad input").</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    /// <summary>The number of the line last returned (from 1).</summary>
    public int Number { get; protected set; }

    /// <summary>The next line; <paramref name="terminated"/> is false for a last line the file ends without a line break.</summary>
    public abstract bool Next(out ReadOnlySpan<byte> line, out bool terminated);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected void Count()
    {
        if (Number == int.MaxValue)
        {
            throw new TraceFormatException($"the file has more than {int.MaxValue:N0} lines");
        }

        Number++;
    }
}

/// <summary>Lines read from a stream in blocks (a UTF-8 byte order mark at the start skipped, as ReadAllLines does).</summary>
internal sealed class StreamLines : LineSource
{
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private bool _started;

    public StreamLines(Stream stream) => _stream = stream;

    public override bool Next(out ReadOnlySpan<byte> line, out bool terminated)
    {
        if (!_started)
        {
            _started = true;
            while (!_eof && _end < 3)
            {
                Fill();
            }

            if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
            {
                _start = 3;
            }
        }

        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            var at = data[_scanned..].IndexOfAny((byte)'\r', (byte)'\n');
            if (at >= 0)
            {
                at += _scanned;

                // A '\r' last in the buffer may be the first half of "\r\n": look at the next byte first.
                if (data[at] == '\r' && at + 1 == data.Length && !_eof)
                {
                    _scanned = at;
                    Fill();
                    continue;
                }

                line = data[..at];
                terminated = true;
                _start += at + (data[at] == '\r' && at + 1 < data.Length && data[at + 1] == '\n' ? 2 : 1);
                _scanned = 0;
                Count();
                return true;
            }

            _scanned = data.Length;
            if (_eof)
            {
                line = data;
                terminated = false;
                _start = _end;
                _scanned = 0;
                if (data.IsEmpty)
                {
                    return false;
                }

                Count();
                return true;
            }

            if (data.Length > MaxLineBytes)
            {
                Count();
                throw new TraceFormatException($"the line is longer than {MaxLineBytes / (1024 * 1024)} MiB (the format's limit); is this a trace file?");
            }

            Fill();
        }
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer if they fill it, and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _eof = read == 0;
        _end += read;
    }

    public override void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        base.Dispose();
    }
}

/// <summary>Lines given as strings (a trace in memory), each encoded to UTF-8 when it is reached.</summary>
internal sealed class TextLines(IReadOnlyList<string> lines) : LineSource
{
    private byte[] _buffer = [];

    public override bool Next(out ReadOnlySpan<byte> line, out bool terminated)
    {
        terminated = true;
        if (Number >= lines.Count)
        {
            line = default;
            return false;
        }

        var text = lines[Number];
        Count();
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, 256)];
        }

        line = _buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, _buffer));
        return true;
    }
}
