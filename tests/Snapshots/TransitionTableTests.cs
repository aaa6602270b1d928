using Shouldly;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>
/// The generated rule tables (<see cref="RuleTables"/>) as snapshots, and the Windows column of the
/// generated tables checked cell by cell against what Wine's tests assert on Windows (docs/sources.md #win-b-registration, #win-c-reenabling, #win-d-level).
/// </summary>
public sealed class TransitionTableTests
{
    [Fact]
    public void Latch_diagram() => RuleTables.LatchDiagram().ShouldMatchApproved();

    [Fact]
    public void Event_summary() => RuleTables.EventSummaryTable().ShouldMatchApproved();

    [Fact]
    public void Registration_when_the_condition_holds() =>
        RuleTables.ProbeTable(RuleTables.RegistrationProbes(), Profiles.All).ShouldMatchApproved();

    [Fact]
    public void Reenabling_calls() =>
        RuleTables.ProbeTable(RuleTables.ReenableProbes(), Profiles.All).ShouldMatchApproved();

    [Fact]
    public void New_occurrences_while_latched() =>
        RuleTables.ProbeTable(RuleTables.OccurrenceProbes(), Profiles.All).ShouldMatchApproved();

    [Fact]
    public void Profile_switches() => RuleTables.ProfileSwitchTable(Profiles.All).ShouldMatchApproved();

    [Fact]
    public void Rule_catalogue() => RuleTables.RuleCatalogTable().ShouldMatchApproved();

    /// <summary>Windows table B (docs/sources.md #win-b-registration), row by row (the bound-UDP row is untested in message mode, so absent).</summary>
    [Theory]
    [InlineData("FD_ACCEPT", "connection pending, never reported", "M", "posted")]
    [InlineData("FD_ACCEPT", "connection pending, never reported", "E", "signaled")]
    [InlineData("FD_ACCEPT", "connection pending, already reported", "M", "posted")]
    [InlineData("FD_ACCEPT", "connection pending, already reported", "E", "not signaled")]
    [InlineData("FD_ACCEPT", "arrived but accepted before registering", "M", "nothing")]
    [InlineData("FD_ACCEPT", "arrived but accepted before registering", "E", "not signaled")]
    [InlineData("FD_CONNECT", "TCP connect completed before registering", "M", "nothing")]
    [InlineData("FD_CONNECT", "TCP connect completed before registering", "E", "signaled")]
    [InlineData("FD_CONNECT", "TCP connect completed while FD_CONNECT was unselected", "M", "nothing")]
    [InlineData("FD_CONNECT", "TCP connect completed while FD_CONNECT was unselected", "E", "signaled")]
    [InlineData("FD_CONNECT", "accepted socket", "M", "nothing")]
    [InlineData("FD_CONNECT", "accepted socket", "E", "not signaled")]
    [InlineData("FD_WRITE", "connected TCP, first registration", "M", "posted")]
    [InlineData("FD_WRITE", "connected TCP, first registration", "E", "signaled")]
    [InlineData("FD_WRITE", "connected TCP, already reported", "M", "posted")]
    [InlineData("FD_WRITE", "connected TCP, already reported", "E", "not signaled")]
    [InlineData("FD_WRITE", "unbound UDP", "M", "posted")]
    [InlineData("FD_WRITE", "unbound UDP", "E", "not signaled")]
    [InlineData("FD_WRITE", "bound UDP", "E", "signaled")]
    [InlineData("FD_WRITE", "unconnected TCP", "M", "nothing")]
    [InlineData("FD_WRITE", "unconnected TCP", "E", "not signaled")]
    [InlineData("FD_WRITE", "listening socket", "M", "nothing")]
    [InlineData("FD_WRITE", "listening socket", "E", "not signaled")]
    [InlineData("FD_READ", "unread data, already reported", "M", "posted")]
    [InlineData("FD_READ", "unread data, already reported", "E", "not signaled")]
    [InlineData("FD_READ", "data arrived while unselected, unread", "M", "posted")]
    [InlineData("FD_READ", "data arrived while unselected, unread", "E", "signaled")]
    [InlineData("FD_READ", "data arrived and read while unselected", "M", "nothing")]
    [InlineData("FD_READ", "data arrived and read while unselected", "E", "not signaled")]
    [InlineData("FD_OOB", "urgent byte unread, already reported", "M", "posted")]
    [InlineData("FD_OOB", "urgent byte unread, already reported", "E", "not signaled")]
    [InlineData("FD_OOB", "urgent byte arrived while unselected", "M", "posted")]
    [InlineData("FD_OOB", "urgent byte arrived while unselected", "E", "signaled")]
    [InlineData("FD_CLOSE", "peer closed, already reported", "M", "posted")]
    [InlineData("FD_CLOSE", "peer closed, already reported", "E", "not signaled")]
    [InlineData("FD_CLOSE", "peer reset, already reported", "M", "posted WSAECONNABORTED")]
    [InlineData("FD_CLOSE", "peer reset, already reported", "E", "not signaled")]
    [InlineData("FD_CLOSE", "peer closed before registering", "M", "posted")]
    [InlineData("FD_CLOSE", "peer closed before registering", "E", "signaled")]
    public void Windows_column_reproduces_table_B(string fdEvent, string situation, string mode, string windows) =>
        WindowsCell(RuleTables.RegistrationProbes(), fdEvent, situation, mode).ShouldBe(windows);

