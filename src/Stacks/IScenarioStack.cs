using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>
/// Something that can run a scenario and record what happened: the real ws2_32 (natively or under
/// Wine) or the model itself. The data flow is scenario -> stack -> trace -> checker -> report.
/// </summary>
public interface IScenarioStack : IDisposable
{
    /// <summary>The stack's name as traces record it, e.g. "wine-8.0" or "windows-10.0.22631".</summary>
    string Name { get; }

    /// <summary>The profile this stack is expected to follow when none is asked for.</summary>
    Profile NativeProfile { get; }

    Provenance Provenance { get; }

    /// <summary>Why the stack follows <see cref="NativeProfile"/> when it is not the stack that profile was found on (a Wine version the kit does not know), or null.</summary>
    string? ProfileNote => null;

    /// <summary>Runs the scenario, writing the trace step by step to <paramref name="writer"/> (flushed per line).</summary>
    void Capture(Trace scenario, TraceWriter writer);

    /// <summary>
    /// <see cref="Capture(Trace, TraceWriter)"/>, stopping between steps once <paramref name="interruption"/> is
    /// cancelled: the trace then ends <c>"interrupted"</c>. A stack whose scenarios take no time need not look at it.
    /// </summary>
    void Capture(Trace scenario, TraceWriter writer, CancellationToken interruption) => Capture(scenario, writer);
}
