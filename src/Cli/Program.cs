return WinsockConformance.Cli.ConformanceCli.Run(args, Console.Out, Console.Error);
