using System.CommandLine;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>explain SCENARIO --profile P: the model's timeline of a scenario.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("scenario") { Description = "A scenario or trace file (JSON Lines, docs/trace-format.md)" };
        var profile = ProfileOption.Create(Profiles.Windows.Name);
        var all = new Option<bool>("--all-profiles") { Description = "Show every profile side by side instead of the latch state under one" };
        var command = new Command("explain", "Print the model's timeline of a scenario: each step's call, result, messages and per-socket latch state.")
        {
            file, profile, all,
        };
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var trace = TraceReader.ReadFile(parse.GetValue(file)!).AsScenario();
            var text = parse.GetValue(all)
                ? Timeline.SideBySide(trace, Profiles.All)
                : Timeline.Explain(trace, ProfileOption.Resolve(parse.GetValue(profile)!));
            stdout.Write(text);
            return ExitCodes.Conforms;
        }));
        return command;
    }
}
