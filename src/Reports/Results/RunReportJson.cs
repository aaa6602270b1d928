using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WinsockConformance.Generation;
using WinsockConformance.Model;

namespace WinsockConformance.Reports;

/// <summary>
/// The JSON report, both ways: <see cref="Write(RunReport, string)"/> writes what <see cref="Read(string)"/> reads back
/// into the same <see cref="RunReport"/> (timings included), so <c>merge</c>, <c>--jobs</c> and a report finished by
/// the script render exactly as the run that made them. The same entry objects are the lines of a run's journal.
/// </summary>
internal static class RunReportJson
{
    /// <summary>What the report's "format" says it is; "version" is <see cref="Version"/> (docs/report-format.md).</summary>
    public const string Format = "wsaasyncselect-report";

    public const int Version = 1;

    public static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions LineOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the report to a file beside <paramref name="path"/> and moves it into place: a reader never sees half a report.</summary>
    public static void Write(RunReport report, string path) => ReportFiles.WriteAtomically(path, stream =>
    {
        using var w = new Utf8JsonWriter(stream, Options);
        WriteReport(w, report, withResults: true);
    });

    public static void WriteReport(Utf8JsonWriter w, RunReport run, bool withResults)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(run);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("stack", run.Stack);
        w.WriteString("profile", run.Profile);
        w.WriteNumber("scenarios", run.Results.Count);
        w.WriteNumber("steps", run.Steps);
        w.WriteNumber("conforming", run.Conforming);
        w.WriteNumber("diverging", run.Diverging);
        w.WriteNumber("unexpectedDivergences", run.UnexpectedDivergences);
        w.WriteNumber("inconclusive", run.Inconclusive);
        w.WriteNumber("flaky", run.Flaky);
        if (run.Provenance is { } provenance)
        {
            w.WriteStartObject("provenance");
            w.WriteString("stack", provenance.Stack);
            WriteIfPresent(w, "wine", provenance.Wine);
            WriteIfPresent(w, "os", provenance.Os);
            w.WriteString("probe", provenance.Probe);
            w.WriteString("date", provenance.Date);
            w.WriteEndObject();
        }

        w.WriteNumber("fixed", run.Fixed);
        w.WriteBoolean("allowFixed", run.AllowFixed);
        WriteIfPresent(w, "knownDifferences", run.KnownDifferences);
        WriteIfPresent(w, "stackNote", run.StackNote);
        w.WriteNumber("repeat", run.Repeat);
        w.WriteNumber("stepsPerSecond", Math.Round(run.StepsDriven / Math.Max(run.DurationSeconds, 0.001), 1));
        w.WriteNumber("durationSeconds", Math.Round(run.DurationSeconds, 3));
        w.WriteString("command", run.Command);
        w.WriteNumber("planned", run.Planned);
        w.WriteBoolean("interrupted", run.Interrupted);
        WriteIfPresent(w, "interruption", run.Interruption);
        WriteIfPresent(w, "shard", run.Shard);
        if (withResults)
        {
            w.WriteStartArray("results");
            foreach (var e in run.Results)
            {
                WriteEntry(w, e);
            }

            w.WriteEndArray();
        }

        if (run.Fuzz is { } fuzz)
        {
            WriteFuzz(w, run, fuzz);
        }

