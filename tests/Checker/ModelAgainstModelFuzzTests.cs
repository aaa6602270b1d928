using WinsockConformance.CheckerTests.Support;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The model of one stack fuzzed against another profile (<c>fuzz --stack model:wine-8 --profile windows</c>) finds
/// where the two profiles differ, shrinks it, and never calls a generated scenario bad input: a step the stand-in's
/// profile calls impossible ends its trace there (inconclusive), as the real stack's lockstep treats such a step as a
/// finding.
/// </summary>
public sealed class ModelAgainstModelFuzzTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "model-fuzz-" + Guid.NewGuid().ToString("N"));

    public ModelAgainstModelFuzzTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Fuzzing_wine_8s_model_against_windows_finds_and_shrinks_differences_instead_of_refusing_input()
    {
        // Given the Wine 8 model as the stack and windows as the judge
        var counterexamples = Path.Combine(_folder, "cx");

        // When 300 scenarios of seed 1 are fuzzed (the first generated one already has a step Wine 8 refuses)
        var run = ProbeRun.Of(
            "fuzz", "--stack", "model:wine-8", "--profile", "windows", "--count", "300", "--seed", "1", "--max-disagreements", "2",
            "--counterexamples", counterexamples);

        // Then the run ends with disagreements (exit 1), not bad input (exit 2), shrunk on the stand-in and saved
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("shrunk on model-wine-8", run.Out, StringComparison.Ordinal);
        var shrunk = Directory.GetFiles(counterexamples, "*.jsonl").Where(f => !f.EndsWith(".original.jsonl", StringComparison.Ordinal) && !f.EndsWith(".trace.jsonl", StringComparison.Ordinal));
        Assert.Equal(2, shrunk.Count());
    }
}
