using System.Text.Json;
using System.Text.Json.Nodes;

namespace WinsockConformance.Traces;

/// <summary>How an operation needs a field: always, never (a default stands in), or in one variant of the operation.</summary>
internal enum Need
{
    Required,
    Optional,

    /// <summary>Required when the operation's discriminating field (setsockopt's option, ioctlsocket's cmd) has one value, forbidden otherwise.</summary>
    Variant,
}

/// <summary>
/// One field of a step line as an operation uses it: the field, whether it is required, its default,
/// and for a variant field the discriminator value it belongs to. Read, written, documented and turned
/// into the JSON Schema from this one declaration (<see cref="Operations"/>).
/// </summary>
internal sealed record FieldUse(Field Field, Need Need, object? Default = null, string? Note = null, Field? Discriminator = null, string? When = null)
{
    /// <summary>The same use with a sentence for the reference ("the new socket's name").</summary>
    public FieldUse Says(string note) => this with { Note = note };
}

/// <summary>
/// A step-line field: its JSON name (its <see cref="Key"/>), how the key's value becomes a value of the
/// model, how it is written, documented and constrained in the schema. Several fields may read one key
/// (<c>len</c> is a plain count for recv and a count or <c>"fill"</c> for send).
/// </summary>
internal abstract class Field
{
    private protected Field(Key key, string description)
    {
        Key = key;
        Description = description;
    }

    public string Name => Key.Name;

    internal Key Key { get; }

    /// <summary>What the value is, for the reference: "a byte count", "an array of FD_* names".</summary>
    public string Description { get; }

    public FieldUse Required => new(this, Need.Required);

    public FieldUse Optional => new(this, Need.Optional);

    /// <summary>Required when <paramref name="discriminator"/> is <paramref name="value"/>, not allowed otherwise.</summary>
    public FieldUse For(Field discriminator, string value) => new(this, Need.Variant, Discriminator: discriminator, When: value);

    /// <summary>The words the value may be, for a field that takes one of a list (or a set of them); none for others.</summary>
    public virtual IReadOnlyList<string> Words => [];

    /// <summary>What the value may be, for the operation reference (markdown).</summary>
    public virtual string Reference => Description;

    /// <summary>The JSON Schema of the value.</summary>
    public abstract JsonObject Schema();

    /// <summary>How a value is written in the reference, e.g. <c>`"stream"`</c>.</summary>
    public abstract string Literal(object value);

    internal abstract void WriteValue(Utf8JsonWriter w, object value);

    /// <summary>"missing "len" (a number)": what a missing required field is called.</summary>
    internal abstract string Noun { get; }
}

/// <summary>A field whose values are of type <typeparamref name="T"/>.</summary>
internal abstract class Field<T> : Field
{
    private protected Field(Key key, string description)
        : base(key, description)
    {
    }

    public FieldUse Default(T value) => new(this, Need.Optional, value);

    /// <summary>The value the key's slot holds, or why it is not one (never thrown here: <see cref="FieldValues"/> throws it when an operation asks).</summary>
    internal abstract bool TryConvert(in Slot slot, LineReader line, out T value, out string? problem);

    internal override void WriteValue(Utf8JsonWriter w, object value) => Write(w, (T)value);

    internal abstract void Write(Utf8JsonWriter w, T value);

    public override string Literal(object value) => Literal((T)value);

    public abstract string Literal(T value);

    /// <summary>"\"len\" must be a non-negative integer, got -5".</summary>
    private protected string MustBe(in Slot slot, string what) => $"\"{Name}\" must be {what}, got {slot.Got}";

    /// <summary>"a or b", "a, b or c".</summary>
    private protected static string OneOf(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list[..^1]) + " or " + list[^1];
    }
}
