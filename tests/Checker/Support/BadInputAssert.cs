namespace WinsockConformance.CheckerTests.Support;

public static class BadInputAssert
{
    /// <summary>
    /// Exit code 2, one "error: FILE:LINE: ..." line on stderr naming what was expected, no stack trace. On stdout at
    /// most what came before the bad line (explain prints each step as it reads it; check prints a report only at the end).
    /// </summary>
    public static void IsReported(ProbeRun run, string path, int line, string expected)
    {
        Assert.True(run.ExitCode == 2, $"expected exit 2 (bad input)\n{run}");
        Assert.True(run.Error.StartsWith($"error: {path}:{line}: ", StringComparison.Ordinal), $"expected 'error: {path}:{line}: ...'\n{run}");
        Assert.True(run.Error.Contains(expected, StringComparison.Ordinal), $"expected the message to say '{expected}'\n{run}");
        HasNoStackTrace(run);
        Assert.False(run.Out.Contains("error", StringComparison.Ordinal), $"expected no error on stdout\n{run}");
        if (run.Out.Length > 0)
        {
            Assert.StartsWith("scenario: ", run.Out, StringComparison.Ordinal);
        }
    }

    public static void HasNoStackTrace(ProbeRun run)
    {
        Assert.False(run.Error.Contains("   at ", StringComparison.Ordinal), $"stack trace printed\n{run}");
        Assert.False(run.Error.Contains("Exception", StringComparison.Ordinal), $"exception printed\n{run}");
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }
}
