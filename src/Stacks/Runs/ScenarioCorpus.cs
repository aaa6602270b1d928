using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>A corpus as read: every scenario that could be read, and every file that could not (each with its file and line).</summary>
internal sealed record CorpusLoad(IReadOnlyList<(string Path, Trace Scenario)> Scenarios, IReadOnlyList<TraceReadException> Errors);

/// <summary>
/// Reads one scenario file, or every scenario file under a folder in a stable order, and checks all of them before
/// anything runs: a bad file does not stop the others from being read, and every problem is reported at once.
/// </summary>
internal static class ScenarioCorpus
{
    /// <summary>Every scenario of <paramref name="path"/>, and every file's problem; throws only when there is no corpus at all.</summary>
    public static CorpusLoad Load(string path)
    {
        var files = Files(path);
        var scenarios = new List<(string, Trace)>(files.Count);
        var errors = new List<TraceReadException>();
        foreach (var file in files)
        {
            try
            {
                scenarios.Add((file, TraceReader.ReadFile(file).AsScenario()));
            }
            catch (TraceReadException e)
            {
                errors.Add(e);
            }
        }

        return new CorpusLoad(scenarios, errors);
    }

    /// <summary>Every step that is impossible under <paramref name="profile"/>, each located (one per file: a file's later steps follow from its first bad one).</summary>
    public static IReadOnlyList<TraceReadException> Validate(IEnumerable<(string Path, Trace Scenario)> scenarios, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var errors = new List<TraceReadException>();
        foreach (var (_, scenario) in scenarios)
        {
            try
            {
                ModelStep.Run(scenario, profile);
            }
            catch (TraceReadException e)
            {
                errors.Add(e);
            }
        }

        return errors;
    }

    /// <summary>
    /// Where each scenario's trace goes under <paramref name="tracesDirectory"/>: its path relative to the corpus, under
    /// the corpus's own place below a <c>scenarios</c> folder when it has one (scenarios/message/x.jsonl and a run of
    /// scenarios/message alone both give message/x.jsonl). Names are unique within a corpus, so no trace overwrites another.
    /// </summary>
    public static IReadOnlyList<string> TracePaths(string corpus, IReadOnlyList<string> files, string tracesDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.GetFullPath(corpus);
        var single = File.Exists(root);
        var baseDirectory = single ? Path.GetDirectoryName(root)! : root;
        var prefix = BelowScenariosFolder(baseDirectory);
        var names = files.Select(f =>
        {
            var relative = Path.GetRelativePath(baseDirectory, Path.GetFullPath(f));
            return Path.Combine(tracesDirectory, prefix, Path.ChangeExtension(relative, ".jsonl"));
        }).ToList();
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? names : throw new InvalidOperationException($"two scenarios would write the same trace {duplicate.Key}");
    }

    private static List<string> Files(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new TraceReadException(path, 0, "no such scenario file or folder");
        }

        List<string> files;
        try
        {
            files = [.. Directory.EnumerateFiles(path, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceReadException(path, 0, $"the folder cannot be read: {e.Message}");
        }

        return files.Count == 0 ? throw new TraceReadException(path, 0, "the folder holds no *.jsonl scenario files") : files;
    }

    /// <summary>The part of <paramref name="directory"/> below its last <c>scenarios</c> folder ("" when it is one, or has none).</summary>
    private static string BelowScenariosFolder(string directory)
    {
        var parts = directory.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var at = Array.FindLastIndex(parts, p => p == "scenarios");
        return at < 0 ? string.Empty : Path.Combine([.. parts[(at + 1)..]]);
    }
}
