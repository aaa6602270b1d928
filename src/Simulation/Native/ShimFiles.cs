namespace WinsockConformance.Simulation.Native;

/// <summary>
/// The built native side (native/build.sh's output folder; ./conformance builds it into .cache/shim-HASH): the shim as
/// ws2_32.dll and as wsasim.dll, and the keeper.
/// </summary>
internal sealed record ShimFiles(string Folder)
{
    public string Ws2_32 => Path.Combine(Folder, "ws2_32.dll");

    public string Wsasim => Path.Combine(Folder, "wsasim.dll");

    public string Keeper => Path.Combine(Folder, "keeper.exe");

    /// <summary>The folder given by --shim or WSASIM_SHIM, checked.</summary>
    public static ShimFiles Find(string? folder)
    {
        folder ??= Environment.GetEnvironmentVariable("WSASIM_SHIM");
        if (string.IsNullOrEmpty(folder))
        {
            throw new Running.ProgramLoadException("a native program needs the ws2_32 shim: run it through ./conformance simulate (which builds it with MinGW), or give --shim DIR (native/build.sh DIR builds one)");
        }

        var files = new ShimFiles(Path.GetFullPath(folder));
        foreach (var file in new[] { files.Ws2_32, files.Wsasim, files.Keeper })
        {
            if (!File.Exists(file))
            {
                throw new Running.ProgramLoadException($"{file}: missing (build the shim with native/build.sh {folder})");
            }
        }

        return files;
    }
}
