using System.CommandLine;




namespace WinsockConformance.Cli;

/// <summary>
/// The command line: parses <c>args</c>, runs one command, returns the exit code (<see cref="ExitCodes"/>).
/// Everything it prints goes to the writers it is given, so tests run it in-process.
/// </summary>
internal static class ConformanceCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Named as users call it: help and usage lines say "./conformance run …", not the assembly's name.
        var root = new Command("./conformance", "The executable specification and conformance suite for WSAAsyncSelect / WSAEventSelect.")
        {
            ExplainCommand.Create(stdout, stderr),
            CheckCommand.Create(stdout, stderr),
            RunCommand.Create(stdout, stderr),
            FuzzCommand.Create(stdout, stderr),
            SimulateCommand.Create(stdout, stderr),
            SamplesCommand.Create(stdout, stderr),
            MergeCommand.Create(stdout, stderr),
            FinishCommand.Create(stdout, stderr),
            NativeLiveCommand.Create(stdout, stderr),
        };
        root.Options.Add(new System.CommandLine.Help.HelpOption());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run with --help for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
