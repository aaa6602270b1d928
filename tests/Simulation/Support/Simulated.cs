using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Oracles;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.SimulationTests.Support;

/// <summary>Runs a program body on the simulated stack: one schedule, or an exploration.</summary>
internal static class Simulated
{
    public const string Header = "{\"format\":\"wsaasyncselect-peer\",\"version\":1,\"name\":\"test\"}";

    /// <summary>A peer script from its action lines (the header is added).</summary>
    public static PeerScript Peer(params string[] actions) => PeerScriptReader.Read(string.Join('\n', [Header, .. actions]), "test.jsonl");

    /// <summary>One run with the plain schedule (every choice 0: the peer acts only when the program waits), or the given choices.</summary>
    public static RunOutcome Run(Profile profile, PeerScript peer, Func<int> main, IReadOnlyList<int>? choices = null, int budget = RunSettings.DefaultBudget) =>
        new SimulationRun(new RunSettings(profile, peer, budget), Choices.Replay(choices ?? [])).Execute(main);

    public static ProfileResult Explore(Profile profile, PeerScript peer, Func<int> main, int schedules = ExplorationSettings.DefaultSchedules, ulong seed = 1) =>
        Exploration.ExploreProfile(new DelegateProgram("test", main), new RunSettings(profile, peer), new ExplorationSettings { Schedules = schedules, Seed = seed });

    /// <summary>The outcome's story, for assertion messages.</summary>
    public static string Why(RunOutcome outcome) =>
        $"{outcome.Verdict}: {outcome.Failure?.Oracle.Id} {outcome.Failure?.Detail} {outcome.Problem}\n{outcome.Record.Render()}";

    public static void ShouldPass(RunOutcome outcome) => Assert.True(outcome.Verdict == RunVerdict.Passed, Why(outcome));

    public static void ShouldFail(RunOutcome outcome, Oracle oracle) =>
        Assert.True(outcome.Verdict == RunVerdict.Failed && outcome.Failure!.Oracle == oracle, $"expected {oracle.Id}; " + Why(outcome));
}
