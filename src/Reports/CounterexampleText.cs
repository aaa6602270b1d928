using System.Globalization;
using System.Text;
using WinsockConformance.Generation;

using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>A shrunk fuzzing disagreement as the fuzzer prints it.</summary>
internal static class CounterexampleText
{
    /// <summary>What the fuzzer prints: the checker's report, the scenario file and how to replay it.</summary>
    public static string Render(Counterexample c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\ndisagreement in scenario #{c.Index}, shrunk from {c.Original.Count} to {c.Minimal.Count} steps in {c.ShrinkRuns} runs on the stack{(c.ShrinkBudgetExhausted ? " (shrink budget spent: may not be minimal)" : string.Empty)}\n");
        text.Append(ReportText.Render(c.Result.Report));
        text.Append(CultureInfo.InvariantCulture, $"minimal counterexample ({c.ScenarioPath}; the stack's trace: {c.TracePath}):\n");
        text.Append(File.ReadAllText(c.ScenarioPath));
        text.Append(CultureInfo.InvariantCulture, $"replay: {c.Replay}\n");
        return text.ToString();
    }
}
