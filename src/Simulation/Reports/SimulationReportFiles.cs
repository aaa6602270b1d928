using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Recording;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;

namespace WinsockConformance.Simulation.Reports;

/// <summary>The machine-readable reports of an exploration (--report JSON, --junit XML) and the run records (--traces).</summary>
internal static class SimulationReportFiles
{
    public static void WriteJson(ExplorationResult result, string path, Func<Profile, string, string> replay)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(replay);
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("program", result.Program);
        w.WriteString("peer", result.Peer.Source);
        w.WriteString("seed", result.Settings.Seed.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("schedulesPerProfile", result.Settings.Schedules);
        w.WriteBoolean("passed", result.Passed);
        w.WriteNumber("durationSeconds", Math.Round(result.Elapsed.TotalSeconds, 3));
        w.WriteStartArray("profiles");
        foreach (var p in result.Profiles)
        {
            w.WriteStartObject();
            w.WriteString("profile", p.Profile.Name);
            w.WriteString("verdict", p.Verdict.ToString().ToLowerInvariant());
            w.WriteNumber("schedules", p.Schedules);
            w.WriteNumber("programCalls", p.Calls);
            if (p.Reported is { } run)
            {
                if (p.Index is { } i)
                {
                    w.WriteNumber("failingSchedule", i + 1);
                }

                if (run.Failure is { } f)
                {
                    w.WriteString("oracle", f.Oracle.Id);
                    w.WriteString("statement", f.Oracle.Statement);
                    w.WriteNumber("event", f.Event);
                    w.WriteString("detail", f.Detail);
                    w.WriteStartArray("rules");
                    foreach (var rule in f.Rules.Each())
                    {
                        w.WriteStringValue(RuleCatalog.Get(rule).Id);
                    }

                    w.WriteEndArray();
                }

                if (run.Problem is { } problem)
                {
                    w.WriteString("problem", problem);
                }

                w.WriteString("ending", run.Ending);
                w.WriteString("choices", Choices.Format(run.Choices));
                w.WriteString("replay", replay(p.Profile, Choices.Format(run.Choices)));
                w.WriteNumber("shrinkRuns", p.ShrinkRuns);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteJUnit(ExplorationResult result, string path, Func<Profile, string, string> replay)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(replay);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, NewLineChars = "\n" });
        writer.WriteStartElement("testsuites");
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", "simulate " + result.Program);
        writer.WriteAttributeString("tests", result.Profiles.Count.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("failures", result.Profiles.Count(p => p.Verdict == RunVerdict.Failed).ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("errors", result.Profiles.Count(p => p.Verdict is RunVerdict.Unsupported or RunVerdict.Error).ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("time", result.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
        foreach (var p in result.Profiles)
        {
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("classname", "simulate." + result.Peer.Name);
            writer.WriteAttributeString("name", p.Profile.Name);
            if (p.Reported is { } run)
            {
                var failed = run.Verdict == RunVerdict.Failed;
                writer.WriteStartElement(failed ? "failure" : "error");
                writer.WriteAttributeString("message", failed ? $"{run.Failure!.Oracle.Id}: {run.Failure.Detail}" : run.Problem ?? run.Verdict.ToString());
                writer.WriteString(SimulationReportText.Invariant($"{run.Failure?.Oracle.Statement}\nrules: {run.Failure?.RuleIds}\nreplay: {replay(p.Profile, Choices.Format(run.Choices))}\n\n{run.Record.Render()}"));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>
    /// Writes, per profile, the run to show: the reported run if one failed, else <paramref name="firstRun"/>'s (the first
    /// schedule, recorded), as DIR/PROFILE.trace.jsonl (a trace <c>check</c> replays, docs/trace-format.md version 2) and
    /// DIR/PROFILE.sim.txt (the run's record as text). Returns the files written, and for a run that cannot be written as
    /// a trace, why.
    /// </summary>
    public static IReadOnlyList<string> WriteRecords(ExplorationResult result, string directory, Func<ProfileResult, RunOutcome> firstRun)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(firstRun);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var p in result.Profiles)
        {
            var run = p.Reported ?? firstRun(p);
            var file = Path.Combine(directory, $"{p.Profile.Name}.sim.txt");
            File.WriteAllText(file, $"# {result.Program}\n# peer {result.Peer.Source}, profile {p.Profile.Name}, choices {Choices.Format(run.Choices)}\n" + run.Record.Render());
            written.Add(file);
            written.Add(WriteTrace(Path.Combine(directory, $"{p.Profile.Name}.trace.jsonl"), result, p.Profile, run));
        }

        return written;
    }

    /// <summary>Writes one run as a trace; returns the file, or why it could not be written.</summary>
    public static string WriteTrace(string path, ExplorationResult result, Profile profile, RunOutcome run) =>
        WriteTrace(path, result.Program, result.Peer, profile, run);

    /// <summary>Writes one run as a trace; returns the file, or why it could not be written.</summary>
    public static string WriteTrace(string path, string program, WinsockConformance.Simulation.Network.PeerScript peer, Profile profile, RunOutcome run)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            var words = program.Split(' ');
            RunTrace.Write(path, run, profile, string.Join(' ', [Path.GetFileNameWithoutExtension(words[0]), .. words[1..]]),
                $"{program} against {peer.Source} under {profile.Name}, schedule {Choices.Format(run.Choices)}: {run.Verdict.ToString().ToLowerInvariant()}" + (run.Failure is { } f ? $" ({f.Oracle.Id})" : string.Empty));
            return path;
        }
        catch (NotSupportedException e)
        {
            File.Delete(path);
            return $"{path} not written: {e.Message}";
        }
    }
}
