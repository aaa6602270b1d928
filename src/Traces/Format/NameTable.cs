using System.Text;
using System.Text.Json;

namespace WinsockConformance.Traces;

/// <summary>
/// One string per distinct short name (socket, window, operation, event object) while one file is read:
/// a trace names the same few sockets on every line, and a parsed trace is kept whole, so sharing the
/// strings keeps it small (less to allocate, and less for the garbage collector to copy).
/// </summary>
internal sealed class NameTable
{
    private const int MaxNameLength = 64;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    // In front of _names for the fast path's ASCII bytes (open addressing, at most half full; a name
    // met once the table is half full is still found through _names, only more slowly).
    private readonly ByteEntry[] _byBytes = new ByteEntry[256];
    private int _byBytesCount;

    /// <summary>The reader's current string token (ASCII, as the fast path guarantees).</summary>
    public string Get(ref Utf8JsonReader r)
    {
        var bytes = r.ValueSpan;
        if (r.ValueIsEscaped || bytes.Length > MaxNameLength)
        {
            return r.GetString()!;
        }

        return Get(bytes);
    }

    /// <summary>An ASCII name given as bytes.</summary>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxNameLength)
        {
            return Encoding.ASCII.GetString(ascii);
        }

        // Most lookups: the bytes were met before, so their string is found without decoding or hashing chars.
        var mask = _byBytes.Length - 1;
        var slot = Slot(ascii);
        while (_byBytes[slot].Name is { } known)
        {
            if (_byBytes[slot].Bytes.AsSpan().SequenceEqual(ascii))
            {
                return known;
            }

            slot = (slot + 1) & mask;
        }

        Span<char> chars = stackalloc char[ascii.Length];
        Ascii.ToUtf16(ascii, chars, out _);
        var name = Get(chars);
        if (_byBytesCount < _byBytes.Length / 2)
        {
            // Never more than half full, so the probe above always meets an empty slot.
            _byBytes[slot] = new ByteEntry(ascii.ToArray(), name);
            _byBytesCount++;
        }

        return name;
    }

    /// <summary>Where the bytes' entry starts looking in <see cref="_byBytes"/>: a hash of the few bytes of a name.</summary>
    private int Slot(ReadOnlySpan<byte> ascii)
    {
        var hash = (uint)ascii.Length;
        foreach (var b in ascii)
        {
            hash = (hash * 31) + b;
        }

        return (int)(hash & (uint)(_byBytes.Length - 1));
    }

    public string Get(string name) => name.Length > MaxNameLength ? name : Get(name.AsSpan(), name);

    private string Get(ReadOnlySpan<char> name, string? existing = null)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var shared))
        {
            return shared;
        }

        shared = existing ?? name.ToString();
        _names.Add(shared, shared);
        return shared;
    }

    private readonly record struct ByteEntry(byte[] Bytes, string Name);
}
