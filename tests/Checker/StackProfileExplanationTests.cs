using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// A step one profile allows and another refuses is a finding, not bad input: judging a trace against the asked profile
/// must not fail because the stack's own profile calls one of its steps impossible.
/// </summary>
public sealed class StackProfileExplanationTests
{
    // A blocking recv(MSG_OOB) on a socket that never connected: Windows fails it (WSAENOTCONN); under wine-8 it would
    // wait for ever (WINE-21), so the step is impossible there.
    private static readonly string[] s_trace =
    [
        """{"format":"wsaasyncselect-trace","version":1,"kind":"trace","name":"oob-recv-unconnected"}""",
        """{"op":"socket","socket":"a","observed":{"ret":0}}""",
        """{"op":"recv","socket":"a","len":1,"flags":["MSG_OOB"],"observed":{"ret":-1,"error":"WSAEINVAL"}}""",
        """{"end":"complete"}""",
    ];

    [Fact]
    public void A_trace_the_stacks_profile_calls_impossible_is_not_explained_and_not_bad_input()
    {
        // Given a trace judged against windows, from a stack whose own profile (wine-8) refuses one of its steps
        var trace = TraceReader.Read("oob-recv-unconnected.jsonl", s_trace);
        var report = Checker.Check(trace, Profiles.Windows);
        Assert.Equal(Verdict.Diverges, report.Verdict);
        Assert.Throws<TraceReadException>(() => Checker.Check(trace, Profiles.Wine8));
        using var stack = new ModelStack(Profiles.Wine8);

        // When asked whether the stack's profile explains the divergence
        var explained = StackProfileExplanation.Explains(stack, Profiles.Windows, trace, report);

        // Then it does not, and nothing throws: the divergence stays a finding
        Assert.False(explained);
    }
}
