using System.Globalization;
using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// The "observed" object of a step line (docs/trace-format.md, "The observed object"), read in the same pass as
/// the rest of the line. What is wrong with it is kept in the step's slot and reported only once the whole
/// line has been read, after what is wrong with the step's input.
/// </summary>
internal static class ObservedReader
{
    private static readonly KeySet s_keys = new();
    private static readonly Key Ret = s_keys.Add("ret");
    private static readonly Key Error = s_keys.Add("error");
    private static readonly Key Value = s_keys.Add("value");
    private static readonly Key Handle = s_keys.Add("handle");
    private static readonly Key Posted = s_keys.Add("posted", (ref Utf8JsonReader r, ref Slot slot, LineReader line) => ReadMessages(ref r, ref slot, line, "posted"));
    private static readonly Key Delivered = s_keys.Add("delivered", (ref Utf8JsonReader r, ref Slot slot, LineReader line) => ReadMessages(ref r, ref slot, line, "delivered"));
    private static readonly Key Enumerated = s_keys.Add("enumerated", ReadEnumeration);
    private static readonly Key Signaled = s_keys.Add("signaled");
    private static readonly Key Timeout = s_keys.Add("timeout");
    private static readonly Key Note = s_keys.Add("note");

    private static readonly KeySet s_enumerationKeys = new();
    private static readonly Key Events = s_enumerationKeys.Add("events");
    private static readonly Key Errors = s_enumerationKeys.Add("errors", ReadErrors);

    /// <summary>The observed key's value: the outputs, or why they cannot be read.</summary>
    public static void Read(ref Utf8JsonReader r, ref Slot slot, LineReader line)
    {
        slot.Token = r.TokenType;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            LineReader.Skip(ref r);
            slot.Problem = "\"observed\" must be an object";
            return;
        }

