using System.Globalization;
using System.Text.Json;

namespace WinsockConformance.Traces;

/// <summary>
/// What one key of a line held, as the one pass over the line read it: a string (shared through the
/// file's <see cref="NameTable"/>), a number, a literal, or an array of such items (in the reader's item
/// list); for the observed object, the step's outputs read from it. Turned into model values by the
/// fields an operation asks for (<see cref="FieldValues"/>), so a value no operation reads is never judged.
/// </summary>
internal struct Slot
{
    /// <summary>The line this slot was filled on; any other value means "absent on this line".</summary>
    public int Stamp;

    /// <summary>The value's first token: String, Number, True, False, Null, StartArray or StartObject.</summary>
    public JsonTokenType Token;

    public string? Text;

    public NameEntry? Entry;

    /// <summary>A number that fits a 64-bit integer.</summary>
    public long Long;

    public bool IsLong;

    /// <summary>A number's text when it is not a 64-bit integer (1e400, 1.5): what a message quotes.</summary>
    public string? Raw;

    public int ItemStart;

    public int ItemCount;

    /// <summary>What a special key (the observed object) read, or why it could not.</summary>
    public object? Value;

    public string? Problem;

    public readonly bool IsInt32 => IsLong && Long is >= int.MinValue and <= int.MaxValue;

    /// <summary>The value as a message quotes it: "\"x\"", 5, true, an array.</summary>
    public readonly string Got => Token switch
    {
        JsonTokenType.String => SafeText.Quote(Text!),
        JsonTokenType.Number => IsLong ? Long.ToString(CultureInfo.InvariantCulture) : SafeText.Escape(Raw!, SafeText.QuoteLength),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => Token.ToString(),
    };

    /// <summary>The same in the words the reader used before it read raw JSON: a string value's JSON kind name.</summary>
    public readonly string Kind => Token switch
    {
        JsonTokenType.StartArray => "Array",
        JsonTokenType.StartObject => "Object",
        _ => Token.ToString(),
    };
}

/// <summary>One item of an array value (in the reader's item list): a string, or a number's or literal's text.</summary>
internal readonly record struct Item(JsonTokenType Token, string? Text, NameEntry? Entry)
{
    /// <summary>The item as a message quotes it.</summary>
    public string Got => Token switch
    {
        JsonTokenType.String => SafeText.Quote(Text!),
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => SafeText.Escape(Text!, SafeText.QuoteLength),
    };
}
