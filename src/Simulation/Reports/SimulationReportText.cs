using System.Globalization;
using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Reports;

/// <summary>
/// The human report of an exploration: per profile the verdict, and for a failure the oracle and its statement,
/// the event where it fired and what happened, the rules behind it, the replay command, and the run's last events.
/// </summary>
internal static class SimulationReportText
{
    /// <summary>How many of a failing run's last events the report shows (the whole run goes to --traces).</summary>
    public const int TailEvents = 30;

    /// <summary>The text report of an exploration: per profile the verdict, and for a failing run its last events and how to replay it.</summary>
    /// <param name="result">What the exploration found.</param>
    /// <param name="replay">The command line that replays one schedule under one profile, given the profile and the choices.</param>
    public static string Render(ExplorationResult result, Func<Profile, string, string> replay)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(replay);
        var text = new StringBuilder();
        Line(text, $"simulate: {result.Program}");
        Line(text, $"peer: {result.Peer.Name} ({result.Peer.Source})");
        Line(text, result.Settings.Replay is { } r
            ? $"schedule: replayed ({Choices.Format(r)})"
            : $"schedules: up to {result.Settings.Schedules} per profile, seed {result.Settings.Seed}");
        foreach (var p in result.Profiles)
        {
            text.Append('\n');
            RenderProfile(text, p, replay);
        }

        var failed = result.Profiles.Count(p => p.Verdict != RunVerdict.Passed);
        text.Append('\n');
        Line(text, failed == 0
            ? $"verdict: pass ({result.Profiles.Count} profile(s), {result.Elapsed.TotalSeconds:0.00} s)"
            : $"verdict: {(result.Unsupported ? "UNSUPPORTED" : "FAIL")} ({failed} of {result.Profiles.Count} profile(s), {result.Elapsed.TotalSeconds:0.00} s)");
        return text.ToString();
    }

    private static void RenderProfile(StringBuilder text, ProfileResult p, Func<Profile, string, string> replay)
    {
        if (p.Reported is not { } run)
        {
            Line(text, $"{p.Profile.Name}: pass ({p.Schedules} schedule(s), {p.Calls} program calls)");
            return;
        }

        var where = p.Index is { } i ? $"schedule {i + 1}" : "the replayed schedule";
        switch (run.Verdict)
        {
            case RunVerdict.Failed:
                var f = run.Failure!;
                Line(text, $"{p.Profile.Name}: FAIL at {where}: {f.Oracle.Id}");
                Line(text, $"  oracle: {f.Oracle.Id}: {f.Oracle.Statement}");
                Line(text, $"  fired at event {f.Event}: {f.Detail}");
                Line(text, $"  rules: {f.RuleIds}");
                foreach (var rule in f.Rules.Each())
                {
                    var r = RuleCatalog.Get(rule);
                    Line(text, $"    {r.Id}: {r.Summary}");
                }

                if (p.First is { } first && !ReferenceEquals(first, run))
                {
                    var (before, _, _) = Shrinker.Size(first.Choices);
                    var (after, _, _) = Shrinker.Size(run.Choices);
                    Line(text, $"  shrunk: {before} non-zero choice(s) to {after}, in {p.ShrinkRuns} runs");
                }

                break;
            case RunVerdict.Unsupported:
                Line(text, $"{p.Profile.Name}: UNSUPPORTED at {where}: {run.Problem}");
                break;
            case RunVerdict.Error:
                Line(text, $"{p.Profile.Name}: SIMULATOR ERROR at {where}: {run.Problem}");
                Line(text, "  (a bug in the simulator; please report it with the replay line)");
                break;
            default:
                throw new System.Diagnostics.UnreachableException(run.Verdict.ToString());
        }

        Line(text, $"  ending: {run.Ending}");
        Line(text, $"  replay: {replay(p.Profile, Choices.Format(run.Choices))}");
        var events = run.Record.Events.Count;
        Line(text, events > TailEvents ? $"  last {TailEvents} of {events} events:" : $"  events:");
        foreach (var line in run.Record.Render(events - TailEvents).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Line(text, "  " + line);
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
