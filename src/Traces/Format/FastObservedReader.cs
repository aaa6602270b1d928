using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// The "observed" object of a step line, on the fast path (see <see cref="FastStepReader"/>): the
/// meaning of TraceReader.ReadObserved, declining anything it would reject or that is unusual.
/// </summary>
internal static class FastObservedReader
{
    public static bool TryRead(ref Utf8JsonReader r, FastReadContext context, out ObservedStep? observed)
    {
        observed = null;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        long ret = 0;
        var error = WsaError.None;
        long? value = null;
        IReadOnlyList<ObservedMessage> posted = [];
        IReadOnlyList<ObservedMessage> delivered = [];
        ObservedEnumeration? enumerated = null;
        IReadOnlyList<string> signaled = [];
        var timedOut = false;
        string? note = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var bit = r.ValueIsEscaped ? 0 : Bit(r.ValueSpan);
            if (bit == 0 || (seen & bit) != 0 || !r.Read())
            {
                return false;
            }

            seen |= bit;
            var ok = bit switch
            {
                1 << 0 => Json.TryLong(ref r, out ret),
                1 << 1 => Json.TryError(ref r, out error),
                1 << 2 => TryValue(ref r, out value),
                1 << 3 => TryMessages(ref r, context, out posted),
                1 << 4 => TryMessages(ref r, context, out delivered),
                1 << 5 => TryEnumeration(ref r, out enumerated),
                1 << 6 => TrySignaled(ref r, context, out signaled),
                1 << 7 => TryTimeout(ref r, out timedOut),
                1 << 8 => TryNote(ref r, out note),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        observed = new ObservedStep
        {
            Return = ret,
            Error = error,
            Value = value,
            Posted = posted,
            Delivered = delivered,
            Enumerated = enumerated,
            Signaled = signaled,
            TimedOut = timedOut,
            Note = note,
        };
        return true;
    }

    private static int Bit(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("ret"u8) => 1 << 0,
        _ when name.SequenceEqual("error"u8) => 1 << 1,
        _ when name.SequenceEqual("value"u8) => 1 << 2,
        _ when name.SequenceEqual("posted"u8) => 1 << 3,
        _ when name.SequenceEqual("delivered"u8) => 1 << 4,
        _ when name.SequenceEqual("enumerated"u8) => 1 << 5,
        _ when name.SequenceEqual("signaled"u8) => 1 << 6,
        _ when name.SequenceEqual("timeout"u8) => 1 << 7,
        _ when name.SequenceEqual("note"u8) => 1 << 8,
        _ => 0,
    };

    private static bool TryValue(ref Utf8JsonReader r, out long? value)
    {
        value = Json.TryLong(ref r, out var number) ? number : null;
        return value is not null;
    }

    private static bool TryTimeout(ref Utf8JsonReader r, out bool timedOut)
    {
        var ok = Json.TryBool(ref r, out var value);
        timedOut = value ?? false;
        return ok;
    }

    /// <summary>The note is free text; only a string is kept (TraceReader's Text).</summary>
    private static bool TryNote(ref Utf8JsonReader r, out string? note)
    {
        note = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        return note is not null;
    }

    private static bool TrySignaled(ref Utf8JsonReader r, FastReadContext context, out IReadOnlyList<string> signaled)
    {
        signaled = [];
        var list = context.Strings;
        if (!Json.TryNames(ref r, context.Names, list))
        {
            return false;
        }

        signaled = list.Count == 0 ? [] : [.. list];
        return true;
    }

    /// <summary>An array of message texts, each as MessageText.TryParse reads it, with its names shared.</summary>
    private static bool TryMessages(ref Utf8JsonReader r, FastReadContext context, out IReadOnlyList<ObservedMessage> messages)
    {
        messages = [];
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = context.Messages;
        list.Clear();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                return false;
            }

            if (!r.ValueIsEscaped && FastMessageReader.TryRead(r.ValueSpan, context.Names, out var message))
            {
                list.Add(message);
            }
            else if (MessageText.TryParse(r.GetString()!, out message, out _))
            {
                list.Add(message with { Window = context.Names.Get(message.Window), Socket = context.Names.Get(message.Socket) });
            }
            else
            {
                return false;
            }
        }

        messages = list.Count == 0 ? [] : [.. list];
        return true;
    }

    /// <summary>{"events":[...],"errors":{"FD_X":"WSAE..."}}: errors of 0 are dropped, the rest sorted by bit (TraceReader.ReadEnumeration).</summary>
    private static bool TryEnumeration(ref Utf8JsonReader r, out ObservedEnumeration? enumeration)
    {
        enumeration = null;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        NetworkEvents? events = null;
        List<BitError>? errors = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("events"u8) && events is null)
            {
                if (!r.Read() || !Json.TryEvents(ref r, out events))
                {
                    return false;
                }
            }
            else if (r.ValueTextEquals("errors"u8) && errors is null)
            {
                if (!r.Read() || !TryErrors(ref r, out errors))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (events is not { } mask)
        {
            return false;
        }

        errors ??= [];
        errors.Sort((a, b) => ((int)a.Bit).CompareTo((int)b.Bit));
        enumeration = new ObservedEnumeration(mask, errors);
        return true;
    }

    private static bool TryErrors(ref Utf8JsonReader r, out List<BitError>? errors)
    {
        errors = null;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var list = new List<BitError>();
        var seen = NetworkEvents.None;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!NetworkEventNames.TryParse(r.GetString()!, out var bit) || (seen & bit) != 0 || !r.Read() || !Json.TryError(ref r, out var error))
            {
                return false;
            }

            seen |= bit;
            if (error != WsaError.None)
            {
                list.Add(new BitError(bit, error));
            }
        }

        errors = list;
        return true;
    }
}
