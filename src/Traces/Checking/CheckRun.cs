using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// One check in progress: the model folded over the steps so far, up to the first that differs
/// (Knossos' reduce). <see cref="Checker.Check(Trace, Profile)"/> feeds it a parsed trace, <see cref="CheckingSink"/>
/// the steps of a file as they are read.
/// </summary>
/// <remarks>
/// A version-1 trace observes everything and each step is compared as a whole (<see cref="Comparison"/>). A version-2
/// trace is judged on the aspects its header declares; what it retrieved is judged against the messages the model posted
/// by <see cref="DeliverySearch"/>, which does not need to know when the stack posted them, and recorded handle values by
/// <see cref="HandleTracker"/>.
/// </remarks>
internal sealed class CheckRun
{
    private readonly string _source;
    private readonly Profile _profile;
    private readonly TraceHeader? _header;
    private readonly ObservedAspects _aspects;
    private readonly DeliverySearch? _deliveries;
    private readonly HandleTracker? _handles;
    private ModelState _state;
    private RuleSet _confirmed = RuleSet.Empty;
    private Divergence? _divergence;

    public CheckRun(string source, Profile profile, TraceHeader? header = null, int searchLimit = DeliverySearch.DefaultLimit)
    {
        _source = source;
        _profile = profile;
        _header = header;
        _state = ModelState.Initial(profile);
        _aspects = header?.Observes ?? ObservedAspects.All;
        if (header is { Version: >= TraceFormat.Version2 })
        {
            _deliveries = (_aspects & ObservedAspects.Delivered) != 0 ? new DeliverySearch((_aspects & ObservedAspects.Posted) != 0 ? 0 : header.PostingDelay, searchLimit) : null;
            _handles = (_aspects & ObservedAspects.Handles) != 0 ? new HandleTracker() : null;
        }
    }

    private bool Version2 => _header is { Version: >= TraceFormat.Version2 };

    /// <summary>Checks one more step; false once a step has differed (later steps are not checked). Throws on a step the trace cannot have.</summary>
    public bool Step(TraceStep step)
    {
        if (step.Observed is null)
        {
            throw new TraceReadException(_source, step.Line, $"step {step.Number} has no \"observed\" outputs; a trace records the outputs of every step");
        }

        var result = ModelStep.Apply(_source, step, _state);
        var differences = Version2
            ? Differences(step, result, step.Observed)
            : Comparison.Differences(_state, result, step.Observed);
        if (differences is not null)
        {
            var rules = result.Observation.Rules;
            foreach (var d in differences)
            {
                rules = rules.Union(d.Rules);
            }

            _divergence = new Divergence
            {
                Step = step.Number,
                Line = step.Line,
                Input = step.Input,
                LastAgreeingStep = step.Number - 1,
                Before = _state,
                Differences = differences,
                Rules = [.. rules.Each().Select(RuleCatalog.Get)],
                StackTimedOut = step.Observed.TimedOut,
            };
            return false;
        }

        _confirmed = _confirmed.Union(result.Observation.Rules);
        _state = result.State;
        return true;
    }

    /// <summary>A version-2 step: the declared aspects, the handles, and what was retrieved.</summary>
    private List<Difference>? Differences(TraceStep step, StepResult result, ObservedStep observed)
    {
        var differences = Comparison.Differences(_state, result, observed, _aspects, compareDelivered: false);
        void Add(Difference? d)
        {
            if (d is not null)
            {
                (differences ??= []).Add(d);
            }
        }

        if (_handles is not null)
        {
            Add(CreatedHandle(step.Input, result, observed));
            foreach (var m in (_aspects & ObservedAspects.Posted) != 0 ? observed.Posted : [])
            {
                Add(MessageHandle(m, result));
            }

            foreach (var m in (_aspects & ObservedAspects.Delivered) != 0 ? observed.Delivered : [])
            {
                Add(MessageHandle(m, result));
            }
        }

        if (_deliveries is not null)
        {
            _deliveries.Posted(step.Number, result.Observation.Posted, result.Observation.Rules);
            if (step.Input is GetMessagesCall or GetMessageCall)
            {
                Add(_deliveries.Retrieved(step.Number, step.Input, observed.Delivered, (n, m) => Identify(n, m, result.State), n => Comparison.Canonical(n, result.State), result.Observation.Rules, _state));
            }
        }

        return differences;
    }

