using System.Text;

using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>The divergence report as text, in the order Jepsen's checkers use.</summary>
public static class ReportText
{
    public static string Render(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("verdict: ").Append(report.Verdict.ToString().ToLowerInvariant()).Append('\n');
        text.Append("trace: ").Append(SafeText.Escape(report.Source));
        if (report.Scenario is not null)
        {
            text.Append(" (scenario ").Append(SafeText.Escape(report.Scenario)).Append(')');
        }

        text.Append('\n');
        text.Append("stack: ").Append(SafeText.Escape(report.Stack ?? "unknown")).Append(", profile: ").Append(report.Profile)
            .Append(", steps: ").Append(report.Steps).Append('\n');
        if (report.InconclusiveReason is not null)
        {
            text.Append("why: ").Append(report.InconclusiveReason).Append('\n');
        }

        if (report.FirstDivergence is not { } d)
        {
            return text.ToString();
        }

        text.Append("first divergence: step ").Append(d.Step).Append(" (line ").Append(d.Line).Append("): ").Append(DifferenceText.Call(d)).Append('\n');
        text.Append("last agreeing step: ").Append(d.LastAgreeingStep == 0 ? "none" : d.LastAgreeingStep.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("model state before the step:\n");
        foreach (var line in StateText.Sockets(d.Before))
        {
            text.Append("  ").Append(line).Append('\n');
        }

        foreach (var diff in d.Differences)
        {
            text.Append(DifferenceText.Aspect(diff)).Append(":\n");
            text.Append("  expected: ").Append(DifferenceText.Expected(diff)).Append('\n');
            text.Append("  observed: ").Append(DifferenceText.Observed(diff)).Append('\n');
        }

        if (d.StackTimedOut)
        {
            text.Append("note: the stack's bounded wait ran out at this step\n");
        }

        text.Append("rules:\n");
        foreach (var rule in d.Rules)
        {
            text.Append("  ").Append(rule.Id).Append(": ").Append(rule.Summary).Append(" [").Append(rule.Source).Append("]\n");
        }

        text.Append("contradiction: ").Append(DifferenceText.Contradiction(report)).Append('\n');
        return text.ToString();
    }
}
