using System.Globalization;
using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Reports;

using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>One scenario of the edge-case catalogue: its path relative to the repository (scenarios/group/name.jsonl) and its content.</summary>
public sealed record CatalogueEntry(string RelativePath, Trace Scenario)
{
    /// <summary>The folder under scenarios/ (message, event, close, ...).</summary>
    public string Group => RelativePath.Split('/')[^2];

    public string Name => Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>"group-name": the snapshot discriminator and the document anchor.</summary>
    public string Key => $"{Group}-{Name}";
}

/// <summary>
/// docs/edge-cases.md: every scenario's timeline under every profile, grouped by folder, with a table
/// of contents. The timelines are the same text the snapshot catalogue approves.
/// </summary>
public static class EdgeCaseDocument
{
    /// <summary>Groups in reading order; any other folder follows, alphabetically.</summary>
    public static readonly IReadOnlyList<string> GroupOrder = ["message", "event", "connect", "accept", "close", "cancel", "udp", "oob", "qos"];

    public static string Render(IReadOnlyList<CatalogueEntry> catalogue, IReadOnlyList<Profile> profiles)
    {
        var groups = catalogue
            .GroupBy(e => e.Group, StringComparer.Ordinal)
            .OrderBy(g => GroupRank(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Entries: g.OrderBy(e => e.Name, StringComparer.Ordinal).ToList()))
            .ToList();
        var differing = catalogue.Where(e => ProfilesDiffer(e.Scenario, profiles)).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        var text = new StringBuilder();
        text.Append("# Edge-case catalogue\n\n");
        text.Append("Generated from `scenarios/` by `tests/Snapshots/Documents/EdgeCaseDocument.cs`; do not edit by hand.\n");
        text.Append("Regenerate with `UPDATE_DOCS=1 dotnet test tests/Snapshots` (the docs test fails while this file is stale).\n");
        text.Append("Each timeline is also an approved snapshot in `tests/Snapshots/Snapshots/`.\n\n");
        text.Append(Invariant($"{catalogue.Count} scenarios in {groups.Count} groups; the profiles ({string.Join(", ", profiles.Select(p => p.Name))}) differ in {differing.Count} of them.\n\n"));
        text.Append("How to read a timeline:\n\n");
        text.Append("- Each step shows the call (or the peer's or network's action, `peer.*`, `net.*`) and, per profile, its result. ");
        text.Append("`all:` means every profile agrees; otherwise one line per group of profiles that agree.\n");
        text.Append("- `ret` is the return value, followed by the WSA error when it fails.\n");
        text.Append("- `posted` lists the messages the step posted (window `w`, WM_USER+1 unless shown as `w/2`): socket (wParam), event and error (lParam). ");
        text.Append("`delivered` lists what `getMessages` retrieved. A message for a closed socket whose name was reused shows as `a#1`.\n");
        text.Append("- `signaled ev` says the event object `ev` is signaled after the step; `enumerated` is what WSAEnumNetworkEvents returned (with iErrorCode entries).\n");
        text.Append("- The rule IDs are listed in [rules.md](rules.md).\n\n");

        text.Append("## Contents\n\n");
        foreach (var (name, entries) in groups)
        {
            text.Append("- [").Append(name).Append("](#").Append(name).Append(")\n");
            foreach (var e in entries)
            {
                text.Append("  - [").Append(e.Name).Append("](#").Append(e.Key).Append(')');
                if (differing.Contains(e.Key))
                {
                    text.Append(" (profiles differ)");
                }

                text.Append('\n');
            }
        }

        foreach (var (name, entries) in groups)
        {
            text.Append("\n## ").Append(name).Append('\n');
            foreach (var e in entries)
            {
                text.Append("\n<a id=\"").Append(e.Key).Append("\"></a>\n\n");
                text.Append("### ").Append(name).Append('/').Append(e.Name).Append("\n\n");
                if (e.Scenario.Header.Description is { } claim)
                {
                    text.Append(claim).Append("\n\n");
                }

                text.Append("File: [").Append(e.RelativePath).Append("](../").Append(e.RelativePath).Append(")\n\n");
                text.Append("```text\n").Append(Timeline.SideBySide(e.Scenario, profiles)).Append("```\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Whether any step's outcome differs between the profiles.</summary>
    public static bool ProfilesDiffer(Trace scenario, IReadOnlyList<Profile> profiles)
    {
        var runs = profiles.Select(p => ModelStep.Run(scenario, p)).ToList();
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var input = scenario.Steps[i].Input;
            if (runs.Select(r => Timeline.Outcome(r[i], input)).Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                return true;
            }
        }

        return false;
    }

    private static int GroupRank(string group)
    {
        for (var i = 0; i < GroupOrder.Count; i++)
        {
            if (string.Equals(GroupOrder[i], group, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return GroupOrder.Count;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
