namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// How the probe knows a step's effects are complete. Messages are posted asynchronously (by the wineserver, or
/// Windows' provider), so after each step the probe waits until what the model predicts has arrived and then makes
/// sure nothing else is coming, in one of two ways:
/// <list type="bullet">
/// <item>Under Wine, by the server's ordering (<see cref="OrderedSettler"/>): a few requests to the wineserver, each
/// sent after the previous one's reply, cannot all be answered before the server has handled the socket readiness the
/// step left in the kernel; no timer (docs/settling.md).</item>
/// <item>With <see cref="Quiet"/> set, or on Windows, by a quiet period (<see cref="TimedSettler"/>): listening that
/// long more for anything unpredicted.</item>
/// </list>
/// If the prediction never arrives the probe gives up at <see cref="MaxWait"/> and records a timeout: the bound is paid
/// only where model and stack disagree.
/// </summary>
/// <param name="Quiet">A quiet period to use on every stack (timed settling), or null for the stack's own way.</param>
/// <param name="NativeQuiet">The quiet period where the stack offers no ordering to rely on (Windows).</param>
/// <param name="MaxWait">How long to wait for predicted effects that do not come (recorded as a timeout).</param>
/// <param name="StepTimeout">How long a step may go without progress (a call blocked, the peer reading nothing) before the watchdog releases it and abandons the scenario.</param>
internal sealed record Settling(TimeSpan? Quiet, TimeSpan NativeQuiet, TimeSpan MaxWait, TimeSpan StepTimeout)
{
    /// <summary>
    /// run's: the server's ordering under Wine; 6 ms of quiet on Windows. Measured under Wine 8 with timed settling
    /// (docs/benchmarks.md): nearly every message is visible at the first peek, re-posts after a partial recv follow
    /// within 0.1 ms, descheduling spikes reach about 15 ms.
    /// </summary>
    public static Settling Default { get; } = new(null, TimeSpan.FromMilliseconds(6), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(5));

    /// <summary>The settling a command asked for: <paramref name="quietMs"/> forces timed settling with that quiet period.</summary>
    public static Settling Choose(int? quietMs, TimeSpan nativeQuiet) =>
        Default with { Quiet = quietMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, NativeQuiet = nativeQuiet };
}
