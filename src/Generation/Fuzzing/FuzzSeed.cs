using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;

namespace WinsockConformance.Generation;

/// <summary>
/// Where scenario number <c>index</c> of a fuzz run with seed <c>seed</c> comes from: FsCheck's
/// <see cref="Rnd"/> seeded from (seed, index) alone, so any one scenario of a run can be generated
/// again without the ones before it (<c>fuzz --seed S --start I --count 1</c>), and the run is the same
/// on every machine and every stack.
/// </summary>
public static class FuzzSeed
{
    /// <summary>FsCheck's size for fuzz scenarios (only <see cref="GenerationOptions.Full"/> without a fixed length uses it).</summary>
    public const int Size = 60;

    /// <summary>The random state scenario <paramref name="index"/> is generated from.</summary>
    public static Rnd For(ulong seed, long index) => new Rnd(Mix(seed + (0x9E3779B97F4A7C15UL * (ulong)(index + 1))));

    /// <summary>Scenario <paramref name="index"/> of the run <paramref name="seed"/>, generated under <paramref name="profile"/>.</summary>
    public static Scenario Scenario(ulong seed, long index, Profile profile, GenerationOptions options) =>
        Scenario(Generators.ScenarioUnder(profile, options), seed, index);

    /// <summary>Scenario <paramref name="index"/> of the run <paramref name="seed"/> drawn from <paramref name="generator"/>.</summary>
    public static Scenario Scenario(Gen<Scenario> generator, ulong seed, long index) =>
        Gen.Sample(generator, 1, For(seed, index), Size)[0];

    /// <summary>FsCheck's replay tuple for the scenario, as its runners print it.</summary>
    public static string ReplayTuple(ulong seed, long index)
    {
        var rnd = For(seed, index);
        return string.Create(CultureInfo.InvariantCulture, $"({rnd.Seed},{rnd.Gamma})");
    }

    /// <summary>SplitMix64's finaliser: neighbouring seeds and indices give unrelated states.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
