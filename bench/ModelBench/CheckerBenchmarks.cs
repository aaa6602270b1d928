using BenchmarkDotNet.Attributes;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// The checker goal (≥ 100 MB/s of trace): the <c>check</c> command's path, file to verdict, over the
/// trace set of <see cref="BenchData.WriteTraces"/> (files in the page cache): Checker.CheckFile, which
/// checks each step as it is read. Reading a whole trace then checking it (the path before CheckFile),
/// reading alone and checking alone are also measured, to show where the time goes. Every figure is
/// per the whole set.
/// </summary>
[MemoryDiagnoser]
public class CheckerBenchmarks
{
    private readonly Profile _profile = Profiles.Windows;
    private string _directory = string.Empty;
    private IReadOnlyList<string> _files = [];
    private List<Trace> _parsed = [];

    [GlobalSetup(Targets = [nameof(ReadAndCheck), nameof(ReadThenCheck), nameof(ReadOnly)])]
    public void Setup()
    {
        _directory = Path.Combine(BenchData.TempDirectory(), "checker");
        (_files, _) = BenchData.WriteTraces(_directory, _profile);
    }

    /// <summary>Only CheckParsed holds the parsed set: ~70 MB of text is a few hundred MB of objects, which would tax the others' collections.</summary>
    [GlobalSetup(Target = nameof(CheckParsed))]
    public void SetupParsed()
    {
        Setup();
        _parsed = [.. _files.Select(TraceReader.ReadFile)];
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(BenchData.TempDirectory(), recursive: true);

    [Benchmark(Baseline = true)]
    public int ReadAndCheck()
    {
        var steps = 0;
        foreach (var file in _files)
        {
            steps += Conforming(Checker.CheckFile(file, _ => _profile));
        }

        return steps;
    }

    [Benchmark]
    public int ReadThenCheck()
    {
        var steps = 0;
        foreach (var file in _files)
        {
            steps += Conforming(Checker.Check(TraceReader.ReadFile(file), _profile));
        }

        return steps;
    }

    [Benchmark]
    public int ReadOnly()
    {
        var steps = 0;
        foreach (var file in _files)
        {
            steps += TraceReader.ReadFile(file).Steps.Count;
        }

        return steps;
    }

    [Benchmark]
    public int CheckParsed()
    {
        var steps = 0;
        foreach (var trace in _parsed)
        {
            steps += Conforming(Checker.Check(trace, _profile));
        }

        return steps;
    }

    /// <summary>The model's own trace must conform; anything else means the benchmark measures an early exit.</summary>
    private static int Conforming(CheckReport report) =>
        report.Verdict == Verdict.Conforms ? report.Steps : throw new InvalidOperationException($"{report.Source}: {report.Verdict}");
}
