using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Recording;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Samples;
using WinsockConformance.SimulationTests.Support;
using WinsockConformance.Traces;

namespace WinsockConformance.SimulationTests;

/// <summary>
/// A simulated run written as a trace (format version 2: the program's calls with results and handle values, the peer's
/// actions, each message as the program retrieved it) is what the model says: check replays it under the run's profile
/// and it conforms. For every sample variant, buggy and fixed, under every profile, over a range of schedules and for the
/// run each exploration reports.
/// </summary>
public class RunTraceTests
{
    private const int Schedules = 12;

    private static readonly IReadOnlyList<SampleSpec> s_catalog = SampleSpec.ReadCatalog(Path.Combine(Repository.Root, "samples", "samples.jsonl"));

    public static TheoryData<string, string> Variants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var s in s_catalog)
            {
                data.Add(s.Sample, s.Variant);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_run_of_a_sample_written_as_a_trace_conforms_under_its_profile(string sample, string variant)
    {
        // Given a sample variant explored under every profile, every schedule's run recorded
        var spec = s_catalog.Single(s => s.Sample == sample && s.Variant == variant);
        var program = new DelegateProgram($"{sample} {variant}", () => WinsockConformance.Samples.SampleCatalog.Run([.. spec.Arguments]));
        var peer = PeerScriptReader.ReadFile(spec.PeerPath);
        var runs = new List<(Profile Profile, string Label, RunOutcome Run)>();
        var result = Exploration.Explore(program, peer, Profiles.All, new ExplorationSettings
        {
            Schedules = Schedules,
            OnRun = (p, i, run) => runs.Add((p, $"schedule {i + 1}", run)),
        });
        runs.AddRange(result.Profiles.Where(p => p.Reported is not null).Select(p => (p.Profile, "reported", p.Reported!)));
        Assert.Equal(Profiles.All.Count, runs.Select(r => r.Profile).Distinct().Count());

        var written = new List<string>();
        foreach (var (profile, label, run) in runs)
        {
            // When each is written as a trace and checked under its profile
            var lines = Write(run, profile, $"{sample} {variant}");
            var report = Checker.Check(TraceReader.Read($"{sample}-{variant}-{profile.Name}", lines), profile);

            // Then it conforms
            Assert.True(report.Verdict == Verdict.Conforms, $"{profile.Name} {label} ({run.Verdict}):\n{ReportText.Render(report)}\n{string.Join('\n', lines)}");
            written.AddRange(lines);
        }

        // And the traces hold what the programs did: handle values, retrievals one at a time, the peer's actions
        Assert.Contains(written, l => l.Contains("\"op\":\"getMessage\"", StringComparison.Ordinal) && l.Contains(" @", StringComparison.Ordinal));
        Assert.Contains(written, l => l.Contains("\"handle\":", StringComparison.Ordinal));
        Assert.Contains(written, l => l.Contains("\"op\":\"peer.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trace_of_a_run_changed_where_the_program_retrieved_a_message_diverges()
    {
        // Given the data-loss sample's failing run under windows, as a trace
        var spec = s_catalog.Single(s => s.Sample == "data-loss" && s.Variant == "buggy");
        var program = new DelegateProgram("data-loss buggy", () => WinsockConformance.Samples.SampleCatalog.Run([.. spec.Arguments]));
        var result = Exploration.Explore(program, PeerScriptReader.ReadFile(spec.PeerPath), [Profiles.Windows], new ExplorationSettings());
        var lines = Write(result.Profiles[0].Reported!, Profiles.Windows, "data-loss buggy");

        // When the FD_CLOSE the program retrieved is changed to the FD_READ it did not retrieve yet
        var close = Array.FindLastIndex(lines, l => l.Contains("\"op\":\"getMessage\"", StringComparison.Ordinal) && l.Contains("FD_CLOSE", StringComparison.Ordinal));
        lines[close] = lines[close].Replace("FD_CLOSE", "FD_READ", StringComparison.Ordinal);
        var report = Checker.Check(TraceReader.Read("changed", lines), Profiles.Windows);

        // Then it diverges there, expecting FD_CLOSE, which the peer's FIN posted at once under windows (G1)
        Assert.Equal(Verdict.Diverges, report.Verdict);
        Assert.Contains("FD_CLOSE", ReportText.Render(report), StringComparison.Ordinal);
        Assert.Contains(report.FirstDivergence!.Rules, r => r.Id == "G1");
    }

    [Fact]
    public void A_program_that_sets_event_objects_itself_gives_a_trace_that_does_not_observe_them()
    {
        // Given a program that registers with WSAEventSelect and sets its event object by hand
        var peer = Simulated.Peer("""{"do":"accept"}""", """{"do":"send","text":"hi"}""");
        var run = Simulated.Run(Profiles.Windows, peer, () =>
        {
            var s = Programs.Client();
            var e = WinsockConformance.Simulation.Api.Winsock.WSACreateEvent();
            WinsockConformance.Simulation.Api.Winsock.WSAEventSelect(s, e, WinsockConformance.Simulation.Api.Winsock.FD_READ);
            WinsockConformance.Simulation.Api.Winsock.WSASetEvent(e);
            WinsockConformance.Simulation.Api.Winsock.WSAResetEvent(e);
            return 0;
        });

        // When it is written as a trace
        var lines = Write(run, Profiles.Windows, "sets-events");

        // Then the header leaves "signaled" out, and the trace conforms
        Assert.Contains("\"observes\":[\"results\",\"posted\",\"delivered\",\"handles\"]", lines[0], StringComparison.Ordinal);
        var report = Checker.Check(TraceReader.Read("sets-events", lines), Profiles.Windows);
        Assert.True(report.Verdict == Verdict.Conforms, ReportText.Render(report) + "\n" + string.Join('\n', lines));
    }

    [Theory]
    [InlineData("windows")]
    [InlineData("wine-8")]
    public void Ten_runs_of_one_schedule_give_the_same_trace_byte_for_byte(string profileName)
    {
        // Given the stale-handle sample's buggy variant, whose runs reuse handle values and retrieve stale messages, and
        // one schedule of the default exploration that is not the plain one
        var spec = s_catalog.Single(s => s.Sample == "stale-handle" && s.Variant == "buggy");
        IProgramUnderTest program = new DelegateProgram("stale-handle buggy", () => WinsockConformance.Samples.SampleCatalog.Run([.. spec.Arguments]));
        var settings = new RunSettings(Profiles.Find(profileName)!, PeerScriptReader.ReadFile(spec.PeerPath));
        string Trace(int schedule) =>
            string.Join('\n', Write(program.Run(settings, WinsockConformance.Simulation.Scheduling.Choices.Random(WinsockConformance.Simulation.Scheduling.SplitMix64.ScheduleSeed(1, schedule))), settings.Profile, "stale-handle buggy"));

        // When it runs ten times
        var traces = Enumerable.Range(0, 10).Select(_ => Trace(3)).ToList();

        // Then the ten traces are one, and another schedule's differs (the comparison can fail)
        Assert.Single(traces.Distinct(StringComparer.Ordinal));
        Assert.Contains("\"handle\":", traces[0], StringComparison.Ordinal);
        Assert.Contains(Enumerable.Range(4, 8).Select(Trace), t => t != traces[0]);
    }

    private static string[] Write(RunOutcome run, Profile profile, string name)
    {
        using var text = new StringWriter { NewLine = "\n" };
        using (var writer = new TraceWriter(text))
        {
            RunTrace.Write(writer, run, profile, name);
        }

        return text.ToString().TrimEnd('\n').Split('\n');
    }
}
