using System.Text.Json;
using WinsockConformance.Cli;
using WinsockConformance.Generation;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Properties;

/// <summary>
/// The fuzz command end to end without a real stack: the model as the stack (nothing may disagree), and a
/// stand-in stack that follows a mutated wine-8 profile while claiming to be wine-8 (a disagreement must be
/// found, shrunk on that stack, saved and reported with exit code 1).
/// </summary>
public sealed class FuzzPipelineTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fuzz-tests-").FullName;

    /// <summary>
    /// The live differential property: on Windows the real ws2_32 is in this process, so 30 generated scenarios
    /// run on it here and none may disagree with the stack's profile. Elsewhere it says so and passes: under
    /// Linux the real stack is Wine's, reached by ./conformance fuzz (which .ci/run runs on 200 scenarios).
    /// </summary>
    [Fact]
    public void Live_differential_fuzz_where_a_real_stack_is_in_process()
    {
        if (!OperatingSystem.IsWindows())
        {
            output.WriteLine("No real ws2_32 in this process (not Windows): the live differential fuzz was NOT run here. "
                + "Run it under Wine with ./conformance fuzz --count 200 --seed 20261121 (.ci/run does).");
            return;
        }

        using var stack = new RealWinsock.Live.LiveStack(RealWinsock.Live.Settling.Default);
        var settings = new FuzzSettings
        {
            Seed = 20261121, Count = 30, Profile = stack.NativeProfile, CounterexampleDirectory = Path.Combine(_dir, "cx"),
            KnownFindings = KnownFindings.For(stack.NativeProfile),
        };
        var stdout = new StringWriter();
        var summary = new FuzzRun(new DifferentialRunner(stack, stack.NativeProfile), settings, string.Empty, CounterexampleText.Render, DifferenceText.Contradiction).Execute(stdout);
        output.WriteLine(stdout.ToString());
        Assert.True(summary.Passed, stdout.ToString());
    }

    [Fact]
    public void Model_only_fuzzing_passes_and_reports_its_rate()
    {
        var (code, stdout, _) = Cli("fuzz", "--model-only", "--count", "2000", "--seed", "11");
        Assert.Equal(ExitCodes.Conforms, code);
        Assert.Contains("2000 scenarios", stdout, StringComparison.Ordinal);
        Assert.Contains("scenarios/s", stdout, StringComparison.Ordinal);
        Assert.Contains("result: PASS", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_as_the_stack_conforms_and_writes_run_reports_with_a_fuzz_section()
    {
        var report = Path.Combine(_dir, "fuzz.json");
        var junit = Path.Combine(_dir, "fuzz.xml");
        var coverage = Path.Combine(_dir, "coverage.md");
        var (code, stdout, _) = Cli("fuzz", "--stack", "model", "--profile", "wine-8", "--count", "60", "--seed", "3",
            "--report", report, "--junit", junit, "--coverage", coverage, "--counterexamples", Path.Combine(_dir, "cx"));
        Assert.Equal(ExitCodes.Conforms, code);
        Assert.Contains("conforming 60", stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(60, json.RootElement.GetProperty("scenarios").GetInt32());
        Assert.Equal("3", json.RootElement.GetProperty("fuzz").GetProperty("seed").GetString());
        Assert.True(json.RootElement.GetProperty("fuzz").GetProperty("coverage").GetProperty("exercised").EnumerateObject().Any());
        Assert.Contains("<testsuite", File.ReadAllText(junit), StringComparison.Ordinal);
        Assert.Contains("## Not loopback-reachable", File.ReadAllText(coverage), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_bad_input()
    {
        Assert.Equal(ExitCodes.BadInput, Cli("fuzz", "--model-only", "--seed", "minus-one").Code);
        Assert.Equal(ExitCodes.BadInput, Cli("fuzz", "--stack", "model", "--count", "0").Code);
        Assert.Equal(ExitCodes.BadInput, Cli("fuzz", "--stack", "nonsense").Code);
    }

    [Fact]
    public void A_stack_with_a_wrong_rule_is_caught_shrunk_on_that_stack_and_saved()
    {
        // Given: a stack that claims wine-8 but posts FD_CLOSE at once on the peer's FIN (Windows' G1, not WINE-6)
        var mutant = Profiles.Wine8 with { Name = "wine-8-mutant", CloseTiming = CloseTiming.Immediately };
        using var stack = new ClaimingStack(mutant, Profiles.Wine8);
        var settings = new FuzzSettings { Seed = 7, Count = 200, Profile = Profiles.Wine8, CounterexampleDirectory = Path.Combine(_dir, "cx"), MaxDisagreements = 2 };
        var stdout = new StringWriter();

        // When
        var summary = new FuzzRun(new DifferentialRunner(stack, Profiles.Wine8), settings, " --stack mutant", CounterexampleText.Render, DifferenceText.Contradiction).Execute(stdout);

        // Then: caught, shrunk to a few steps that still disagree on the stack, saved, and the run fails
        Assert.False(summary.Passed);
        var found = Assert.Single(summary.Counterexamples.Take(1));
        Assert.InRange(found.Minimal.Count, 1, 8);
        Assert.True(File.Exists(found.ScenarioPath) && File.Exists(found.TracePath) && File.Exists(found.OriginalPath));
        var replayed = Checker.Check(TraceReader.ReadFile(found.TracePath), Profiles.Wine8);
        Assert.Equal(Verdict.Diverges, replayed.Verdict);
        var saved = TraceReader.ReadFile(found.ScenarioPath);
        Assert.Equal(found.Minimal.Count, saved.Steps.Count);
        Assert.NotEmpty(saved.Header.Rules);
        Assert.Contains("--seed 7 --start", found.Replay, StringComparison.Ordinal);
        Assert.Contains("shrunk from", stdout.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ConformanceCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The model under one profile, claiming to follow another: a stack with a wrong rule.</summary>
    private sealed class ClaimingStack(Profile behaves, Profile claims) : IScenarioStack
    {
        private readonly ModelStack _inner = new(behaves);

        public string Name => "mutant";

        public Profile NativeProfile => claims;

        public Provenance Provenance => _inner.Provenance;

        public void Capture(Trace scenario, TraceWriter writer) => _inner.Capture(scenario, writer);

        public void Dispose() => _inner.Dispose();
    }
}
