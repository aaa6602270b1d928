using System.Globalization;
using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Reports;

using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>One scenario of the edge-case catalogue: its path relative to the repository (scenarios/group/name.jsonl) and its content.</summary>
public sealed record CatalogueEntry(string RelativePath, Trace Scenario)
{
    /// <summary>The folder under scenarios/ (message, event, close, ..., fuzz).</summary>
    public string Group => RelativePath.Split('/')[^2];

    public string Name => Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>"group-name": the snapshot discriminator and the document anchor.</summary>
    public string Key => $"{Group}-{Name}";

    /// <summary>The header's topic (the API behaviour); the catalogue's tests require one of <see cref="Topics.All"/>.</summary>
    public string Topic => Scenario.Header.Topic ?? throw new InvalidOperationException($"{RelativePath}: the header has no \"topic\"");

    /// <summary>A counterexample the differential fuzzer found against a Wine stack (scenarios/fuzz): documented on the Wine page.</summary>
    public bool IsFuzzPin => Group == "fuzz";

    /// <summary>The page of docs/ that shows the entry.</summary>
    public string Page => IsFuzzPin ? WinePage.FileName : EdgeCaseDocument.FileName;

    /// <summary>A Markdown link to the entry from a page in docs/.</summary>
    public string Link => $"[{Group}/{Name}]({Page}#{Key})";
}

/// <summary>
/// docs/edge-cases.md: every everyday scenario (all but the fuzz pins, which docs/wine.md shows) grouped by topic,
/// each with its claim, what to do about it, its rules, a sequence diagram of every profile and the text timeline.
/// The timelines are the same text the snapshot catalogue approves.
/// </summary>
public static class EdgeCaseDocument
{
    public const string FileName = "edge-cases.md";

    public static string Render(IReadOnlyList<CatalogueEntry> catalogue, IReadOnlyList<Profile> profiles)
    {
        var entries = catalogue.Where(e => !e.IsFuzzPin).ToList();
        var pins = catalogue.Count - entries.Count;
        var topics = ByTopic(entries);
        var differing = entries.Where(e => ProfilesDiffer(e.Scenario, profiles)).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        var text = new StringBuilder();
        text.Append("# Edge-case catalogue\n\n");
        text.Append("Generated from `scenarios/` by `tests/Snapshots/Documents/EdgeCaseDocument.cs`; do not edit by hand.\n");
        text.Append("Regenerate with `UPDATE_DOCS=1 dotnet test tests/Snapshots --filter FullyQualifiedName~DocsTests` (the docs test fails while this file is stale).\n\n");
        text.Append("Looking for a symptom (\"FD_CLOSE came before my data\", \"FD_WRITE never comes\")? Start from [the questions](README.md).\n\n");
        text.Append(Invariant($"{entries.Count} edge cases in {topics.Count} topics, grouped by the API behaviour they show; the profiles ({string.Join(", ", profiles.Select(p => p.Name))}) differ in {differing.Count} of them. "));
        text.Append(Invariant($"The {pins} counterexamples the differential fuzzer pinned against Wine (`scenarios/fuzz/`) are on [the Wine page](wine.md#quirks-found-by-fuzzing).\n\n"));
        AppendHowToRead(text);

        text.Append("## Contents\n\n");
        foreach (var (topic, members) in topics)
        {
            text.Append(Invariant($"- [{topic.Title}](#topic-{topic.Slug}) ({members.Count})\n"));
            foreach (var e in members)
            {
                text.Append("  - [").Append(e.Group).Append('/').Append(e.Name).Append("](#").Append(e.Key).Append(')');
                text.Append(differing.Contains(e.Key) ? " (profiles differ)\n" : "\n");
            }
        }

        foreach (var (topic, members) in topics)
        {
            text.Append("\n<a id=\"topic-").Append(topic.Slug).Append("\"></a>\n\n## ").Append(topic.Title).Append("\n\n").Append(topic.About).Append('\n');
            foreach (var e in members)
            {
                AppendEntry(text, e, profiles, "###");
            }
        }

        return text.ToString();
    }

