using System.Runtime.ExceptionServices;

namespace WinsockConformance.Simulation.Running;

/// <summary>
/// The few threads an exploration runs schedules on when a program's runs may overlap: each worker is a thread of its
/// own (a run mostly waits on another process), and the first exception a worker throws is rethrown to the caller.
/// </summary>
internal static class Workers
{
    /// <summary>Runs <paramref name="worker"/> on <paramref name="count"/> threads and waits for them all.</summary>
    public static void Run(int count, Action worker)
    {
        Exception? failure = null;
        var threads = Enumerable.Range(0, count).Select(n => new Thread(() =>
        {
            try
            {
                worker();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = $"schedule worker {n + 1}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Lowers <paramref name="target"/> to <paramref name="value"/> if that is lower, atomically.</summary>
    public static void LowerTo(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
