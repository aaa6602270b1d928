using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// The inputs every benchmark uses, generated deterministically (ScenarioWalk with fixed seeds), so
/// figures from different runs and machines measure the same work.
/// </summary>
public static class BenchData
{
    /// <summary>The scenario length for the model-step goal.</summary>
    public const int ScenarioSteps = 10_000;

    public const int ScenarioSeed = 1;

    /// <summary>
    /// The checker's input: this many walks of <see cref="ScenarioSteps"/> steps, each written as the
    /// model's own trace. One walk is ~1.5 MB; 48 make ~70 MB, large enough that per-file costs vanish.
    /// Several walks rather than one long one, because a state keeps every socket ever created and
    /// one 500,000-step walk would measure that growth rather than the checker.
    /// </summary>
    public const int TraceWalks = 48;

    public const int FirstTraceSeed = 1000;

    public static Profile Profile(string name) =>
        Profiles.Find(name) ?? throw new ArgumentException($"unknown profile '{name}'", nameof(name));

    public static IReadOnlyList<Input> Scenario(Profile profile) => ScenarioWalk.Generate(ScenarioSeed, ScenarioSteps, profile);

    /// <summary>Writes the trace set into <paramref name="directory"/> and returns the files and their total size.</summary>
    public static (IReadOnlyList<string> Files, long Bytes) WriteTraces(string directory, Profile profile)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        long bytes = 0;
        for (var k = 0; k < TraceWalks; k++)
        {
            var seed = FirstTraceSeed + k;
            var text = new ModelStack(profile).TraceText(ScenarioWalk.Generate(seed, ScenarioSteps, profile), $"walk-{seed}");
            var path = Path.Combine(directory, $"walk-{seed}.jsonl");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            files.Add(path);
            bytes += new FileInfo(path).Length;
        }

        return (files, bytes);
    }

    /// <summary>A fresh directory under the temp path, one per process, removed by the caller.</summary>
    public static string TempDirectory() =>
        Path.Combine(Path.GetTempPath(), $"winsock-modelbench-{Environment.ProcessId}");
}
