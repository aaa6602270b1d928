using System.Runtime.ExceptionServices;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Checks the steps of a file as <see cref="TraceReader"/> reads them (<see cref="Checker.CheckFile"/>).
/// Reading the whole file first and then checking reports a bad line anywhere in the file before
/// anything the check finds, and only then an unknown profile, a scenario given for a trace, or a
/// step the trace cannot have: so what checking finds (or throws) is held until the file has been
/// read without error, and then reported in that order.
/// </summary>
internal sealed class CheckingSink(string source, Func<TraceHeader?, Profile> chooseProfile) : ITraceSink
{
    private ExceptionDispatchInfo? _noProfile;
    private CheckRun? _run;
    private ExceptionDispatchInfo? _stepFailed;
    private bool _diverged;
    private int _steps;

    public void OnHeader(TraceHeader header)
    {
        Profile profile;
        try
        {
            profile = chooseProfile(header);
        }
#pragma warning disable CA1031 // Held and thrown as it is once the file is read (see the class summary).
        catch (Exception e)
#pragma warning restore CA1031
        {
            _noProfile = ExceptionDispatchInfo.Capture(e);
            return;
        }

        _run = header.IsScenario ? null : new CheckRun(source, profile, header);
    }

    public void OnStep(TraceStep traceStep)
    {
        _steps++;
        if (_run is null || _diverged || _stepFailed is not null)
        {
            return;
        }

        try
        {
            _diverged = !_run.Step(traceStep);
        }
#pragma warning disable CA1031 // Held and thrown as it is once the file is read (see the class summary).
        catch (Exception e)
#pragma warning restore CA1031
        {
            _stepFailed = ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>The file has been read without error: what Checker.Check would have given for it.</summary>
    public CheckReport Finish(ReadOutcome outcome)
    {
        _noProfile?.Throw();
        if (outcome.Header!.IsScenario)
        {
            throw Checker.ScenarioNotTrace(source);
        }

        _stepFailed?.Throw();
        return _run!.Report(outcome.Header, _steps, outcome.Complete, outcome.CutOffLine);
    }
}
