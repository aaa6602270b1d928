using System.CommandLine;
using System.Globalization;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Samples;

namespace WinsockConformance.Cli;

/// <summary>
/// samples: runs every sample variant of samples/samples.jsonl on the simulated Winsock under every profile and
/// prints one line per variant: the C# wrappers (samples/Wrappers), then, given --native-program, the same catalogue
/// on the C wrappers (native/samples, under Wine with the shim). Exit 1 when a buggy variant goes uncaught (or is
/// caught by another oracle or under another profile) or a fixed one fails.
/// </summary>
internal static class SamplesCommand
{
    private const string DefaultCatalog = "samples/samples.jsonl";

    /// <summary>Fewer schedules for the C samples than the C# ones (a run is a process: about 100 ms of CPU, not 10 µs): enough for every buggy variant.</summary>
    private const int DefaultNativeSchedules = 30;

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
        var nativeProgram = new Option<string?>("--native-program") { Description = "The C samples' program (native/build.sh's native-samples.exe): run the catalogue on it too, under Wine with the shim" };
        var nativeSchedules = new Option<int>("--native-schedules") { Description = "Schedules per profile for the C samples (each run is a process)", DefaultValueFactory = _ => DefaultNativeSchedules };
        var shim = new Option<string?>("--shim") { Description = "The ws2_32 shim's folder (default: WSASIM_SHIM, or the native program's own folder)" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Native runs at once", DefaultValueFactory = _ => NativePrograms.DefaultJobs };
        var managedOnly = new Option<bool>("--managed-only") { Description = "Only the C# samples" };
        var live = new Option<int>("--live") { Description = "Instead: run each C sample variant N times on the real stack (Wine's own ws2_32) against its peer over loopback, to show which bugs the real stack hides" };
        var command = new Command("samples", "Run every sample wrapper variant on the simulated Winsock under every profile: buggy ones must be caught as samples/samples.jsonl says, fixed ones must pass.")
        {
            catalog, programPath, schedules, seed, nativeProgram, nativeSchedules, shim, jobs, managedOnly, live,
        };
        command.SetAction(parse => Guard.Run(stderr, () => SimulateCommand.Simulation(stderr, () =>
        {
            var specs = SampleSpec.ReadCatalog(parse.GetValue(catalog)!);
            if (parse.GetValue(live) is var runs and > 0)
            {
                var liveExe = parse.GetValue(nativeProgram) ?? throw new UsageException("--live needs --native-program (./conformance samples --live N passes it)");
                return Live(stdout, specs, Path.GetFullPath(liveExe), runs, parse.GetValue(shim));
            }

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
                stdout.WriteLine(result.Line("managed"));
                unexpected += result.AsExpected ? 0 : 1;
                count++;
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"managed: {settings.Schedules} schedules per profile, seed {settings.Seed}, {clock.Elapsed.TotalSeconds:0.0} s"));
            if (parse.GetValue(nativeProgram) is { } exe && !parse.GetValue(managedOnly))
            {
                clock.Restart();
                var nativeSettings = settings with
                {
                    Schedules = Math.Max(1, parse.GetValue(nativeSchedules)),
                    Jobs = Math.Max(1, parse.GetValue(jobs)),
                };
                using var native = NativePrograms.Create(exe, [], parse.GetValue(shim) ?? Environment.GetEnvironmentVariable("WSASIM_SHIM") ?? Path.GetDirectoryName(Path.GetFullPath(exe)));
                foreach (var result in SampleRunner.Run(specs, spec => native.WithArguments(spec.Arguments), nativeSettings))
                {
                    stdout.WriteLine(result.Line("native"));
                    unexpected += result.AsExpected ? 0 : 1;
                    count++;
                }

                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"native: {nativeSettings.Schedules} schedules per profile, {nativeSettings.Jobs} runs at once, {clock.Elapsed.TotalSeconds:0.0} s; {native.Timings}"));
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} variant(s), {count - unexpected} as expected, {unexpected} unexpected"));
            return unexpected == 0 ? ExitCodes.Conforms : ExitCodes.Diverges;
        })));
        return command;
    }

    /// <summary>
    /// Each C sample variant on the real stack, <paramref name="runs"/> times: a buggy variant that passes there is a bug
    /// the real stack hides (the simulated profiles named in the catalogue catch it). Exit 1 only when a fixed variant fails.
    /// </summary>
    private static int Live(TextWriter stdout, IReadOnlyList<SampleSpec> specs, string exe, int runs, string? shim)
    {
        using var live = LivePrograms.Start(shim);
        var fixedFailed = 0;
        foreach (var spec in specs)
        {
            var script = PeerScriptReader.ReadFile(spec.PeerPath);
            var outcomes = Enumerable.Range(0, runs).Select(_ => live.Run.Run(exe, [.. spec.Arguments, "{port}"], script)).ToList();
            var passed = outcomes.Count(o => o.Passed);
            var buggy = spec.Caught.Count > 0;
            fixedFailed += !buggy && passed < runs ? 1 : 0;
            var verdict = buggy
                ? passed == runs ? "HIDDEN on the real stack" : passed == 0 ? "shows on the real stack" : "shows on the real stack sometimes"
                : passed == runs ? "ok" : "UNEXPECTED";
            var failures = string.Join("; ", outcomes.Where(o => !o.Passed).Select(o => o.Summary).Distinct().Take(2));
            var simulated = buggy ? string.Join(", ", spec.Caught.Select(c => $"{c.Value} under {c.Key}")) : "passes everywhere";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"live    {spec.Sample,-19} {spec.Variant,-6} {passed}/{runs} passed, {outcomes.Average(o => o.Elapsed.TotalSeconds):0.0} s a run: {verdict,-34} simulated: {simulated}{(failures.Length > 0 ? " | " + failures : string.Empty)}"));
        }

        return fixedFailed == 0 ? ExitCodes.Conforms : ExitCodes.Diverges;
    }
}
