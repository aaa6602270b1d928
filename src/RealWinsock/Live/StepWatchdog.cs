using Stopwatch = System.Diagnostics.Stopwatch;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Releases a step that makes no progress for <c>bound</c>: a call that blocks, or a peer that reads nothing. It then
/// closes the scenario's sockets (<see cref="LiveSession.Abandon"/>) so the blocked call returns. Progress is the peer
/// reading bytes (<see cref="LiveSession.LastProgress"/>): on a machine loaded far past its cores, draining a filled send
/// buffer (hundreds of reads) has taken longer than the bound while never stalling.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal sealed class StepWatchdog : IDisposable
{
    private readonly LiveSession _session;
    private readonly TimeSpan _bound;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Timer _timer;
    private volatile bool _ended;

    public StepWatchdog(LiveSession session, TimeSpan bound)
    {
        _session = session;
        _bound = bound;
        _timer = new Timer(_ => Check(), null, bound, Timeout.InfiniteTimeSpan);
    }

    private void Check()
    {
        var idle = Stopwatch.GetElapsedTime(_session.LastProgress(_started));
        if (idle >= _bound)
        {
            _session.Abandon();
            return;
        }

        try
        {
            if (!_ended)
            {
                _timer.Change(_bound - idle, Timeout.InfiniteTimeSpan);
            }
        }
        catch (ObjectDisposedException)
        {
            // The step ended while this check ran: nothing to watch any more.
        }
    }

    public void Dispose()
    {
        _ended = true;
        _timer.Dispose();
    }
}
