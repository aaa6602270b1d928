namespace WinsockConformance.Traces;

/// <summary>
/// Debug builds read every fast-path step a second time on the slow path and demand the same step
/// (TraceReader.CheckFastPath): the fast path repeats InputCodec's rules, and this is what notices when
/// the two drift apart. The test suite runs in Debug, so every trace and scenario it reads is checked.
/// </summary>
internal static class FastPathCheck
{
    public static bool Same(TraceStep a, TraceStep b) =>
        a.Line == b.Line && a.Number == b.Number && a.Input == b.Input
        && string.Equals(a.Comment, b.Comment, StringComparison.Ordinal)
        && (a.Observed is null ? b.Observed is null : b.Observed is not null && Same(a.Observed, b.Observed));

    private static bool Same(ObservedStep a, ObservedStep b) =>
        a.Return == b.Return && a.Error == b.Error && a.Value == b.Value && a.TimedOut == b.TimedOut
        && string.Equals(a.Note, b.Note, StringComparison.Ordinal)
        && a.Posted.SequenceEqual(b.Posted) && a.Delivered.SequenceEqual(b.Delivered)
        && a.Signaled.SequenceEqual(b.Signaled, StringComparer.Ordinal)
        && (a.Enumerated is null
            ? b.Enumerated is null
            : b.Enumerated is not null && a.Enumerated.Events == b.Enumerated.Events && a.Enumerated.Errors.SequenceEqual(b.Enumerated.Errors));
}
