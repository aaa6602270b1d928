// ./conformance names a file here (CONFORMANCE_STARTED) to tell "Wine did not start the probe" (exit 3) from a verdict.
if (Environment.GetEnvironmentVariable("CONFORMANCE_STARTED") is { Length: > 0 } started)
{
    File.WriteAllText(started, string.Empty);
}

return WinsockConformance.Cli.ConformanceCli.Run(args, Console.Out, Console.Error);
