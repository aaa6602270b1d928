using System.Globalization;
using System.Text;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Reads one message text, <c>[window[/msg] ]socket[#generation] FD_EVENT [ERROR] [@wParam]</c>, from its UTF-8 bytes
/// (docs/trace-format.md, "Message syntax"): tokens separated by spaces, the event the first token that
/// starts with <c>FD_</c>, the error a WSAE* name or a decimal number, the wParam (version 2) a decimal number after <c>@</c>.
/// </summary>
internal static class MessageReader
{
    private static readonly (byte[] Name, NetworkEvents Bit)[] s_events =
        [.. NetworkEventNames.Bits.Select(b => (Encoding.ASCII.GetBytes(b.NativeName()), b))];

    private static readonly (byte[] Name, WsaError Error)[] s_errors =
        [.. Enum.GetValues<WsaError>().Select(e => (Encoding.ASCII.GetBytes(e.NativeName()), e))];

    public static bool TryRead(ReadOnlySpan<byte> text, NameTable names, int version, out ObservedMessage message, out string? problem)
    {
        message = default;
        problem = null;

        // At most five tokens: window, socket, event, error, wParam.
        Span<Range> tokens = stackalloc Range[6];
        var count = 0;
        var at = 0;
        while (at < text.Length)
        {
            if (text[at] == (byte)' ')
            {
                at++;
                continue;
            }

            var end = text[at..].IndexOf((byte)' ');
            end = end < 0 ? text.Length : at + end;
            if (count == tokens.Length)
            {
                return Fail(text, "expected \"[window[/msg] ]socket FD_EVENT [ERROR] [@wParam]\"", out problem);
            }

            tokens[count++] = at..end;
            at = end;
        }

        var eventIndex = -1;
        for (var i = 0; i < count && eventIndex < 0; i++)
        {
            eventIndex = text[tokens[i]].StartsWith("FD_"u8) ? i : -1;
        }

        // Version 2: the wParam, "@" and a decimal number, last.
        long? wParam = null;
        if (count > 0 && text[tokens[count - 1]].StartsWith("@"u8))
        {
            if (version < TraceFormat.Version2)
            {
                return Fail(text, $"a message's @wParam needs format version {TraceFormat.Version2}; the header says version {version}", out problem);
            }

            if (!long.TryParse(text[tokens[count - 1]][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Fail(text, $"bad wParam {Token(text[tokens[count - 1]])} (expected @ and a decimal number)", out problem);
            }

            wParam = value;
            count--;
        }

        if (eventIndex is < 1 or > 2 || count > eventIndex + 2)
        {
            return Fail(text, "expected \"[window[/msg] ]socket FD_EVENT [ERROR] [@wParam]\"", out problem);
        }

        if (!TryEvent(text[tokens[eventIndex]], out var bit))
        {
            return Fail(text, $"unknown event {Token(text[tokens[eventIndex]])}", out problem);
        }

        var error = WsaError.None;
        if (count == eventIndex + 2 && !TryError(text[tokens[eventIndex + 1]], out error))
        {
            return Fail(text, $"unknown error {Token(text[tokens[eventIndex + 1]])}", out problem);
        }

        var window = TraceFormat.DefaultWindow;
        var number = TraceFormat.DefaultMessage;
        if (eventIndex == 2 && !TryTarget(text[tokens[0]], names, out window, out number, out var targetProblem))
        {
            return Fail(text, targetProblem ?? $"expected window or window/msg before the socket, got {Token(text[tokens[0]])}", out problem);
        }

        if (!TrySocket(text[tokens[eventIndex - 1]], names, out var socket, out var generation, out var socketProblem))
        {
            return Fail(text, socketProblem ?? $"bad socket reference {Token(text[tokens[eventIndex - 1]])} (expected name or name#generation)", out problem);
        }

        message = new ObservedMessage(window, number, socket, generation, bit, error, wParam);
        return true;
    }

    private static bool Fail(ReadOnlySpan<byte> text, string what, out string problem)
    {
        problem = $"message {SafeText.Quote(Encoding.UTF8.GetString(text))}: {what}";
        return false;
    }

    private static string Token(ReadOnlySpan<byte> token) => SafeText.Escape(Encoding.UTF8.GetString(token), SafeText.QuoteLength);

    private static bool TryEvent(ReadOnlySpan<byte> token, out NetworkEvents bit)
    {
        foreach (var (name, value) in s_events)
        {
            if (token.SequenceEqual(name))
            {
                bit = value;
                return true;
            }
        }

        bit = NetworkEvents.None;
        return false;
    }

    /// <summary>A WSAE* name, or a decimal number (as <see cref="WsaErrorNames.TryParse"/> reads it).</summary>
    private static bool TryError(ReadOnlySpan<byte> token, out WsaError error)
    {
        foreach (var (name, value) in s_errors)
        {
            if (token.SequenceEqual(name))
            {
                error = value;
                return true;
            }
        }

        var ok = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
        error = (WsaError)number;
        return ok;
    }

    private static bool TryTarget(ReadOnlySpan<byte> token, NameTable names, out string window, out int message, out string? problem)
    {
        window = string.Empty;
        message = TraceFormat.DefaultMessage;
        problem = null;
        var slash = token.IndexOf((byte)'/');
        var name = slash < 0 ? token : token[..slash];
        if (name.IsEmpty || (slash >= 0 && !int.TryParse(token[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out message)))
        {
            return false;
        }

        return TryName(name, names, out window, out problem);
    }

    private static bool TrySocket(ReadOnlySpan<byte> token, NameTable names, out string socket, out int? generation, out string? problem)
    {
        socket = string.Empty;
        generation = null;
        problem = null;
        var hash = token.IndexOf((byte)'#');
        var name = hash < 0 ? token : token[..hash];
        if (name.IsEmpty)
        {
            return false;
        }

        if (hash >= 0)
        {
            if (!int.TryParse(token[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var g) || g < 1)
            {
                return false;
            }

            generation = g;
        }

        return TryName(name, names, out socket, out problem);
    }

    private static bool TryName(ReadOnlySpan<byte> bytes, NameTable names, out string name, out string? problem)
    {
        var entry = names.Get(bytes);
        name = entry?.Text ?? Encoding.UTF8.GetString(bytes);
        var rule = entry is null ? NameRules.Problem(name) : entry.NameProblem;
        problem = rule is null ? null : $"{SafeText.Quote(name)} is not a usable name: {rule}";
        return rule is null;
    }
}
