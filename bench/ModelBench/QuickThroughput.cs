using System.Diagnostics;
using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// <c>throughput</c>: the two figures in seconds, timed with a Stopwatch after a warm-up. Approximate
/// (no statistics, no isolation); BenchmarkDotNet gives the figures docs/benchmarks.md reports.
/// <c>model SECONDS</c>: the model fold alone, for a sampling profiler.
/// <c>walk SEED STEPS PROFILE</c>: writes a walk's model trace to stdout, to look at what is measured.
/// <c>bigtrace PATH GB</c>: writes one model trace of about GB gigabytes (<see cref="BigTrace"/>).
/// </summary>
internal static class QuickThroughput
{
    public static int Run(string[] args)
    {
        if (args.Length == 4 && args[0] == "walk")
        {
            var profile = BenchData.Profile(args[3]);
            var scenario = ScenarioWalk.Generate(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), profile);
            Console.Out.Write(new ModelStack(profile).TraceText(scenario, $"walk-{args[1]}"));
            return 0;
        }

        if (args.Length == 3 && args[0] == "bigtrace")
        {
            return BigTrace.Write(args[1], double.Parse(args[2], CultureInfo.InvariantCulture));
        }

        if (args.Length == 2 && args[0] == "model")
        {
            // The model fold alone, for this many seconds: for a sampling profiler (perf with DOTNET_PerfMapEnabled=1),
            // and for A/B runs on a shared machine, where the best and median fold say more than the mean.
            ModelSteps(TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture)), perFold: true);
            return 0;
        }

        ModelSteps(TimeSpan.FromSeconds(2));
        Checking();
        return 0;
    }

    private static void ModelSteps(TimeSpan budget, bool perFold = false)
    {
        var profile = Profiles.Windows;
        var inputs = BenchData.Scenario(profile).ToArray();
        Console.WriteLine($"scenario: {inputs.Length} steps (seed {BenchData.ScenarioSeed}, profile {profile.Name}); mix: {Mix(inputs)}");

        // Time-boxed: a second of warm-up (tiered JIT), then rounds for two seconds.
        Fold(profile, inputs, TimeSpan.FromSeconds(1));
        if (perFold)
        {
            var folds = TimedFolds(profile, inputs, budget);
            Console.WriteLine(FormattableString.Invariant(
                $"model:   best fold {inputs.Length / folds[0] / 1e6:F2} M steps/s, median fold {inputs.Length / folds[folds.Count / 2] / 1e6:F2} M steps/s ({folds.Count} folds)"));
            return;
        }

        var (rounds, elapsed) = Fold(profile, inputs, budget);
        var perSecond = (double)rounds * inputs.Length / elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"model:   {perSecond / 1e6:F2} M steps/s (goal 5; approximate)"));
    }

    /// <summary>Each fold's time in seconds, fastest first.</summary>
    private static List<double> TimedFolds(Profile profile, Input[] inputs, TimeSpan budget)
    {
        var folds = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < budget)
        {
            var start = Stopwatch.GetTimestamp();
            var state = ModelState.Initial(profile);
            foreach (var input in inputs)
            {
                state = WinsockModel.Step(state, input).State;
            }

            folds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        folds.Sort();
        return folds;
    }

    private static (int Rounds, TimeSpan Elapsed) Fold(Profile profile, Input[] inputs, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < budget)
        {
            var state = ModelState.Initial(profile);
            foreach (var input in inputs)
            {
                state = WinsockModel.Step(state, input).State;
            }

            rounds++;
        }

        return (rounds, clock.Elapsed);
    }

    private static void Checking()
    {
        var profile = Profiles.Windows;
        var directory = Path.Combine(BenchData.TempDirectory(), "throughput");
        try
        {
            var (files, bytes) = BenchData.WriteTraces(directory, profile);
            Console.WriteLine(FormattableString.Invariant($"traces:  {files.Count} files, {bytes / 1e6:F1} MB"));
            CheckAll(files, profile);
            var clock = Stopwatch.StartNew();
            const int rounds = 3;
            for (var r = 0; r < rounds; r++)
            {
                CheckAll(files, profile);
            }

            clock.Stop();
            var perSecond = rounds * bytes / clock.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant($"checker: {perSecond / 1e6:F1} MB/s of trace, read and checked (goal 100; approximate)"));
        }
        finally
        {
            Directory.Delete(BenchData.TempDirectory(), recursive: true);
        }
    }

    private static void CheckAll(IReadOnlyList<string> files, Profile profile)
    {
        foreach (var file in files)
        {
            var report = Checker.CheckFile(file, _ => profile);
            if (report.Verdict != Verdict.Conforms)
            {
                throw new InvalidOperationException($"{file}: {report.Verdict} at step {report.FirstDivergence?.Step}");
            }
        }
    }

    private static string Mix(IReadOnlyList<Input> inputs) =>
        string.Join(", ", inputs.GroupBy(i => i.Op).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
}
