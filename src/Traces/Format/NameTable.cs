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

        Span<char> chars = stackalloc char[ascii.Length];
        Ascii.ToUtf16(ascii, chars, out _);
        return Get(chars);
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
}
