using WinsockConformance.Traces;

namespace WinsockConformance.RealWinsockProbe.Cli;

/// <summary>Turns bad input into one clear line on stderr and exit code 2; never a stack trace.</summary>
internal static class Guard
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TraceReadException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
