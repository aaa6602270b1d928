using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>
/// Turns what can go wrong into one line on stderr and an exit code that says what happened: bad input 2,
/// an environment that cannot do the job (the stack, memory, the disk) 3, a bug in this tool 4. Never a stack
/// trace; every line escaped and cut (<see cref="SafeText.Line"/>), so no input reaches the terminal raw.
/// </summary>
internal static class Guard
{
    /// <summary>ENOSPC natively; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows (and under Wine).</summary>
    private static readonly int[] s_diskFull = [28, 39, 112];

    public static int Run(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TraceReadException e)
        {
            return Report(stderr, ExitCodes.BadInput, $"error: {e.Message}");
        }
        catch (UsageException e)
        {
            return Report(stderr, ExitCodes.BadInput, $"error: {e.Message}");
        }
        catch (StackUnavailableException e)
        {
            return Report(stderr, ExitCodes.StackFailure, $"error: the real stack cannot be driven: {e.Message}");
        }
        catch (OutOfMemoryException)
        {
            return Report(stderr, ExitCodes.StackFailure, "error: out of memory (a resource problem, not a verdict): give the process more memory, or check fewer or smaller files at once");
        }
        catch (ReportReadException e)
        {
            return Report(stderr, ExitCodes.BadInput, $"error: {e.Message}");
        }
        catch (IOException e) when (s_diskFull.Contains(e.HResult & 0xFFFF) || e.Message.Contains("No space left", StringComparison.Ordinal) || e.Message.Contains("not enough space", StringComparison.OrdinalIgnoreCase))
        {
            return Report(stderr, ExitCodes.StackFailure, $"error: the disk is full (a resource problem, not a verdict): {e.Message}");
        }
        catch (Exception e)
        {
            // A bug in this tool, not a verdict: its own exit code, so CI never mistakes it for a divergence.
            Report(stderr, ExitCodes.InternalError, $"internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine("please report it with the command line and input files");
            return ExitCodes.InternalError;
        }
    }

    public static int Report(TextWriter stderr, int exitCode, string line)
    {
        stderr.WriteLine(SafeText.Line(line));
        return exitCode;
    }
}
