using WinsockConformance.Model;
using WinsockConformance.Traces;
using Stopwatch = System.Diagnostics.Stopwatch;
using UnreachableException = System.Diagnostics.UnreachableException;

namespace WinsockConformance.Stacks;

/// <summary>
/// Runs a corpus of scenarios on a stack, writes each trace, checks it against the profile and
/// classifies the result: conforming, diverging (and whether the stack's own profile explains it),
/// inconclusive, flaky across repeats.
/// </summary>
internal sealed class ConformanceRunner(IScenarioStack stack, Profile profile, string tracesDirectory, TextWriter progress)
{
    public RunSummary Run(IReadOnlyList<(string Path, Trace Scenario)> corpus, int repeat)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = new List<ScenarioOutcome>();
        foreach (var (path, scenario) in corpus)
        {
            outcomes.Add(RunOne(path, scenario, repeat));
        }

        return new RunSummary(stack.Name, profile.Name, outcomes, clock.Elapsed.TotalSeconds, repeat);
    }

    private ScenarioOutcome RunOne(string path, Trace scenario, int repeat)
    {
        var name = scenario.Header.Name ?? Path.GetFileNameWithoutExtension(path);
        var tracePath = Path.Combine(tracesDirectory, Path.ChangeExtension(RelativeName(path), ".jsonl"));
        Directory.CreateDirectory(Path.GetDirectoryName(tracePath)!);
        var clock = Stopwatch.StartNew();

        Trace first = Capture(scenario, tracePath);
        Flakiness? flaky = null;
        for (var i = 1; i < repeat && flaky is null; i++)
        {
            var again = Capture(scenario, tracePath + ".repeat");
            flaky = FirstDifference(first, again, i + 1);
        }

        File.Delete(tracePath + ".repeat");
        var report = Checker.Check(first, profile);
        var explained = StackProfileExplanation.Explains(stack, profile, first, report);
        var outcome = new ScenarioOutcome
        {
            Scenario = name,
            ScenarioPath = path,
            TracePath = tracePath,
            Report = report,
            ExplainedByStackProfile = explained,
            Flakiness = flaky,
            Seconds = clock.Elapsed.TotalSeconds,
        };
        progress.WriteLine(ProgressLine(outcome));
        return outcome;
    }

    private Trace Capture(Trace scenario, string tracePath)
    {
        using (var writer = TraceWriter.Create(tracePath))
        {
            stack.Capture(scenario, writer);
        }

        return TraceReader.ReadFile(tracePath);
    }

    /// <summary>Null when two captures observed the same outputs at every step (ObservedStep's value equality).</summary>
    private static Flakiness? FirstDifference(Trace a, Trace b, int run)
    {
        for (var i = 0; i < Math.Max(a.Steps.Count, b.Steps.Count); i++)
        {
            if (i >= a.Steps.Count || i >= b.Steps.Count)
            {
                return new StepCountsDiffer(run, a.Steps.Count, b.Steps.Count);
            }

            if (!Equals(a.Steps[i].Observed, b.Steps[i].Observed))
            {
                return new ObservationsDiffer(i + 1, run, a.Steps[i].Observed, b.Steps[i].Observed);
            }
        }

        return null;
    }

    private static string RelativeName(string path)
    {
        var full = Path.GetFullPath(path);
        var marker = Path.DirectorySeparatorChar + "scenarios" + Path.DirectorySeparatorChar;
        var index = full.LastIndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? Path.GetFileName(full) : full[(index + marker.Length)..];
    }

    private static string ProgressLine(ScenarioOutcome o)
    {
        var verdict = o.Report.Verdict switch
        {
            Verdict.Conforms => "conforms",
            Verdict.Diverges when o.ExplainedByStackProfile => "differs (explained by the stack's profile)",
            Verdict.Diverges => $"DIVERGES at step {o.Report.FirstDivergence!.Step}",
            Verdict.Inconclusive => "inconclusive",
            _ => throw new UnreachableException(o.Report.Verdict.ToString()),
        };
        return $"  {o.Scenario,-58} {verdict}{(o.Flaky ? "  FLAKY" : string.Empty)}  ({o.Report.Steps} steps, {o.Seconds * 1000:F0} ms)";
    }
}
