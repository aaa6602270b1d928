using FsCheck;
using FsCheck.Fluent;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;
using WinsockConformance.SimulationTests.Support;

namespace WinsockConformance.SimulationTests;

/// <summary>Schedules: the PRNG, the replay text, determinism, and shrinking.</summary>
public class SchedulerTests
{
    [Fact]
    public void SplitMix64_gives_its_published_sequence()
    {
        // The reference implementation (Vigna's splitmix64.c) from state 0.
        var prng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, prng.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, prng.Next());
        Assert.Equal(0x06C45D188009454FUL, prng.Next());
    }

    [Fact]
    public void Replay_text_round_trips()
    {
        var property = Prop.ForAll(
            Gen.ListOf(Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 40)))).ToArbitrary(),
            values =>
            {
                var parsed = Choices.Parse(Choices.Format(values))!;
                var trimmed = values.AsEnumerable().Reverse().SkipWhile(v => v == 0).Reverse().ToList();
                return parsed.SequenceEqual(trimmed.Count == 0 ? [0] : trimmed);
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
        Assert.Equal("0*4,1,0*3,1", Choices.Format([0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]));
        Assert.Null(Choices.Parse("1,x"));
    }

    [Fact]
    public void A_replayed_choice_list_is_clamped_and_runs_out_into_zeros()
    {
        var choices = Choices.Replay([5, 1]);
        Assert.Equal(1, choices.Choose(2, _ => 0));
        Assert.Equal(1, choices.Choose(4, _ => 3));
        Assert.Equal(0, choices.Choose(4, _ => 3));
        Assert.Equal([1, 1, 0], choices.Made);
    }

    [Fact]
    public void The_same_schedule_gives_the_same_run_byte_for_byte_ten_times()
    {
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","bytes":500}""", """{"do":"close"}""");
        var seedChoices = Simulated.Explore(Profiles.Windows, peer, SamplePrograms.DataLossFixed, schedules: 1, seed: 42);
        var first = Run(42);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(first, Run(42));
        }

        Assert.NotEqual(first, Run(43));
        _ = seedChoices;

        string Run(ulong seed) =>
            new SimulationRun(new RunSettings(Profiles.Windows, peer), Choices.Random(seed)).Execute(SamplePrograms.DataLossFixed).Record.Render();
    }

    [Fact]
    public void A_failing_schedule_shrinks_to_one_that_still_fails_with_the_same_oracle_and_is_no_bigger()
    {
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","bytes":100}""", """{"do":"close"}""");
        IProgramUnderTest program = new DelegateProgram("data-loss buggy", SamplePrograms.DataLossBuggy);
        var settings = new RunSettings(Profiles.Windows, peer);
        var failures = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var outcome = program.Run(settings, Choices.Random(seed));
            if (outcome.Verdict != RunVerdict.Failed)
            {
                continue;
            }

            failures++;
            var (smallest, _) = Shrinker.Shrink(outcome, c => program.Run(settings, Choices.Replay(c)));
            Assert.Equal(outcome.Failure!.Oracle, smallest.Failure!.Oracle);
            Assert.True(Shrinker.Size(smallest.Choices).CompareTo(Shrinker.Size(outcome.Choices)) <= 0);
            Assert.True(Shrinker.Size(smallest.Choices).NonZero == 1, $"seed {seed}: {Choices.Format(outcome.Choices)} -> {Choices.Format(smallest.Choices)}\n{smallest.Record.Render()}");

            // The printed replay reproduces the shrunk run exactly.
            var replayed = program.Run(settings, Choices.Replay(Choices.Parse(Choices.Format(smallest.Choices))!));
            Assert.Equal(smallest.Record.Render(), replayed.Record.Render());
        }

        Assert.True(failures > 5, $"only {failures} of 40 schedules failed");
    }

    [Fact]
    public void The_plain_schedule_delivers_the_peer_only_when_the_program_waits()
    {
        var peer = Simulated.Peer("""{"do":"accept","port":7}""", """{"do":"send","bytes":100}""", """{"do":"close"}""");

        // With every choice 0 the buggy CAsyncSocket-like client reads everything before the FIN arrives: it passes.
        Simulated.ShouldPass(Simulated.Run(Profiles.Windows, peer, SamplePrograms.DataLossBuggy));
    }
}
