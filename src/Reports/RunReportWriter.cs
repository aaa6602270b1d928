using System.Globalization;
using System.Text;
using System.Xml;

namespace WinsockConformance.Reports;

/// <summary>The run's machine-readable reports (JSON, JUnit XML) and its human summary, all from a <see cref="RunReport"/>.</summary>
internal static class RunReportWriter
{
    public static void WriteJson(RunReport run, string path) => RunReportJson.Write(run, path);

    public static void WriteJUnit(RunReport run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        ReportFiles.WriteAtomically(path, stream =>
        {
            using var w = XmlWriter.Create(stream, settings);
            w.WriteStartElement("testsuites");
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", $"{(run.Command == "fuzz" ? "fuzz" : "conformance")} {run.Stack} vs {run.Profile}");
            var interruptedCase = run.Interrupted && !run.Results.Any(r => r.Interrupted);
            w.WriteAttributeString("tests", Invariant(run.Results.Count + (interruptedCase ? 1 : 0)));
            w.WriteAttributeString("failures", Invariant(run.UnexpectedDivergences + run.Flaky + (run.AllowFixed ? 0 : run.Fixed)));
            w.WriteAttributeString("errors", Invariant(run.Results.Count(r => r.Interrupted) + (interruptedCase ? 1 : 0)));
            w.WriteAttributeString("skipped", Invariant(run.Results.Count(r => (r.Verdict == Verdicts.Inconclusive && !r.Interrupted) || (r.Verdict == Verdicts.Diverges && r.Expected && !r.Flaky))));
            w.WriteAttributeString("time", run.DurationSeconds.ToString("F3", CultureInfo.InvariantCulture));
            if (run.Interruption is { } why)
            {
                w.WriteStartElement("properties");
                w.WriteStartElement("property");
                w.WriteAttributeString("name", "interrupted");
                w.WriteAttributeString("value", why);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            foreach (var e in run.Results)
            {
                TestCase(w, run, e);
            }

            if (interruptedCase)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", $"{run.Command}.{run.Stack}");
                w.WriteAttributeString("name", "(run interrupted)");
                w.WriteStartElement("error");
                w.WriteAttributeString("message", run.InterruptionLine());
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static void TestCase(XmlWriter w, RunReport run, ResultEntry e)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("classname", (run.Command == "run" ? "conformance." : run.Command + ".") + run.Stack);
        w.WriteAttributeString("name", e.Scenario);
        w.WriteAttributeString("time", e.Seconds.ToString("F3", CultureInfo.InvariantCulture));
        if (e.UnexpectedDivergence)
        {
            w.WriteStartElement("failure");
            w.WriteAttributeString("message", (e.KnownNote is { } note ? note + ": " : string.Empty) + (e.FirstDivergence?.Contradiction ?? "diverges"));
            w.WriteString(e.Report);
            w.WriteEndElement();
        }
        else if (e.Fixed)
        {
            // A known difference that no longer happens fails like a todo_wine that passes, unless --allow-fixed.
            w.WriteStartElement(run.AllowFixed ? "system-out" : "failure");
            if (!run.AllowFixed)
            {
                w.WriteAttributeString("message", "fixed: " + e.KnownNote);
            }
            else
            {
                w.WriteString("fixed (allowed): " + e.KnownNote);
            }

            w.WriteEndElement();
        }
        else if (e.Flaky)
        {
            w.WriteStartElement("failure");
            w.WriteAttributeString("message", "flaky: " + e.FlakyDetail);
            w.WriteEndElement();
        }
        else if (e.Interrupted)
        {
            w.WriteStartElement("error");
            w.WriteAttributeString("message", $"interrupted ({run.Interruption}): {e.InconclusiveReason}");
            w.WriteEndElement();
        }
        else if (e.Verdict == Verdicts.Inconclusive)
        {
            w.WriteStartElement("skipped");
            w.WriteAttributeString("message", e.InconclusiveReason);
            w.WriteEndElement();
        }
        else if (e.Verdict == Verdicts.Diverges)
        {
            // An expected divergence is not a pass: skipped, with the rule that explains it as the reason.
            w.WriteStartElement("skipped");
            w.WriteAttributeString("message", e.KnownDifferences.Count > 0
                ? $"known difference: {string.Join(", ", e.KnownDifferences)}"
                : "differs from the profile, explained by the stack's own profile");
            w.WriteString(e.Report);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static string Summary(RunReport run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"conformance of {run.Stack} against profile {run.Profile}: {run.Results.Count} scenarios x {run.Repeat}, {run.StepsDriven} steps in {run.DurationSeconds:F1} s ({run.StepsDriven / Math.Max(run.DurationSeconds, 0.001):F0} steps/s, settling included)\n");
        if (run.StackNote is { } note)
        {
            text.Append("  ").Append(note).Append('\n');
        }

        if (run.KnownDifferences is { } known)
        {
            text.Append("  known differences: ").Append(known).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"  conforming {run.Conforming}, diverging {run.Diverging} ({run.UnexpectedDivergences} unexpected, {run.Diverging - run.UnexpectedDivergences} known), inconclusive {run.Inconclusive}, flaky {run.Flaky}, fixed {run.Fixed}{(run.AllowFixed && run.Fixed > 0 ? " (allowed)" : string.Empty)}\n");
        var explained = run.Results.Where(e => e.Verdict == Verdicts.Diverges && e.Expected && e.KnownDifferences.Count > 0).ToList();
        if (explained.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nknown differences ({explained.Count}), each with its first divergence:\n");
            foreach (var e in explained)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {e.Scenario}: {string.Join(", ", e.KnownDifferences)}\n    {FirstDivergenceLine(e)}\n");
            }
        }

        foreach (var e in run.Results.Where(e => e.Fixed))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nFIXED{(run.AllowFixed ? " (allowed)" : string.Empty)}: {e.Scenario}: {e.KnownNote}\n");
        }

        foreach (var e in run.Results.Where(e => e.UnexpectedDivergence))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nUNEXPECTED: {e.Scenario}{(e.KnownNote is { } why ? ": " + why : string.Empty)}\n").Append(e.Report);
        }

        foreach (var e in run.Results.Where(e => e.Flaky))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nflaky: {e.Scenario}: {e.FlakyDetail}\n");
        }

        text.Append(ResultLine(run, "result: FAIL\n"));
        return text.ToString();
    }

