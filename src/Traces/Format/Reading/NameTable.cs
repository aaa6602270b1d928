using System.Text;

namespace WinsockConformance.Traces;

/// <summary>A string met while reading a file, shared by every line that spells it, with what the name rules say of it (worked out once).</summary>
internal sealed class NameEntry(byte[] utf8, string text)
{
    private string? _problem;
    private bool _checked;

    public byte[] Utf8 { get; } = utf8;

    public string Text { get; } = text;

    /// <summary>The operation this text names, once looked up (a trace spells the same few ops on every line).</summary>
    public Operation? Operation { get; set; }

    /// <summary>Why <see cref="Text"/> cannot be a socket, window or event-object name, or null (<see cref="NameRules"/>).</summary>
    public string? NameProblem
    {
        get
        {
            if (!_checked)
            {
                _problem = NameRules.Problem(Text);
                _checked = true;
            }

            return _problem;
        }
    }
}

/// <summary>
/// One string per distinct short string value (socket, window, operation, choice words) while one file is
/// read: a trace names the same few sockets on every line, so sharing the strings keeps the steps small and
/// lets a name's check against the name rules run once. Found by the value's UTF-8 bytes, without decoding.
/// </summary>
internal sealed class NameTable
{
    /// <summary>Longer strings are not shared (they are rare, and a file could hold any number of them).</summary>
    public const int MaxSharedLength = 64;

    /// <summary>A file with more distinct short strings than this reads the rest without sharing them.</summary>
    private const int MaxEntries = 4096;

    private NameEntry?[] _slots = new NameEntry?[256];
    private int _count;

    /// <summary>The entry for these bytes (valid UTF-8, as every line is checked before it is read), or null when they are too long to share.</summary>
    public NameEntry? Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxSharedLength)
        {
            return null;
        }

        var mask = _slots.Length - 1;
        var slot = Hash(utf8) & mask;
        while (_slots[slot] is { } known)
        {
            if (known.Utf8.AsSpan().SequenceEqual(utf8))
            {
                return known;
            }

            slot = (slot + 1) & mask;
        }

        var entry = new NameEntry(utf8.ToArray(), Encoding.UTF8.GetString(utf8));
        if (_count < MaxEntries)
        {
            _slots[slot] = entry;
            if (++_count * 2 > _slots.Length)
            {
                Grow();
            }
        }

        return entry;
    }

    /// <summary>The string for these bytes, shared when short.</summary>
    public string Text(ReadOnlySpan<byte> utf8) => Get(utf8)?.Text ?? Encoding.UTF8.GetString(utf8);

    private void Grow()
    {
        var old = _slots;
        _slots = new NameEntry?[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var entry in old)
        {
            if (entry is null)
            {
                continue;
            }

            var slot = Hash(entry.Utf8) & mask;
            while (_slots[slot] is not null)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = entry;
        }
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = (uint)utf8.Length;
        foreach (var b in utf8)
        {
            hash = (hash * 31) + b;
        }

        return (int)(hash ^ (hash >> 15));
    }
}
