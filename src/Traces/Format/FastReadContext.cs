namespace WinsockConformance.Traces;

/// <summary>What the fast path keeps across the lines of one file: shared names and scratch lists.</summary>
internal sealed class FastReadContext
{
    public NameTable Names { get; } = new();

    /// <summary>Messages of one array, copied out as an exactly sized array (most steps post none, one or two).</summary>
    public List<ObservedMessage> Messages { get; } = [];

    /// <summary>Names of one array ("signaled"), copied out the same way.</summary>
    public List<string> Strings { get; } = [];
}
