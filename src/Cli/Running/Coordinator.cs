using System.Globalization;

namespace WinsockConformance.Cli;

/// <summary>
/// The parent of <c>--jobs N</c>: starts the workers, prints the stack line once worker 0's stack is up (then the line
/// that follows it), passes each worker's steps to the journal and its results to <see cref="OrderedResults"/>, and says
/// what went wrong when a worker ended without finishing its share.
/// </summary>
internal sealed class Coordinator(TextWriter stdout, RunJournal journal, OrderedResults results)
{
    /// <summary>Runs the pool; returns the exit code the workers' failures call for (0 if none) and what to report about them.</summary>
    /// <summary>The first worker's stack, once it said hello (the fuzz coverage file names it).</summary>
    public WorkerHello? Stack { get; private set; }

    public (int Exit, string? Failure) Run(int jobs, string afterStackLine, Func<int, IReadOnlyList<string>> argumentsFor, CancellationToken stop)
    {
        using var pool = new WorkerPool(jobs, argumentsFor);
        var early = new List<WorkerLine>();
        var headerPrinted = false;
        pool.Run(
            line =>
            {
                if (!headerPrinted && line is WorkerHello { Worker: 0 } hello)
                {
                    Stack = hello;
                    stdout.WriteLine(hello.StackLine);
                    stdout.WriteLine(afterStackLine);
                    headerPrinted = true;
                    foreach (var held in early)
                    {
                        if (!Take(held))
                        {
                            return false;
                        }
                    }

                    early.Clear();
                    return true;
                }

                if (!headerPrinted && line is WorkerResult)
                {
                    early.Add(line);
                    return true;
                }

                return Take(line);
            },
            stop);

        foreach (var held in early)
        {
            Take(held);
        }

        bool Take(WorkerLine line)
        {
            switch (line)
            {
                case WorkerAt at:
                    journal.At(at.Index, at.Scenario, at.Step, at.Call, at.Worker);
                    return true;
                case WorkerResult result:
                    return results.Add(result.Entry, result.Output);
                default:
                    return true;
            }
        }

        if (results.Stopped || stop.IsCancellationRequested)
        {
            return (ExitCodes.Conforms, null);
        }

        // A worker that failed (its own error is on stderr already) leaves its scenarios unrun: the run says so.
        var failed = pool.ExitCodes.Select((code, worker) => (code, worker)).Where(x => x.code is not (ExitCodes.Conforms or ExitCodes.Diverges)).ToList();
        if (failed.Count == 0)
        {
            return (ExitCodes.Conforms, null);
        }

        var worst = failed.Max(x => x.code) is var code and (ExitCodes.BadInput or ExitCodes.StackFailure or ExitCodes.InternalError) ? code : ExitCodes.StackFailure;
        return (worst, string.Join("; ", failed.Select(x => string.Create(CultureInfo.InvariantCulture, $"worker {x.worker} ended with exit code {x.code} before finishing its scenarios"))));
    }
}
