using WinsockConformance.Simulation.Native;
using WinsockConformance.Simulation.Native.Wine;

namespace WinsockConformance.Cli;

/// <summary>How the commands recognise and start a native program: a PE file without .NET metadata, run with the shim.</summary>
internal static class NativePrograms
{
    /// <summary>Runs at once by default: runs mostly wait on Wine's server and on wake-ups, so twice the cores keeps them busy.</summary>
    public static int DefaultJobs => Math.Clamp(2 * Environment.ProcessorCount, 2, 8);

    public static bool IsNative(string path) => File.Exists(path) && ProgramImage.Read(path) is { IsNative: true };

    /// <summary>The program under Wine on Linux (the settings ./conformance passes), natively on Windows.</summary>
    public static NativeProgram Create(string path, IReadOnlyList<string> arguments, string? shim) =>
        new(path, arguments, ShimFiles.Find(shim), OperatingSystem.IsWindows() ? null : WineSettings.FromEnvironment());
}
