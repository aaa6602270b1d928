using System.Globalization;
using System.Text;

namespace WinsockConformance.Traces;

/// <summary>
/// What a socket, window or event-object name may be (docs/trace-format.md, "Step lines"): messages are
/// written as text, <c>[window[/msg] ]socket[#generation] FD_EVENT [ERROR]</c>, so a name may not hold
/// what separates those parts, nor characters a report could not show on one line.
/// </summary>
internal static class NameRules
{
    /// <summary>The rule in one phrase, for error messages and the schema's description.</summary>
    public const string Summary = "a non-empty string without white space, control characters, '#' or '/', not starting with FD_";

    /// <summary>The schema's pattern for a name (ECMA-262, as JSON Schema reads it).</summary>
    public const string Pattern = "^(?!FD_)[^\\s#/\\u0000-\\u001f\\u007f-\\u009f]+$";

    /// <summary>Why <paramref name="name"/> is not a usable name, or null.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "a name may not be empty";
        }

        if (name.StartsWith("FD_", StringComparison.Ordinal))
        {
            return "a name may not start with FD_ (a message would read it as the event)";
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                return "a name may not contain white space (it separates the parts of a message)";
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control)
            {
                return "a name may not contain control characters";
            }

            if (rune.Value == '#')
            {
                return "a name may not contain '#' (a message writes the generation after it)";
            }

            if (rune.Value == '/')
            {
                return "a name may not contain '/' (a message writes the message number after it)";
            }
        }

        return null;
    }
}
