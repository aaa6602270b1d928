using System.Globalization;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// Real handle values (windows, event objects) differ from run to run, so the stack and the record see values numbered
/// by order of first appearance instead (the same in every run of a schedule); the effects go out with the real ones.
/// </summary>
internal sealed class HandleMap(string kind)
{
    private readonly Dictionary<nint, nint> _toReal = [];
    private readonly Dictionary<nint, nint> _toSimulated = [];

    /// <summary>The simulated value of <paramref name="real"/>, or null when it never appeared.</summary>
    public nint? Simulated(nint real) => real == 0 ? 0 : _toSimulated.TryGetValue(real, out var value) ? value : null;

    /// <summary>The real value behind <paramref name="simulated"/>.</summary>
    public nint Real(nint simulated) =>
        simulated == 0 ? 0 : _toReal.TryGetValue(simulated, out var value) ? value
            : throw new Core.SimulatorBugException($"the {kind} 0x{simulated.ToString("X", CultureInfo.InvariantCulture)} has no real handle behind it");

    /// <summary>Pairs the two values (a real value the program's process reuses later is paired again).</summary>
    public void Pair(nint real, nint simulated)
    {
        _toReal[simulated] = real;
        _toSimulated[real] = simulated;
    }

    /// <summary>The simulated value of <paramref name="real"/>, numbering it next (from <paramref name="base"/> in <paramref name="step"/>s) when new.</summary>
    public nint Number(nint real, int @base, int step)
    {
        if (Simulated(real) is { } known)
        {
            return known;
        }

        var simulated = (nint)(@base + (step * (_toReal.Count + 1)));
        Pair(real, simulated);
        return simulated;
    }
}
