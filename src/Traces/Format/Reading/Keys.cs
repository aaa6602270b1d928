using System.Text;
using System.Text.Json;

namespace WinsockConformance.Traces;

/// <summary>Reads the value of a key whose value is an object of its own (the observed outputs), into its slot.</summary>
internal delegate void SpecialValue(ref Utf8JsonReader reader, ref Slot slot, LineReader lines);

/// <summary>A key a line may have: its name, its slot number in its <see cref="KeySet"/>, and a reader if its value is not a plain value.</summary>
internal sealed class Key(string name, int index, SpecialValue? special)
{
    public string Name { get; } = name;

    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(name);

    public int Index { get; } = index;

    public SpecialValue? Special { get; } = special;
}

/// <summary>The keys of one kind of object (a step or end line, the header, the observed object), found by their UTF-8 bytes.</summary>
internal sealed class KeySet
{
    private readonly List<Key> _keys = [];
    private Key[][] _byLength = [];

    public int Count => _keys.Count;

    public IReadOnlyList<Key> All => _keys;

    /// <summary>The key of this name, added on first mention: fields that read one key share it.</summary>
    public Key Add(string name, SpecialValue? special = null)
    {
        if (_keys.Find(k => k.Name == name) is { } existing)
        {
            return existing;
        }

        var key = new Key(name, _keys.Count, special);
        _keys.Add(key);
        var length = key.Utf8.Length;
        if (_byLength.Length <= length)
        {
            Array.Resize(ref _byLength, length + 1);
        }

        _byLength[length] = [.. _byLength[length] ?? [], key];
        return key;
    }

    public Key? Find(ReadOnlySpan<byte> name)
    {
        if (name.Length >= _byLength.Length || _byLength[name.Length] is not { } candidates)
        {
            return null;
        }

        foreach (var key in candidates)
        {
            if (name.SequenceEqual(key.Utf8))
            {
                return key;
            }
        }

        return null;
    }
}
