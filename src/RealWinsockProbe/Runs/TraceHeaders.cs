using WinsockConformance.Traces;

namespace WinsockConformance.RealWinsockProbe.Runs;

internal static class TraceHeaders
{
    public static TraceHeader ForCapture(Trace scenario, string stack, string profile, Provenance provenance) => scenario.Header with
    {
        Kind = TraceFormat.TraceKind,
        Stack = stack,
        Profile = profile,
        Provenance = provenance,
    };
}

internal static class ProbeVersion
{
    public static string Text => typeof(ProbeVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
