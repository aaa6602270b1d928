using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Running;

/// <summary>How to explore: how many schedules per profile, from which seed, or one replayed schedule.</summary>
public sealed record ExplorationSettings
{
    /// <summary>The schedules explored per profile when not told: 100.</summary>
    public const int DefaultSchedules = 100;

    /// <summary>How many schedules to run per profile (fewer when one fails first).</summary>
    public int Schedules { get; init; } = DefaultSchedules;

    /// <summary>The seed the schedules are drawn from: the same seed gives the same schedules and runs.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>A schedule to replay instead of exploring (the choices a report printed).</summary>
    public IReadOnlyList<int>? Replay { get; init; }

    /// <summary>Shrink a failing schedule to a smaller one that fails the same way.</summary>
    public bool Shrink { get; init; } = true;

    /// <summary>The most runs shrinking may take.</summary>
    public int ShrinkRuns { get; init; } = Shrinker.DefaultMaxRuns;

    /// <summary>Program calls allowed per run before SIM-BUDGET fires.</summary>
    public int Budget { get; init; } = RunSettings.DefaultBudget;

    /// <summary>SIM-FLOOD's K: the most messages one socket may have queued.</summary>
    public int FloodLimit { get; init; } = RunSettings.DefaultFloodLimit;

    /// <summary>
    /// Called with every schedule's run that the search needed, recorded (slower: the search otherwise keeps no events), in
    /// schedule order once the search is over: profile, schedule number from 0, the run.
    /// </summary>
    public Action<Profile, int, RunOutcome>? OnRun { get; init; }

    /// <summary>
    /// Runs at once, for a program whose runs may overlap (<see cref="IProgramUnderTest.Parallelism"/>): the schedules are
    /// still taken in order and the first failing one is the same as one at a time would find, so the result is too.
    /// </summary>
    public int Jobs { get; init; } = 1;
}

/// <summary>What exploring one profile found.</summary>
/// <param name="Profile">The profile explored.</param>
/// <param name="Schedules">Schedules run (up to and including the first that did not pass).</param>
/// <param name="Index">The schedule's number when one failed (its seed is <see cref="SplitMix64.ScheduleSeed"/> of the exploration's seed and it).</param>
/// <param name="First">The first run that did not pass, as found.</param>
/// <param name="Reported">The run to report: <see cref="First"/> shrunk, or <see cref="First"/> itself.</param>
/// <param name="ShrinkRuns">Runs spent shrinking the failing schedule.</param>
/// <param name="Calls">Program calls made over all the runs.</param>
public sealed record ProfileResult(Profile Profile, int Schedules, int? Index, RunOutcome? First, RunOutcome? Reported, int ShrinkRuns, int Calls)
{
    /// <summary>The reported run's verdict; passed when every schedule passed.</summary>
    public RunVerdict Verdict => Reported?.Verdict ?? RunVerdict.Passed;
}

/// <summary>The result of exploring a program against a peer under one or more profiles.</summary>
public sealed record ExplorationResult(string Program, PeerScript Peer, ExplorationSettings Settings, IReadOnlyList<ProfileResult> Profiles, TimeSpan Elapsed)
{
    /// <summary>Whether every profile passed.</summary>
    public bool Passed => Profiles.All(p => p.Verdict == RunVerdict.Passed);

    /// <summary>Whether some profile's run was unsupported, or hit a simulator error: the program was not judged.</summary>
    public bool Unsupported => Profiles.Any(p => p.Verdict is RunVerdict.Unsupported or RunVerdict.Error);
}

