using WinsockConformance.Simulation.Running;

namespace WinsockConformance.Simulation.Api;

/// <summary>Time, simulated: Sleep lets the peer act (or not) and advances the clock; GetTickCount reads it.</summary>
public static class Kernel32
{
    /// <summary>Sleep: lets the schedule run the peer (or not) and advances the simulated clock by <paramref name="dwMilliseconds"/>; Sleep(0) only yields.</summary>
    public static void Sleep(int dwMilliseconds)
    {
        var run = SimulationRun.Current;
        run.Driver.DecisionPoint(nameof(Sleep));
        if (dwMilliseconds != 0)
        {
            run.Driver.Wait(static () => false, Math.Max(dwMilliseconds, 1), nameof(Sleep));
        }
    }

    /// <summary>GetTickCount: the simulated clock, in milliseconds since the run started.</summary>
    public static uint GetTickCount() => (uint)SimulationRun.Current.Driver.Now;

    /// <summary>GetTickCount64: the simulated clock, in milliseconds since the run started.</summary>
    public static ulong GetTickCount64() => (ulong)SimulationRun.Current.Driver.Now;
}