    /// <summary>The closing line: INTERRUPTED (with where) before PASS or FAIL, so a stopped run never reads as a pass.</summary>
    public static string ResultLine(RunReport run, string failure)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.InterruptionLine() is { } interrupted
            ? $"{interrupted}\nresult: INTERRUPTED{(run.Passed ? string.Empty : " (and FAIL)")}\n"
            : run.Passed ? "result: PASS\n" : failure;
    }

    /// <summary>"step 4, peer.abort a: posted: expected [a FD_CLOSE]; observed [a FD_CLOSE WSAECONNABORTED]".</summary>
    private static string FirstDivergenceLine(ResultEntry e) => e.FirstDivergence is { } d
        ? $"step {d.Step}, {d.Call}: {string.Join("; ", d.Differences.Select(x => $"{x.Aspect}: expected {x.Expected}, observed {x.Observed}"))}"
        : "(no divergence recorded)";

    /// <summary>A scenario's progress line as a run prints it when the scenario ends.</summary>
    public static string ProgressLine(ResultEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var verdict = e.Verdict switch
        {
            Verdicts.Conforms when e.Fixed => $"FIXED (no longer differs: {string.Join(", ", e.KnownDifferences.Select(k => k.Rule))})",
            Verdicts.Conforms => "conforms",
            Verdicts.Diverges when e.Expected && e.KnownDifferences.Count > 0 => $"differs at step {e.FirstDivergence!.Step} (known: {string.Join(", ", e.KnownDifferences.Select(k => k.Rule))})",
            Verdicts.Diverges when e.Expected => "differs (explained by the stack's profile)",
            Verdicts.Diverges => $"DIVERGES at step {e.FirstDivergence!.Step} (unexpected)",
            _ when e.Interrupted => "INTERRUPTED",
            _ => "inconclusive",
        };
        return $"  {e.Scenario,-58} {verdict}{(e.Flaky ? "  FLAKY" : string.Empty)}  ({e.Steps} steps, {e.Seconds * 1000:F0} ms)";
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
