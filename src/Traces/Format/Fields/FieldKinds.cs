using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WinsockConformance.Traces;

/// <summary>A socket, window or event-object name (<see cref="NameRules"/>).</summary>
internal sealed class NameField : Field<string>
{
    internal NameField(Key key, string description)
        : base(key, description)
    {
    }

    internal override string Noun => "a string";

    internal override bool TryConvert(in Slot slot, LineReader line, out string value, out string? problem)
    {
        value = slot.Text!;
        problem = slot.Token != JsonTokenType.String ? $"\"{Name}\" must be a non-empty string, got {slot.Kind}"
            : (slot.Entry is { } entry ? entry.NameProblem : NameRules.Problem(value)) is { } rule ? $"\"{Name}\": {SafeText.Quote(value)} is not a usable name: {rule}"
            : null;
        return problem is null;
    }

    internal override void Write(Utf8JsonWriter w, string value) => w.WriteString(Name, value);

    public override string Literal(string value) => $"`\"{value}\"`";

    public override JsonObject Schema() => new() { ["$ref"] = "#/$defs/name" };
}

/// <summary>A non-negative integer below 2^31.</summary>
internal sealed class CountField : Field<int>
{
    internal CountField(Key key, string description)
        : base(key, description)
    {
    }

    internal override string Noun => "a number";

    internal override bool TryConvert(in Slot slot, LineReader line, out int value, out string? problem)
    {
        var ok = slot.Token == JsonTokenType.Number && slot.IsInt32 && slot.Long >= 0;
        value = ok ? (int)slot.Long : 0;
        problem = ok ? null : MustBe(slot, "a non-negative integer");
        return ok;
    }

    internal override void Write(Utf8JsonWriter w, int value) => w.WriteNumber(Name, value);

    public override string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    public override JsonObject Schema() => new() { ["$ref"] = "#/$defs/count" };
}

/// <summary>How much a send sends: a byte count, or everything until WSAEWOULDBLOCK.</summary>
internal readonly record struct SendAmount(int Bytes, bool Fill);

/// <summary>A byte count, or the word <c>"fill"</c>: send until the send buffer is full.</summary>
internal sealed class SendAmountField : Field<SendAmount>
{
    internal const string FillWord = "fill";

    internal SendAmountField(Key key, string description)
        : base(key, description)
    {
    }

    internal override string Noun => "a number";

    internal override bool TryConvert(in Slot slot, LineReader line, out SendAmount value, out string? problem)
    {
        problem = null;
        if (slot.Token == JsonTokenType.Number && slot.IsInt32 && slot.Long >= 0)
        {
            value = new SendAmount((int)slot.Long, Fill: false);
            return true;
        }

        if (slot.Token == JsonTokenType.String && slot.Text == FillWord)
        {
            value = new SendAmount(0, Fill: true);
            return true;
        }

        value = default;
        problem = slot.Token == JsonTokenType.Number
            ? MustBe(slot, $"a byte count (a non-negative integer) or \"{FillWord}\"")
            : $"\"{Name}\" must be a byte count or \"{FillWord}\" (send until WSAEWOULDBLOCK), got {slot.Got}";
        return false;
    }

    internal override void Write(Utf8JsonWriter w, SendAmount value)
    {
        if (value.Fill)
        {
            w.WriteString(Name, FillWord);
        }
        else
        {
            w.WriteNumber(Name, value.Bytes);
        }
    }

    public override string Literal(SendAmount value) => value.Fill ? $"`\"{FillWord}\"`" : value.Bytes.ToString(CultureInfo.InvariantCulture);

    public override JsonObject Schema() => new()
    {
        ["description"] = $"A byte count, or \"{FillWord}\": send until WSAEWOULDBLOCK.",
        ["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/count" }, new JsonObject { ["const"] = FillWord }),
    };
}

/// <summary>true or false.</summary>
internal sealed class SwitchField : Field<bool>
{
    internal SwitchField(Key key, string description)
        : base(key, description)
    {
    }

    internal override string Noun => "true or false";

    internal override bool TryConvert(in Slot slot, LineReader line, out bool value, out string? problem)
    {
        value = slot.Token == JsonTokenType.True;
        var ok = slot.Token is JsonTokenType.True or JsonTokenType.False;
        problem = ok ? null : MustBe(slot, "true or false");
        return ok;
    }

    internal override void Write(Utf8JsonWriter w, bool value) => w.WriteBoolean(Name, value);

    public override string Literal(bool value) => value ? "`true`" : "`false`";

    public override JsonObject Schema() => new() { ["type"] = "boolean" };
}

