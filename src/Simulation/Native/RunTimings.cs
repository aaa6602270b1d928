using System.Globalization;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// Where a native program's runs spend their time, summed over the runs of an exploration: starting the process up to
/// its first Winsock call (Wine's process start, the program's own start-up), the conversation with the shim, and the
/// end of the process after the run's end. Wall time per run; the runs overlap, so the sums exceed the exploration's.
/// </summary>
internal sealed class RunTimings
{
    private long _runs;
    private long _startTicks;
    private long _conversationTicks;
    private long _endTicks;
    private long _requests;

    public long Runs => Interlocked.Read(ref _runs);

    internal void Add(TimeSpan start, TimeSpan conversation, TimeSpan end, int requests)
    {
        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _startTicks, start.Ticks);
        Interlocked.Add(ref _conversationTicks, conversation.Ticks);
        Interlocked.Add(ref _endTicks, end.Ticks);
        Interlocked.Add(ref _requests, requests);
    }

    /// <summary>One line: runs, and per run the mean of each phase.</summary>
    public override string ToString()
    {
        var runs = Math.Max(1, Runs);
        double Ms(long ticks) => TimeSpan.FromTicks(ticks / runs).TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Runs} process(es); per run on average: start to first call {Ms(_startTicks):0} ms, conversation {Ms(_conversationTicks):0} ms ({(double)Interlocked.Read(ref _requests) / runs:0} requests), end of run to exit {Ms(_endTicks):0} ms");
    }
}