/// <summary>
/// Runs a program's schedules: per profile, schedule i draws its choices from a PRNG seeded with
/// <see cref="SplitMix64.ScheduleSeed"/>(seed, i), until one fails (then it is shrunk) or all pass. The same seed gives
/// the same schedules and the same runs.
/// </summary>
public static class Exploration
{
    /// <summary>
    /// Runs <paramref name="program"/> against <paramref name="peer"/> under each of <paramref name="profiles"/>: schedule after
    /// schedule until one fails (then shrinks it) or all pass. Deterministic for a given seed.
    /// </summary>
    public static ExplorationResult Explore(IProgramUnderTest program, PeerScript peer, IReadOnlyList<Profile> profiles, ExplorationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(settings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = profiles.Select(p => ExploreProfile(program, new RunSettings(p, peer, settings.Budget, settings.FloodLimit), settings)).ToList();
        return new ExplorationResult(program.Display, peer, settings, results, clock.Elapsed);
    }

    internal static ProfileResult ExploreProfile(IProgramUnderTest program, RunSettings run, ExplorationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        var calls = 0;
        var recorded = run;
        run = run with { Record = settings.OnRun is not null };
        if (settings.Replay is { } replay)
        {
            var outcome = program.Run(recorded, Choices.Replay(replay));
            settings.OnRun?.Invoke(run.Profile, 0, outcome);
            return new ProfileResult(run.Profile, 1, outcome.Verdict == RunVerdict.Passed ? null : 0, outcome.Verdict == RunVerdict.Passed ? null : outcome,
                outcome.Verdict == RunVerdict.Passed ? null : outcome, 0, outcome.Calls);
        }

        var jobs = Math.Clamp(Math.Min(settings.Jobs, program.Parallelism), 1, settings.Schedules);
        var outcomes = Search(program, run, settings, jobs);
        for (var i = 0; i < settings.Schedules; i++)
        {
            var outcome = outcomes[i]!;
            settings.OnRun?.Invoke(run.Profile, i, outcome);
            calls += outcome.Calls;
            if (outcome.Verdict == RunVerdict.Passed)
            {
                continue;
            }

            var reported = outcome;
            var shrinkRuns = 0;
            if (outcome.Verdict == RunVerdict.Failed && settings.Shrink)
            {
                (reported, shrinkRuns) = Shrinker.Shrink(outcome, choices => program.Run(run, Choices.Replay(choices)), settings.ShrinkRuns, jobs);
            }

            return new ProfileResult(run.Profile, i + 1, i, outcome, Recorded(program, recorded, reported), shrinkRuns, calls);
        }

        return new ProfileResult(run.Profile, settings.Schedules, null, null, null, 0, calls);
    }

    /// <summary>
    /// A profile's run to show when none failed: the first schedule's (or the replayed one), run again with a keeping record.
    /// </summary>
    internal static RunOutcome FirstSchedule(IProgramUnderTest program, RunSettings run, ExplorationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        return program.Run(run with { Record = true }, settings.Replay is { } replay ? Choices.Replay(replay) : Choices.Random(SplitMix64.ScheduleSeed(settings.Seed, 0)));
    }

    /// <summary>
    /// Runs schedules 0, 1, 2, … (<paramref name="jobs"/> at a time, taken in order) until one does not pass: every
    /// schedule before the first that fails has run, none after it matters (it may have run, or not).
    /// </summary>
    private static RunOutcome?[] Search(IProgramUnderTest program, RunSettings run, ExplorationSettings settings, int jobs)
    {
        var outcomes = new RunOutcome?[settings.Schedules];
        RunOutcome Schedule(int i) => program.Run(run, Choices.Random(SplitMix64.ScheduleSeed(settings.Seed, i)));
        if (jobs == 1)
        {
            for (var i = 0; i < outcomes.Length && (outcomes[i] = Schedule(i)).Verdict == RunVerdict.Passed; i++)
            {
            }

            return outcomes;
        }

        var next = -1;
        var firstFailing = outcomes.Length;
        Workers.Run(jobs, () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Volatile.Read(ref firstFailing); i = Interlocked.Increment(ref next))
            {
                var outcome = outcomes[i] = Schedule(i);
                if (outcome.Verdict != RunVerdict.Passed)
                {
                    Workers.LowerTo(ref firstFailing, i);
                }
            }
        });
        return outcomes;
    }

    /// <summary>
    /// The search keeps no events; the run it reports is run again from its choices with a keeping record. The same
    /// choices give the same run, so the replay must end the same way: if it does not, that is a simulator bug.
    /// </summary>
    private static RunOutcome Recorded(IProgramUnderTest program, RunSettings recorded, RunOutcome found)
    {
        var replayed = program.Run(recorded, Choices.Replay(found.Choices));
        var same = replayed.Verdict == found.Verdict && replayed.Failure?.Oracle == found.Failure?.Oracle && replayed.Failure?.Event == found.Failure?.Event
            && replayed.Problem == found.Problem;
        return same ? replayed : replayed with
        {
            Verdict = RunVerdict.Error,
            Problem = $"the recorded replay of schedule {Choices.Format(found.Choices)} ended otherwise ({replayed.Verdict} {replayed.Failure?.Oracle.Id}) than the run it replays ({found.Verdict} {found.Failure?.Oracle.Id}): the simulator is not deterministic here",
        };
    }
}
