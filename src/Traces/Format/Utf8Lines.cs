using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Unicode;

namespace WinsockConformance.Traces;

/// <summary>
/// A UTF-8 file's lines, split exactly as <see cref="File.ReadAllLines(string)"/> splits them ("\r\n",
/// "\n" or "\r"; a UTF-8 byte order mark skipped), but kept as bytes: a line becomes a string only if
/// someone asks for it. Reading a large trace then neither decodes plain step lines (the fast path reads
/// their bytes) nor keeps every line alive as a string while the trace is built.
/// </summary>
/// <remarks>
/// The file's bytes and the line table are rented from the shared pool and returned on dispose:
/// arrays this large would otherwise go to the large object heap, once per file read.
/// </remarks>
internal sealed class Utf8Lines : IReadOnlyList<string>, IDisposable
{
    private byte[] _bytes;
    private int[] _bounds;

    private Utf8Lines(byte[] bytes, int[] bounds, int count)
    {
        _bytes = bytes;
        _bounds = bounds;
        Count = count;
    }

    /// <summary>
    /// The file's lines; or, when decoding could differ from ReadAllLines' (another byte order mark,
    /// invalid UTF-8), null and the lines as ReadAllLines decodes them.
    /// </summary>
    public static Utf8Lines? TryRead(string path, out string[]? decoded)
    {
        decoded = null;
        var (bytes, length) = ReadAll(path);
        var content = bytes.AsSpan(0, length);
        var start = content.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (!Utf8.IsValid(content[start..]))
        {
            decoded = Decode(bytes, length);
            ArrayPool<byte>.Shared.Return(bytes);
            return null;
        }

        // Every line but the last ends at a '\r' or a '\n': their number bounds the line count.
        var bounds = ArrayPool<int>.Shared.Rent(2 * (content.Count((byte)'\r') + content.Count((byte)'\n') + 1));
        var count = 0;
        var at = start;
        while (at < length)
        {
            var end = content[at..].IndexOfAny((byte)'\r', (byte)'\n');
            var lineLength = end < 0 ? length - at : end;
            bounds[2 * count] = at;
            bounds[(2 * count) + 1] = lineLength;
            count++;
            if (end < 0)
            {
                break;
            }

            at += end + (content[at + end] == '\r' && at + end + 1 < length && content[at + end + 1] == '\n' ? 2 : 1);
        }

        return new Utf8Lines(bytes, bounds, count);
    }

    public int Count { get; }

    public string this[int index] => Encoding.UTF8.GetString(Bytes(index));

    public ReadOnlySpan<byte> Bytes(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _bytes.AsSpan(_bounds[2 * index], _bounds[(2 * index) + 1]);
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<int>.Shared.Return(_bounds);
        _bytes = [];
        _bounds = [];
    }

    /// <summary>File.ReadAllBytes into a rented buffer (the same exceptions; a file that reports no length is read to its end).</summary>
    private static (byte[] Bytes, int Length) ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var bytes = ArrayPool<byte>.Shared.Rent(stream.Length > 0 && stream.Length < Array.MaxLength ? (int)stream.Length : 4096);
        var length = 0;
        while (true)
        {
            if (length == bytes.Length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(bytes.Length * 2);
                bytes.AsSpan(0, length).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(bytes);
                bytes = grown;
            }

            var read = stream.Read(bytes, length, bytes.Length - length);
            if (read == 0)
            {
                return (bytes, length);
            }

            length += read;
        }
    }

    /// <summary>ReadAllLines' own decoding: byte order marks honoured, invalid bytes replaced.</summary>
    private static string[] Decode(byte[] bytes, int length)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }
}
