using System.Diagnostics;

namespace ShimPrototype.Harness;

/// <summary>
/// Keeps one Wine session warm for a whole exploration: a persistent wineserver and a keeper process that holds the
/// desktop (explorer.exe), so a run pays only its own process start. Ends both when disposed.
/// </summary>
internal sealed class WineSession : IDisposable
{
    private readonly Process _keeper;

    public WineSession(string keeperExe)
    {
        using (var server = Process.Start("wineserver", "-p") ?? throw new InvalidOperationException("wineserver did not start"))
        {
            server.WaitForExit();
        }

        var info = new ProcessStartInfo("wine")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(keeperExe);
        info.Environment["WINEDEBUG"] = "-all";
        info.Environment.Remove("WINEDLLOVERRIDES");
        _keeper = Process.Start(info) ?? throw new InvalidOperationException("the keeper did not start");
        _keeper.StandardError.ReadToEndAsync();
        var ready = _keeper.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(60)) || ready.Result != "ready")
        {
            throw new InvalidOperationException($"the Wine session did not come up (keeper said: {(ready.IsCompleted ? ready.Result : "nothing")})");
        }

        _keeper.StandardOutput.ReadToEndAsync();
    }

    public void Dispose()
    {
        _keeper.Kill(entireProcessTree: true);
        _keeper.WaitForExit();
        _keeper.Dispose();
        using var kill = Process.Start("wineserver", "-k");
        kill?.WaitForExit();
    }
}
