namespace WinsockConformance.Simulation.Native.Wine;

/// <summary>
/// Which Wine runs native programs, and where: the loader, the prefix, the debug channels. ./conformance sets these from
/// its stack choice (the system's Wine 8 by default, or --wine DIR); without it, wine from PATH and the usual prefix.
/// </summary>
internal sealed record WineSettings(string Loader, string? Server, string Prefix, string Debug)
{
    /// <summary>Wine's messages about DLLs it cannot load stay on (they explain a program that does not start); the rest are off.</summary>
    public const string DefaultDebug = "-all,err+module";

    /// <summary>From WSASIM_WINE (the loader), WINESERVER, WINEPREFIX and WSASIM_WINEDEBUG, with defaults.</summary>
    public static WineSettings FromEnvironment()
    {
        var loader = Environment.GetEnvironmentVariable("WSASIM_WINE") is { Length: > 0 } l ? l : "wine";
        var server = Environment.GetEnvironmentVariable("WINESERVER") is { Length: > 0 } s ? s : null;
        var prefix = Environment.GetEnvironmentVariable("WINEPREFIX") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".wine");
        var debug = Environment.GetEnvironmentVariable("WSASIM_WINEDEBUG") is { Length: > 0 } d ? d : DefaultDebug;
        return new WineSettings(loader, server, prefix, debug);
    }
}
