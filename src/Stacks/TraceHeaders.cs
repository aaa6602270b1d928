using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>The header a capture writes: the scenario's own, marked as a trace of this stack and profile.</summary>
public static class TraceHeaders
{
    public static TraceHeader ForCapture(Trace scenario, string stack, string profile, Provenance provenance) => scenario.Header with
    {
        Kind = TraceFormat.TraceKind,
        Stack = stack,
        Profile = profile,
        Provenance = provenance,
    };
}
