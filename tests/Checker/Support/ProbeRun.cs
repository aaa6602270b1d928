using WinsockConformance.Cli;

namespace WinsockConformance.CheckerTests.Support;

/// <summary>What one in-process run of the command line printed and returned.</summary>
public sealed record ProbeRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs the command line in this process, capturing stdout and stderr.</summary>
    public static ProbeRun Of(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = ConformanceCli.Run(args, stdout, stderr);
        return new ProbeRun(exit, stdout.ToString(), stderr.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}--- stderr ---\n{Error}";
}
