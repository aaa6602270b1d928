using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Compares one step's observed outputs with the model's prediction as values (Knossos and Elle compare values
/// and render last): the result, FIONREAD's value, the messages posted and delivered (per socket: the order
/// between sockets within one step is the stack's to choose, docs/sources.md #impl-s6-12), the enumeration and
/// the signaled event objects. A conforming step, the common case, allocates nothing.
/// </summary>
internal static class Comparison
{
    /// <summary>Every aspect in which <paramref name="observed"/> differs from the prediction of the step from <paramref name="before"/>.</summary>
    public static List<Difference>? Differences(ModelState before, StepResult predicted, ObservedStep observed) =>
        Differences(before, predicted, observed, ObservedAspects.All, compareDelivered: true);

    /// <summary>
    /// The differences in the aspects a trace observes (version 2's <c>observes</c>). Retrieved messages are compared here
    /// only when <paramref name="compareDelivered"/> (version 1); version 2 judges them with <see cref="DeliverySearch"/>.
    /// </summary>
    public static List<Difference>? Differences(ModelState before, StepResult predicted, ObservedStep observed, ObservedAspects aspects, bool compareDelivered)
    {
        var expected = predicted.Observation;
        var after = predicted.State;
        List<Difference>? differences = null;
        void Add(Difference d) => (differences ??= []).Add(d);

        var results = (aspects & ObservedAspects.Results) != 0;
        if (results && (expected.Return != observed.Return || expected.Error != observed.Error))
        {
            Add(new ResultDifference(new CallResult(expected.Return, expected.Error), new CallResult(observed.Return, observed.Error)) { Rules = expected.Rules, Before = before });
        }

        if (results && expected.Value is { } value && value != observed.Value)
        {
            Add(new ValueDifference(value, observed.Value) { Rules = expected.Rules, Before = before });
        }

        if ((aspects & ObservedAspects.Posted) != 0 && !SameMessages(expected.Posted, observed.Posted, after))
        {
            Add(new PostedDifference(Canonical(expected.Posted, after), Canonical(observed.Posted, after)) { Rules = expected.Rules, Before = before });
        }

        if (compareDelivered && !SameMessages(expected.Delivered, observed.Delivered, after))
        {
            Add(new DeliveredDifference(Canonical(expected.Delivered, after), Canonical(observed.Delivered, after)) { Rules = expected.Rules, Before = before });
        }

        if (results && expected.Enumerated is { } en && !SameEnumeration(en, observed.Enumerated))
        {
            var recorded = observed.Enumerated is { } o ? new EnumeratedEvents(o.Events, new EquatableArray<BitError>([.. o.Errors])) : null;
            Add(new EnumeratedDifference(en, recorded) { Rules = expected.Rules, Before = before });
        }

        if ((aspects & ObservedAspects.Signaled) != 0 && !SameSignaled(expected.Signaled, observed.Signaled))
        {
            Add(new SignaledDifference(expected.Signaled, new EquatableArray<string>([.. observed.Signaled.Order(StringComparer.Ordinal)])) { Rules = expected.Rules, Before = before });
        }

        return differences;
    }

    /// <summary>A message as a trace writes it after the step: the generation kept only when it is not the newest socket of the name.</summary>
    public static ObservedMessage Canonical(Notification n, ModelState after)
    {
        var newest = after.Find(n.Socket.Name)?.Ref.Generation ?? n.Socket.Generation;
        return new ObservedMessage(n.Window, n.Message, n.Socket.Name, n.Socket.Generation == newest ? null : n.Socket.Generation, n.Event, n.Error);
    }

    /// <summary>An observed message the same way (an omitted generation means the newest socket of the name), without its wParam (compared as a handle).</summary>
    public static ObservedMessage Canonical(ObservedMessage m, ModelState after)
    {
        var newest = after.Find(m.Socket)?.Ref.Generation ?? 1;
        return m.Generation is { } g && g != newest ? m with { WParam = null } : m with { Generation = null, WParam = null };
    }

    private static EquatableArray<ObservedMessage> Canonical(EquatableArray<Notification> messages, ModelState after) =>
        new([.. messages.Select(n => Canonical(n, after))]);

    private static EquatableArray<ObservedMessage> Canonical(IReadOnlyList<ObservedMessage> messages, ModelState after) =>
        new([.. messages.Select(m => Canonical(m, after))]);

    /// <summary>The same messages and, socket by socket (window, message number, socket and generation), in the same order.</summary>
    private static bool SameMessages(EquatableArray<Notification> expected, IReadOnlyList<ObservedMessage> observed, ModelState after)
    {
        var items = expected.AsSpan();
        if (items.Length != observed.Count)
        {
            return false;
        }

        var inOrder = true;
        for (var i = 0; i < items.Length && inOrder; i++)
        {
            inOrder = Same(items[i], observed[i], after);
        }

        return inOrder || SamePerSocket(Canonical(expected, after), Canonical(observed, after));
    }

    /// <summary>Whether the two are the same message as <see cref="Canonical(Notification, ModelState)"/> writes them, with one look-up of the name.</summary>
    private static bool Same(Notification n, ObservedMessage m, ModelState after)
    {
        if (n.Event != m.Event || n.Error != m.Error || n.Message != m.Message
            || !string.Equals(n.Window, m.Window, StringComparison.Ordinal)
            || !string.Equals(n.Socket.Name, m.Socket, StringComparison.Ordinal))
        {
            return false;
        }

        // An omitted generation is the newest socket of the name; with no such socket both sides write the bare name.
        return after.Find(m.Socket) is { } newest
            ? (m.Generation ?? newest.Ref.Generation) == n.Socket.Generation
            : m.Generation is null or 1;
    }

    private static bool SamePerSocket(EquatableArray<ObservedMessage> expected, EquatableArray<ObservedMessage> observed)
    {
        static (string, int, string, int?) Socket(ObservedMessage m) => (m.Window, m.Message, m.Socket, m.Generation);

        foreach (var key in expected.Concat(observed).Select(Socket).Distinct())
        {
            if (!expected.Where(m => Socket(m) == key).SequenceEqual(observed.Where(m => Socket(m) == key)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameEnumeration(EnumeratedEvents expected, ObservedEnumeration? observed) =>
        observed is not null && observed.Events == expected.Events && observed.Errors.SequenceEqual(expected.Errors);

    /// <summary>The same names; the model keeps them in ordinal order, a trace may write them in any.</summary>
    private static bool SameSignaled(EquatableArray<string> expected, IReadOnlyList<string> observed)
    {
        var names = expected.AsSpan();
        if (names.Length != observed.Count)
        {
            return false;
        }

        var sorted = true;
        for (var i = 0; i < names.Length && sorted; i++)
        {
            sorted = string.Equals(names[i], observed[i], StringComparison.Ordinal);
        }

        return sorted || names.SequenceEqual([.. observed.Order(StringComparer.Ordinal)]);
    }
}
