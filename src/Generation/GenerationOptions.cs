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

    /// <summary>
    /// For model-only fuzzing: the whole vocabulary (QoS and change events, connects that time out
    /// included), at the live fuzzer's lengths (4 to 25 steps), so scenarios/s compare with a live run.
    /// </summary>
    public static GenerationOptions ModelFuzz { get; } = new() { MinSteps = 4, MaxSteps = 25 };

    /// <summary>Leave out every input <see cref="Generators.LoopbackProducible"/> rejects.</summary>
    public bool LoopbackOnly { get; init; }

    /// <summary>
    /// Steps never to generate in a state: for the live fuzzer, situations where the stack is already
    /// known to disagree with the model (reported, awaiting a profile switch), so the run looks for new
    /// disagreements instead of finding the same one again. Checked on each option's prototype and again on
    /// every generated step, so it must not reject every variant of a prototype it lets through (FsCheck's
    /// filter would retry forever).
    /// </summary>
    public Func<Model.ModelState, Model.Input, bool>? Avoid { get; init; }

    /// <summary>The shortest scenario when <see cref="MaxSteps"/> fixes the range.</summary>
    public int MinSteps { get; init; } = 1;

    /// <summary>The longest scenario; null lets FsCheck's size choose.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Sockets under test alive at once (the peers the probe plays are not counted).</summary>
    public int MaxSockets { get; init; } = Generators.SocketNames.Count;
}
