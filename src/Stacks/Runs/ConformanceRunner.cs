using WinsockConformance.Model;
using WinsockConformance.Traces;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace WinsockConformance.Stacks;

/// <summary>One scenario of a corpus: its place in the whole corpus, its file, and where its trace goes.</summary>
/// <param name="Index">Its position in the whole corpus (the order every report keeps, whoever ran it).</param>
/// <param name="Path">The scenario file.</param>
/// <param name="TracePath">Where its trace is written: unique within the corpus (<see cref="ScenarioCorpus.TraceNames"/>).</param>
internal sealed record CorpusItem(long Index, string Path, string TracePath, Trace Scenario);

/// <summary>
/// Runs scenarios on a stack, writes each trace, checks it against the profile and classifies the result:
/// conforming, diverging (explained by a known difference, or by the stack's own profile when the run has no known
/// differences), fixed (a known difference that no longer happens), inconclusive, flaky across repeats.
/// Stops between steps once <paramref name="stop"/> is cancelled: the scenario running then ends interrupted.
/// </summary>
internal sealed class ConformanceRunner(IScenarioStack stack, Profile profile, CancellationToken stop)
{
    /// <summary>The known differences the run is judged with; null judges a divergence by the stack's own profile alone.</summary>
    public KnownJudgement? Known { get; init; }

    /// <summary>
    /// Runs <paramref name="items"/> in order, telling <paramref name="starting"/> as each starts and handing each outcome
    /// to <paramref name="finished"/> as it ends; returns how many ran.
    /// </summary>
    public int Run(IEnumerable<CorpusItem> items, int repeat, Action<CorpusItem, ScenarioOutcome> finished, Action<CorpusItem>? starting = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(finished);
        var ran = 0;
        foreach (var item in items)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            starting?.Invoke(item);
            finished(item, RunOne(item, repeat));
            ran++;
        }

        return ran;
    }

    /// <summary>The name a scenario is reported by: its header's, else its file's.</summary>
    public static string NameOf(CorpusItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Scenario.Header.Name ?? Path.GetFileNameWithoutExtension(item.Path);
    }

    private ScenarioOutcome RunOne(CorpusItem item, int repeat)
    {
        var name = NameOf(item);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(item.TracePath))!);
        var clock = Stopwatch.StartNew();

        var first = Capture(item.Scenario, item.TracePath);
        Flakiness? flaky = null;
        var repeatPath = item.TracePath + ".repeat";
        for (var i = 1; i < repeat && flaky is null && !stop.IsCancellationRequested; i++)
        {
            var again = Capture(item.Scenario, repeatPath);
            // A repeat cut short by the interruption is not a difference.
            flaky = !again.Complete && stop.IsCancellationRequested ? null : FirstDifference(first, again, i + 1);
        }

        File.Delete(repeatPath);
        var report = Checker.Check(first, profile);
        var known = Known?.Judge(name, first, report);
        var explained = known is null ? StackProfileExplanation.Explains(stack, profile, first, report) : known.Status == KnownStatus.Explained;
        return new ScenarioOutcome
        {
            Scenario = name,
            ScenarioPath = item.Path,
            TracePath = item.TracePath,
            Report = report,
            ExplainedByStackProfile = explained,
            Known = known,
            Flakiness = flaky,
            Seconds = clock.Elapsed.TotalSeconds,
            Interrupted = !first.Complete && stop.IsCancellationRequested,
        };
    }

    private Trace Capture(Trace scenario, string tracePath)
    {
        using (var writer = TraceWriter.Create(tracePath))
        {
            stack.Capture(scenario, writer, stop);
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
}
