namespace WinsockConformance.Cli;

/// <summary>What the process exit code says. CI systems key on these; with several files, the worst wins.</summary>
internal static class ExitCodes
{
    /// <summary>Everything conforms (inconclusive results count as no divergence).</summary>
    public const int Conforms = 0;

    /// <summary>At least one trace diverges from the model unexpectedly.</summary>
    public const int Diverges = 1;

    /// <summary>Bad input: malformed or unreadable scenario or trace, an unusable path (an output path that cannot be written is found before the run starts), unknown operation or socket, impossible step, bad arguments.</summary>
    public const int BadInput = 2;

    /// <summary>The environment failed the tool: the real stack could not be driven (self-test failed, Wine missing, a crash), or a resource ran out (memory, disk).</summary>
    public const int StackFailure = 3;

    /// <summary>A bug in this tool (an exception that is none of the above).</summary>
    public const int InternalError = 4;

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. The summary and reports say what ran.</summary>
    public const int InterruptedBySigint = 130;

    /// <summary>Stopped by SIGTERM (a cancelled CI job): 128 + 15.</summary>
    public const int InterruptedBySigterm = 143;
}
