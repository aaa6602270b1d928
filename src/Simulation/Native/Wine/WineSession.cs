using System.Diagnostics;

namespace WinsockConformance.Simulation.Native.Wine;

/// <summary>
/// Keeps one Wine session warm for a whole exploration: the keeper (native/keeper/keeper.c) is a process that holds the
/// desktop and never exits, so the wineserver and explorer stay up between runs and each run pays only its own process
/// start. Started once and waited for (its "ready" line: runs started before the session was up failed); ended by
/// killing the keeper, after which Wine's server ends by itself a few seconds later, as it always does.
/// </summary>
internal sealed class WineSession : IDisposable
{
    private readonly Process _keeper;

    public WineSession(ProgramLauncher launcher, string keeper)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        _keeper = launcher.Start(keeper, [], channel: null, overrideWs2_32: false);
        _ = _keeper.StandardError.ReadToEndAsync();
        var ready = _keeper.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(120)) || ready.Result != "ready")
        {
            var said = ready.IsCompleted ? ready.Result ?? "nothing (it ended)" : "nothing within 120 s";
            Dispose();
            throw new Running.ProgramLoadException($"the Wine session did not come up: the keeper said {said}");
        }

        _ = _keeper.StandardOutput.ReadToEndAsync();
    }

    public void Dispose()
    {
        try
        {
            _keeper.Kill(entireProcessTree: true);
            _keeper.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It ended by itself.
        }

        _keeper.Dispose();
    }
}
