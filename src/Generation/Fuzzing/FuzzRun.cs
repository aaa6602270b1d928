using System.Globalization;
using WinsockConformance.Generation;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;
using UnreachableException = System.Diagnostics.UnreachableException;

namespace WinsockConformance.Generation;

/// <summary>What a differential fuzz run found.</summary>
internal sealed record FuzzSummary(
    FuzzSettings Settings, RunSummary Run, IReadOnlyList<Counterexample> Counterexamples, RuleCoverage Coverage, long StackRuns, IReadOnlyDictionary<string, int> KnownHits)
{
    public double ScenariosPerSecond => Run.Outcomes.Count / Math.Max(Run.DurationSeconds, 1e-9);

    /// <summary>Disagreements (shrunk or not) and scenarios whose disagreement did not reproduce: nothing may be left unresolved.</summary>
    public bool Passed => Run.UnexpectedDivergences == 0 && Run.Flaky == 0;
}

/// <summary>
/// The differential fuzzer: each generated scenario (FsCheck, seeded per index by <see cref="FuzzSeed"/>)
/// runs on the stack in this process and is checked against the model under the profile. A disagreement
/// is run once more (a disagreement that does not reproduce is reported as flaky, like <c>run --repeat</c>),
/// then shrunk on the stack by <see cref="DifferentialShrinker{T}"/> and saved as a counterexample.
/// </summary>
internal sealed class FuzzRun(DifferentialRunner runner, FuzzSettings settings, string stackOption, TextWriter stdout, FuzzProgress progress, Func<Counterexample, string> describe, Func<CheckReport, string> contradiction)
{
    private readonly Dictionary<string, int> _knownHits = new(StringComparer.Ordinal);
    private long _stackRuns;

    public FuzzSummary Execute()
    {
        var generator = Generators.ScenarioUnder(settings.Profile, KnownFindings.Avoiding(settings.Generation, settings.KnownFindings));
        var coverage = new RuleCoverage(settings.Profile);
        var outcomes = new List<ScenarioOutcome>();
        var counterexamples = new List<Counterexample>();
        var inconclusive = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var index = settings.Start; index < settings.Start + settings.Count; index++)
        {
            var scenario = FuzzSeed.Scenario(generator, settings.Seed, index);
            var started = clock.Elapsed;
            var result = RunOnce(scenario, index);
            coverage.Add(result.Report.RulesConfirmed);
            var outcome = new ScenarioOutcome
            {
                Scenario = Name(index),
                ScenarioPath = string.Create(CultureInfo.InvariantCulture, $"fuzz:{settings.Seed}/{index}"),
                TracePath = SaveTrace(index, result) ?? string.Empty,
                Report = result.Report,
                ExplainedByStackProfile = result.ExplainedByStackProfile,
            };

            if (result.Report.Verdict == Verdict.Inconclusive)
            {
                inconclusive++;
            }

            if (result.Disagrees && KnownFindings.Explaining(settings.KnownFindings, scenario, settings.Profile, result.Report) is { } known)
            {
                // Shrinking reaches known situations even when generation avoids them; one met here is not new.
                _knownHits[known.Id] = _knownHits.GetValueOrDefault(known.Id) + 1;
                outcome = outcome with { Scenario = outcome.Scenario + " (known " + known.Id + ")", ExplainedByStackProfile = true };
            }
            else if (result.Disagrees)
            {
                outcome = Resolve(scenario, index, result, outcome, counterexamples);
            }

            outcomes.Add(outcome with { Seconds = (clock.Elapsed - started).TotalSeconds });
            progress.Update(index - settings.Start + 1, outcomes.Count(o => o.UnexpectedDivergence || o.Flaky), inconclusive);
            if (counterexamples.Count >= settings.MaxDisagreements)
            {
                stdout.WriteLine($"stopping after {counterexamples.Count} disagreements (--max-disagreements)");
                break;
            }
        }

        progress.Update(outcomes.Count, outcomes.Count(o => o.UnexpectedDivergence || o.Flaky), inconclusive, final: true);
        var run = new RunSummary(runner.Stack.Name, settings.Profile.Name, outcomes, clock.Elapsed.TotalSeconds);
        return new FuzzSummary(settings, run, counterexamples, coverage, _stackRuns, _knownHits);
    }

    /// <summary>Reproduce, then shrink on the stack and save; a disagreement that does not reproduce is flaky.</summary>
    private ScenarioOutcome Resolve(Scenario scenario, long index, DifferentialResult first, ScenarioOutcome outcome, List<Counterexample> found)
    {
        var again = RunOnce(scenario, index);
        if (!again.Disagrees)
        {
            var divergence = first.Report.FirstDivergence!;
            stdout.WriteLine($"\nscenario #{index}: diverged at step {divergence.Step} ({contradiction(first.Report)}) but not when run again: flaky; replay: {settings.Replay(index, stackOption)}");
            return outcome with { Flakiness = new NotReproduced(divergence.Step, again.Report.Verdict) };
        }

        // A candidate is kept only if it disagrees the same way (same kind of step, same aspect first) and not
        // by a known finding: deleting steps must not slide from this disagreement into another one.
        var signature = Signature(scenario, again.Report);
        var shrinker = new DifferentialShrinker<DifferentialResult>(candidate =>
            RunOnce(candidate, index) is { Disagrees: true } r
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
        found.Add(counterexample);
        stdout.Write(describe(counterexample));
        return outcome with
        {
            Scenario = Name(index) + string.Create(CultureInfo.InvariantCulture, $" (shrunk {scenario.Count} -> {shrink.Scenario.Count} steps)"),
            ScenarioPath = counterexample.ScenarioPath,
            TracePath = counterexample.TracePath,
            Report = shrink.Disagreement.Report,
        };
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
        return runner.Run(scenario.ToTrace(string.Create(CultureInfo.InvariantCulture, $"fuzz seed {settings.Seed} #{index}"), header));
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
