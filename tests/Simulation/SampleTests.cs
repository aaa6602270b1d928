using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Samples;
using WinsockConformance.SimulationTests.Support;

namespace WinsockConformance.SimulationTests;

/// <summary>
/// samples/samples.jsonl holds: each buggy variant is caught, within the default number of schedules, by the oracle
/// that names its bug under the profile that exposes it (and passes under the others); each fixed variant passes
/// under every profile.
/// </summary>
public class SampleTests
{
    private static readonly IReadOnlyList<SampleSpec> s_catalog = SampleSpec.ReadCatalog(Path.Combine(Repository.Root, "samples", "samples.jsonl"));

    public static TheoryData<string, string> Variants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var s in s_catalog)
            {
                data.Add(s.Sample, s.Variant);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Each_variant_does_what_the_catalogue_says_under_every_profile(string sample, string variant)
    {
        var spec = s_catalog.Single(s => s.Sample == sample && s.Variant == variant);
        var result = SampleRunner.Run([spec], s => new DelegateProgram($"{s.Sample} {s.Variant}", () => WinsockConformance.Samples.SampleCatalog.Run([.. s.Arguments])), new ExplorationSettings()).Single();
        Assert.True(result.AsExpected, result.Line() + "\n" + string.Concat(result.Exploration.Profiles.Where(p => p.Reported is not null && !result.Matches(p)).Select(p => Simulated.Why(p.Reported!))));
    }

    [Fact]
    public void The_catalogue_has_a_buggy_and_a_fixed_variant_of_every_sample_and_every_buggy_one_is_caught_somewhere()
    {
        foreach (var name in WinsockConformance.Samples.SampleCatalog.Names)
        {
            Assert.Single(s_catalog, s => s.Sample == name && s.Variant == "fixed" && s.Caught.Count == 0);
            Assert.Single(s_catalog, s => s.Sample == name && s.Variant == "buggy" && s.Caught.Count > 0);
        }
    }

    [Fact]
    public void A_sample_runs_from_its_built_assembly_as_the_command_line_runs_it()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WinsockConformance.Samples.dll");
        var program = new ManagedProgram(path, ["data-loss", "buggy"]);
        Assert.True(program.Shared, program.Loading);
        var spec = s_catalog.Single(s => s.Sample == "data-loss" && s.Variant == "buggy");
        var result = SampleRunner.Run([spec], _ => program, new ExplorationSettings()).Single();
        Assert.True(result.AsExpected, result.Line());

        // A new load per run gives the same verdicts.
        var fresh = new ManagedProgram(path, ["data-loss", "buggy"], ProgramLoading.Fresh);
        var again = SampleRunner.Run([spec], _ => fresh, new ExplorationSettings { Schedules = 5 }).Single();
        Assert.Equal(result.Exploration.Profiles[0].Index, again.Exploration.Profiles[0].Index);
    }

    [Fact]
    public void A_file_that_is_not_a_program_cannot_be_started()
    {
        var notAProgram = Path.Combine(AppContext.BaseDirectory, "xunit.runner.json");
        File.WriteAllText(notAProgram, "{}");
        Assert.Throws<ProgramLoadException>(() => new ManagedProgram(notAProgram, []));
        Assert.Throws<ProgramLoadException>(() => new ManagedProgram("no/such/program.dll", []));
        Assert.Throws<ProgramLoadException>(() => new ManagedProgram(Path.Combine(AppContext.BaseDirectory, "WinsockConformance.Model.dll"), []));
    }
}
