namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// How long the probe waits for a step's effects. Messages are posted asynchronously (by the
/// wineserver, or Windows' provider), so after each step the probe waits until what the model
/// predicts has arrived and then a short quiet period more, to catch anything unpredicted; if the
/// prediction never arrives it gives up at <see cref="MaxWait"/> and records a timeout. The quiet
/// period is the price of every step; the bound is paid only where model and stack disagree.
/// Measured under Wine 8 (docs/benchmarks.md): nearly every message is visible at the first peek,
/// re-posts after a partial recv follow within 0.1 ms, descheduling spikes reach about 15 ms.
/// </summary>
/// <param name="Quiet">How long to keep listening once the predicted effects have arrived.</param>
/// <param name="MaxWait">How long to wait for predicted effects that do not come (recorded as a timeout).</param>
/// <param name="StepTimeout">How long one call may block before the watchdog releases it and abandons the scenario.</param>
internal sealed record Settling(TimeSpan Quiet, TimeSpan MaxWait, TimeSpan StepTimeout)
{
    public static Settling Default { get; } = new(TimeSpan.FromMilliseconds(6), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(5));
}
