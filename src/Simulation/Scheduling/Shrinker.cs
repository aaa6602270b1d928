using WinsockConformance.Simulation.Running;

namespace WinsockConformance.Simulation.Scheduling;

/// <summary>
/// Shrinks a failing schedule to the smallest that still fails with the same oracle (Hypothesis' choice-sequence
/// shrinking): fewer non-zero choices first (fewer early deliveries, fewer cuts, the default buffer), then smaller
/// values, then a shorter list. Each candidate is a full run; the same choices always give the same run.
/// </summary>
internal static class Shrinker
{
    public const int DefaultMaxRuns = 400;

    /// <returns>The smallest failing run found, and how many candidate runs it took.</returns>
    /// <param name="failing">The failing run to shrink (its choices are the starting point).</param>
    /// <param name="run">Runs a candidate list of choices.</param>
    /// <param name="maxRuns">The most candidate runs to spend.</param>
    /// <param name="jobs">
    /// Candidates run at once (a batch of the next ones in order; the first of the batch that improves is taken, as one
    /// at a time would take it, and the runs it took are counted as one at a time would count them).
    /// </param>
    public static (RunOutcome Smallest, int Runs) Shrink(RunOutcome failing, Func<IReadOnlyList<int>, RunOutcome> run, int maxRuns = DefaultMaxRuns, int jobs = 1)
    {
        ArgumentNullException.ThrowIfNull(failing);
        ArgumentNullException.ThrowIfNull(run);
        var oracle = failing.Failure?.Oracle.Id ?? throw new ArgumentException("the run did not fail", nameof(failing));
        var best = failing;
        var runs = 0;
        var improved = true;
        bool Improves(RunOutcome outcome) =>
            outcome.Verdict == RunVerdict.Failed && outcome.Failure!.Oracle.Id == oracle && Size(outcome.Choices).CompareTo(Size(best.Choices)) < 0;
        while (improved && runs < maxRuns)
        {
            improved = false;
            using var candidates = Candidates(best.Choices).GetEnumerator();
            while (!improved && runs < maxRuns)
            {
                var batch = new List<int[]>();
                while (batch.Count < Math.Max(1, jobs) && runs + batch.Count < maxRuns && candidates.MoveNext())
                {
                    batch.Add(candidates.Current);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                var outcomes = new RunOutcome[batch.Count];
                if (batch.Count == 1)
                {
                    outcomes[0] = run(batch[0]);
                }
                else
                {
                    var next = -1;
                    Running.Workers.Run(batch.Count, () =>
                    {
                        for (var k = Interlocked.Increment(ref next); k < batch.Count; k = Interlocked.Increment(ref next))
                        {
                            outcomes[k] = run(batch[k]);
                        }
                    });
                }

                foreach (var outcome in outcomes)
                {
                    runs++;
                    if (Improves(outcome))
                    {
                        best = outcome;
                        improved = true;
                        break;
                    }
                }
            }
        }

        return (best, runs);
    }

    /// <summary>How big a choice list is: non-zero choices, then their sum, then its length without trailing zeros.</summary>
    public static (int NonZero, long Sum, int Length) Size(IReadOnlyList<int> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var length = choices.Count;
        while (length > 0 && choices[length - 1] == 0)
        {
            length--;
        }

        var nonZero = 0;
        long sum = 0;
        for (var i = 0; i < length; i++)
        {
            nonZero += choices[i] != 0 ? 1 : 0;
            sum += choices[i];
        }

        return (nonZero, sum, length);
    }

    private static IEnumerable<int[]> Candidates(IReadOnlyList<int> choices)
    {
        var values = choices.ToArray();
        var nonZero = Enumerable.Range(0, values.Length).Where(i => values[i] != 0).ToArray();

        // Drop the later half, then quarter, … of the non-zero choices at once.
        for (var keep = nonZero.Length / 2; keep < nonZero.Length; keep = (keep + nonZero.Length + 1) / 2)
        {
            var cut = (int[])values.Clone();
            foreach (var i in nonZero[keep..])
            {
                cut[i] = 0;
            }

            yield return cut;
            if (keep == nonZero.Length - 1)
            {
                break;
            }
        }

        // Zero one choice (the latest first: early choices shape the whole run).
        foreach (var i in nonZero.Reverse())
        {
            var zeroed = (int[])values.Clone();
            zeroed[i] = 0;
            yield return zeroed;
        }

        // Delete a choice, or a short block from it or before it: everything after moves earlier. A cut of a send is
        // two or three choices (how many pieces, where), so removing one takes a block.
        foreach (var i in nonZero.Reverse())
        {
            for (var k = 1; k <= 3 && i + k <= values.Length; k++)
            {
                yield return [.. values[..i], .. values[(i + k)..]];
            }

            for (var k = 1; k <= 3 && i - k >= 0; k++)
            {
                yield return [.. values[..(i - k)], .. values[i..]];
            }
        }

        // Zero one choice and move a later one a few decisions later or earlier: with the first gone, the program
        // reaches the second's moment at another decision.
        foreach (var i in nonZero)
        {
            foreach (var j in nonZero.Where(j => j > i))
            {
                for (var k = -3; k <= 4; k++)
                {
                    if (k == 0 || j + k <= i || j + k >= values.Length + 4)
                    {
                        continue;
                    }

                    var moved = new List<int>(values) { [i] = 0 };
                    moved.RemoveAt(j);
                    while (moved.Count < j + k)
                    {
                        moved.Add(0);
                    }

                    moved.Insert(j + k, values[j]);
                    yield return [.. moved];
                }
            }
        }

        // Smaller values.
        foreach (var i in nonZero.Where(i => values[i] > 1))
        {
            var halved = (int[])values.Clone();
            halved[i] /= 2;
            yield return halved;
            var less = (int[])values.Clone();
            less[i]--;
            yield return less;
        }
    }
}