    /// <summary>socket or accept recorded the value it returned: it must be the one the profile's reuse order gives.</summary>
    private HandleDifference? CreatedHandle(Input input, StepResult result, ObservedStep observed)
    {
        var name = input switch
        {
            SocketCall c => c.Name,
            AcceptCall a when result.Observation.Error == WsaError.None => a.NewName,
            _ => null,
        };
        if (name is null || observed.Handle is not { } value || result.State.Find(name) is not { } created)
        {
            return null;
        }

        return _handles!.Created(created, value, result.Observation.Rules.With(ProfileSwitches.ReusesLowestFreeHandle.Rule(_profile) ?? RuleId.HandleReusedLastFreedFirst), _state);
    }

    /// <summary>A message that carries its wParam must carry the value of the socket it names.</summary>
    private HandleDifference? MessageHandle(ObservedMessage m, StepResult result)
    {
        if (m.WParam is not { } wParam || result.State.Find(m.Socket) is not { } newest)
        {
            return null;
        }

        var socket = new SocketRef(m.Socket, m.Generation ?? newest.Ref.Generation);
        return _handles!.Message(result.State, socket, wParam, result.Observation.Rules.With(ProfileSwitches.ReusesLowestFreeHandle.Rule(_profile) ?? RuleId.HandleReusedLastFreedFirst), _state);
    }

    /// <summary>
    /// Whether the model's message <paramref name="n"/> is the retrieved <paramref name="m"/>: the same window, number, event
    /// and error, and the same socket: by its wParam when the trace gives one and the value is known (what the application
    /// saw), else by name and generation (an omitted generation is the newest socket of the name after the step).
    /// </summary>
    private bool Identify(Notification n, ObservedMessage m, ModelState after)
    {
        if (n.Event != m.Event || n.Error != m.Error || n.Message != m.Message || !string.Equals(n.Window, m.Window, StringComparison.Ordinal))
        {
            return false;
        }

        if (m.WParam is { } wParam && _handles?.ValueOf(after, n.Socket) is { } value)
        {
            return value == wParam;
        }

        return string.Equals(n.Socket.Name, m.Socket, StringComparison.Ordinal)
            && (m.Generation ?? after.Find(m.Socket)?.Ref.Generation ?? 1) == n.Socket.Generation;
    }

    /// <summary>
    /// The verdict once every step has been read: <paramref name="steps"/> of them, the end line there or not,
    /// and if the capture was cut off in the middle of a line, which.
    /// </summary>
    public CheckReport Report(TraceHeader header, int steps, bool complete, int? cutOffLine = null)
    {
        var report = new CheckReport
        {
            Source = _source,
            Profile = _profile.Name,
            Stack = header.Stack,
            Scenario = header.Name,
            Verdict = _divergence is not null ? Verdict.Diverges : complete && _deliveries?.GaveUp is null ? Verdict.Conforms : Verdict.Inconclusive,
            Steps = steps,
            RulesConfirmed = _confirmed,
        };
        return _divergence is not null ? report with { FirstDivergence = _divergence }
            : !complete ? report with
            {
                InconclusiveReason = cutOffLine is { } line
                    ? $"the trace ends inside line {line}, after step {steps}: the capture was interrupted while writing it, so later steps are unknown"
                    : $"the trace ends after step {steps} without its end line: the capture was interrupted, so later steps are unknown",
            }
            : _deliveries?.GaveUp is { } why ? report with { InconclusiveReason = why }
            : report;
    }
}
