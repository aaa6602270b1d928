using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Cheap proofs that an observed output agrees with the model, tried before <see cref="Checker.Compare"/>
/// renders both sides as text. Each returns true only when the texts are certainly equal (equal parts
/// render to equal text); false means "not proven", and the text comparison decides as before.
/// A conforming trace, the common case, is checked without formatting a single message.
/// </summary>
internal static class QuickAgreement
{
    /// <summary>Same messages in the same order (per-socket reordering is left to the text comparison).</summary>
    public static bool Messages(EquatableArray<Notification> expected, IReadOnlyList<ObservedMessage> observed, ModelState after)
    {
        var items = expected.AsSpan();
        if (items.Length != observed.Count)
        {
            return false;
        }

        for (var i = 0; i < items.Length; i++)
        {
            if (!Same(items[i], observed[i], after))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Equal parts, the generation included: the observed one as written, or the newest socket of the
    /// name when omitted (as <see cref="MessageText.Format(ObservedMessage, ModelState)"/> resolves it).
    /// </summary>
    private static bool Same(Notification n, ObservedMessage m, ModelState after)
    {
        if (n.Event != m.Event || n.Error != m.Error || n.Message != m.Message
            || !string.Equals(n.Window, m.Window, StringComparison.Ordinal)
            || !string.Equals(n.Socket.Name, m.Socket, StringComparison.Ordinal))
        {
            return false;
        }

        // Both sides render the generation against the same newest socket of the name; if there is none, let the text decide.
        var newest = after.Find(m.Socket);
        return newest is not null && (m.Generation ?? newest.Ref.Generation) == n.Socket.Generation;
    }

    public static bool Enumeration(EnumeratedEvents expected, ObservedEnumeration? observed)
    {
        if (observed is null || observed.Events != expected.Events || observed.Errors.Count != expected.Errors.Count)
        {
            return false;
        }

        for (var i = 0; i < observed.Errors.Count; i++)
        {
            if (observed.Errors[i] != expected.Errors[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same names, with the observed list already in the ordinal order the comparison sorts it into.</summary>
    public static bool Signaled(EquatableArray<string> expected, IReadOnlyList<string> observed)
    {
        var names = expected.AsSpan();
        if (names.Length != observed.Count)
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (!string.Equals(names[i], observed[i], StringComparison.Ordinal)
                || (i > 0 && string.CompareOrdinal(observed[i - 1], observed[i]) > 0))
            {
                return false;
            }
        }

        return true;
    }
}
