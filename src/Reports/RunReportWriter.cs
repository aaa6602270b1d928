using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>The run's machine-readable reports (JSON, JUnit XML) and its human summary.</summary>
internal static class RunReportWriter
{
    public static void WriteJson(RunSummary run, string path)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("stack", run.Stack);
        w.WriteString("profile", run.Profile);
        w.WriteNumber("scenarios", run.Outcomes.Count);
        w.WriteNumber("steps", run.Steps);
        w.WriteNumber("conforming", run.Conforming);
        w.WriteNumber("diverging", run.Diverging);
        w.WriteNumber("unexpectedDivergences", run.UnexpectedDivergences);
        w.WriteNumber("inconclusive", run.Inconclusive);
        w.WriteNumber("flaky", run.Flaky);
        w.WriteNumber("repeat", run.Repeat);
        w.WriteNumber("stepsPerSecond", Math.Round(run.StepsDriven / Math.Max(run.DurationSeconds, 0.001), 1));
        w.WriteNumber("durationSeconds", Math.Round(run.DurationSeconds, 3));
        w.WriteStartArray("results");
        foreach (var o in run.Outcomes)
        {
            w.WriteStartObject();
            w.WriteString("scenario", o.Scenario);
            w.WriteString("file", o.ScenarioPath.Replace('\\', '/'));
            w.WriteString("trace", o.TracePath.Replace('\\', '/'));
            w.WriteString("verdict", o.Report.Verdict.ToString().ToLowerInvariant());
            w.WriteBoolean("expected", !o.UnexpectedDivergence);
            w.WriteNumber("steps", o.Report.Steps);
            w.WriteBoolean("flaky", o.Flaky);
            if (o.Flakiness is { } flakiness)
            {
                w.WriteString("flakyDetail", FlakyText.Render(flakiness));
            }

            if (o.Report.InconclusiveReason is not null)
            {
                w.WriteString("inconclusiveReason", o.Report.InconclusiveReason);
            }

            if (o.Report.FirstDivergence is { } d)
            {
                w.WriteStartObject("firstDivergence");
                w.WriteNumber("step", d.Step);
                w.WriteNumber("line", d.Line);
                w.WriteString("call", DifferenceText.Call(d));
                w.WriteStartArray("differences");
                foreach (var diff in d.Differences)
                {
                    w.WriteStartObject();
                    w.WriteString("aspect", DifferenceText.Aspect(diff));
                    w.WriteString("expected", DifferenceText.Expected(diff));
                    w.WriteString("observed", DifferenceText.Observed(diff));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("rules");
                foreach (var rule in d.Rules)
                {
                    w.WriteStringValue(rule.Id);
                }

                w.WriteEndArray();
                w.WriteString("contradiction", DifferenceText.Contradiction(o.Report));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("firstDivergence");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteJUnit(RunSummary run, string path)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var w = XmlWriter.Create(path, settings);
        w.WriteStartElement("testsuites");
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", $"conformance {run.Stack} vs {run.Profile}");
        w.WriteAttributeString("tests", Invariant(run.Outcomes.Count));
        w.WriteAttributeString("failures", Invariant(run.UnexpectedDivergences + run.Flaky));
        w.WriteAttributeString("skipped", Invariant(run.Inconclusive));
        w.WriteAttributeString("time", run.DurationSeconds.ToString("F3", CultureInfo.InvariantCulture));
        foreach (var o in run.Outcomes)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("classname", "conformance." + run.Stack);
            w.WriteAttributeString("name", o.Scenario);
            w.WriteAttributeString("time", o.Seconds.ToString("F3", CultureInfo.InvariantCulture));
            if (o.UnexpectedDivergence)
            {
                w.WriteStartElement("failure");
                w.WriteAttributeString("message", DifferenceText.Contradiction(o.Report));
                w.WriteString(ReportText.Render(o.Report));
                w.WriteEndElement();
            }
            else if (o.Flaky)
            {
                w.WriteStartElement("failure");
                w.WriteAttributeString("message", "flaky: " + FlakyText.Render(o.Flakiness!));
                w.WriteEndElement();
            }
            else if (o.Report.Verdict == Verdict.Inconclusive)
            {
                w.WriteStartElement("skipped");
                w.WriteAttributeString("message", o.Report.InconclusiveReason);
                w.WriteEndElement();
            }
            else if (o.Report.Verdict == Verdict.Diverges)
            {
                w.WriteStartElement("system-out");
                w.WriteString("differs from the profile, explained by the stack's own profile:\n" + ReportText.Render(o.Report));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    public static string Summary(RunSummary run)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"conformance of {run.Stack} against profile {run.Profile}: {run.Outcomes.Count} scenarios x {run.Repeat}, {run.StepsDriven} steps in {run.DurationSeconds:F1} s ({run.StepsDriven / Math.Max(run.DurationSeconds, 0.001):F0} steps/s, settling included)\n");
        text.Append(CultureInfo.InvariantCulture, $"  conforming {run.Conforming}, diverging {run.Diverging} ({run.UnexpectedDivergences} unexpected), inconclusive {run.Inconclusive}, flaky {run.Flaky}\n");
        foreach (var o in run.Outcomes.Where(o => o.UnexpectedDivergence))
        {
            text.Append('\n').Append(ReportText.Render(o.Report));
        }

        foreach (var o in run.Outcomes.Where(o => o.Flaky))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nflaky: {o.Scenario}: {FlakyText.Render(o.Flakiness!)}\n");
        }

        text.Append(run.UnexpectedDivergences == 0 && run.Flaky == 0 ? "result: PASS\n" : "result: FAIL\n");
        return text.ToString();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
