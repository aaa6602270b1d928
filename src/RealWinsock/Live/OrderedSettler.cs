using WinsockConformance.Model;
using WinsockConformance.Traces;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Settling by the wineserver's ordering: once the step's call has returned, its effects on the sockets are in the
/// kernel (loopback delivers within the sending call, close and shutdown act before they return), and after the
/// <see cref="ServerBarrier"/> the server has handled them, so what the queue and the event objects hold then is all
/// the step brought. While something new keeps arriving the barrier is passed again (a chain of handlings longer than
/// the barrier allows for would show there). A predicted effect still missing after the barrier can only come from a
/// kernel timer, or never where model and stack disagree: it is waited for, up to <paramref name="maxWait"/>. The kernel
/// timers the harness itself depends on are waited out where they arise (the fill's delayed ACK, H-6: LiveSession).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal sealed class OrderedSettler(ServerBarrier barrier, TimeSpan maxWait) : IStepSettler
{
    public string Description => $"wineserver ordering ({ServerBarrier.Requests} requests after each step)";

    public Settled Settle(LiveSession session, StepResult? predicted, List<string> oddities)
    {
        var expected = predicted is { } p ? p.Observation.Posted.Count : 0;
        EquatableArray<string>? expectedSignaled = predicted is { } q ? q.Observation.Signaled : null;
        var posted = new List<ObservedMessage>();
        var signaled = session.LastSignaled;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            barrier.Pass();
            var fresh = session.Collect(oddities);
            posted.AddRange(fresh);
            var now = session.SignaledEvents();
            var changed = fresh.Count > 0 || !now.SequenceEqual(signaled, StringComparer.Ordinal);
            signaled = now;
            var satisfied = posted.Count >= expected && (expectedSignaled is not { } e || now.SequenceEqual(e, StringComparer.Ordinal));
            if (satisfied && !changed)
            {
                return new Settled(posted, now, TimedOut: false);
            }

            if (!satisfied)
            {
                if (clock.Elapsed >= maxWait)
                {
                    return new Settled(posted, now, TimedOut: true);
                }

                Thread.Sleep(1);
            }
        }
    }
}
