using WinsockConformance.Model;
using WinsockConformance.Traces;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Settling by a quiet period: once the predicted messages and event states are there, keep listening for
/// <paramref name="quiet"/> more for anything unpredicted. What a stack offers no ordering for (Windows) is settled
/// so; under Wine, --quiet-ms chooses it (a long period is the reference the ordered settling is proven against).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal sealed class TimedSettler(TimeSpan quiet, TimeSpan maxWait) : IStepSettler
{
    private static readonly TimeSpan LongQuiet = TimeSpan.FromMilliseconds(50);

    public string Description => $"quiet period of {quiet.TotalMilliseconds:0.###} ms";

    public Settled Settle(LiveSession session, StepResult? predicted, List<string> oddities)
    {
        var expected = predicted is { } p ? p.Observation.Posted.Count : 0;
        EquatableArray<string>? expectedSignaled = predicted is { } q ? q.Observation.Signaled : null;
        var posted = new List<ObservedMessage>();
        var clock = Stopwatch.StartNew();
        TimeSpan? satisfiedAt = null;
        while (true)
        {
            posted.AddRange(session.Collect(oddities));
            var satisfied = posted.Count >= expected
                && (expectedSignaled is not { } signaled || session.SignaledEvents().SequenceEqual(signaled, StringComparer.Ordinal));
            if (satisfied)
            {
                satisfiedAt ??= clock.Elapsed;
                if (clock.Elapsed - satisfiedAt >= quiet)
                {
                    return new Settled(posted, session.SignaledEvents(), TimedOut: false);
                }
            }
            else
            {
                satisfiedAt = null;
                if (clock.Elapsed >= maxWait)
                {
                    return new Settled(posted, session.SignaledEvents(), TimedOut: true);
                }
            }

            // A short period is polled flat out (a 1 ms sleep is 15.6 ms on Windows); a long one, the reference the
            // ordered settling is proven against, each millisecond rather than holding a core for its whole length.
            Thread.Sleep(quiet < LongQuiet ? 0 : 1);
        }
    }
}
