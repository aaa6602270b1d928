using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;
using Xunit.Abstractions;

namespace WinsockConformance.Properties;

/// <summary>
/// The fuzzer's shrinker against a deliberately wrong rule, without a real stack: the "stack" is the model
/// under a mutated wine-8 profile (one switch flipped), judged against wine-8 itself. The fuzzer must find a
/// disagreement among loopback scenarios and shrink it to a few steps that still disagree, and from which
/// deleting any one step makes the disagreement go away.
/// </summary>
public sealed class DifferentialShrinkerTests(ITestOutputHelper output)
{
    public static TheoryData<string> Mutations() => [.. s_mutations.Keys];

    private static readonly Dictionary<string, Profile> s_mutations = new(StringComparer.Ordinal)
    {
        ["CloseTiming=Immediately"] = Profiles.Wine8 with { Name = "wine-8-mutant", CloseTiming = CloseTiming.Immediately },
        ["WriteReenable=WouldBlockOnly"] = Profiles.Wine8 with { Name = "wine-8-mutant", WriteReenable = WriteReenable.WouldBlockOnly },
        ["EventReregistration=ReopenForNewOccurrences"] = Profiles.Wine8 with { Name = "wine-8-mutant", EventReregistration = EventReregistration.ReopenForNewOccurrences },
        ["UrgentMarkSplitsStream=false"] = Profiles.Wine8 with { Name = "wine-8-mutant", UrgentMarkSplitsStream = false },
        ["ResetCloseError=WSAECONNABORTED"] = Profiles.Wine8 with { Name = "wine-8-mutant", ResetCloseError = WsaError.ConnectionAborted },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void A_wrong_switch_is_found_and_shrunk_to_a_few_steps(string mutation)
    {
        // Given: a stack that follows the mutated profile, and the fuzzer judging against wine-8
        var mutant = s_mutations[mutation];
        var runs = 0;
        CheckReport? Run(Scenario s)
        {
            runs++;
            string trace;
            try
            {
                trace = s.ModelTrace(mutant);
            }
            catch (TraceReadException e) when (e.Problem.Contains("is impossible here", StringComparison.Ordinal))
            {
                // The mutant "stack" would hang there (a blocking call it thinks never returns): inconclusive, as the
                // live probe's watchdog makes it, so not a disagreement to shrink toward.
                return null;
            }

            var report = Checker.Check(TraceReader.Read("mutant", trace.Split('\n')), Profiles.Wine8);
            return report.Verdict == Verdict.Diverges ? report : null;
        }

        // When: generate loopback scenarios (seed 7) until one disagrees, then shrink it on the "stack"
        var (index, scenario, report) = FirstDisagreement(Run);
        var shrunk = new DifferentialShrinker<CheckReport>(Run) { Confirmations = 0 }.Minimize(scenario, report, report.FirstDivergence!.Step);
        output.WriteLine($"{mutation}: scenario #{index} ({scenario.Count} steps) shrunk to {shrunk.Scenario.Count} steps in {shrunk.Runs} runs:");
        output.WriteLine(shrunk.Scenario.ToString());
        output.WriteLine(ReportText.Render(shrunk.Disagreement));

        // Then: a few steps that still disagree, and 1-minimal (every one-step deletion agrees or is impossible)
        Assert.False(shrunk.BudgetExhausted);
        Assert.InRange(shrunk.Scenario.Count, 1, 8);
        Assert.True(shrunk.Scenario.Count < scenario.Count || scenario.Count <= 8);
        Assert.NotNull(Run(shrunk.Scenario));
        for (var i = 0; i < shrunk.Scenario.Count; i++)
        {
            var without = Generators.Repair(shrunk.Scenario, Enumerable.Range(0, shrunk.Scenario.Count).Where(j => j != i));
            Assert.True(without is null || without.Count == 0 || Run(without) is null, $"deleting step {i + 1} still disagrees: not minimal");
        }
    }

    [Fact]
    public void Nothing_disagrees_when_the_stack_follows_the_profile()
    {
        for (var i = 0; i < 300; i++)
        {
            var scenario = FuzzSeed.Scenario(7, i, Profiles.Wine8, GenerationOptions.Loopback);
            var report = Checker.Check(TraceReader.Read("model", scenario.ModelTrace(Profiles.Wine8).Split('\n')), Profiles.Wine8);
            Assert.Equal(Verdict.Conforms, report.Verdict);
        }
    }

    [Fact]
    public void The_same_seed_and_index_give_the_same_scenario()
    {
        var a = FuzzSeed.Scenario(12345, 17, Profiles.Wine8, GenerationOptions.Loopback);
        var b = FuzzSeed.Scenario(12345, 17, Profiles.Wine8, GenerationOptions.Loopback);
        var c = FuzzSeed.Scenario(12345, 18, Profiles.Wine8, GenerationOptions.Loopback);
        Assert.Equal(a.Steps, b.Steps);
        Assert.NotEqual(a.Steps, c.Steps);
    }

    private static (long Index, Scenario Scenario, CheckReport Report) FirstDisagreement(Func<Scenario, CheckReport?> run)
    {
        for (var i = 0L; i < 5000; i++)
        {
            var scenario = FuzzSeed.Scenario(7, i, Profiles.Wine8, GenerationOptions.Loopback);
            if (run(scenario) is { } report)
            {
                return (i, scenario, report);
            }
        }

        throw new InvalidOperationException("no generated scenario disagrees with the mutant in 5000 tries: the generator never reaches this switch");
    }
}
