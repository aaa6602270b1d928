using System.CommandLine;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.RealWinsockProbe.Cli;

/// <summary>check TRACE --profile P: compare an observed trace with the model's prediction.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("trace") { Description = "One or more trace files", Arity = ArgumentArity.OneOrMore };
        var profile = ProfileOption.Create(null);
        var command = new Command("check", "Compare observed traces with the model. Exit 0 conforms, 1 diverges, 2 bad input.")
        {
            files, profile,
        };
        command.SetAction(parse => Guard.Run(() =>
        {
            var worst = ExitCodes.Conforms;
            foreach (var path in parse.GetValue(files)!)
            {
                var trace = TraceReader.ReadFile(path);
                var chosen = parse.GetValue(profile) ?? trace.Header.Profile ?? Profiles.Windows.Name;
                var report = Checker.Check(trace, ProfileOption.Resolve(chosen));
                Console.Out.Write(ReportText.Render(report));
                if (report.Verdict == Verdict.Diverges)
                {
                    worst = ExitCodes.Diverges;
                }
            }

            return worst;
        }));
        return command;
    }
}
