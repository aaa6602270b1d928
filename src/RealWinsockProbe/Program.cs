return WinsockConformance.RealWinsockProbe.Cli.ProbeCli.Run(args, Console.Out, Console.Error);
