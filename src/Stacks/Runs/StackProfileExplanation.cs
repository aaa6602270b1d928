using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>Whether a divergence from the judging profile is what the stack's own profile predicts.</summary>
internal static class StackProfileExplanation
{
    /// <summary>
    /// True when the trace diverges from <paramref name="judged"/> but conforms to the stack's own profile. A trace
    /// whose scenario the stack's profile calls impossible (a step one profile allows and another refuses) is not
    /// explained: it is a finding, never bad input.
    /// </summary>
    public static bool Explains(IScenarioStack stack, Profile judged, Trace trace, CheckReport report)
    {
        if (report.Verdict != Verdict.Diverges || ReferenceEquals(stack.NativeProfile, judged))
        {
            return false;
        }

        try
        {
            return Checker.Check(trace, stack.NativeProfile).Verdict == Verdict.Conforms;
        }
        catch (TraceReadException)
        {
            return false;
        }
    }
}
