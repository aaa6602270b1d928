using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Value readers for the fast path, each with the slow path's meaning (InputCodec's Required*/Optional*
/// helpers) and declining (false) whatever those would reject or treat specially, null included.
/// The reader is on the value's first token and is left on its last.
/// </summary>
internal static class Json
{
    /// <summary>A non-empty string (RequiredString).</summary>
    public static bool TryText(ref Utf8JsonReader r, out string? text)
    {
        text = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        return !string.IsNullOrEmpty(text);
    }

    /// <summary>A non-empty string that names something, shared through the file's name table.</summary>
    public static bool TryName(ref Utf8JsonReader r, NameTable names, out string? name)
    {
        name = r.TokenType == JsonTokenType.String && r.ValueSpan.Length > 0 ? names.Get(ref r) : null;
        return !string.IsNullOrEmpty(name);
    }

    /// <summary>A non-negative 32-bit integer (OptionalInt: TryGetInt32 and not negative).</summary>
    public static bool TryNonNegativeInt(ref Utf8JsonReader r, out int? value)
    {
        value = r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var number) && number >= 0 ? number : null;
        return value is not null;
    }

    /// <summary>A 64-bit integer (observed.ret and observed.value: TryGetInt64).</summary>
    public static bool TryLong(ref Utf8JsonReader r, out long value)
    {
        value = 0;
        return r.TokenType == JsonTokenType.Number && r.TryGetInt64(out value);
    }

    /// <summary>true or false (OptionalBool).</summary>
    public static bool TryBool(ref Utf8JsonReader r, out bool? value)
    {
        value = r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null;
    }

    /// <summary>An array of FD_* names (InputCodec.ReadEvents).</summary>
    public static bool TryEvents(ref Utf8JsonReader r, out NetworkEvents? mask)
    {
        mask = null;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var bits = NetworkEvents.None;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String || !NetworkEventNames.TryParse(r.GetString()!, out var bit))
            {
                return false;
            }

            bits |= bit;
        }

        mask = bits;
        return true;
    }

    /// <summary>An array of MSG_PEEK / MSG_OOB (InputCodec's recv flags).</summary>
    public static bool TryRecvFlags(ref Utf8JsonReader r, out RecvFlags? flags)
    {
        flags = null;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var all = RecvFlags.None;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                return false;
            }

            if (r.ValueTextEquals("MSG_PEEK"u8))
            {
                all |= RecvFlags.Peek;
            }
            else if (r.ValueTextEquals("MSG_OOB"u8))
            {
                all |= RecvFlags.Oob;
            }
            else
            {
                return false;
            }
        }

        flags = all;
        return true;
    }

    /// <summary>An array of names (TraceReader.ReadStrings, for "signaled"), into <paramref name="list"/>.</summary>
    public static bool TryNames(ref Utf8JsonReader r, NameTable names, List<string> list)
    {
        list.Clear();
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                return false;
            }

            list.Add(names.Get(ref r));
        }

        return true;
    }

    /// <summary>An error as written: a WSAE* name or a decimal number (TraceReader.ErrorText, then WsaErrorNames.TryParse).</summary>
    public static bool TryError(ref Utf8JsonReader r, out WsaError error)
    {
        error = WsaError.None;
        return r.TokenType switch
        {
            JsonTokenType.String => WsaErrorNames.TryParse(r.GetString()!, out error),
            JsonTokenType.Number => !r.ValueIsEscaped && WsaErrorNames.TryParse(System.Text.Encoding.UTF8.GetString(r.ValueSpan), out error),
            _ => false,
        };
    }
}