/// <summary>One word of a fixed list (<c>"SD_SEND"</c>), some with aliases (<c>"tcp"</c> for <c>"stream"</c>).</summary>
internal sealed class ChoiceField<T> : Field<T>
    where T : struct, Enum
{
    private readonly (string Word, T Value)[] _words;
    private readonly (string Word, T Value)[] _aliases;

    internal ChoiceField(Key key, string description, (string Word, T Value)[] words, (string Word, T Value)[]? aliases = null)
        : base(key, description)
    {
        _words = words;
        _aliases = aliases ?? [];
    }

    /// <summary>The words in their canonical spelling, in the table's order.</summary>
    public override IReadOnlyList<string> Words => [.. _words.Select(w => w.Word)];

    public IReadOnlyList<(string Alias, string Word)> Aliases => [.. _aliases.Select(a => (a.Word, NameOf(a.Value)))];

    public override string Reference =>
        OneOf(_words.Select(w => $"`\"{w.Word}\"`"))
        + (_aliases.Length == 0 ? string.Empty : " (also " + string.Join(", ", Aliases.Select(a => $"`\"{a.Alias}\"` = `\"{a.Word}\"`")) + ")");

    internal override string Noun => "a string";

    /// <summary>The canonical word of a value.</summary>
    public string NameOf(T value)
    {
        foreach (var (word, candidate) in _words)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return word;
            }
        }

        throw new System.Diagnostics.UnreachableException($"{typeof(T).Name}.{value} has no word in \"{Name}\"");
    }

    internal override bool TryConvert(in Slot slot, LineReader line, out T value, out string? problem)
    {
        if (slot.Token == JsonTokenType.String && (Find(_words, slot.Text!, out value) || Find(_aliases, slot.Text!, out value)))
        {
            problem = null;
            return true;
        }

        value = default;
        problem = MustBe(slot, OneOf(_words.Select(w => $"\"{w.Word}\"")));
        return false;
    }

    internal override void Write(Utf8JsonWriter w, T value) => w.WriteString(Name, NameOf(value));

    public override string Literal(T value) => $"`\"{NameOf(value)}\"`";

    public override JsonObject Schema() => new() { ["enum"] = new JsonArray([.. _words.Concat(_aliases).Select(w => (JsonNode)w.Word)]) };

    private static bool Find((string Word, T Value)[] words, string text, out T value)
    {
        foreach (var (word, candidate) in words)
        {
            if (string.Equals(word, text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}

/// <summary>A set of flags written as an array of their names (<c>["FD_READ","FD_CLOSE"]</c>); <c>[]</c> is none.</summary>
internal sealed class SetField<T> : Field<T>
    where T : struct, Enum
{
    private readonly (string Word, T Value)[] _members;
    private readonly string _itemNoun;
    private readonly string _arrayNoun;

    internal SetField(Key key, string description, string itemNoun, string arrayNoun, (string Word, T Value)[] members)
        : base(key, description)
    {
        _members = members;
        _itemNoun = itemNoun;
        _arrayNoun = arrayNoun;
    }

    public override IReadOnlyList<string> Words => [.. _members.Select(m => m.Word)];

    internal override string Noun => $"an array of {_arrayNoun}; [] for none";

    public override string Reference =>
        "an array of " + (_members.Length <= 4 ? string.Join(", ", _members.Select(m => $"`\"{m.Word}\"`")) : _arrayNoun) + " (`[]` = none)";

    internal override bool TryConvert(in Slot slot, LineReader line, out T value, out string? problem)
    {
        value = default;
        if (slot.Token != JsonTokenType.StartArray)
        {
            problem = $"\"{Name}\" must be an array of {_arrayNoun}, got {slot.Kind}";
            return false;
        }

        var mask = 0;
        var items = line.Items;
        for (var i = slot.ItemStart; i < slot.ItemStart + slot.ItemCount; i++)
        {
            if (!TryMember(items[i], out var bit))
            {
                var text = items[i].Token == JsonTokenType.String ? SafeText.Quote(items[i].Text!) : $"\"{items[i].Got}\"";
                problem = $"\"{Name}\": unknown {_itemNoun} {text}; expected {OneOf(_members.Select(m => m.Word))}";
                return false;
            }

            mask |= bit;
        }

        value = Unsafe.As<int, T>(ref mask);
        problem = null;
        return true;
    }

    internal override void Write(Utf8JsonWriter w, T value)
    {
        w.WriteStartArray(Name);
        foreach (var word in WordsOf(value))
        {
            w.WriteStringValue(word);
        }

        w.WriteEndArray();
    }

    public override string Literal(T value) => "`[" + string.Join(",", WordsOf(value).Select(word => $"\"{word}\"")) + "]`";

    public override JsonObject Schema() => new()
    {
        ["type"] = "array",
        ["items"] = new JsonObject { ["enum"] = new JsonArray([.. _members.Select(m => (JsonNode)m.Word)]) },
    };

    /// <summary>The names of the set's members, in the table's order.</summary>
    public IEnumerable<string> WordsOf(T value)
    {
        var bits = Unsafe.As<T, int>(ref value);
        foreach (var (word, member) in _members)
        {
            var m = member;
            if ((bits & Unsafe.As<T, int>(ref m)) != 0)
            {
                yield return word;
            }
        }
    }

    private bool TryMember(Item item, out int bit)
    {
        if (item.Token == JsonTokenType.String)
        {
            foreach (var (word, member) in _members)
            {
                if (string.Equals(word, item.Text, StringComparison.Ordinal))
                {
                    var m = member;
                    bit = Unsafe.As<T, int>(ref m);
                    return true;
                }
            }
        }

        bit = 0;
        return false;
    }
}
