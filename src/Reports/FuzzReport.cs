using System.Globalization;
using System.Text;
using WinsockConformance.Generation;

namespace WinsockConformance.Reports;

/// <summary>
/// The fuzz run's reports: the same JSON and JUnit files as <c>run</c> (one result per generated
/// scenario, a disagreement carrying its shrunk counterexample's report), the JSON with a "fuzz" section
/// added (seed, rate, counterexamples, rule coverage), and the human summary.
/// </summary>
internal static class FuzzReport
{
    public static string Summary(RunReport run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var fuzz = run.Fuzz ?? throw new ArgumentException("not a fuzz report", nameof(run));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"fuzz of {run.Stack} against profile {run.Profile}: seed {fuzz.Seed}, {run.Results.Count} scenarios ({run.Steps} steps) in {run.DurationSeconds:F1} s: {run.ScenariosPerSecond:F1} scenarios/s, {run.Steps / Math.Max(run.DurationSeconds, 1e-9):F0} steps/s, settling and shrinking included ({run.StackRuns} stack runs)\n");
        text.Append(CultureInfo.InvariantCulture, $"  conforming {run.Conforming}, diverging {run.Diverging} ({run.UnexpectedDivergences} unexpected), inconclusive {run.Inconclusive}, flaky {run.Flaky}\n");
        foreach (var e in run.Results.Where(e => e.Counterexample is not null))
        {
            var d = e.FirstDivergence!;
            text.Append(CultureInfo.InvariantCulture, $"  counterexample {e.Counterexample!.Scenario}: {e.Counterexample.MinimalSteps} steps, step {d.Step} ({d.Call}) [{string.Join(", ", d.Rules)}]\n");
        }

        foreach (var (id, hits) in RunReportJson.KnownHits(run))
        {
            text.Append(CultureInfo.InvariantCulture, $"  known finding {id} (reported, awaiting a profile switch) met in {hits} scenario{(hits == 1 ? string.Empty : "s")}\n");
        }

        foreach (var e in run.Results.Where(e => e.Verdict == Verdicts.Inconclusive))
        {
            text.Append(CultureInfo.InvariantCulture, $"  inconclusive {e.Scenario}: {e.InconclusiveReason}\n");
        }

        text.Append("  ").Append(RunReportJson.Coverage(run).Summary());
        text.Append(RunReportWriter.ResultLine(run, "result: FAIL (unresolved disagreements: resolve each, then pin it under scenarios/fuzz/)\n"));
        return text.ToString();
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

        if (result.Interrupted)
        {
            text.Append(CultureInfo.InvariantCulture, $"INTERRUPTED: {result.Scenarios} of the scenarios ran\nresult: INTERRUPTED\n");
            return text.ToString();
        }

        text.Append(result.Failures.Count == 0 ? "result: PASS\n" : $"result: FAIL ({result.Failures.Count} invariant violations)\n");
        return text.ToString();
    }
}
