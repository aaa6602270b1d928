using System.Diagnostics;

namespace WinsockConformance.Simulation.Native.Wine;

/// <summary>
/// Starts a Windows program: under Wine on Linux (with the session's prefix, the shim's channel, and the DLL override
/// when the shim stands in for ws2_32), natively on Windows. Its standard input is empty; its output is collected.
/// </summary>
internal sealed class ProgramLauncher(WineSettings? wine)
{
    /// <summary>Whether programs run under Wine (Linux) or natively (Windows).</summary>
    public bool UnderWine => wine is not null;

    /// <summary>Starts a Windows program, under Wine when there is one, with its output redirected.</summary>
    /// <param name="program">The program's path.</param>
    /// <param name="arguments">Its command-line arguments.</param>
    /// <param name="channel">WSASIM_CHANNEL for the shim; null for a program that must not find one (the keeper, a real-stack run).</param>
    /// <param name="overrideWs2_32">Load the ws2_32.dll beside the program (the shim) instead of Wine's own.</param>
    public Process Start(string program, IEnumerable<string> arguments, string? channel, bool overrideWs2_32)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(wine?.Loader ?? program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (wine is not null)
        {
            info.ArgumentList.Add(program);
            info.Environment["WINEPREFIX"] = wine.Prefix;
            info.Environment["WINEDEBUG"] = wine.Debug;
            if (wine.Server is not null)
            {
                info.Environment["WINESERVER"] = wine.Server;
            }

            // The session's own processes (the keeper, and through it explorer and services) must load Wine's ws2_32.
            var overrides = (Environment.GetEnvironmentVariable("WINEDLLOVERRIDES") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Where(o => !o.StartsWith("ws2_32=", StringComparison.OrdinalIgnoreCase)).ToList();
            if (overrideWs2_32)
            {
                overrides.Add("ws2_32=n");
            }

            info.Environment["WINEDLLOVERRIDES"] = string.Join(';', overrides);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (channel is null)
        {
            info.Environment.Remove("WSASIM_CHANNEL");
        }
        else
        {
            info.Environment["WSASIM_CHANNEL"] = channel;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        process.StandardInput.Close();
        return process;
    }
}
