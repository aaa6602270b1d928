namespace WinsockConformance.Simulation.Scheduling;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014; the seeding generator of xoshiro): a small PRNG whose output is fixed by
/// its definition, so a seed replays the same schedule on every .NET version (System.Random's algorithm is not
/// specified).
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform value in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A value in [0, <paramref name="bound"/>) (bound ≥ 1), by multiply-shift.</summary>
    public int Below(int bound) => (int)(((Next() >> 32) * (ulong)bound) >> 32);

    /// <summary>The seed of schedule <paramref name="index"/> of an exploration seeded with <paramref name="seed"/>.</summary>
    public static ulong ScheduleSeed(ulong seed, int index) => new SplitMix64(seed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1))).Next();
}