        LineReader.CheckNesting(ref r);
        var slots = line.SlotsFor(s_keys);
        var stamp = line.ReadObject(ref r, s_keys, slots, "observed.");
        try
        {
            slot.Value = Build(slots, stamp, line);
        }
        catch (TraceFormatException e)
        {
            slot.Problem = e.Message;
        }
    }

    private static ObservedStep Build(Slot[] slots, int stamp, LineReader line)
    {
        ref readonly var ret = ref slots[Ret.Index];
        if (ret.Stamp == stamp && !(ret.Token == JsonTokenType.Number && ret.IsLong))
        {
            throw new TraceFormatException($"\"observed.ret\" must be an integer, got {ret.Got}");
        }

        ref readonly var value = ref slots[Value.Index];
        var present = value.Stamp == stamp && value.Token != JsonTokenType.Null;
        var error = Present(slots[Error.Index], stamp) ? ErrorOf(slots[Error.Index], "\"observed.error\"") : WsaError.None;
        if (present && !(value.Token == JsonTokenType.Number && value.IsLong))
        {
            throw new TraceFormatException($"\"observed.value\" must be an integer, got {value.Got}");
        }

        ref readonly var handle = ref slots[Handle.Index];
        var hasHandle = handle.Stamp == stamp && handle.Token != JsonTokenType.Null;
        if (hasHandle)
        {
            HeaderReader.NeedsVersion2("\"observed.handle\"", line.Version);
            if (!(handle.Token == JsonTokenType.Number && handle.IsLong && handle.Long >= 0))
            {
                throw new TraceFormatException($"\"observed.handle\" must be a non-negative integer (the SOCKET value), got {handle.Got}");
            }
        }

        ref readonly var timeout = ref slots[Timeout.Index];
        if (timeout.Stamp == stamp && timeout.Token is not (JsonTokenType.True or JsonTokenType.False))
        {
            throw new TraceFormatException($"\"timeout\" must be true or false, got {timeout.Got}");
        }

        ref readonly var note = ref slots[Note.Index];
        return new ObservedStep
        {
            Return = ret.Stamp == stamp ? ret.Long : 0,
            Error = error,
            Value = present ? value.Long : null,
            Handle = hasHandle ? handle.Long : null,
            Posted = Messages(slots[Posted.Index], stamp),
            Delivered = Messages(slots[Delivered.Index], stamp),
            Enumerated = slots[Enumerated.Index].Stamp != stamp ? null
                : slots[Enumerated.Index].Problem is { } problem ? throw new TraceFormatException(problem)
                : (ObservedEnumeration)slots[Enumerated.Index].Value!,
            Signaled = SignaledNames(slots[Signaled.Index], stamp, line),
            TimedOut = timeout.Stamp == stamp && timeout.Token == JsonTokenType.True,
            Note = note.Stamp == stamp && note.Token == JsonTokenType.String ? note.Text : null,
        };
    }

    private static bool Present(in Slot slot, int stamp) => slot.Stamp == stamp && slot.Token != JsonTokenType.Null;

    /// <summary>An error as written: a WSAE* name, or a decimal number (as text or as a JSON number).</summary>
    private static WsaError ErrorOf(in Slot slot, string where)
    {
        var text = slot.Token switch
        {
            JsonTokenType.String => slot.Text!,
            JsonTokenType.Number => slot.IsLong ? slot.Long.ToString(CultureInfo.InvariantCulture) : slot.Raw!,
            _ => throw new TraceFormatException($"{where} must be a WSAE* name or a number, got {slot.Got}"),
        };
        return WsaErrorNames.TryParse(text, out var error)
            ? error
            : throw new TraceFormatException($"{where}: unknown error {SafeText.Quote(text)}; expected a WSAE* name or a number");
    }

    private static IReadOnlyList<ObservedMessage> Messages(in Slot slot, int stamp) =>
        slot.Stamp != stamp ? []
            : slot.Problem is { } problem ? throw new TraceFormatException(problem)
            : (ObservedMessage[])slot.Value!;

    /// <summary>"posted" and "delivered": arrays of message texts, each read from its bytes as it is met.</summary>
    private static void ReadMessages(ref Utf8JsonReader r, ref Slot slot, LineReader line, string name)
    {
        slot.Token = r.TokenType;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            LineReader.Skip(ref r);
            slot.Problem = $"\"observed.{name}\" must be an array of strings";
            return;
        }

        var list = line.Messages;
        list.Clear();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                LineReader.Skip(ref r);
                slot.Problem ??= $"\"observed.{name}\" must contain strings";
                continue;
            }

            if (slot.Problem is null)
            {
                if (MessageReader.TryRead(LineReader.StringBytes(ref r, out _), line.Names, line.Version, out var message, out var problem))
                {
                    list.Add(message);
                }
                else
                {
                    slot.Problem = $"\"observed.{name}\": {problem}";
                }
            }
        }

        slot.Value = list.Count == 0 ? Array.Empty<ObservedMessage>() : list.ToArray();
    }

    private static string[] SignaledNames(in Slot slot, int stamp, LineReader line)
    {
        if (slot.Stamp != stamp)
        {
            return [];
        }

        if (slot.Token != JsonTokenType.StartArray)
        {
            throw new TraceFormatException("\"observed.signaled\" must be an array of strings");
        }

        if (slot.ItemCount == 0)
        {
            return [];
        }

        var names = new string[slot.ItemCount];
        for (var i = 0; i < names.Length; i++)
        {
            var item = line.Items[slot.ItemStart + i];
            if (item.Token != JsonTokenType.String)
            {
                throw new TraceFormatException("\"observed.signaled\" must contain strings");
            }

            if ((item.Entry is { } entry ? entry.NameProblem : NameRules.Problem(item.Text!)) is { } rule)
            {
                throw new TraceFormatException($"\"observed.signaled\": {SafeText.Quote(item.Text!)} is not a usable name: {rule}");
            }

            names[i] = item.Text!;
        }

        return names;
    }

    /// <summary>{"events":[FD_*...],"errors":{"FD_X":"WSAE..."}}: errors of 0 dropped, the rest sorted by bit.</summary>
    private static void ReadEnumeration(ref Utf8JsonReader r, ref Slot slot, LineReader line)
    {
        slot.Token = r.TokenType;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            LineReader.Skip(ref r);
            slot.Problem = "\"observed.enumerated\" must be an object like {\"events\":[\"FD_CONNECT\"],\"errors\":{\"FD_CONNECT\":\"WSAECONNREFUSED\"}}";
            return;
        }

        LineReader.CheckNesting(ref r);
        var slots = line.SlotsFor(s_enumerationKeys);
        var stamp = line.ReadObject(ref r, s_enumerationKeys, slots, "observed.enumerated.");
        ref readonly var events = ref slots[Events.Index];
        ref readonly var errors = ref slots[Errors.Index];
        if (events.Stamp != stamp || events.Token == JsonTokenType.Null)
        {
            slot.Problem = "missing \"events\": expected an array of FD_* names (empty for mask 0)";
        }
        else if (!StepFields.Events.TryConvert(events, line, out var mask, out var problem))
        {
            slot.Problem = problem;
        }
        else if (errors.Stamp == stamp && errors.Problem is not null)
        {
            slot.Problem = errors.Problem;
        }
        else
        {
            slot.Value = new ObservedEnumeration(mask, errors.Stamp == stamp ? (BitError[])errors.Value! : []);
        }
    }

    /// <summary>{"FD_X": error, ...}: the keys are event names, so this object is read key by key.</summary>
    private static void ReadErrors(ref Utf8JsonReader r, ref Slot slot, LineReader line)
    {
        slot.Token = r.TokenType;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            LineReader.Skip(ref r);
            slot.Problem = "\"enumerated.errors\" must be an object like {\"FD_CONNECT\":\"WSAECONNREFUSED\"}";
            return;
        }

        LineReader.CheckNesting(ref r);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<BitError>();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = line.Names.Text(LineReader.StringBytes(ref r, out _));
            if (!seen.Add(name))
            {
                throw new TraceFormatException($"duplicate key {SafeText.Quote("observed.enumerated.errors." + name)}: each key may appear once in an object");
            }

            r.Read();
            var value = default(Slot);
            line.Capture(ref r, ref value);
            if (slot.Problem is not null)
            {
                continue;
            }

            if (!NetworkEventNames.TryParse(name, out var bit))
            {
                slot.Problem = $"\"enumerated.errors\": unknown event {SafeText.Quote(name)}";
                continue;
            }

            try
            {
                var error = value.Token == JsonTokenType.Null ? WsaError.None : ErrorOf(value, $"\"enumerated.errors\" for {name}");
                if (error != WsaError.None)
                {
                    errors.Add(new BitError(bit, error));
                }
            }
            catch (TraceFormatException e)
            {
                slot.Problem = e.Message;
            }
        }

        errors.Sort((a, b) => ((int)a.Bit).CompareTo((int)b.Bit));
        slot.Value = errors.ToArray();
    }
}
