using System.Globalization;
using System.Text;
using WinsockConformance.Generation;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Generation;

/// <summary>A shrunk disagreement, saved so it can be replayed, explained and pinned in the corpus.</summary>
/// <param name="ScenarioPath">The minimal scenario file.</param>
/// <param name="TracePath">The stack's trace of the minimal scenario.</param>
/// <param name="OriginalPath">The scenario as generated, before shrinking.</param>
internal sealed record Counterexample(
    long Index,
    Scenario Original,
    Scenario Minimal,
    DifferentialResult Result,
    int ShrinkRuns,
    bool ShrinkBudgetExhausted,
    string ScenarioPath,
    string TracePath,
    string OriginalPath,
    string Replay)
{
    /// <summary>
    /// Writes the three files under <paramref name="directory"/> as fuzz-SEED-INDEX*.jsonl. The scenario's
    /// header names the run, the replay command and the rules at the divergence, ready to be moved into
    /// scenarios/fuzz/ once the disagreement is resolved.
    /// </summary>
    public static Counterexample Save(
        string directory, ulong seed, long index, Scenario original, ShrinkResult<DifferentialResult> shrink, string stackName, string replay, string contradiction)
    {
        ArgumentNullException.ThrowIfNull(shrink);
        Directory.CreateDirectory(directory);
        // '/' on every OS (Windows accepts it), so the paths printed under Wine read like the ones given.
        var stem = directory.TrimEnd('/', '\\') + "/" + string.Create(CultureInfo.InvariantCulture, $"fuzz-{seed}-{index}");
        var result = shrink.Disagreement;
        var divergence = result.Report.FirstDivergence!;
        var header = new TraceHeader
        {
            Kind = TraceFormat.ScenarioKind,
            Name = Path.GetFileName(stem),
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"Found by the differential fuzzer ({replay}); shrunk on {stackName} from {original.Count} to {shrink.Scenario.Count} steps. "
                + $"Judged against {result.Report.Profile}, step {divergence.Step} ({Operations.Describe(divergence.Input)}) diverges: {contradiction}"),
            Rules = [.. divergence.Rules.Select(r => r.Id)],
        };
        var scenarioPath = stem + ".jsonl";
        var tracePath = stem + ".trace.jsonl";
        var originalPath = stem + ".original.jsonl";
        File.WriteAllText(scenarioPath, shrink.Scenario.ToScenarioFile(header), new UTF8Encoding(false));
        File.WriteAllText(tracePath, result.TraceText, new UTF8Encoding(false));
        File.WriteAllText(originalPath, original.ToScenarioFile(header with
        {
            Name = header.Name + "-original",
            Description = string.Create(CultureInfo.InvariantCulture, $"The scenario as generated ({replay}), before shrinking."),
        }), new UTF8Encoding(false));
        return new Counterexample(index, original, shrink.Scenario, result, shrink.Runs, shrink.BudgetExhausted, scenarioPath, tracePath, originalPath, replay);
    }
}
