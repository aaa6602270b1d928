using System.Globalization;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// The folder a native program runs from: links to everything beside the program (so the DLLs and files it finds next
/// to itself are still there), and the shim as ws2_32.dll and wsasim.dll, which Windows and Wine look for beside the
/// program first. The program's own folder is left as it was; this one goes when the exploration ends.
/// </summary>
internal sealed class ProgramStage : IDisposable
{
    private static int s_next;

    public ProgramStage(string program, ShimFiles shim)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(shim);
        Folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"wsasim-stage-{Environment.ProcessId}-{Interlocked.Increment(ref s_next)}"));
        Directory.CreateDirectory(Folder);
        var source = Path.GetDirectoryName(Path.GetFullPath(program))!;
        foreach (var entry in Directory.EnumerateFileSystemEntries(source).Take(10_000))
        {
            var name = Path.GetFileName(entry);
            if (!IsShim(name))
            {
                File.CreateSymbolicLink(Path.Combine(Folder, name), entry);
            }
        }

        File.CreateSymbolicLink(Path.Combine(Folder, "ws2_32.dll"), shim.Ws2_32);
        File.CreateSymbolicLink(Path.Combine(Folder, "wsasim.dll"), shim.Wsasim);
        Program = Path.Combine(Folder, Path.GetFileName(program));
    }

    public string Folder { get; }

    /// <summary>The program's path in the stage.</summary>
    public string Program { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A Wine process of the last run may still be closing: the temp folder is left to the system's cleaning.
        }
    }

    private static bool IsShim(string name) =>
        string.Equals(name, "ws2_32.dll", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "wsasim.dll", StringComparison.OrdinalIgnoreCase);
}
