using WinsockConformance.Generation;
using WinsockConformance.Model;

namespace WinsockConformance.Generation;

/// <summary>One fuzz run: which scenarios (seed, start, count), judged against which profile, and where results go.</summary>
internal sealed record FuzzSettings
{
    /// <summary>The fuzz command's quiet period on Windows after a step's predicted effects arrived (run uses 6 ms; under Wine both rely on the server's ordering).</summary>
    public const int DefaultQuietMs = 2;

    public required ulong Seed { get; init; }

    /// <summary>Index of the first scenario (to replay one scenario of a longer run).</summary>
    public long Start { get; init; }

    public required long Count { get; init; }

    public required Profile Profile { get; init; }

    public GenerationOptions Generation { get; init; } = GenerationOptions.Loopback;

    public string CounterexampleDirectory { get; init; } = "counterexamples";

    /// <summary>Write every scenario's trace here (disagreements are always saved with their counterexample).</summary>
    public string? TracesDirectory { get; init; }

    /// <summary>Stack runs one shrink may make.</summary>
    public int ShrinkBudget { get; init; } = 300;

    /// <summary>Stop shrinking and finding after this many disagreements (each costs a shrink).</summary>
    public int MaxDisagreements { get; init; } = 20;

    /// <summary>Disagreements already reported and awaiting a profile switch: not generated, not new when met.</summary>
    public IReadOnlyList<KnownFinding> KnownFindings { get; init; } = [];

    /// <summary>The command line that replays scenario <paramref name="index"/> alone.</summary>
    public string Replay(long index, string stackOption) =>
        FormattableString.Invariant($"./conformance fuzz --seed {Seed} --start {index} --count 1 --profile {Profile.Name}{stackOption}; FsCheck Rnd {FuzzSeed.ReplayTuple(Seed, index)}");
}
