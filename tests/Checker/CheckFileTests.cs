using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Reports;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// Checker.CheckFile checks each step as it is read (the check command's path); it must give what
/// reading the whole file and then checking it gives, report and error alike.
/// </summary>
public sealed class CheckFileTests(TraceFiles files) : IClassFixture<TraceFiles>
{
    private static readonly string[] s_trace =
    [
        """{"format":"wsaasyncselect-trace","version":1,"kind":"trace","name":"read","stack":"hand-written","profile":"windows"}""",
        """{"step":1,"op":"socket","socket":"a","observed":{"ret":0}}""",
        """{"step":2,"op":"WSAAsyncSelect","socket":"a","events":["FD_READ","FD_WRITE","FD_CONNECT","FD_CLOSE"],"observed":{"ret":0}}""",
        """{"step":3,"op":"connect","socket":"a","observed":{"ret":-1,"error":"WSAEWOULDBLOCK","posted":["a FD_CONNECT","a FD_WRITE"]}}""",
        """{"step":4,"op":"peer.send","socket":"a","len":100,"observed":{"ret":0,"posted":["a FD_READ"]}}""",
        """{"step":5,"op":"recv","socket":"a","len":100,"observed":{"ret":100}}""",
        TraceFiles.CompleteEnd,
    ];

    private const string Malformed = """{"step":6,"op":""";

    public static TheoryData<string> CapturedTraces() => [.. Repository.JsonLinesFiles("traces")];

    [Theory]
    [MemberData(nameof(CapturedTraces))]
    public void A_captured_trace_gets_the_report_of_reading_then_checking(string file)
    {
        // Given a capture, under every profile
        var path = Repository.PathOf(file);
        foreach (var profile in Profiles.All)
        {
            // When it is checked as it is read, and after reading it whole
            var streamed = Outcome(() => Checker.CheckFile(path, _ => profile));
            var whole = Outcome(() => Checker.Check(TraceReader.ReadFile(path), profile));

            // Then both say the same
            Assert.Equal(whole, streamed);
        }
    }

    [Theory]
    [InlineData("conforms", 0, null, "verdict: conforms")]
    [InlineData("diverges", 5, """{"step":4,"op":"peer.send","socket":"a","len":100,"observed":{"ret":0}}""", "verdict: diverges")]
    [InlineData("no-observed", 5, """{"step":4,"op":"peer.send","socket":"a","len":100}""", "error: ")]
    [InlineData("impossible", 5, """{"step":4,"op":"peer.send","socket":"b","len":100,"observed":{"ret":0}}""", "error: ")]
    [InlineData("cut", 7, null, "verdict: inconclusive")]
    public void What_checking_finds_is_what_reading_then_checking_finds(string name, int line, string? text, string outcome)
    {
        // Given a trace with a step changed (or its end line cut)
        var lines = name == "cut" ? s_trace[..^1] : With(s_trace, line, text);
        var path = files.Write($"checkfile-{name}.jsonl", lines);

        // When it is checked as it is read
        var streamed = Outcome(() => Checker.CheckFile(path, _ => Profiles.Windows));

        // Then it says what reading it whole and then checking it says
        Assert.StartsWith(outcome, streamed, StringComparison.Ordinal);
        Assert.Equal(Outcome(() => Checker.Check(TraceReader.ReadFile(path), Profiles.Windows)), streamed);
    }

    [Theory]
    [InlineData("diverges", 5, """{"step":4,"op":"peer.send","socket":"a","len":100,"observed":{"ret":0}}""")]
    [InlineData("no-observed", 5, """{"step":4,"op":"peer.send","socket":"a","len":100}""")]
    [InlineData("impossible", 5, """{"step":4,"op":"peer.send","socket":"b","len":100,"observed":{"ret":0}}""")]
    [InlineData("scenario", 1, """{"format":"wsaasyncselect-trace","version":1,"kind":"scenario","name":"read"}""")]
    public void A_bad_line_later_in_the_file_is_reported_first(string name, int line, string text)
    {
        // Given a trace that diverges, or cannot be checked, before a malformed line
        var path = files.Write($"checkfile-then-malformed-{name}.jsonl", [.. With(s_trace, line, text)[..^1], Malformed]);

        // When it is checked as it is read
        var error = Assert.Throws<TraceReadException>(() => Checker.CheckFile(path, _ => Profiles.Windows));

        // Then the malformed line is what is reported, as when the whole file is read first
        Assert.Equal(7, error.Line);
        Assert.Equal(Assert.Throws<TraceReadException>(() => TraceReader.ReadFile(path)).Message, error.Message);
    }

    [Fact]
    public void The_profile_is_chosen_from_the_header_and_its_error_waits_for_the_file_to_be_read()
    {
        // Given a trace whose header names no known profile
        var path = files.Write("checkfile-unknown-profile.jsonl", With(s_trace, 1, s_trace[0].Replace("\"windows\"", "\"bogus\"", StringComparison.Ordinal)));
        var malformed = files.Write("checkfile-unknown-profile-malformed.jsonl", [.. With(s_trace, 1, s_trace[0].Replace("\"windows\"", "\"bogus\"", StringComparison.Ordinal))[..^1], Malformed]);
        static Profile Choose(TraceHeader? header) => Profiles.Find(header!.Profile!) ?? throw new InvalidOperationException($"no profile {header!.Profile}");

        // When / Then: the chooser's error, once the file is read; a malformed line first
        Assert.Equal("no profile bogus", Assert.Throws<InvalidOperationException>(() => Checker.CheckFile(path, Choose)).Message);
        Assert.Equal(7, Assert.Throws<TraceReadException>(() => Checker.CheckFile(malformed, Choose)).Line);
    }

    private static string[] With(string[] lines, int line, string? text)
    {
        var copy = (string[])lines.Clone();
        if (text is not null)
        {
            copy[line - 1] = text;
        }

        return copy;
    }

    /// <summary>The rendered report, or the error's message: what the check command prints.</summary>
    private static string Outcome(Func<CheckReport> check)
    {
        try
        {
            return ReportText.Render(check());
        }
        catch (TraceReadException e)
        {
            return "error: " + e.Message;
        }
    }
}
