using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>Reads one scenario file, or every scenario file under a folder in a stable order.</summary>
internal static class ScenarioCorpus
{
    public static IReadOnlyList<(string Path, Trace Scenario)> Load(string directory)
    {
        if (File.Exists(directory))
        {
            return [(directory, TraceReader.ReadFile(directory).AsScenario())];
        }

        if (!Directory.Exists(directory))
        {
            throw new TraceReadException(directory, 0, "no such scenario file or folder");
        }

        var files = Directory.EnumerateFiles(directory, "*.jsonl", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new TraceReadException(directory, 0, "the folder holds no *.jsonl scenario files");
        }

        return [.. files.Select(f => (f, TraceReader.ReadFile(f).AsScenario()))];
    }
}
