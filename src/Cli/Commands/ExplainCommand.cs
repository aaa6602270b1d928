using System.CommandLine;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.Cli;

/// <summary>explain SCENARIO --profile P: the model's timeline of a scenario, printed as the file is read.</summary>
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
            var path = parse.GetValue(file)!;
            var sideBySide = parse.GetValue(all);
            IReadOnlyList<Profile> profiles = sideBySide ? Profiles.All : [ProfileOption.Resolve(parse.GetValue(profile)!)];

            // A trace's observed outputs are ignored; each step is printed once the model has run it.
            var timeline = new TimelineWriter(stdout, path, profiles, latches: !sideBySide);
            TraceReader.ReadFile(path, timeline);
            timeline.Finish();
            return ExitCodes.Conforms;
        }));
        return command;
    }
}
