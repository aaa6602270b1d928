using System.CommandLine;
using WinsockConformance.RealWinsockProbe.Cli;

var root = new RootCommand("RealWinsockProbe: the executable specification and conformance suite for WSAAsyncSelect / WSAEventSelect.")
{
    ExplainCommand.Create(),
    CheckCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run with --help for usage.");
    return ExitCodes.BadInput;
}

return parse.Invoke();
