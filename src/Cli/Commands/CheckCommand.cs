using System.CommandLine;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>check TRACE... --profile P: compare observed traces with the model's prediction.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("trace") { Description = "One or more trace files", Arity = ArgumentArity.OneOrMore };
        var profile = ProfileOption.Create(null);
        var command = new Command("check", "Compare observed traces with the model. Exit 0 conforms (or inconclusive), 1 diverges, 2 bad input, 3 out of memory; several files: the worst.")
        {
            files, profile,
        };
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var chosen = parse.GetValue(profile) is { } name ? ProfileOption.Resolve(name) : null;
            var paths = parse.GetValue(files)!;
            var tally = new Tally();
            foreach (var path in paths)
            {
                // Each file is checked whatever happened to the one before: a bad file is reported and counted.
                try
                {
                    // Each step is checked as it is read; the report and any error are those of reading the whole file first.
                    var report = Checker.CheckFile(path, header => ChooseProfile(chosen, header, path));
                    stdout.Write(ReportText.Render(report));
                    tally.Add(report.Verdict);
                }
                catch (TraceReadException e)
                {
                    Guard.Report(stderr, ExitCodes.BadInput, $"error: {e.Message}");
                    tally.BadInput++;
                }
            }

            if (paths.Length > 1)
            {
                stdout.WriteLine(tally.Summary(paths.Length));
            }

            return tally.ExitCode;
        }));
        return command;
    }

    /// <summary>--profile if given, else the trace header's "profile", else windows.</summary>
    private static Profile ChooseProfile(Profile? option, TraceHeader? header, string path)
    {
        if (option is not null)
        {
            return option;
        }

        if (header?.Profile is not { } fromHeader)
        {
            return Profiles.Windows;
        }

        return Profiles.Find(fromHeader)
            ?? throw new TraceReadException(path, 1, $"the header's \"profile\" is {SafeText.Quote(fromHeader)}; expected one of: {Profiles.Names} (or pass --profile)");
    }

    /// <summary>How many files got each verdict, and the exit code of the worst.</summary>
    private sealed class Tally
    {
        private readonly int[] _verdicts = new int[3];

        public int BadInput { get; set; }

        public int ExitCode => BadInput > 0 ? ExitCodes.BadInput : _verdicts[(int)Verdict.Diverges] > 0 ? ExitCodes.Diverges : ExitCodes.Conforms;

        public void Add(Verdict verdict) => _verdicts[(int)verdict]++;

        public string Summary(int files) =>
            $"checked {files} files: {_verdicts[(int)Verdict.Conforms]} conform, {_verdicts[(int)Verdict.Diverges]} diverge, {_verdicts[(int)Verdict.Inconclusive]} inconclusive, {BadInput} bad input";
    }
}
