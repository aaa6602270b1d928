using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Every trace captured from a real stack and committed under traces/ is replayed against the model,
/// each its own test case: the model must explain what the real ws2_32 did, on any machine.
/// </summary>
public sealed class CapturedTraceTests
{
    public static TheoryData<string> CapturedTraces() => [.. CapturedTraceFiles()];

    private static IEnumerable<string> CapturedTraceFiles() =>
        Repository.JsonLinesFiles("traces").Where(f => !TraceReader.ReadFile(Repository.PathOf(f)).Header.IsScenario);

    [Theory]
    [MemberData(nameof(CapturedTraces))]
    public void Captured_trace_conforms_to_its_stacks_profile(string file)
    {
        // Given a capture from a real stack, and the profile its header names
        var trace = TraceReader.ReadFile(Repository.PathOf(file));
        var profile = Profiles.Find(trace.Header.Profile ?? string.Empty);
        Assert.True(profile is not null, $"{file}: the header names no known profile");

        // When the model replays it
        var report = Checker.Check(trace, profile);

        // Then the model explains every observation
        Assert.True(trace.Complete, $"{file}: the capture is incomplete (no end line)");
        Assert.True(report.Verdict == Verdict.Conforms, ReportText.Render(report));
    }

    [Fact]
    public void The_corpus_has_captures_of_at_least_50_scenarios_in_message_and_event_mode_over_tcp_and_udp()
    {
        // Given every committed capture
        var traces = CapturedTraceFiles().Select(f => TraceReader.ReadFile(Repository.PathOf(f))).ToList();
        var inputs = traces.SelectMany(t => t.Steps.Select(s => s.Input)).ToList();

        // Then the corpus is as broad as the issue asks
        Assert.True(traces.Count >= 50, $"only {traces.Count} captured traces");
        Assert.Contains(inputs, i => i is AsyncSelectCall);
        Assert.Contains(inputs, i => i is EventSelectCall);
        Assert.Contains(inputs, i => i is SocketCall { Kind: SocketKind.Stream });
        Assert.Contains(inputs, i => i is SocketCall { Kind: SocketKind.Datagram });
        Assert.All(traces, t => Assert.False(string.IsNullOrEmpty(t.Header.Provenance?.Probe), $"{t.Source}: no provenance"));
    }
}
