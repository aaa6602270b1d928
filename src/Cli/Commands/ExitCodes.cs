namespace WinsockConformance.Cli;

/// <summary>What the process exit code says. CI systems key on these.</summary>
internal static class ExitCodes
{
    /// <summary>Everything conforms (inconclusive results count as no divergence).</summary>
    public const int Conforms = 0;

    /// <summary>At least one trace diverges from the model unexpectedly.</summary>
    public const int Diverges = 1;

    /// <summary>Bad input: malformed scenario or trace, unknown operation or socket, impossible step, bad arguments.</summary>
    public const int BadInput = 2;

    /// <summary>The real stack could not be driven (self-test failed, Wine missing, a crash).</summary>
    public const int StackFailure = 3;

    /// <summary>A bug in this tool (an exception that is neither bad input nor a stack failure).</summary>
    public const int InternalError = 4;
}
