using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>
/// One known departure of a stack from windows: the rule that describes what the stack does, the scenarios whose
/// first difference from windows it explains (as Wine's tests mark an expected failure with <c>todo_wine</c>), and
/// the Wine bug or commit where one is known.
/// </summary>
/// <param name="Rule">The rule's ID (WINE-n, or a windows rule the stack breaks).</param>
/// <param name="Scenarios">The scenarios' names (their headers' <c>name</c>).</param>
/// <param name="Wine">"bug N", "commit HASH (subject)", or null when none is known.</param>
/// <param name="Line">Where the entry is in its file.</param>
public sealed record KnownDifference(string Rule, IReadOnlyList<string> Scenarios, string? Wine, int Line);

/// <summary>
/// A stack's known differences from windows, read from <c>stacks/NAME.known.tsv</c> (Windows has none). The file is
/// tab-separated: <c>#</c> comments, a header line <c>rule scenarios wine</c>, then one line per rule with its scenarios
/// separated by spaces and the Wine reference (<c>-</c> when none is known). Bad lines are <c>file:line: what was
/// expected</c> (exit 2).
/// </summary>
public sealed record KnownDifferences(KnownStack Stack, string? Source, IReadOnlyList<KnownDifference> Entries)
{
    public const string HeaderLine = "rule\tscenarios\twine";

    /// <summary>The entries whose scenarios include <paramref name="scenario"/>.</summary>
    public IEnumerable<KnownDifference> Explaining(string scenario) => Entries.Where(e => e.Scenarios.Contains(scenario, StringComparer.Ordinal));

    public bool Has(string rule) => Entries.Any(e => string.Equals(e.Rule, rule, StringComparison.Ordinal));

    /// <summary>The stack's list from <paramref name="folder"/>: empty for Windows, else its file (which must exist).</summary>
    public static KnownDifferences Read(KnownStack stack, string folder)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (stack.FileIn(folder) is not { } path)
        {
            return new(stack, null, []);
        }

        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new TraceReadException(path, 1, $"the known differences of {stack.Name} cannot be read ({e.Message}); expected a file of lines '{HeaderLine.Replace('\t', ' ')}' (see docs/known-differences.md)");
        }

        return Parse(stack, path, text);
    }

    public static KnownDifferences Parse(KnownStack stack, string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<KnownDifference>();
        var headerSeen = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = line == HeaderLine ? true : throw new TraceReadException(path, number, $"expected the header line 'rule<TAB>scenarios<TAB>wine', found {SafeText.Quote(line)}");
                continue;
            }

            entries.Add(Entry(path, number, line, entries));
        }

        return headerSeen ? new(stack, path, entries) : throw new TraceReadException(path, lines.Length, "expected the header line 'rule<TAB>scenarios<TAB>wine'; the file has none");
    }

    private static KnownDifference Entry(string path, int number, string line, List<KnownDifference> before)
    {
        var fields = line.Split('\t');
        if (fields.Length != 3)
        {
            throw new TraceReadException(path, number, $"expected 3 tab-separated fields (rule, scenarios, wine), found {fields.Length}");
        }

        var rule = RuleCatalog.Find(fields[0])?.Id ?? throw new TraceReadException(path, number, $"{SafeText.Quote(fields[0])} is not a rule ID of the catalogue (docs/rules.md)");
        if (before.FirstOrDefault(e => e.Rule == rule) is { } earlier)
        {
            throw new TraceReadException(path, number, $"{rule} is listed already at line {earlier.Line}; expected one line per rule");
        }

        var scenarios = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scenarios.Length == 0)
        {
            throw new TraceReadException(path, number, $"{rule} lists no scenario; expected the names of the scenarios it explains, separated by spaces");
        }

        if (scenarios.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new TraceReadException(path, number, $"{rule} lists {SafeText.Quote(repeated.Key)} twice");
        }

        var wine = fields[2].Trim();
        return new(rule, scenarios, wine is "" or "-" ? null : wine, number);
    }

    /// <summary>The file's text: <paramref name="preamble"/> as comment lines, the header, one line per entry (how the tests write a changed copy).</summary>
    public static string Render(string preamble, IEnumerable<KnownDifference> entries)
    {
        ArgumentNullException.ThrowIfNull(preamble);
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder();
        foreach (var line in preamble.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("# ").Append(line).Append('\n');
        }

        text.Append(HeaderLine).Append('\n');
        foreach (var e in entries)
        {
            text.Append(e.Rule).Append('\t').Append(string.Join(' ', e.Scenarios)).Append('\t').Append(e.Wine ?? "-").Append('\n');
        }

        return text.ToString();
    }
}
