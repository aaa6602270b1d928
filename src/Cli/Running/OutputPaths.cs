namespace WinsockConformance.Cli;

/// <summary>
/// Checks, before a run starts, that every place it will write to can be written: a report path that cannot be written
/// is bad input (exit 2) found in a second, not after a full run has printed PASS. Missing parent folders are made.
/// </summary>
internal static class OutputPaths
{
    /// <summary>A file the run writes at its end (--report, --junit, --coverage): its folder must take a new file.</summary>
    public static void RequireWritableFile(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0 || Directory.Exists(path))
        {
            throw new UsageException($"{option} '{path}': expected a file path, not {(path.Length == 0 ? "an empty name" : "a folder")}");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Probe(option, path, folder);
    }

    /// <summary>A folder the run writes files into (--traces, --counterexamples): made if missing, and must take a new file.</summary>
    public static void RequireWritableFolder(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0 || File.Exists(path))
        {
            throw new UsageException($"{option} '{path}': expected a folder, not {(path.Length == 0 ? "an empty name" : "a file")}");
        }

        Probe(option, path, Path.GetFullPath(path));
    }

    private static void Probe(string option, string given, string folder)
    {
        var probe = Path.Combine(folder, $".conformance-write-test.{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option} '{given}': cannot write there: {e.Message}");
        }
    }
}
