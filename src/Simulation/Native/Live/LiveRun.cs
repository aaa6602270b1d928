using System.Diagnostics;
using WinsockConformance.Simulation.Native.Wine;
using WinsockConformance.Simulation.Network;

namespace WinsockConformance.Simulation.Native.Live;

/// <summary>How a native program fared on a real stack against a <see cref="LivePeer"/>.</summary>
/// <param name="ExitCode">The program's exit code; null when it was ended for taking too long.</param>
/// <param name="Elapsed">How long the program ran, start to exit (or to being ended).</param>
/// <param name="Output">What the program printed, line by line.</param>
/// <param name="PeerNotes">What the peer script did and saw, in order, for the report.</param>
internal sealed record LiveOutcome(int? ExitCode, TimeSpan Elapsed, IReadOnlyList<string> Output, IReadOnlyList<string> PeerNotes)
{
    public bool Passed => ExitCode == 0;

    /// <summary>"pass", "exit N: its last line", or "hang".</summary>
    public string Summary => ExitCode switch
    {
        0 => "pass",
        null => "HANG (ended after the time limit)",
        var code => $"FAIL exit {code}{(Output.Count > 0 ? ": " + Output[^1] : string.Empty)}",
    };
}

/// <summary>
/// Runs a native program on the real stack (under Wine, its own ws2_32; natively on Windows) against a peer script
/// played over loopback TCP: what the program does on the stack CI has, beside what the simulated profiles make of it.
/// "{port}" in the arguments becomes the peer's port.
/// </summary>
internal sealed class LiveRun(ProgramLauncher launcher)
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(20);

    public TimeSpan Limit { get; init; } = DefaultLimit;

    public LiveOutcome Run(string program, IReadOnlyList<string> arguments, PeerScript script)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var clock = Stopwatch.StartNew();
        using var peer = new LivePeer(script);
        var playing = peer.Play();
        using var process = launcher.Start(program, peer.Substitute(arguments), channel: null, overrideWs2_32: false);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        int? code = null;
        if (process.WaitForExit(Limit))
        {
            process.WaitForExit();
            code = process.ExitCode;
        }
        else
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        peer.Dispose();
        playing.Wait(TimeSpan.FromSeconds(5));
        var output = (stdout.Result + stderr.Result).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        return new LiveOutcome(code, clock.Elapsed, output, peer.Notes);
    }
}
