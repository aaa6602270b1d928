using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;
using Xunit.Abstractions;

namespace WinsockConformance.Properties;

/// <summary>The generator and shrinker themselves: validity, coverage (qsm's coverCommandNames), shrinking.</summary>
public sealed class GeneratorTests(ITestOutputHelper output)
{
    private const int Samples = 1500;

    [Fact]
    public void Property_generated_scenarios_are_valid_under_their_profile() =>
        PropertyCheck.Run(output, Prop.ForAll(Generators.Scenarios(), scenario =>
            Labels.Holds(scenario.IsValidUnder(scenario.Profile) ? null : "a generated step is impossible").Stamped(scenario)
                .Classify(scenario.ApplicableProfiles().Count() == Profiles.All.Count, "valid under every profile")));

    [Fact]
    public void Property_shrinking_deletes_steps_and_keeps_scenarios_valid() =>
        PropertyCheck.Run(output, Prop.ForAll(Generators.ScenariosWithInsertion(Generators.FionreadAnywhere), scenario =>
        {
            foreach (var candidate in Generators.Shrink(scenario).Take(20))
            {
                var problem = candidate switch
                {
                    _ when candidate.Count >= scenario.Count => "a shrink candidate is not shorter",
                    _ when !candidate.IsValidUnder(candidate.Profile) => "a shrink candidate is not valid",
                    _ when (candidate.Inserted is null) != (scenario.Inserted is null) => "a shrink candidate lost the inserted step",
                    _ when candidate.Inserted is { } i && candidate.Steps[i] != scenario.Steps[scenario.Inserted!.Value] => "a shrink candidate moved the inserted mark",
                    _ => null,
                };
                if (problem is not null)
                {
                    return Labels.Holds(problem).Label("candidate:" + candidate).Stamped(scenario);
                }
            }

            return Labels.Holds(null).Stamped(scenario);
        }), maxTest: 1000);

    /// <summary>Every kind of step, every input type and every situation appears in a fixed-seed sample.</summary>
    [Fact]
    public void Generator_covers_every_input_kind_and_situation()
    {
        // Given
        var sample = Gen.Sample(Generators.Scenario(), Samples, new Rnd(20251121UL, 0x9E3779B97F4A7C15UL), 60);

        // When
        var kinds = sample.SelectMany(s => s.Steps).GroupBy(Generators.KindOf).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var types = sample.SelectMany(s => s.Steps).Select(i => i.GetType()).ToHashSet();
        var situations = sample.SelectMany(Situations.In).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var profiles = sample.GroupBy(s => s.Profile.Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        output.WriteLine($"{Samples} scenarios, {sample.Sum(s => s.Count)} steps; by profile: {string.Join(", ", profiles.Select(p => $"{p.Key} {p.Value}"))}");
        foreach (var (kind, count) in kinds.OrderByDescending(k => k.Value))
        {
            output.WriteLine($"  {count,6}  {kind}");
        }

        output.WriteLine("scenarios with each situation:");
        foreach (var (situation, count) in situations.OrderByDescending(k => k.Value))
        {
            output.WriteLine($"  {count,6}  {situation}");
        }

        // Then
        var inputTypes = typeof(Input).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Input)) && !t.IsAbstract);
        var missing = inputTypes.Where(t => !types.Contains(t)).Select(t => "input type " + t.Name)
            .Concat(Generators.AllKinds.Where(k => !kinds.ContainsKey(k)).Select(k => "kind " + k))
            .Concat(Situations.All.Where(s => !situations.ContainsKey(s)).Select(s => "situation " + s))
            .ToList();
        Assert.True(missing.Count == 0, "never generated: " + string.Join("; ", missing));
        var unknown = kinds.Keys.Where(k => !Generators.AllKinds.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "kinds missing from Generators.AllKinds: " + string.Join("; ", unknown));
        Assert.Equal(Profiles.All.Count, profiles.Count);
    }
}
