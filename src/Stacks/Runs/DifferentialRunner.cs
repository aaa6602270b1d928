using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>One generated scenario run on the stack and checked against the model.</summary>
/// <param name="TraceText">The captured trace, as the stack wrote it (JSON Lines).</param>
/// <param name="Report">The checker's report under the judging profile.</param>
/// <param name="ExplainedByStackProfile">It diverges from the judging profile but conforms to the stack's own (as in <c>run</c>).</param>
internal sealed record DifferentialResult(string TraceText, CheckReport Report, bool ExplainedByStackProfile)
{
    /// <summary>A divergence the stack's own profile does not explain: what the fuzzer hunts and shrinks.</summary>
    public bool Disagrees => Report.Verdict == Verdict.Diverges && !ExplainedByStackProfile;
}

/// <summary>
/// Runs a scenario on a stack (the live ws2_32, or the model as a stand-in) in this process, captures
/// the trace in memory and checks it with the same checker as <c>run</c> and <c>check</c>.
/// </summary>
internal sealed class DifferentialRunner(IScenarioStack stack, Profile profile)
{
    public Profile Profile => profile;

    public IScenarioStack Stack => stack;

    public DifferentialResult Run(Trace scenario, CancellationToken stop = default)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new TraceWriter(text))
        {
            stack.Capture(scenario, writer, stop);
        }

        var captured = text.ToString();
        var trace = TraceReader.Read(scenario.Source, captured.Split('\n'));
        var report = Checker.Check(trace, profile);
        var explained = StackProfileExplanation.Explains(stack, profile, trace, report);
        return new DifferentialResult(captured, report, explained);
    }
}
