using System.CommandLine;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>check TRACE --profile P: compare an observed trace with the model's prediction.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("trace") { Description = "One or more trace files", Arity = ArgumentArity.OneOrMore };
        var profile = ProfileOption.Create(null);
        var command = new Command("check", "Compare observed traces with the model. Exit 0 conforms, 1 diverges, 2 bad input.")
        {
            files, profile,
        };
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var worst = ExitCodes.Conforms;
            foreach (var path in parse.GetValue(files)!)
            {
                // Each step is checked as it is read; the report and any error are those of reading the whole file first.
                var report = Checker.CheckFile(path, header => ChooseProfile(parse.GetValue(profile), header, path));
                stdout.Write(ReportText.Render(report));
                if (report.Verdict == Verdict.Diverges)
                {
                    worst = ExitCodes.Diverges;
                }
            }

            return worst;
        }));
        return command;
    }

    /// <summary>--profile if given, else the trace header's "profile", else windows.</summary>
    private static Profile ChooseProfile(string? option, TraceHeader header, string path)
    {
        if (option is not null)
        {
            return ProfileOption.Resolve(option);
        }

        var fromHeader = header.Profile;
        if (fromHeader is null)
        {
            return Profiles.Windows;
        }

        return Profiles.Find(fromHeader)
            ?? throw new TraceReadException(path, 1, $"the header's \"profile\" is \"{fromHeader}\"; expected one of: {Profiles.Names} (or pass --profile)");
    }
}
