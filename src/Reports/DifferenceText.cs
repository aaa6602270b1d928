using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>The checker's values as the reports write them: each difference's two sides, the contradiction sentence.</summary>
public static class DifferenceText
{
    /// <summary>"result", "posted", ...: the aspect as the report heads it.</summary>
    public static string Aspect(Difference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return difference.Aspect.ToString().ToLowerInvariant();
    }

    public static string Expected(Difference difference) => difference switch
    {
        ResultDifference d => Result(d.Expected),
        ValueDifference d => Invariant(d.Expected),
        MessageDifference d => Messages(d.Expected),
        EnumeratedDifference d => d.Expected.ToString(),
        SignaledDifference d => Signaled(d.Expected),
        HandleDifference d => d.Expected is { } value
            ? $"{Subject(d)} {Invariant(value)}, the value of {d.ExpectedOwner}"
            : $"{Subject(d)} a value no earlier socket of the trace had",
        _ => throw new System.Diagnostics.UnreachableException(difference?.GetType().Name),
    };

    public static string Observed(Difference difference) => difference switch
    {
        ResultDifference d => Result(d.Observed),
        ValueDifference d => d.Observed is { } v ? Invariant(v) : "none",
        MessageDifference d => Messages(d.Observed),
        EnumeratedDifference d => d.Observed?.ToString() ?? "nothing recorded",
        SignaledDifference d => Signaled(d.Observed),
        HandleDifference d => $"{Subject(d)} {Invariant(d.Observed)}" + (d.ObservedOwner is { } owner ? $", the value of {owner}" : string.Empty),
        _ => throw new System.Diagnostics.UnreachableException(difference?.GetType().Name),
    };

    /// <summary>"ret 0", "ret -1 WSAEWOULDBLOCK".</summary>
    public static string Result(CallResult result) =>
        result.Error == WsaError.None ? $"ret {Invariant(result.Return)}" : $"ret {Invariant(result.Return)} {result.Error.NativeName()}";

    /// <summary>The one sentence that closes a divergence report.</summary>
    public static string Contradiction(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var d = report.FirstDivergence ?? throw new ArgumentException("the report has no divergence", nameof(report));
        var first = d.Differences[0];
        return $"under profile '{report.Profile}', step {d.Step} ({Operations.Describe(d.Input)}) should give {Aspect(first)} {Expected(first)}, but the stack gave {Observed(first)}.";
    }

    /// <summary>The diverging step's call in one line.</summary>
    public static string Call(Divergence divergence)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        return Operations.Describe(divergence.Input);
    }

    private static string Messages(EquatableArray<ObservedMessage> messages) =>
        messages.Count == 0 ? "[]" : "[" + string.Join(", ", messages.Select(MessageText.Format)) + "]";

    /// <summary>Whose value a handle difference is about: the new socket's, or a message's wParam.</summary>
    private static string Subject(HandleDifference d) => d.InMessage ? $"wParam of a message for {d.Socket}:" : $"{d.Socket} gets";

    private static string Signaled(EquatableArray<string> names) => names.Count == 0 ? "no event signaled" : string.Join(", ", names);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
