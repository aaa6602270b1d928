using System.CommandLine;
using System.Globalization;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Samples;

namespace WinsockConformance.Cli;

/// <summary>
/// samples: runs every sample variant of samples/samples.jsonl on the simulated Winsock under every profile and
/// prints one line per variant. Exit 1 when a buggy variant goes uncaught (or is caught by another oracle or under
/// another profile) or a fixed one fails.
/// </summary>
internal static class SamplesCommand
{
    private const string DefaultCatalog = "samples/samples.jsonl";

    private static readonly string[] s_builds =
    [
        "samples/Wrappers/bin/Release/net10.0/WinsockConformance.Samples.dll",
        "samples/Wrappers/bin/Debug/net10.0/WinsockConformance.Samples.dll",
    ];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var catalog = new Option<string>("--catalog") { Description = "The sample catalogue", DefaultValueFactory = _ => DefaultCatalog };
        var programPath = new Option<string?>("--program") { Description = "The samples' program (default: the Release, then Debug, build under samples/Wrappers)" };
        var schedules = new Option<int>("--schedules", "-n") { Description = "Schedules per profile", DefaultValueFactory = _ => ExplorationSettings.DefaultSchedules };
        var seed = new Option<string>("--seed", "-s") { Description = "Seed", DefaultValueFactory = _ => "1" };
        var command = new Command("samples", "Run every sample wrapper variant on the simulated Winsock under every profile: buggy ones must be caught as samples/samples.jsonl says, fixed ones must pass.")
        {
            catalog, programPath, schedules, seed,
        };
        command.SetAction(parse => Guard.Run(stderr, () => SimulateCommand.Simulation(stderr, () =>
        {
            var specs = SampleSpec.ReadCatalog(parse.GetValue(catalog)!);
            var path = parse.GetValue(programPath) ?? s_builds.FirstOrDefault(File.Exists)
                ?? throw new ProgramLoadException($"no build of the samples found ({string.Join(", ", s_builds)}); build them with: dotnet build samples/Wrappers -c Release");
            var settings = new ExplorationSettings
            {
                Schedules = Math.Max(1, parse.GetValue(schedules)),
                Seed = SimulateCommand.ParseSeed(parse.GetValue(seed)!),
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var unexpected = 0;
            var count = 0;
            foreach (var result in SampleRunner.Run(specs, spec => new ManagedProgram(path, spec.Arguments), settings))
            {
                stdout.WriteLine(result.Line());
                unexpected += result.AsExpected ? 0 : 1;
                count++;
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} variant(s), {count - unexpected} as expected, {unexpected} unexpected; {settings.Schedules} schedules per profile, seed {settings.Seed}, {clock.Elapsed.TotalSeconds:0.0} s"));
            return unexpected == 0 ? ExitCodes.Conforms : ExitCodes.Diverges;
        })));
        return command;
    }
}
