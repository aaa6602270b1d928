namespace WinsockConformance.CheckerTests.Support;

public static class BadInputAssert
{
    /// <summary>Exit code 2, one "error: FILE:LINE: ..." line on stderr naming what was expected, no stack trace, nothing on stdout.</summary>
    public static void IsReported(ProbeRun run, string path, int line, string expected)
    {
        Assert.True(run.ExitCode == 2, $"expected exit 2 (bad input)\n{run}");
        Assert.True(run.Error.StartsWith($"error: {path}:{line}: ", StringComparison.Ordinal), $"expected 'error: {path}:{line}: ...'\n{run}");
        Assert.True(run.Error.Contains(expected, StringComparison.Ordinal), $"expected the message to say '{expected}'\n{run}");
        HasNoStackTrace(run);
        Assert.True(run.Out.Length == 0, $"expected nothing on stdout\n{run}");
    }

    public static void HasNoStackTrace(ProbeRun run)
    {
        Assert.False(run.Error.Contains("   at ", StringComparison.Ordinal), $"stack trace printed\n{run}");
        Assert.False(run.Error.Contains("Exception", StringComparison.Ordinal), $"exception printed\n{run}");
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }
}
