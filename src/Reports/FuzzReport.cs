using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WinsockConformance.Generation;
using WinsockConformance.Stacks;

using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>
/// The fuzz run's reports: the same JSON and JUnit files as <c>run</c> (one result per generated
/// scenario, a disagreement carrying its shrunk counterexample's report), the JSON with a "fuzz" section
/// added (seed, rate, counterexamples, rule coverage), and the human summary.
/// </summary>
internal static class FuzzReport
{
    public static string Summary(FuzzSummary fuzz)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        var run = fuzz.Run;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"fuzz of {run.Stack} against profile {run.Profile}: seed {fuzz.Settings.Seed}, {run.Outcomes.Count} scenarios ({run.Steps} steps) in {run.DurationSeconds:F1} s: {fuzz.ScenariosPerSecond:F1} scenarios/s, {run.Steps / Math.Max(run.DurationSeconds, 1e-9):F0} steps/s, settling and shrinking included ({fuzz.StackRuns} stack runs)\n");
        text.Append(CultureInfo.InvariantCulture, $"  conforming {run.Conforming}, diverging {run.Diverging} ({run.UnexpectedDivergences} unexpected), inconclusive {run.Inconclusive}, flaky {run.Flaky}\n");
        foreach (var c in fuzz.Counterexamples)
        {
            var d = c.Result.Report.FirstDivergence!;
            text.Append(CultureInfo.InvariantCulture, $"  counterexample {c.ScenarioPath}: {c.Minimal.Count} steps, step {d.Step} ({DifferenceText.Call(d)}) [{string.Join(", ", d.Rules.Select(r => r.Id))}]\n");
        }

        foreach (var (id, hits) in fuzz.KnownHits.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  known finding {id} (reported, awaiting a profile switch) met in {hits} scenario{(hits == 1 ? string.Empty : "s")}\n");
        }

        foreach (var o in run.Outcomes.Where(o => o.Report.Verdict == Traces.Verdict.Inconclusive))
        {
            text.Append(CultureInfo.InvariantCulture, $"  inconclusive {o.Scenario}: {o.Report.InconclusiveReason}\n");
        }

        text.Append("  ").Append(fuzz.Coverage.Summary());
        text.Append(fuzz.Passed ? "result: PASS\n" : "result: FAIL (unresolved disagreements: resolve each, then pin it under scenarios/fuzz/)\n");
        return text.ToString();
    }

    public static void WriteJson(FuzzSummary fuzz, string path)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        RunReportWriter.WriteJson(fuzz.Run, path);
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var coverage = fuzz.Coverage;
        root["fuzz"] = new JsonObject
        {
            ["seed"] = fuzz.Settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["start"] = fuzz.Settings.Start,
            ["count"] = fuzz.Settings.Count,
            ["scenariosPerSecond"] = Math.Round(fuzz.ScenariosPerSecond, 2),
            ["stackRuns"] = fuzz.StackRuns,
            ["knownFindingsAvoided"] = new JsonArray([.. fuzz.Settings.KnownFindings.Select(f => (JsonNode)JsonValue.Create(f.Id))]),
            ["knownFindingsMet"] = new JsonObject([.. fuzz.KnownHits.Select(k => new KeyValuePair<string, JsonNode?>(k.Key, k.Value))]),
            ["counterexamples"] = new JsonArray([.. fuzz.Counterexamples.Select(c => (JsonNode)new JsonObject
            {
                ["index"] = c.Index,
                ["scenario"] = c.ScenarioPath.Replace('\\', '/'),
                ["trace"] = c.TracePath.Replace('\\', '/'),
                ["original"] = c.OriginalPath.Replace('\\', '/'),
                ["originalSteps"] = c.Original.Count,
                ["minimalSteps"] = c.Minimal.Count,
                ["shrinkRuns"] = c.ShrinkRuns,
                ["replay"] = c.Replay,
            })]),
            ["coverage"] = new JsonObject
            {
                ["exercised"] = new JsonObject([.. coverage.Exercised.Select(r => new KeyValuePair<string, JsonNode?>(r.Id, coverage.ScenariosExercising(r)))]),
                ["gaps"] = Ids(coverage.Gaps),
                ["otherProfiles"] = Ids(coverage.OtherProfiles),
                ["notLoopbackReachable"] = Ids(coverage.NotLoopbackReachable),
            },
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    public static void WriteJUnit(FuzzSummary fuzz, string path)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        RunReportWriter.WriteJUnit(fuzz.Run, path);
    }

    public static string ModelOnlySummary(ModelFuzzResult result, ulong seed, string profiles)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"model-only fuzz, seed {seed}, profile {profiles}: {result.Scenarios} scenarios ({result.Steps} steps) in {result.Seconds:F2} s: {result.ScenariosPerSecond:F0} scenarios/s, {result.Steps / Math.Max(result.Seconds, 1e-9):F0} steps/s, every step checked by the invariant monitor\n");
        foreach (var f in result.Failures)
        {
            text.Append(CultureInfo.InvariantCulture, $"\ninvariant violated in scenario #{f.Index} under {f.Profile.Name}, shrunk from {f.Original.Count} to {f.Shrunk.Count} steps: {f.Violation}\n");
            text.Append(f.Shrunk.ToScenarioFile(new Traces.TraceHeader
            {
                Kind = Traces.TraceFormat.ScenarioKind,
                Name = string.Create(CultureInfo.InvariantCulture, $"model-fuzz-{seed}-{f.Index}"),
                Description = f.Violation,
            }));
            text.Append(CultureInfo.InvariantCulture, $"replay: ./conformance fuzz --model-only --seed {seed} --start {f.Index} --count 1 --profile {f.Profile.Name}; FsCheck Rnd {FuzzSeed.ReplayTuple(seed, f.Index)}\n");
        }

        text.Append(result.Failures.Count == 0 ? "result: PASS\n" : $"result: FAIL ({result.Failures.Count} invariant violations)\n");
        return text.ToString();
    }

    private static JsonArray Ids(IEnumerable<Model.Rule> rules) => new([.. rules.Select(r => (JsonNode)JsonValue.Create(r.Id))]);
}
