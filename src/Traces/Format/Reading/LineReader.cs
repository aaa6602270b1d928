using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace WinsockConformance.Traces;

/// <summary>Thrown for a malformed line; the reader adds file and line.</summary>
internal sealed class TraceFormatException(string message) : Exception(message);

/// <summary>
/// The one pass over a line's JSON (<see cref="Utf8JsonReader"/>, straight from the file's bytes): each key the
/// object may have goes into its slot as a plain value, shared strings through the file's <see cref="NameTable"/>;
/// unknown keys are skipped. It judges only the line's shape (a repeated key, nesting, a string that cannot be
/// text); what a value means is for the fields an operation reads (<see cref="FieldValues"/>). One per file.
/// </summary>
internal sealed class LineReader
{
    /// <summary>How deep values may nest on a line, the line's own object counting as one level (docs/trace-format.md, "Bad input").</summary>
    public const int MaxNesting = 64;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = MaxNesting + 1 };

    private readonly List<(KeySet Keys, Slot[] Slots)> _slots = [];
    private int _stamp;

    public NameTable Names { get; } = new();

    /// <summary>The file's format version, once its header is read (what version 2 added is refused in a version-1 file).</summary>
    public int Version { get; set; } = TraceFormat.Version1;

    /// <summary>The items of the arrays read on the current line (<see cref="Slot.ItemStart"/>).</summary>
    public List<Item> Items { get; } = [];

    /// <summary>Scratch for the messages of one array (copied out exactly sized).</summary>
    public List<ObservedMessage> Messages { get; } = [];

    /// <summary>The slots of one kind of object, reused from line to line (a slot counts only with the stamp it was filled under).</summary>
    public Slot[] SlotsFor(KeySet keys)
    {
        foreach (var (k, slots) in _slots)
        {
            if (ReferenceEquals(k, keys))
            {
                return slots;
            }
        }

        var made = new Slot[keys.Count];
        _slots.Add((keys, made));
        return made;
    }

    public static Utf8JsonReader Json(ReadOnlySpan<byte> line) => new(line, isFinalBlock: true, new JsonReaderState(s_options));

    /// <summary>
    /// Reads the object the reader is on (its StartObject) into <paramref name="slots"/>, up to and including its
    /// EndObject, and returns the stamp that marks the slots filled now.
    /// </summary>
    public int ReadObject(ref Utf8JsonReader r, KeySet keys, Slot[] slots, string where = "")
    {
        var stamp = ++_stamp;
        HashSet<string>? unknown = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = r.ValueIsEscaped ? Unescape(ref r) : r.ValueSpan;
            var key = keys.Find(name);
            if (key is null)
            {
                unknown ??= new HashSet<string>(StringComparer.Ordinal);
                if (!unknown.Add(Encoding.UTF8.GetString(name)))
                {
                    throw Duplicate(where, Encoding.UTF8.GetString(name));
                }

                r.Read();
                Skip(ref r);
                continue;
            }

            ref var slot = ref slots[key.Index];
            if (slot.Stamp == stamp)
            {
                throw Duplicate(where, key.Name);
            }

            slot = default;
            slot.Stamp = stamp;
            r.Read();
            if (key.Special is { } special)
            {
                special(ref r, ref slot, this);
            }
            else
            {
                Capture(ref r, ref slot);
            }
        }

        return stamp;
    }

    /// <summary>Reads a plain value (string, number, literal, or an array of them) into the slot.</summary>
    public void Capture(ref Utf8JsonReader r, ref Slot slot)
    {
        slot.Token = r.TokenType;
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                slot.Entry = Names.Get(StringBytes(ref r, out var bytes));
                slot.Text = slot.Entry?.Text ?? Encoding.UTF8.GetString(bytes);
                break;
            case JsonTokenType.Number:
                slot.IsLong = r.TryGetInt64(out slot.Long);
                slot.Raw = slot.IsLong ? null : Encoding.UTF8.GetString(r.ValueSpan);
                break;
            case JsonTokenType.StartArray:
                slot.ItemStart = Items.Count;
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    Items.Add(ItemAt(ref r));
                }

                slot.ItemCount = Items.Count - slot.ItemStart;
                break;
            case JsonTokenType.StartObject:
                Skip(ref r);
                break;
            default:
                break;
        }
    }

    /// <summary>The array item the reader is on, skipped if it is an array or object.</summary>
    public Item ItemAt(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                var entry = Names.Get(StringBytes(ref r, out var bytes));
                var text = entry?.Text ?? Encoding.UTF8.GetString(bytes);
                return new Item(JsonTokenType.String, text, entry);
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                var token = r.TokenType;
                Skip(ref r);
                return new Item(token, null, null);
            default:
                return new Item(r.TokenType, Encoding.UTF8.GetString(r.ValueSpan), null);
        }
    }

    /// <summary>The string token's UTF-8 bytes, unescaped when the JSON escapes any (<paramref name="copy"/> holds them then).</summary>
    public static ReadOnlySpan<byte> StringBytes(ref Utf8JsonReader r, out ReadOnlySpan<byte> copy)
    {
        copy = r.ValueIsEscaped ? Unescape(ref r) : r.ValueSpan;
        return copy;
    }

    /// <summary>Moves past the value the reader is on (to its last token), refusing nesting deeper than <see cref="MaxNesting"/>.</summary>
    public static void Skip(ref Utf8JsonReader r)
    {
        if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        CheckNesting(ref r);
        var depth = r.CurrentDepth;
        while (r.Read())
        {
            if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                CheckNesting(ref r);
            }
            else if (r.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && r.CurrentDepth == depth)
            {
                return;
            }
        }
    }

    /// <summary>The reader is on a StartObject or StartArray: refuses it if it opens a level past <see cref="MaxNesting"/>.</summary>
    public static void CheckNesting(ref Utf8JsonReader r)
    {
        if (r.CurrentDepth >= MaxNesting)
        {
            throw new TraceFormatException($"values nest more than {MaxNesting} levels deep at column {r.TokenStartIndex + 1} (the format's limit; the line's object is level 1)");
        }
    }

    /// <summary>Why the line's bytes are not UTF-8 text, or null: a byte order mark of UTF-16/32, a NUL byte, invalid UTF-8.</summary>
    public static string? EncodingProblem(ReadOnlySpan<byte> line, bool firstLine)
    {
        if (firstLine && ByteOrderMark(line) is { } bom)
        {
            return $"the file starts with the byte order mark of {bom}; expected UTF-8 text (save it as UTF-8)";
        }

        var nul = line.IndexOf((byte)0);
        if (nul >= 0)
        {
            return $"NUL byte at column {nul + 1}: the file is not UTF-8 text (UTF-16 or UTF-32 without a byte order mark?); expected UTF-8";
        }

        if (Utf8.IsValid(line))
        {
            return null;
        }

        var at = FirstInvalidByte(line);
        return $"invalid UTF-8 at column {at + 1} (byte 0x{line[at]:X2}); the file must be UTF-8 text";
    }

    /// <summary>Where the first byte that does not begin a valid UTF-8 sequence is.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> line)
    {
        var at = 0;
        while (at < line.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[at..], out _, out var consumed) != OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return line.Length;
    }

    private static string? ByteOrderMark(ReadOnlySpan<byte> line) => line switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 (little-endian)",
        [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 (big-endian)",
        [0xFF, 0xFE, ..] => "UTF-16 (little-endian)",
        [0xFE, 0xFF, ..] => "UTF-16 (big-endian)",
        _ => null,
    };

    /// <summary>
    /// Whether a line that ends the file without its newline is only the start of a line (a capture cut off while
    /// writing it): its JSON could go on, and so could its last UTF-8 character.
    /// </summary>
    public static bool IsCutOff(ReadOnlySpan<byte> line)
    {
        // An incomplete last character is part of the cut.
        var tail = FirstInvalidByte(line);
        if (tail < line.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[tail..], out _, out _) != OperationStatus.NeedMoreData)
            {
                return false;
            }

            line = line[..tail];
        }

        if (line.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var r = new Utf8JsonReader(line, isFinalBlock: false, new JsonReaderState(s_options));
        try
        {
            while (r.Read())
            {
                if (r.CurrentDepth == 0 && r.TokenType == JsonTokenType.EndObject)
                {
                    // The object closed: the line is whole, not cut.
                    return false;
                }
            }

            return r.BytesConsumed > 0 || line.Trim(" \t"u8).Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static TraceFormatException Duplicate(string where, string name) =>
        new($"duplicate key {SafeText.Quote(where + name)}: each key may appear once in an object");

    private static ReadOnlySpan<byte> Unescape(ref Utf8JsonReader r)
    {
        var buffer = new byte[r.ValueSpan.Length];
        try
        {
            var written = r.CopyString(buffer);
            return buffer.AsSpan(0, written);
        }
        catch (InvalidOperationException)
        {
            throw new TraceFormatException($"a string at column {r.TokenStartIndex + 1} holds an invalid \\u escape (an unpaired UTF-16 surrogate)");
        }
    }
}
