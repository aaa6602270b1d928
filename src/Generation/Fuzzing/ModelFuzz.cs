using WinsockConformance.Model;

namespace WinsockConformance.Generation;

/// <summary>A generated scenario on which the model broke an invariant, shrunk.</summary>
public sealed record ModelFuzzFailure(long Index, Profile Profile, Scenario Original, Scenario Shrunk, string Violation);

/// <summary>What a model-only fuzz run did.</summary>
/// <param name="Interrupted">Stopped early (SIGINT, SIGTERM): <paramref name="Scenarios"/> is how many ran.</param>
public sealed record ModelFuzzResult(long Scenarios, long Steps, double Seconds, IReadOnlyList<ModelFuzzFailure> Failures, bool Interrupted = false)
{
    public double ScenariosPerSecond => Scenarios / Math.Max(Seconds, 1e-9);
}

/// <summary>
/// The model alone under generated scenarios: every step of every scenario is checked by the
/// <see cref="InvariantMonitor"/> (the property tests' invariants), and a violation is shrunk by deleting
/// steps, the model itself standing in for the stack.
/// </summary>
public static class ModelFuzz
{
    /// <summary>The first invariant the model breaks on <paramref name="scenario"/> under <paramref name="profile"/>, or null.</summary>
    public static string? Violation(Scenario scenario, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.TryRun(profile) is { } results
            ? InvariantMonitor.FirstViolation(scenario, profile, results)
            : null;
    }

    /// <summary>
    /// Scenarios <paramref name="start"/> .. start + count - 1 of the run <paramref name="seed"/>, each under
    /// <paramref name="profile"/>, or when it is null under the three profiles in turn; both cores are used.
    /// </summary>
    public static ModelFuzzResult Run(ulong seed, long start, long count, Profile? profile, GenerationOptions options, Action<long, int>? progress = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Profile[] profiles = profile is null ? [.. Profiles.All] : [profile];
        var generators = profiles.Select(p => Generators.ScenarioUnder(p, options)).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<ModelFuzzFailure>();
        long steps = 0;
        long done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var parallel = new ParallelOptions { CancellationToken = stop };
        try
        {
            Parallel.For(start, start + count, parallel, () => 0L, (index, _, localSteps) =>
            {
                var which = (int)(index % profiles.Length);
                var under = profiles[which];
                var scenario = FuzzSeed.Scenario(generators[which], seed, index);
                if (Violation(scenario, under) is { } violation)
                {
                    var shrunk = new DifferentialShrinker<string>(s => Violation(s, under)) { Confirmations = 0, MaxRuns = 10_000 }.Minimize(scenario, violation);
                    failures.Add(new ModelFuzzFailure(index, under, scenario, shrunk.Scenario, shrunk.Disagreement));
                }

                var n = Interlocked.Increment(ref done);
                if (progress is not null && n % 4096 == 0)
                {
                    progress(n, failures.Count);
                }

                return localSteps + scenario.Count;
            }, localSteps => Interlocked.Add(ref steps, localSteps));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new ModelFuzzResult(Interlocked.Read(ref done), steps, clock.Elapsed.TotalSeconds, [.. failures.OrderBy(f => f.Index)], Interrupted: true);
        }

        return new ModelFuzzResult(count, steps, clock.Elapsed.TotalSeconds, [.. failures.OrderBy(f => f.Index)]);
    }
}
