namespace WinsockConformance.CheckerTests.Support;

/// <summary>Hand-written scenario and trace files in a temporary folder, deleted afterwards.</summary>
public sealed class TraceFiles : IDisposable
{
    public const string ScenarioHeader = """{"format":"wsaasyncselect-trace","version":1,"kind":"scenario"}""";
    public const string TraceHeader = """{"format":"wsaasyncselect-trace","version":1,"kind":"trace"}""";
    public const string CompleteEnd = """{"end":"complete"}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("checker-tests-").FullName;

    /// <summary>Writes the lines (LF-terminated) to a new file and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    public string PathOf(string name) => Path.Combine(_folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
