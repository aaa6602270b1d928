using System.Globalization;
using System.Text;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// A message text on the fast path, read from its UTF-8 bytes: the canonical form the writers produce
/// (<c>[window[/msg] ]socket[#generation] FD_EVENT [ERROR]</c>, single spaces, names for errors), parsed
/// as <see cref="MessageText.TryParse"/> parses it. Anything else (extra spaces, numeric errors, unknown
/// names) is declined, and the caller hands the text to MessageText.TryParse instead.
/// </summary>
internal static class FastMessageReader
{
    private static readonly (byte[] Name, NetworkEvents Bit)[] s_events =
        [.. NetworkEventNames.Bits.Select(b => (Encoding.ASCII.GetBytes(b.NativeName()), b))];

    private static readonly (byte[] Name, WsaError Error)[] s_errors =
        [.. Enum.GetValues<WsaError>().Where(e => e != WsaError.None).Select(e => (Encoding.ASCII.GetBytes(e.NativeName()), e))];

    public static bool TryRead(ReadOnlySpan<byte> text, NameTable names, out ObservedMessage message)
    {
        message = default;

        // At most four tokens, split by single spaces: where MessageText's split would differ, decline.
        Span<Range> tokens = stackalloc Range[4];
        var count = 0;
        var start = 0;
        while (true)
        {
            if (count == tokens.Length)
            {
                return false;
            }

            var space = text[start..].IndexOf((byte)' ');
            var end = space < 0 ? text.Length : start + space;
            tokens[count++] = start..end;
            if (space < 0)
            {
                break;
            }

            start = end + 1;
        }

        if (count < 2)
        {
            return false;
        }

        var eventIndex = -1;
        for (var i = 0; i < count; i++)
        {
            var token = text[tokens[i]];
            if (token.IsEmpty)
            {
                return false;
            }

            if (eventIndex < 0 && token.StartsWith("FD_"u8))
            {
                eventIndex = i;
            }
        }

        if (eventIndex is < 1 or > 2 || count > eventIndex + 2 || !TryEvent(text[tokens[eventIndex]], out var bit))
        {
            return false;
        }

        var error = WsaError.None;
        if (count == eventIndex + 2 && !TryError(text[tokens[eventIndex + 1]], out error))
        {
            return false;
        }

        var window = TraceFormat.DefaultWindow;
        var number = TraceFormat.DefaultMessage;
        if (eventIndex == 2 && !TryTarget(text[tokens[0]], names, out window, out number))
        {
            return false;
        }

        if (!TrySocket(text[tokens[eventIndex - 1]], names, out var socket, out var generation))
        {
            return false;
        }

        message = new ObservedMessage(window, number, socket, generation, bit, error);
        return true;
    }

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

    /// <summary>A WSAE* name; a number (which WsaErrorNames also accepts) is left to the slow path.</summary>
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

        error = WsaError.None;
        return false;
    }

    /// <summary>window or window/msg (MessageText.TryParseTarget).</summary>
    private static bool TryTarget(ReadOnlySpan<byte> token, NameTable names, out string window, out int message)
    {
        window = string.Empty;
        message = TraceFormat.DefaultMessage;
        var slash = token.IndexOf((byte)'/');
        var name = slash < 0 ? token : token[..slash];
        if (name.IsEmpty || (slash >= 0 && !int.TryParse(token[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out message)))
        {
            return false;
        }

        window = names.Get(name);
        return true;
    }

    /// <summary>name or name#generation, generation at least 1 (MessageText.TryParseSocket).</summary>
    private static bool TrySocket(ReadOnlySpan<byte> token, NameTable names, out string socket, out int? generation)
    {
        socket = string.Empty;
        generation = null;
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

        socket = names.Get(name);
        return true;
    }
}
