using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>Turns bad input into one clear line on stderr and exit code 2; never a stack trace.</summary>
internal static class Guard
{
    public static int Run(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TraceReadException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (StackUnavailableException e)
        {
            stderr.WriteLine($"error: the real stack cannot be driven: {e.Message}");
            return ExitCodes.StackFailure;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in this tool, not a verdict: its own exit code, so CI never mistakes it for a divergence.
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine("please report it with the command line and input files");
            return ExitCodes.InternalError;
        }
    }
}
