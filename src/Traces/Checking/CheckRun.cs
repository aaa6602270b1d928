using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// One check in progress: the model folded over the steps so far, up to the first that differs
/// (Knossos' reduce). <see cref="Checker.Check"/> feeds it a parsed trace, <see cref="CheckingSink"/>
/// the steps of a file as they are read.
/// </summary>
internal sealed class CheckRun(string source, Profile profile)
{
    private ModelState _state = ModelState.Initial(profile);
    private RuleSet _confirmed = RuleSet.Empty;
    private Divergence? _divergence;

    /// <summary>Checks one more step; false once a step has differed (later steps are not checked). Throws on a step the trace cannot have.</summary>
    public bool Step(TraceStep step)
    {
        if (step.Observed is null)
        {
            throw new TraceReadException(source, step.Line, $"step {step.Number} has no \"observed\" outputs; a trace records the outputs of every step");
        }

        var result = ModelStep.Apply(source, step, _state);
        if (Comparison.Differences(_state, result, step.Observed) is { } differences)
        {
            _divergence = new Divergence
            {
                Step = step.Number,
                Line = step.Line,
                Input = step.Input,
                LastAgreeingStep = step.Number - 1,
                Before = _state,
                Differences = differences,
                Rules = [.. result.Observation.Rules.Each().Select(RuleCatalog.Get)],
                StackTimedOut = step.Observed.TimedOut,
            };
            return false;
        }

        _confirmed = _confirmed.Union(result.Observation.Rules);
        _state = result.State;
        return true;
    }

    /// <summary>
    /// The verdict once every step has been read: <paramref name="steps"/> of them, the end line there or not,
    /// and if the capture was cut off in the middle of a line, which.
    /// </summary>
    public CheckReport Report(TraceHeader header, int steps, bool complete, int? cutOffLine = null)
    {
        var report = new CheckReport
        {
            Source = source,
            Profile = profile.Name,
            Stack = header.Stack,
            Scenario = header.Name,
            Verdict = _divergence is not null ? Verdict.Diverges : complete ? Verdict.Conforms : Verdict.Inconclusive,
            Steps = steps,
            RulesConfirmed = _confirmed,
        };
        return _divergence is not null ? report with { FirstDivergence = _divergence }
            : complete ? report
            : report with
            {
                InconclusiveReason = cutOffLine is { } line
                    ? $"the trace ends inside line {line}, after step {steps}: the capture was interrupted while writing it, so later steps are unknown"
                    : $"the trace ends after step {steps} without its end line: the capture was interrupted, so later steps are unknown",
            };
    }
}