        w.WriteEndObject();
    }

    public static void WriteEntry(Utf8JsonWriter w, ResultEntry e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("scenario", e.Scenario);
        w.WriteString("file", e.File);
        w.WriteString("trace", e.Trace);
        w.WriteString("verdict", e.Verdict);
        w.WriteBoolean("expected", e.Expected);
        if (e.KnownDifferences.Count > 0)
        {
            w.WriteStartArray("knownDifferences");
            foreach (var k in e.KnownDifferences)
            {
                w.WriteStartObject();
                w.WriteString("rule", k.Rule);
                w.WriteString("stack", k.Stack);
                WriteIfPresent(w, "wine", k.Wine);
                w.WriteBoolean("ofJudged", k.OfJudged);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (e.Fixed)
        {
            w.WriteBoolean("fixed", true);
        }

        WriteIfPresent(w, "knownNote", e.KnownNote);
        w.WriteNumber("steps", e.Steps);
        w.WriteBoolean("flaky", e.Flaky);
        WriteIfPresent(w, "flakyDetail", e.FlakyDetail);
        WriteIfPresent(w, "inconclusiveReason", e.InconclusiveReason);
        if (e.FirstDivergence is { } d)
        {
            w.WriteStartObject("firstDivergence");
            w.WriteNumber("step", d.Step);
            w.WriteNumber("line", d.Line);
            w.WriteString("call", d.Call);
            w.WriteStartArray("differences");
            foreach (var diff in d.Differences)
            {
                w.WriteStartObject();
                w.WriteString("aspect", diff.Aspect);
                w.WriteString("expected", diff.Expected);
                w.WriteString("observed", diff.Observed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Strings(w, "rules", d.Rules);
            w.WriteString("contradiction", d.Contradiction);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("firstDivergence");
        }

        w.WriteNumber("index", e.Index);
        w.WriteNumber("seconds", Math.Round(e.Seconds, 3));
        if (e.Interrupted)
        {
            w.WriteBoolean("interrupted", true);
        }

        WriteIfPresent(w, "report", e.Report);
        if (e.RulesConfirmed is { } rules)
        {
            Strings(w, "rulesConfirmed", rules);
        }

        WriteIfPresent(w, "known", e.Known);
        if (e.StackRuns != 0)
        {
            w.WriteNumber("stackRuns", e.StackRuns);
        }

        if (e.Counterexample is { } c)
        {
            w.WriteStartObject("counterexample");
            w.WriteString("scenario", c.Scenario);
            w.WriteString("trace", c.Trace);
            w.WriteString("original", c.Original);
            w.WriteNumber("originalSteps", c.OriginalSteps);
            w.WriteNumber("minimalSteps", c.MinimalSteps);
            w.WriteNumber("shrinkRuns", c.ShrinkRuns);
            w.WriteString("replay", c.Replay);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteFuzz(Utf8JsonWriter w, RunReport run, FuzzSection fuzz)
    {
        var coverage = Coverage(run);
        w.WriteStartObject("fuzz");
        w.WriteString("seed", fuzz.Seed.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("start", fuzz.Start);
        w.WriteNumber("count", fuzz.Count);
        w.WriteNumber("scenariosPerSecond", Math.Round(run.ScenariosPerSecond, 2));
        w.WriteNumber("stackRuns", run.StackRuns);
        Strings(w, "knownFindingsAvoided", fuzz.KnownFindingsAvoided);
        WriteIfPresent(w, "stackDescription", fuzz.StackDescription);
        w.WriteStartObject("knownFindingsMet");
        foreach (var (id, hits) in KnownHits(run))
        {
            w.WriteNumber(id, hits);
        }

        w.WriteEndObject();
        w.WriteStartArray("counterexamples");
        foreach (var e in run.Results.Where(r => r.Counterexample is not null))
        {
            var c = e.Counterexample!;
            w.WriteStartObject();
            w.WriteNumber("index", e.Index);
            w.WriteString("scenario", c.Scenario);
            w.WriteString("trace", c.Trace);
            w.WriteString("original", c.Original);
            w.WriteNumber("originalSteps", c.OriginalSteps);
            w.WriteNumber("minimalSteps", c.MinimalSteps);
            w.WriteNumber("shrinkRuns", c.ShrinkRuns);
            w.WriteString("replay", c.Replay);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("coverage");
        w.WriteStartObject("exercised");
        foreach (var r in coverage.Exercised)
        {
            w.WriteNumber(r.Id, coverage.ScenariosExercising(r));
        }

        w.WriteEndObject();
        Strings(w, "gaps", [.. coverage.Gaps.Select(r => r.Id)]);
        Strings(w, "otherProfiles", [.. coverage.OtherProfiles.Select(r => r.Id)]);
        Strings(w, "notLoopbackReachable", [.. coverage.NotLoopbackReachable.Select(r => r.Id)]);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The rule coverage of a fuzz run, from the rules each scenario's confirmed steps exercised.</summary>
    public static RuleCoverage Coverage(RunReport run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var profile = Profiles.Find(run.Profile) ?? throw new ReportReadException($"unknown profile '{run.Profile}'");
        var coverage = new RuleCoverage(profile);
        foreach (var e in run.Results)
        {
            coverage.Add(e.RulesConfirmed ?? []);
        }

        return coverage;
    }

    /// <summary>How many scenarios met each known finding, by ID.</summary>
    public static IReadOnlyList<(string Id, int Hits)> KnownHits(RunReport run) =>
        [.. run.Results.Where(r => r.Known is not null).GroupBy(r => r.Known!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))];

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Reads a JSON report this tool wrote; anything else is a <see cref="ReportReadException"/>.</summary>
    public static RunReport Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportReadException($"{path}: cannot be read: {e.Message}");
        }

        try
        {
            using var json = JsonDocument.Parse(bytes);
            if (json.RootElement.TryGetProperty("format", out var format) && (format.GetString() != Format || json.RootElement.GetProperty("version").GetInt32() > Version))
            {
                throw new ReportReadException($"{path}: a report of format {format.GetString()} version {json.RootElement.GetProperty("version")}; this tool reads {Format} up to version {Version}");
            }

            return ReadReport(json.RootElement, ReadEntries(json.RootElement));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ReportReadException($"{path}: not a report of this tool ({e.Message})");
        }
    }

    /// <summary>The report's fields but its results (those come from <paramref name="results"/>).</summary>
    public static RunReport ReadReport(JsonElement root, IReadOnlyList<ResultEntry> results)
    {
        FuzzSection? fuzz = null;
        if (root.TryGetProperty("fuzz", out var f))
        {
            fuzz = new FuzzSection(
                ulong.Parse(f.GetProperty("seed").GetString()!, NumberStyles.None, CultureInfo.InvariantCulture),
                f.GetProperty("start").GetInt64(),
                f.GetProperty("count").GetInt64(),
                [.. f.GetProperty("knownFindingsAvoided").EnumerateArray().Select(x => x.GetString()!)],
                f.TryGetProperty("stackDescription", out var description) ? description.GetString() : null);
        }

        return new RunReport
        {
            Command = root.TryGetProperty("command", out var c) ? c.GetString()! : fuzz is null ? "run" : "fuzz",
            Stack = root.GetProperty("stack").GetString()!,
            Profile = root.GetProperty("profile").GetString()!,
            Repeat = root.GetProperty("repeat").GetInt32(),
            DurationSeconds = root.GetProperty("durationSeconds").GetDouble(),
            Planned = root.TryGetProperty("planned", out var p) ? p.GetInt64() : results.Count,
            Interruption = root.TryGetProperty("interruption", out var i) ? i.GetString() : null,
            Shard = root.TryGetProperty("shard", out var s) ? s.GetString() : null,
            KnownDifferences = root.TryGetProperty("knownDifferences", out var k) ? k.GetString() : null,
            StackNote = root.TryGetProperty("stackNote", out var n) ? n.GetString() : null,
            AllowFixed = root.TryGetProperty("allowFixed", out var a) && a.GetBoolean(),
            Provenance = root.TryGetProperty("provenance", out var pv)
                ? new ReportProvenance(
                    pv.GetProperty("stack").GetString()!,
                    pv.TryGetProperty("wine", out var wine) ? wine.GetString() : null,
                    pv.TryGetProperty("os", out var os) ? os.GetString() : null,
                    pv.GetProperty("probe").GetString()!,
                    pv.GetProperty("date").GetString()!)
                : null,
            Fuzz = fuzz,
            Results = results,
        };
    }

    private static List<ResultEntry> ReadEntries(JsonElement root) =>
        [.. root.GetProperty("results").EnumerateArray().Select((e, i) => ReadEntry(e, i))];

    public static ResultEntry ReadEntry(JsonElement e, long position)
    {
        DivergenceEntry? divergence = null;
        if (e.GetProperty("firstDivergence") is { ValueKind: JsonValueKind.Object } d)
        {
            divergence = new DivergenceEntry(
                d.GetProperty("step").GetInt32(),
                d.GetProperty("line").GetInt32(),
                d.GetProperty("call").GetString()!,
                [.. d.GetProperty("differences").EnumerateArray().Select(x => new DifferenceEntry(x.GetProperty("aspect").GetString()!, x.GetProperty("expected").GetString()!, x.GetProperty("observed").GetString()!))],
                [.. d.GetProperty("rules").EnumerateArray().Select(x => x.GetString()!)],
                d.GetProperty("contradiction").GetString()!);
        }

        CounterexampleEntry? counterexample = null;
        if (e.TryGetProperty("counterexample", out var c))
        {
            counterexample = new CounterexampleEntry(
                c.GetProperty("scenario").GetString()!,
                c.GetProperty("trace").GetString()!,
                c.GetProperty("original").GetString()!,
                c.GetProperty("originalSteps").GetInt32(),
                c.GetProperty("minimalSteps").GetInt32(),
                c.GetProperty("shrinkRuns").GetInt32(),
                c.GetProperty("replay").GetString()!);
        }

        return new ResultEntry
        {
            Index = e.TryGetProperty("index", out var index) ? index.GetInt64() : position,
            Scenario = e.GetProperty("scenario").GetString()!,
            File = e.GetProperty("file").GetString()!,
            Trace = e.GetProperty("trace").GetString()!,
            Verdict = e.GetProperty("verdict").GetString() is { } v && v is Verdicts.Conforms or Verdicts.Diverges or Verdicts.Inconclusive
                ? v
                : throw new FormatException($"result {position}: unknown verdict"),
            Expected = e.GetProperty("expected").GetBoolean(),
            KnownDifferences = e.TryGetProperty("knownDifferences", out var kd)
                ? [.. kd.EnumerateArray().Select(x => new KnownRuleEntry(x.GetProperty("rule").GetString()!, x.GetProperty("stack").GetString()!, x.TryGetProperty("wine", out var wine) ? wine.GetString() : null, x.GetProperty("ofJudged").GetBoolean()))]
                : [],
            Fixed = e.TryGetProperty("fixed", out var isFixed) && isFixed.GetBoolean(),
            KnownNote = e.TryGetProperty("knownNote", out var knownNote) ? knownNote.GetString() : null,
            Steps = e.GetProperty("steps").GetInt32(),
            FlakyDetail = e.TryGetProperty("flakyDetail", out var flaky) ? flaky.GetString() : null,
            InconclusiveReason = e.TryGetProperty("inconclusiveReason", out var reason) ? reason.GetString() : null,
            FirstDivergence = divergence,
            Report = e.TryGetProperty("report", out var report) ? report.GetString() : null,
            Seconds = e.TryGetProperty("seconds", out var seconds) ? seconds.GetDouble() : 0,
            Interrupted = e.TryGetProperty("interrupted", out var interrupted) && interrupted.GetBoolean(),
            RulesConfirmed = e.TryGetProperty("rulesConfirmed", out var rules) ? [.. rules.EnumerateArray().Select(x => x.GetString()!)] : null,
            Known = e.TryGetProperty("known", out var known) ? known.GetString() : null,
            StackRuns = e.TryGetProperty("stackRuns", out var runs) ? runs.GetInt64() : 0,
            Counterexample = counterexample,
        };
    }

    /// <summary>Writes an optional string field only when it has a value: absent, not null, is how the format says "none".</summary>
    private static void WriteIfPresent(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}

/// <summary>A file given as a report of this tool is not one: exit 2.</summary>
internal sealed class ReportReadException(string message) : Exception(message);
