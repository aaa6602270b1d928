namespace WinsockConformance.CheckerTests.Support;

/// <summary>Files of the repository the tests run in (found by walking up to Conformance.sln).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Every *.jsonl under the given folders, as paths relative to the root with '/' separators, sorted.</summary>
    public static IEnumerable<string> JsonLinesFiles(params string[] folders) =>
        folders
            .Select(PathOf)
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.jsonl", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Conformance.sln above {AppContext.BaseDirectory}");
    }
}
