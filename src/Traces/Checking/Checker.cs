using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Checks an observed trace against the model: folds <see cref="WinsockModel.Step"/> over the trace's
/// inputs and compares every step's outputs, stopping at the first that differs (Knossos' reduce).
/// Messages are compared per socket: the order between sockets within one step is the stack's to
/// choose (implementations.md §6.12).
/// </summary>
public static class Checker
{
    public static CheckReport Check(Trace trace, Profile profile)
    {
        if (trace.Header.IsScenario)
        {
            throw ScenarioNotTrace(trace.Source);
        }

        var run = new CheckRun(trace.Source, profile);
        foreach (var step in trace.Steps)
        {
            if (!run.Step(step))
            {
                break;
            }
        }

        return run.Report(trace.Header, trace.Steps.Count, trace.Complete);
    }

    /// <summary>
    /// <see cref="TraceReader.ReadFile(string)"/> then <see cref="Check"/>, with the profile chosen from the
    /// header, but checking each step as it is read instead of keeping the parsed trace: the same report,
    /// and the same error when there is one (a bad line anywhere in the file first, as reading the whole
    /// file first would have it), without holding a large trace in memory.
    /// </summary>
    public static CheckReport CheckFile(string path, Func<TraceHeader, Profile> chooseProfile)
    {
        var checking = new CheckingSink(path, chooseProfile);
        var (header, complete) = TraceReader.ReadFile(path, checking);
        return checking.Finish(header, complete);
    }

    internal static TraceReadException ScenarioNotTrace(string source) =>
        new(source, 1, "this is a scenario (no observed outputs); run it with 'explain', or capture a trace of it first");

    /// <summary>Every aspect in which the observation differs from the model's prediction.</summary>
    public static List<Difference> Compare(Observation expected, ModelState after, ObservedStep observed)
    {
        var differences = new List<Difference>();
        if (expected.Return != observed.Return || expected.Error != observed.Error)
        {
            differences.Add(new Difference("result", ResultText(expected.Return, expected.Error), ResultText(observed.Return, observed.Error)));
        }

        if (expected.Value is { } value && value != observed.Value)
        {
            differences.Add(new Difference("value", Invariant(value), observed.Value is { } v ? Invariant(v) : "none"));
        }

        // QuickAgreement proves the common case equal without rendering text; the text comparison decides the rest.
        if (!QuickAgreement.Messages(expected.Posted, observed.Posted, after))
        {
            CompareMessages(differences, "posted", [.. expected.Posted.Select(n => MessageText.Format(n, after))], [.. observed.Posted.Select(m => MessageText.Format(m, after))]);
        }

        if (!QuickAgreement.Messages(expected.Delivered, observed.Delivered, after))
        {
            CompareMessages(differences, "delivered", [.. expected.Delivered.Select(n => MessageText.Format(n, after))], [.. observed.Delivered.Select(m => MessageText.Format(m, after))]);
        }

        if (expected.Enumerated is { } en && !QuickAgreement.Enumeration(en, observed.Enumerated))
        {
            var expectedText = en.ToString();
            var observedText = observed.Enumerated is { } o
                ? new EnumeratedEvents(o.Events, new EquatableArray<BitError>([.. o.Errors])).ToString()
                : "nothing recorded";
            if (!string.Equals(expectedText, observedText, StringComparison.Ordinal))
            {
                differences.Add(new Difference("enumerated", expectedText, observedText));
            }
        }

        if (!QuickAgreement.Signaled(expected.Signaled, observed.Signaled))
        {
            var expectedSignaled = string.Join(", ", expected.Signaled);
            var observedSignaled = string.Join(", ", observed.Signaled.Order(StringComparer.Ordinal));
            if (!string.Equals(expectedSignaled, observedSignaled, StringComparison.Ordinal))
            {
                differences.Add(new Difference("signaled", Or(expectedSignaled, "no event signaled"), Or(observedSignaled, "no event signaled")));
            }
        }

        return differences;
    }

    private static void CompareMessages(List<Difference> differences, string aspect, List<string> expected, List<string> observed)
    {
        if (!PerSocketEqual(expected, observed))
        {
            differences.Add(new Difference(aspect, List(expected), List(observed)));
        }
    }

    /// <summary>Equal when, socket by socket, the same messages appear in the same order.</summary>
    private static bool PerSocketEqual(List<string> expected, List<string> observed)
    {
        if (expected.Count != observed.Count)
        {
            return false;
        }

        if (expected.SequenceEqual(observed, StringComparer.Ordinal))
        {
            return true;
        }

        static string Key(string message)
        {
            var tokens = message.Split(' ');
            var eventIndex = Array.FindIndex(tokens, t => t.StartsWith("FD_", StringComparison.Ordinal));
            return string.Join(' ', tokens[..eventIndex]);
        }

        var keys = expected.Select(Key).Concat(observed.Select(Key)).Distinct(StringComparer.Ordinal);
        return keys.All(k => expected.Where(m => Key(m) == k).SequenceEqual(observed.Where(m => Key(m) == k), StringComparer.Ordinal));
    }

    internal static string Contradiction(Profile profile, TraceStep step, Difference first) =>
        $"under profile '{profile.Name}', step {step.Number} ({InputCodec.Describe(step.Input)}) should give {first.Aspect} {first.Expected}, but the stack gave {first.Observed}.";

    public static string ResultText(long ret, WsaError error) =>
        error == WsaError.None ? $"ret {Invariant(ret)}" : $"ret {Invariant(ret)} {error.NativeName()}";

    private static string List(List<string> items) => items.Count == 0 ? "[]" : "[" + string.Join(", ", items) + "]";

    private static string Or(string text, string fallback) => text.Length == 0 ? fallback : text;

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
