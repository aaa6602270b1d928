using System.Globalization;
using System.Text;
using WinsockConformance.Model;

namespace WinsockConformance.Snapshots;

/// <summary>
/// docs/wine.md, the Wine stacks' page: where the everyday edge cases differ under Wine, the pointers to the switch
/// table and the findings, and the Wine-only quirks the differential fuzzer found (scenarios/fuzz), grouped by topic,
/// each with its claim, what to do, rules, diagram and timeline.
/// </summary>
public static class WinePage
{
    public const string FileName = "wine.md";

    public static string Render(IReadOnlyList<CatalogueEntry> catalogue, IReadOnlyList<Profile> profiles)
    {
        var pins = catalogue.Where(e => e.IsFuzzPin).ToList();
        var topics = EdgeCaseDocument.ByTopic(pins);
        var wineProfiles = profiles.Where(p => p.Name.StartsWith("wine-", StringComparison.Ordinal)).Select(p => p.Name).ToList();
        var everyday = catalogue.Where(e => !e.IsFuzzPin && WineDiffers(e, profiles)).ToList();

        var text = new StringBuilder();
        text.Append("# The Wine stacks\n\n");
        text.Append("Generated from `scenarios/` by `tests/Snapshots/Documents/WinePage.cs`; do not edit by hand.\n");
        text.Append("Regenerate with `UPDATE_DOCS=1 dotnet test tests/Snapshots --filter FullyQualifiedName~DocsTests` (the docs test fails while this file is stale).\n\n");
        text.Append("`./conformance run` drives Wine's real ws2_32 (Wine 8 by default, Wine 10 with `--stack wine-10`), and the profiles ");
        text.Append(string.Join(" and ", wineProfiles.Select(n => $"`{n}`")));
        text.Append(" record what those versions do. Every difference from Windows is a named switch with a rule ID (WINE-n) and the captures that prove it:\n\n");
        text.Append("- [wine-vs-windows.md](wine-vs-windows.md): the switches, stack by stack, with the captures proving each, and every captured scenario Windows would answer differently.\n");
        text.Append("- [fuzz-findings.md](fuzz-findings.md) and [wine-10-findings.md](wine-10-findings.md): how each disagreement the fuzzer found was analysed and resolved.\n");
        text.Append("- [The questions](README.md#what-differs-on-wine): what differs on Wine, in short, and what your code should do.\n\n");
        text.Append("If your code passes under Wine, it can still fail on Windows: Wine posts FD_CLOSE only after the data is drained, so a wrapper that closes at FD_CLOSE loses data on Windows only. ");
        text.Append("Test under the `windows` profile too (`./conformance simulate --all-profiles`, [simulator.md](simulator.md)).\n\n");

        text.Append(Invariant($"## Everyday edge cases where Wine differs from Windows ({everyday.Count})\n\n"));
        foreach (var e in everyday)
        {
            text.Append("- ").Append(e.Link).Append(": ").Append(e.Scenario.Header.Description).Append('\n');
        }

        text.Append("\n## Quirks found by fuzzing\n\n");
        text.Append(Invariant($"{pins.Count} counterexamples under `scenarios/fuzz/`, each the minimal scenario on which a Wine stack and the model once disagreed (FUZZ-n: a behaviour of Wine; H-n: the harness), pinned after the disagreement was resolved: "));
        text.Append("most by a WINE-n switch, some by a model fix. They are Wine's corner cases (urgent data, resets, shutdowns, event objects shared between sockets), not everyday behaviour; ");
        text.Append("each still says what an application should do. The name starts with the finding's number in [fuzz-findings.md](fuzz-findings.md) or [wine-10-findings.md](wine-10-findings.md).\n\n");
        EdgeCaseDocument.AppendHowToRead(text);
        foreach (var (topic, members) in topics)
        {
            text.Append(Invariant($"- [{topic.Title}](#fuzz-topic-{topic.Slug}) ({members.Count})\n"));
        }

        foreach (var (topic, members) in topics)
        {
            text.Append("\n<a id=\"fuzz-topic-").Append(topic.Slug).Append("\"></a>\n\n### ").Append(topic.Title).Append("\n\n");
            foreach (var e in members)
            {
                text.Append("- [").Append(e.Name).Append("](#").Append(e.Key).Append(")\n");
            }

            foreach (var e in members)
            {
                EdgeCaseDocument.AppendEntry(text, e, profiles, "####");
            }
        }

        return text.ToString();
    }

    /// <summary>Whether a Wine profile's outcome differs from windows somewhere in the scenario.</summary>
    private static bool WineDiffers(CatalogueEntry entry, IReadOnlyList<Profile> profiles)
    {
        var groups = EdgeCaseDocument.OutcomeGroups(entry.Scenario, profiles);
        var windows = groups.First(g => g.Contains("windows"));
        return profiles.Any(p => p.Name.StartsWith("wine-", StringComparison.Ordinal) && !windows.Contains(p.Name));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
