using System.Globalization;
using WinsockConformance.Generation;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;
using UnreachableException = System.Diagnostics.UnreachableException;

namespace WinsockConformance.Generation;

/// <summary>One generated scenario, run and (when it disagreed) reproduced and shrunk.</summary>
/// <param name="RulesConfirmed">The rules the live-confirmed steps exercised (rule coverage).</param>
/// <param name="Known">The known finding the disagreement is, or null.</param>
/// <param name="StackRuns">Stack runs it took, reproducing and shrinking included.</param>
/// <param name="Output">What the run printed about it (a counterexample, a flaky disagreement): printed in the run's order.</param>
internal sealed record FuzzScenarioResult(long Index, ScenarioOutcome Outcome, RuleSet RulesConfirmed, string? Known, long StackRuns, Counterexample? Counterexample, string Output);

/// <summary>What a differential fuzz run found, for callers that keep every result (tests).</summary>
internal sealed record FuzzSummary(FuzzSettings Settings, IReadOnlyList<FuzzScenarioResult> Results)
{
    public IReadOnlyList<Counterexample> Counterexamples => [.. Results.Select(r => r.Counterexample).OfType<Counterexample>()];

    /// <summary>Disagreements (shrunk or not) and scenarios whose disagreement did not reproduce: nothing may be left unresolved.</summary>
    public bool Passed => Results.All(r => !r.Outcome.UnexpectedDivergence && !r.Outcome.Flaky);
}

/// <summary>
/// The differential fuzzer: each generated scenario (FsCheck, seeded per index by <see cref="FuzzSeed"/>)
/// runs on the stack in this process and is checked against the model under the profile. A disagreement
/// is run once more (a disagreement that does not reproduce is reported as flaky, like <c>run --repeat</c>),
/// then shrunk on the stack by <see cref="DifferentialShrinker{T}"/> and saved as a counterexample. Each index's
/// result depends on the seed and the index alone, so any split of the indices (workers, shards) finds the same.
/// </summary>
internal sealed class FuzzRun(DifferentialRunner runner, FuzzSettings settings, string stackOption, Func<Counterexample, string> describe, Func<CheckReport, string> contradiction, CancellationToken stop = default)
{
    private long _stackRuns;

    /// <summary>Every index of the settings' range, results kept (and their output written to <paramref name="stdout"/>).</summary>
    public FuzzSummary Execute(TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var results = new List<FuzzScenarioResult>();
        var note = Execute(Indices(settings.Start, settings.Count), r =>
        {
            stdout.Write(r.Output);
            results.Add(r);
        });
        if (note is not null)
        {
            stdout.WriteLine(note);
        }

        return new FuzzSummary(settings, results);
    }

    public static IEnumerable<long> Indices(long start, long count)
    {
        for (var i = start; i < start + count; i++)
        {
            yield return i;
        }
    }

