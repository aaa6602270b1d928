namespace WinsockConformance.Model;

/// <summary>Ordinal comparison of the names a step looks up: sockets, windows, event objects.</summary>
internal static class Names
{
    /// <summary>
    /// Ordinal equality, for the lookups every step makes. Names are short and usually the very same
    /// string (one literal, or one trace reader's name table), and different ones mostly differ in
    /// their first or last character ("a" and "b", "c1" and "c2"), so those checks come first.
    /// </summary>
    public static bool Same(string a, string b) =>
        ReferenceEquals(a, b)
        || (a.Length == b.Length && (a.Length == 0 || (a[0] == b[0] && a[^1] == b[^1])) && string.Equals(a, b, StringComparison.Ordinal));
}