    /// <summary>Windows tables C and D (docs/sources.md #win-c-reenabling, #win-d-level), where a Windows test asserts the outcome.</summary>
    [Theory]
    [InlineData("FD_READ", "recv of part of the data", "M", "posted")]
    [InlineData("FD_READ", "recv of all the data", "M", "nothing")]
    [InlineData("FD_READ", "recv failing WSAEFAULT", "M", "posted")]
    [InlineData("FD_READ", "recv failing WSAEFAULT", "E", "not signaled")]
    [InlineData("FD_WRITE", "successful send", "M", "nothing")]
    [InlineData("FD_WRITE", "connect on bound UDP", "M", "posted")]
    [InlineData("FD_OOB", "recv(MSG_OOB) with a second urgent byte queued", "M", "posted")]
    [InlineData("FD_ACCEPT", "accept with another connection queued", "M", "posted")]
    [InlineData("FD_CONNECT", "WSAAsyncSelect again (no re-enabling function)", "M", "nothing")]
    [InlineData("FD_CLOSE", "recv returning 0 (no re-enabling function)", "M", "nothing")]
    [InlineData("FD_CLOSE", "draining data left after the peer's close", "M", "nothing")]
    public void Windows_column_reproduces_table_C(string fdEvent, string situation, string mode, string windows) =>
        WindowsCell(RuleTables.ReenableProbes(), fdEvent, situation, mode).ShouldBe(windows);

    [Theory]
    [InlineData("FD_READ", "more data, FD_READ latched", "M", "nothing")]
    [InlineData("FD_READ", "more data, FD_READ latched", "E", "not signaled")]
    [InlineData("FD_ACCEPT", "another connection, FD_ACCEPT latched", "M", "nothing")]
    [InlineData("FD_OOB", "another urgent byte, FD_OOB latched", "M", "nothing")]
    [InlineData("FD_READ", "more data after WSAEventSelect re-registration", "E", "signaled")]
    [InlineData("FD_ACCEPT", "another connection after WSAEventSelect re-registration", "E", "signaled")]
    [InlineData("FD_OOB", "another urgent byte after WSAEventSelect re-registration", "E", "signaled")]
    [InlineData("FD_CLOSE", "the peer's FIN after local shutdown(SD_BOTH)", "M", "posted")]
    public void Windows_column_reproduces_table_D(string fdEvent, string situation, string mode, string windows) =>
        WindowsCell(RuleTables.OccurrenceProbes(), fdEvent, situation, mode).ShouldBe(windows);

    private static string WindowsCell(IReadOnlyList<RuleTables.Probe> probes, string fdEvent, string situation, string mode)
    {
        var probe = probes.SingleOrDefault(p =>
            p.Event.NativeName() == fdEvent && p.Situation == situation && (p.Mode == RuleTables.Mode.Message ? "M" : "E") == mode);
        probe.ShouldNotBeNull($"no generated row {fdEvent} / {situation} / {mode}");
        return RuleTables.Cell(probe, Profiles.Windows);
    }
}
