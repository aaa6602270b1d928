using System.Text.RegularExpressions;

namespace WinsockConformance.Snapshots;

/// <summary>
/// Checks docs/sources-by-rule.tsv: one row per catalogued rule, and every source in it either an anchor
/// of docs/sources.md, a repository file, or an address that docs/sources.md lists (so the revision it was
/// verified against is recorded there). Problems come back as "file:line: what is wrong", text last.
/// </summary>
internal static partial class SourceMap
{
    public const string MapPath = "docs/sources-by-rule.tsv";
    public const string NotesPath = "docs/sources.md";

    private const string Header = "rule\tsources\tnote";

    public static IReadOnlyList<string> Problems(string map, string notes, IReadOnlySet<string> ruleIds, Func<string, bool> repositoryPathExists)
    {
        var problems = new List<string>();
        var anchors = Anchors(notes, problems);
        var rowOfRule = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = map.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || line == Header)
            {
                continue;
            }

            var where = $"{MapPath}:{index + 1}";
            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                problems.Add($"{where}: expected 3 tab-separated fields (rule, sources, note), got {fields.Length}");
                continue;
            }

            var rule = fields[0];
            if (!ruleIds.Contains(rule))
            {
                problems.Add($"{where}: rule {rule} is not in the rule catalogue");
            }

            if (!rowOfRule.TryAdd(rule, index + 1))
            {
                problems.Add($"{where}: rule {rule} already has a row at line {rowOfRule[rule]}");
            }

            var sources = fields[1].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!sources.Any(source => source.StartsWith('#')))
            {
                problems.Add($"{where}: rule {rule} cites no note of {NotesPath}");
            }

            foreach (var source in sources)
            {
                if (SourceProblem(source, anchors, notes, repositoryPathExists) is { } problem)
                {
                    problems.Add($"{where}: rule {rule}: {problem}");
                }
            }
        }

        problems.AddRange(ruleIds.Where(rule => !rowOfRule.ContainsKey(rule)).Order(StringComparer.Ordinal)
            .Select(rule => $"{MapPath}: rule {rule} has no row"));
        return problems;
    }

    /// <summary>
    /// The rule catalogue's own Source strings: each a "; "-separated list of docs/sources.md anchors, the same notes, in
    /// the same order, as the rule's row of the map (so a user of the model's API reads the references the docs read).
    /// </summary>
    public static IReadOnlyList<string> CatalogueProblems(string map, string notes, IEnumerable<(string Id, string Source)> rules)
    {
        var problems = new List<string>();
        var anchors = Anchors(notes, []);
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in map.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            var fields = line.Split('\t');
            if (line.Length > 0 && !line.StartsWith('#') && line != Header && fields.Length == 3)
            {
                rows[fields[0]] = [.. fields[1].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Where(source => source.StartsWith('#')).Select(anchor => NotesPath + anchor)];
            }
        }

        foreach (var (id, source) in rules)
        {
            var cited = source.Split("; ", StringSplitOptions.None);
            foreach (var reference in cited.Where(r => !r.StartsWith(NotesPath + "#", StringComparison.Ordinal) || !anchors.Contains(r[(NotesPath.Length + 1)..])))
            {
                problems.Add($"RuleCatalog: rule {id}: \"{reference}\" is not an anchor of {NotesPath} (write \"{NotesPath}#anchor\")");
            }

            if (rows.TryGetValue(id, out var expected) && !cited.SequenceEqual(expected, StringComparer.Ordinal))
            {
                problems.Add($"RuleCatalog: rule {id} cites \"{source}\" but its row of {MapPath} has \"{string.Join("; ", expected)}\"");
            }
        }

        return problems;
    }

    private static string? SourceProblem(string source, HashSet<string> anchors, string notes, Func<string, bool> repositoryPathExists)
    {
        if (source.StartsWith('#'))
        {
            return anchors.Contains(source[1..]) ? null : $"anchor {source} is not in {NotesPath}";
        }

        if (source.StartsWith("https://", StringComparison.Ordinal))
        {
            return notes.Contains(source, StringComparison.Ordinal) ? null : $"address {source} is not listed in {NotesPath}";
        }

        if (source.Contains("://", StringComparison.Ordinal) || source.IndexOfAny(['*', '?', '\\']) >= 0 || source.StartsWith('/'))
        {
            return $"{source} is neither an anchor, an https address nor a repository-relative path";
        }

        return repositoryPathExists(source) ? null : $"{source} does not exist in the repository";
    }

    /// <summary>The anchors of the notes; a duplicate anchor or an in-page link to a missing one is a problem too.</summary>
    private static HashSet<string> Anchors(string notes, List<string> problems)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var lines = notes.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            foreach (Match match in AnchorPattern().Matches(lines[index]))
            {
                if (!anchors.Add(match.Groups[1].Value))
                {
                    problems.Add($"{NotesPath}:{index + 1}: anchor #{match.Groups[1].Value} is defined twice");
                }
            }
        }

        for (var index = 0; index < lines.Length; index++)
        {
            foreach (Match match in InPageLinkPattern().Matches(lines[index]))
            {
                if (!anchors.Contains(match.Groups[1].Value))
                {
                    problems.Add($"{NotesPath}:{index + 1}: link to #{match.Groups[1].Value}, which is not an anchor of the page");
                }
            }
        }

        return anchors;
    }

    [GeneratedRegex("<a id=\"([^\"]+)\"></a>", RegexOptions.CultureInvariant)]
    private static partial Regex AnchorPattern();

    [GeneratedRegex(@"\]\(#([^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex InPageLinkPattern();
}
