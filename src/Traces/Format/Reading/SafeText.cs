using System.Globalization;
using System.Text;

namespace WinsockConformance.Traces;

/// <summary>
/// Input quoted in messages and reports: control characters escaped (no newline starts a second line, no
/// escape sequence reaches a terminal) and long values cut, saying so with "…".
/// </summary>
internal static class SafeText
{
    /// <summary>How many characters of a quoted value a message shows.</summary>
    public const int QuoteLength = 80;

    /// <summary>The longest line an error message may be.</summary>
    public const int LineLength = 1000;

    /// <summary><paramref name="value"/> in double quotes, escaped and cut to <see cref="QuoteLength"/>.</summary>
    public static string Quote(string value) => "\"" + Escape(value, QuoteLength) + "\"";

    /// <summary>Escapes control characters (and '\' before them is not ambiguous: only escapes introduce \u and \n forms) and cuts at <paramref name="limit"/> characters with "…".</summary>
    public static string Escape(string value, int limit = int.MaxValue)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                clean = false;
                break;
            }
        }

        if (clean && value.Length <= limit)
        {
            return value;
        }

        var text = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            if (text.Length >= limit)
            {
                return text.Append('…').ToString();
            }

            var c = rune.Value;
            _ = c switch
            {
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when rune.IsBmp && NeedsEscape((char)c) => text.Append(CultureInfo.InvariantCulture, $"\\u{c:X4}"),
                _ => text.Append(rune.ToString()),
            };
        }

        return text.ToString();
    }

    /// <summary>One line of output: every control character escaped, cut at <see cref="LineLength"/>.</summary>
    public static string Line(string text) => Escape(text, LineLength);

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e';
}