    /// <summary>
    /// Runs the scenarios of <paramref name="indices"/> in order, handing each result to <paramref name="finished"/>; stops
    /// after <see cref="FuzzSettings.MaxDisagreements"/> counterexamples (returning the line that says so) or when stopped.
    /// </summary>
    public string? Execute(IEnumerable<long> indices, Action<FuzzScenarioResult> finished)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(finished);
        var generator = Generators.ScenarioUnder(settings.Profile, KnownFindings.Avoiding(settings.Generation, settings.KnownFindings));
        var found = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (index, scenario) in GeneratedAhead(generator, settings.Seed, indices))
        {
            if (stop.IsCancellationRequested)
            {
                return null;
            }

            _stackRuns = 0;
            var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            var started = clock.Elapsed;
            var result = RunOnce(scenario, index);
            var outcome = new ScenarioOutcome
            {
                Scenario = Name(index),
                ScenarioPath = string.Create(CultureInfo.InvariantCulture, $"fuzz:{settings.Seed}/{index}"),
                TracePath = SaveTrace(index, result) ?? string.Empty,
                Report = result.Report,
                ExplainedByStackProfile = result.ExplainedByStackProfile,
                Interrupted = result.Report.Verdict == Verdict.Inconclusive && stop.IsCancellationRequested,
            };

            string? known = null;
            Counterexample? counterexample = null;
            if (result.Disagrees && KnownFindings.Explaining(settings.KnownFindings, scenario, settings.Profile, result.Report) is { } finding)
            {
                // Shrinking reaches known situations even when generation avoids them; one met here is not new.
                known = finding.Id;
                outcome = outcome with { Scenario = outcome.Scenario + " (known " + finding.Id + ")", ExplainedByStackProfile = true };
            }
            else if (result.Disagrees)
            {
                (outcome, counterexample) = Resolve(scenario, index, result, outcome, output);
            }

            found += counterexample is null ? 0 : 1;
            finished(new FuzzScenarioResult(index, outcome with { Seconds = (clock.Elapsed - started).TotalSeconds }, result.Report.RulesConfirmed, known, _stackRuns, counterexample, output.ToString()));
            if (found >= settings.MaxDisagreements)
            {
                return $"stopping after {found} disagreements (--max-disagreements)";
            }
        }

        return null;
    }

    /// <summary>
    /// The scenarios of <paramref name="indices"/> in order, each generated on another thread while the one before it
    /// runs: generating is computation, and a live step mostly waits for the wineserver. Each scenario depends on its
    /// seed and index alone (<see cref="FuzzSeed"/>), and one is generated at a time, so this changes nothing but when.
    /// </summary>
    private static IEnumerable<(long Index, Scenario Scenario)> GeneratedAhead(FsCheck.Gen<Scenario> generator, ulong seed, IEnumerable<long> indices)
    {
        using var next = indices.GetEnumerator();
        if (!next.MoveNext())
        {
            yield break;
        }

        var index = next.Current;
        var pending = Task.Run(() => FuzzSeed.Scenario(generator, seed, index));
        while (true)
        {
            var current = (index, pending.GetAwaiter().GetResult());
            var more = next.MoveNext();
            if (more)
            {
                index = next.Current;
                var following = index;
                pending = Task.Run(() => FuzzSeed.Scenario(generator, seed, following));
            }

            yield return current;
            if (!more)
            {
                yield break;
            }
        }
    }

    /// <summary>Reproduce, then shrink on the stack and save; a disagreement that does not reproduce is flaky.</summary>
    private (ScenarioOutcome, Counterexample?) Resolve(Scenario scenario, long index, DifferentialResult first, ScenarioOutcome outcome, TextWriter output)
    {
        var again = RunOnce(scenario, index);
        if (!again.Disagrees)
        {
            var divergence = first.Report.FirstDivergence!;
            if (stop.IsCancellationRequested)
            {
                // The second run was cut short: the disagreement stands, unconfirmed and unshrunk.
                return (outcome with { Interrupted = true }, null);
            }

            output.WriteLine($"\nscenario #{index}: diverged at step {divergence.Step} ({contradiction(first.Report)}) but not when run again: flaky; replay: {settings.Replay(index, stackOption)}");
            return (outcome with { Flakiness = new NotReproduced(divergence.Step, again.Report.Verdict) }, null);
        }

        // A candidate is kept only if it disagrees the same way (same kind of step, same aspect first) and not
        // by a known finding: deleting steps must not slide from this disagreement into another one.
        var signature = Signature(scenario, again.Report);
        // Once stopped, every candidate is refused without running: the shrink ends at once with what it has.
        var shrinker = new DifferentialShrinker<DifferentialResult>(candidate =>
            !stop.IsCancellationRequested
            && RunOnce(candidate, index) is { Disagrees: true } r
            && Signature(candidate, r.Report) == signature
            && KnownFindings.Explaining(settings.KnownFindings, candidate, settings.Profile, r.Report) is null
                ? r
                : null)
        {
            MaxRuns = settings.ShrinkBudget,
            Confirmations = 1,
        };
        var shrink = shrinker.Minimize(scenario, again, again.Report.FirstDivergence!.Step);
        var counterexample = Counterexample.Save(settings.CounterexampleDirectory, settings.Seed, index, scenario, shrink, runner.Stack.Name, settings.Replay(index, stackOption), contradiction(shrink.Disagreement.Report));
        output.Write(describe(counterexample));
        return (outcome with
        {
            Scenario = Name(index) + string.Create(CultureInfo.InvariantCulture, $" (shrunk {scenario.Count} -> {shrink.Scenario.Count} steps)"),
            ScenarioPath = counterexample.ScenarioPath,
            TracePath = counterexample.TracePath,
            Report = shrink.Disagreement.Report,
            Interrupted = stop.IsCancellationRequested,
        }, counterexample);
    }

    /// <summary>What identifies a disagreement across shrinking: the kind of the diverging step, and the first difference's values (its aspect, expected and observed).</summary>
    private static (string Kind, Difference First) Signature(Scenario scenario, CheckReport report)
    {
        var d = report.FirstDivergence!;
        return (Generators.KindOf(scenario.Steps[d.Step - 1]), d.Differences[0]);
    }

    private DifferentialResult RunOnce(Scenario scenario, long index)
    {
        _stackRuns++;
        var header = new TraceHeader
        {
            Kind = TraceFormat.ScenarioKind,
            Name = Name(index),
            Description = settings.Replay(index, stackOption),
        };
        return runner.Run(scenario.ToTrace(string.Create(CultureInfo.InvariantCulture, $"fuzz seed {settings.Seed} #{index}"), header), stop);
    }

    private string? SaveTrace(long index, DifferentialResult result)
    {
        if (settings.TracesDirectory is not { } directory)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"fuzz-{settings.Seed}-{index}.jsonl"));
        File.WriteAllText(path, result.TraceText);
        return path;
    }

    private string Name(long index) => string.Create(CultureInfo.InvariantCulture, $"fuzz-{settings.Seed}-{index}");

    internal static string VerdictText(ScenarioOutcome o) => o.Report.Verdict switch
    {
        Verdict.Conforms => "conforms",
        Verdict.Diverges when o.ExplainedByStackProfile => "differs (explained by the stack's profile)",
        Verdict.Diverges => "DIVERGES",
        Verdict.Inconclusive => "inconclusive",
        _ => throw new UnreachableException(o.Report.Verdict.ToString()),
    };
}
