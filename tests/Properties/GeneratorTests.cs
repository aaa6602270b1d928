using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;
using Xunit.Abstractions;

namespace WinsockConformance.Properties;

/// <summary>The generator and shrinker themselves: validity, coverage (qsm's coverCommandNames), shrinking.</summary>
public sealed class GeneratorTests(ITestOutputHelper output)
{
    private const int Samples = 1500;

    [ScenarioProperty]
    public Property Property_generated_scenarios_are_valid_under_their_profile() =>
        Prop.ForAll(Generators.Scenarios(), scenario =>
            Labels.Holds(scenario.IsValidUnder(scenario.Profile) ? null : "a generated step is impossible").Stamped(scenario)
                .Classify(scenario.ApplicableProfiles().Count() == Profiles.All.Count, "valid under every profile"));

    [ScenarioProperty]
    public Property Property_shrinking_deletes_steps_and_keeps_scenarios_valid() =>
        Prop.ForAll(Generators.ScenariosWithInsertion(Generators.FionreadAnywhere), scenario =>
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
        });

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

    /// <summary>
    /// Loopback mode (the live fuzzer's generator): nothing a loopback probe cannot drive, at most 25 steps and
    /// 4 live sockets, and still every loopback-producible kind and every situation in a fixed-seed sample.
    /// </summary>
    [Fact]
    public void Loopback_generator_stays_drivable_and_covers_every_reachable_kind_and_situation()
    {
        // Given
        var sample = Gen.Sample(Generators.ScenarioUnder(Profiles.Wine8, GenerationOptions.Loopback), Samples, new Rnd(20251122UL, 0x9E3779B97F4A7C15UL), 60);

        // When
        var steps = sample.SelectMany(s => s.Steps).ToList();
        var kinds = steps.GroupBy(Generators.KindOf).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var situations = sample.SelectMany(Situations.In).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        output.WriteLine($"{Samples} loopback scenarios, {steps.Count} steps (mean {steps.Count / (double)Samples:F1}, max {sample.Max(s => s.Count)})");
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
        Assert.All(sample, s => Assert.InRange(s.Count, GenerationOptions.Loopback.MinSteps, GenerationOptions.Loopback.MaxSteps!.Value));
        Assert.All(sample, s => Assert.True(s.IsValidUnder(s.Profile)));
        Assert.DoesNotContain(steps, i => !Generators.LoopbackProducible(i));
        Assert.All(sample, s => Assert.True(MaxLive(s) <= GenerationOptions.Loopback.MaxSockets, "too many live sockets"));
        var reachable = Generators.AllKinds.Where(k => !k.StartsWith("net.", StringComparison.Ordinal) && k is not ("connect timeout" or "WSAIoctl SIO_GET_GROUP_QOS" or "getMessage"));
        var missing = reachable.Where(k => !kinds.ContainsKey(k)).Select(k => "kind " + k)
            .Concat(Situations.All.Where(s => !situations.ContainsKey(s)).Select(s => "situation " + s))
            .ToList();
        Assert.True(missing.Count == 0, "never generated in loopback mode: " + string.Join("; ", missing));
    }

    private static int MaxLive(Scenario scenario)
    {
        var state = ModelState.Initial(scenario.Profile);
        var max = 0;
        foreach (var input in scenario.Steps)
        {
            state = WinsockModel.Step(state, input).State;
            max = Math.Max(max, state.Open.Count);
        }

        return max;
    }
}
