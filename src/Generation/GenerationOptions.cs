namespace WinsockConformance.Generation;

/// <summary>What <see cref="Generators"/> may produce: the whole vocabulary, or what a live loopback probe can drive.</summary>
public sealed record GenerationOptions
{
    /// <summary>The whole vocabulary; the length follows FsCheck's size (up to <see cref="Generators.MaxSteps"/>).</summary>
    public static GenerationOptions Full { get; } = new();

    /// <summary>
    /// For the differential fuzzer: only inputs a loopback probe can drive (no net.* changes, no connect
    /// that times out, no SIO_GET_GROUP_QOS), 4 to 25 steps and at most 4 sockets under test at once, so
    /// one scenario runs on a live stack in a few hundred milliseconds at most.
    /// </summary>
    public static GenerationOptions Loopback { get; } = new() { LoopbackOnly = true, MinSteps = 4, MaxSteps = 25, MaxSockets = 4 };

    /// <summary>Leave out every input <see cref="Generators.LoopbackProducible"/> rejects.</summary>
    public bool LoopbackOnly { get; init; }

    /// <summary>The shortest scenario when <see cref="MaxSteps"/> fixes the range.</summary>
    public int MinSteps { get; init; } = 1;

    /// <summary>The longest scenario; null lets FsCheck's size choose.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Sockets under test alive at once (the peers the probe plays are not counted).</summary>
    public int MaxSockets { get; init; } = Generators.SocketNames.Count;
}
