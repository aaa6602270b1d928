using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>The repository the tests run in: its root (found from the test binaries, so no absolute path is baked in), the scenario files, and the docs.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SnapshotFolder => Full("tests/Snapshots/" + SnapshotConventions.Folder);

    /// <summary>An absolute path for a path relative to the repository root, written with '/'.</summary>
    public static string Full(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Every scenario file, relative to the root with '/', sorted.</summary>
    public static IReadOnlyList<string> ScenarioPaths() =>
        [.. Directory.EnumerateFiles(Full("scenarios"), "*.jsonl", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>Reads a scenario; its source is the relative path, so no absolute path reaches a snapshot or message.</summary>
    public static CatalogueEntry Load(string relative) => new(relative, TraceReader.Read(relative, File.ReadAllLines(Full(relative))));

    /// <summary>Every captured trace under a folder, sorted, each with its repository-relative path as source.</summary>
    public static IReadOnlyList<Trace> Captures(string folder) =>
        [.. Directory.EnumerateFiles(Full(folder), "*.jsonl", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(relative => TraceReader.Read(relative, File.ReadAllLines(Full(relative))))];

    public static IReadOnlyList<CatalogueEntry> Catalogue() => [.. ScenarioPaths().Select(Load)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Conformance.sln above {AppContext.BaseDirectory}: run the tests from inside the repository");
    }
}