    /// <summary>The reading guide shared by the catalogue and the Wine page.</summary>
    public static void AppendHowToRead(StringBuilder text)
    {
        text.Append("How to read an entry:\n\n");
        text.Append("- The first paragraph is the claim the scenario demonstrates; **What to do** says what an application or a wrapper library should do about it. ");
        text.Append("The rule IDs link to [rules.md](rules.md), where each rule cites its sources ([sources.md](sources.md)); the file is the scenario, which `./conformance explain FILE --all-profiles` replays.\n");
        text.Append("- The diagram shows the application's calls to Winsock, the peer's actions (and the network's, as notes), and Winsock's answers: ");
        text.Append("return values (plain successes of setup calls are left out), messages queued for the window (`queued a FD_READ`: socket, event, error word), ");
        text.Append("what `getMessages` retrieved (`got ...`), and event objects signaled or reset. Where the profiles answer differently, an `alt` block has one branch per group of profiles that agree. ");
        text.Append("Each call is numbered with its step.\n");
        text.Append("- The timeline (under the diagram) is the same run as text: per step, `all:` when every profile agrees, otherwise one line per group of profiles. ");
        text.Append("`ret` is the return value, followed by the WSA error when it fails; `posted` lists the messages the step posted (window `w`, WM_USER+1 unless shown as `w/2`); ");
        text.Append("`delivered` what `getMessages` retrieved; a message for a closed socket whose name was reused shows as `a#1`; `signaled ev` says the event object `ev` is signaled after the step, ");
        text.Append("`enumerated` is what WSAEnumNetworkEvents returned (with iErrorCode entries).\n\n");
    }

    /// <summary>One entry: anchor, heading, claim, what to do, rules and file, the diagram, the timeline.</summary>
    public static void AppendEntry(StringBuilder text, CatalogueEntry e, IReadOnlyList<Profile> profiles, string heading)
    {
        var header = e.Scenario.Header;
        text.Append("\n<a id=\"").Append(e.Key).Append("\"></a>\n\n");
        text.Append(heading).Append(' ').Append(e.Group).Append('/').Append(e.Name).Append("\n\n");
        if (header.Description is { } claim)
        {
            text.Append(claim).Append("\n\n");
        }

        if (header.Advice is { } advice)
        {
            text.Append("**What to do:** ").Append(advice).Append("\n\n");
        }

        text.Append("Rules: ").Append(RuleLinks(header.Rules)).Append(" · File: [").Append(e.RelativePath).Append("](../").Append(e.RelativePath).Append(")\n\n");
        text.Append("```mermaid\n").Append(SequenceDiagram.Render(e.Scenario, profiles)).Append("```\n\n");
        text.Append("<details><summary>Timeline (text)</summary>\n\n");
        text.Append("```text\n").Append(Timeline.SideBySide(e.Scenario, profiles)).Append("```\n\n");
        text.Append("</details>\n");
    }

    /// <summary>Rule IDs as links to their rows in docs/rules.md.</summary>
    public static string RuleLinks(IEnumerable<string> ids) =>
        string.Join(", ", ids.Select(id => RuleCatalog.Find(id) ?? throw new InvalidOperationException($"unknown rule {id}"))
            .Select(rule => $"[{rule.Id}](rules.md#{RuleTables.RuleAnchor(rule)})"));

    /// <summary>Entries grouped by topic in the topics' order, each group sorted by name.</summary>
    public static List<(Topic Topic, List<CatalogueEntry> Entries)> ByTopic(IEnumerable<CatalogueEntry> entries) =>
        [.. entries
            .GroupBy(e => e.Topic, StringComparer.Ordinal)
            .OrderBy(g => Topics.Rank(g.Key))
            .Select(g => (Topics.Get(g.Key), g.OrderBy(e => e.Group, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList()))];

    /// <summary>Whether any step's outcome differs between the profiles.</summary>
    public static bool ProfilesDiffer(Trace scenario, IReadOnlyList<Profile> profiles) =>
        OutcomeGroups(scenario, profiles).Count > 1;

    /// <summary>The profiles grouped by their outcomes over the whole scenario: profiles in one group agree at every step.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> OutcomeGroups(Trace scenario, IReadOnlyList<Profile> profiles)
    {
        var runs = profiles.Select(p => ModelStep.Run(scenario, p)).ToList();
        return [.. profiles
            .Select((p, k) => (p.Name, Outcomes: string.Join('\n', scenario.Steps.Select((s, i) => Timeline.Outcome(runs[k][i], s.Input)))))
            .GroupBy(x => x.Outcomes, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)[.. g.Select(x => x.Name)])];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
