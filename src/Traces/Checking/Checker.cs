using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Checks an observed trace against the model: folds <see cref="WinsockModel.Step"/> over the trace's
/// inputs and compares every step's outputs as values (<see cref="Comparison"/>), stopping at the first
/// that differs (Knossos' reduce).
/// </summary>
public static class Checker
{
    /// <summary>
    /// Replays <paramref name="trace"/>'s inputs through the model under <paramref name="profile"/> and compares each step's
    /// observed outputs (those the trace observes) with the prediction: the verdict, and the first divergence as values.
    /// </summary>
    /// <exception cref="TraceReadException"><paramref name="trace"/> is a scenario (no observed outputs): there is nothing to check.</exception>
    public static CheckReport Check(Trace trace, Profile profile) => Check(trace, profile, DeliverySearch.DefaultLimit);

    /// <summary>
    /// <see cref="Check(Trace, Profile)"/> with a bound on the search for a posting order the model allows (version 2, where a
    /// retrieval leaves open which message it took): past <paramref name="searchLimit"/> possible queues it is inconclusive.
    /// </summary>
    public static CheckReport Check(Trace trace, Profile profile, int searchLimit)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Header.IsScenario)
        {
            throw ScenarioNotTrace(trace.Source);
        }

        var run = new CheckRun(trace.Source, profile, trace.Header, searchLimit);
        foreach (var step in trace.Steps)
        {
            if (!run.Step(step))
            {
                break;
            }
        }

        return run.Report(trace.Header, trace.Steps.Count, trace.Complete);
    }

    /// <summary>
    /// <see cref="TraceReader.ReadFile(string)"/> then <see cref="Check(Trace, Profile)"/>, with the profile chosen from the
    /// header, but checking each step as it is read instead of keeping the parsed trace: the same report,
    /// and the same error when there is one (a bad line anywhere in the file first, as reading the whole
    /// file first would have it), in memory that does not grow with the file. A file a capture left without
    /// a header (empty, or cut inside its first line), or cut off inside a later line, is inconclusive.
    /// </summary>
    public static CheckReport CheckFile(string path, Func<TraceHeader?, Profile> chooseProfile)
    {
        ArgumentNullException.ThrowIfNull(chooseProfile);
        var checking = new CheckingSink(path, chooseProfile);
        var outcome = TraceReader.ReadFile(path, checking, allowCutOff: true);
        if (outcome.Header is null)
        {
            return new CheckReport
            {
                Source = path,
                Profile = chooseProfile(null).Name,
                Verdict = Verdict.Inconclusive,
                Steps = 0,
                InconclusiveReason = outcome.CutOffLine is null
                    ? "the capture was interrupted before its header: the file is empty"
                    : "the capture was interrupted before its header: the file ends inside its first line",
            };
        }

        return checking.Finish(outcome);
    }

    internal static TraceReadException ScenarioNotTrace(string source) =>
        new(source, 1, "this is a scenario (no observed outputs); run it with 'explain', or capture a trace of it first");
}
