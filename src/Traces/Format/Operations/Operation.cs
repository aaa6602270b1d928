using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>Which table of the reference an operation is in.</summary>
internal enum OperationGroup
{
    /// <summary>A call the application makes.</summary>
    Call,

    /// <summary>Something the peer or the network does.</summary>
    Network,
}

/// <summary>
/// One row of the operation table (<see cref="Operations"/>): the operation's name and aliases, the fields it
/// takes (<see cref="FieldUse"/>), how its fields become the model's <see cref="Input"/>, and per input type how it
/// is written back and described in one line. The reader, the writer, the one-line descriptions, the
/// reference in docs/trace-format.md and the JSON Schema all come from these rows.
/// </summary>
internal sealed class Operation
{
    private readonly Func<FieldValues, string, Input> _read;
    private readonly List<Shape> _forms = [];
    private readonly FieldUse?[] _byKey;

    internal Operation(string name, IReadOnlyList<string> aliases, OperationGroup group, IReadOnlyList<FieldUse> fields, Func<FieldValues, string, Input> read, string summary, string detail, int since = TraceFormat.Version1)
    {
        Name = name;
        Since = since;
        Aliases = aliases;
        Group = group;
        Fields = fields;
        _read = read;
        Summary = summary;
        Detail = detail;
        _byKey = new FieldUse?[StepFields.Keys.Count];
        foreach (var use in fields)
        {
            _byKey[use.Field.Key.Index] = use;
        }
    }

    public string Name { get; }

    /// <summary>Other names of the same operation (the Winsock API it was called through: WSARecv for recv).</summary>
    public IReadOnlyList<string> Aliases { get; }

    public IEnumerable<string> Names => [Name, .. Aliases];

    public OperationGroup Group { get; }

    /// <summary>The format version that added the operation: a file of an older version may not use it.</summary>
    public int Since { get; }

    /// <summary>The fields, in the order they are checked and written (the socket first, for every operation that has one).</summary>
    public IReadOnlyList<FieldUse> Fields { get; }

    /// <summary>What it does (for a network input: what it means to the model).</summary>
    public string Summary { get; }

    /// <summary>For a call: what it returns; for a network input: what the probe does on the real stack.</summary>
    public string Detail { get; }

    /// <summary>The input types this operation reads as (setsockopt: one per option).</summary>
    public IEnumerable<Type> InputTypes => _forms.Select(f => f.InputType);

    internal Input Read(FieldValues fields, string api) => _read(fields, api);

    /// <summary>How this operation uses the field, or null if it does not (one look-up by the field's key: an operation reads a key through one field).</summary>
    internal FieldUse? Use(Field field) => _byKey[field.Key.Index] is { } use && ReferenceEquals(use.Field, field) ? use : null;

    /// <summary>Adds how inputs of type <typeparamref name="TInput"/> are written (after op and socket) and described.</summary>
    internal Operation Form<TInput>(Action<TInput, FieldWriter>? write = null, Func<TInput, string>? describe = null)
        where TInput : Input
    {
        _forms.Add(new Shape(
            typeof(TInput),
            (input, w) => write?.Invoke((TInput)input, w),
            describe is null ? input => $"{input.Op} {input.Socket}" : input => describe((TInput)input)));
        return this;
    }

    internal Shape FormOf(Input input)
    {
        foreach (var form in _forms)
        {
            if (form.InputType == input.GetType())
            {
                return form;
            }
        }

        throw new System.Diagnostics.UnreachableException($"operation {Name} has no form for {input.GetType().Name}");
    }

    internal sealed record Shape(Type InputType, Action<Input, FieldWriter> Write, Func<Input, string> Describe);
}

/// <summary>Writes an operation's fields (<see cref="Operation.Form{TInput}"/>).</summary>
internal readonly struct FieldWriter(Utf8JsonWriter w)
{
    public void Write<T>(Field<T> field, T value) => field.Write(w, value);

    /// <summary>Writes the field unless it has the value a reader assumes when it is missing.</summary>
    public void WriteUnless<T>(Field<T> field, T value, T omitted)
    {
        if (!EqualityComparer<T>.Default.Equals(value, omitted))
        {
            field.Write(w, value);
        }
    }
}

/// <summary>
/// The fields of the line being read, as an operation asks for them (<see cref="Operation"/>'s read function):
/// each value is judged only now, by the field that reads it and as the operation's row declares it (required,
/// or its default), so a key no operation reads is never an error.
/// </summary>
internal sealed class FieldValues
{
    private readonly LineReader _line;
    private Slot[] _slots = [];
    private int _stamp;
    private Operation _operation = null!;

    internal FieldValues(LineReader line) => _line = line;

    /// <summary>The step's socket (every operation but getMessages has one).</summary>
    public string Socket => Get(StepFields.Socket);

    internal void Start(Slot[] slots, int stamp, Operation operation)
    {
        _slots = slots;
        _stamp = stamp;
        _operation = operation;
    }

    /// <summary>The field's value; its default if the line leaves it out and the row allows that.</summary>
    public T Get<T>(Field<T> field) => TryGet(field, out var value) ? value : Use(field).Default is T fallback ? fallback : default!;

    /// <summary>The field's value, or null if the line leaves out an optional field without a default.</summary>
    public string? Find(NameField field) => TryGet(field, out var value) ? value : null;

    private bool TryGet<T>(Field<T> field, out T value)
    {
        var use = Use(field);
        ref readonly var slot = ref _slots[field.Key.Index];
        if (slot.Stamp != _stamp || slot.Token == JsonTokenType.Null)
        {
            value = default!;
            return use.Need == Need.Optional
                ? false
                : throw new TraceFormatException($"missing \"{field.Name}\" ({field.Noun})");
        }

        return field.TryConvert(slot, _line, out value, out var problem) ? true : throw new TraceFormatException(problem!);
    }

    private FieldUse Use(Field field) =>
        _operation.Use(field) ?? throw new System.Diagnostics.UnreachableException($"operation {_operation.Name} reads \"{field.Name}\" without declaring it");
}
