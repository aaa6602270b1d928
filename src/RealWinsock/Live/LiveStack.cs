using System.Runtime.Versioning;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>The stack could not be driven at all (self-test failed, WSAStartup failed).</summary>
internal sealed class StackFailureException(string message) : Exception(message);

/// <summary>
/// The real ws2_32 as a stack: runs each scenario on real sockets over loopback, on the calling thread
/// (which owns the windows), settling after every step, and writes the trace step by step.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class LiveStack : IScenarioStack
{
    private readonly WinsockApi _api;
    private readonly Settling _settling;
    private readonly StackInfo _info;
    private readonly ServerBarrier? _barrier;
    private readonly IStepSettler _settler;

    /// <summary>The private window of the queue ledger's marker (<see cref="QueueLedger{T}"/>): no socket ever posts to it.</summary>
    private readonly MessageWindow _markerWindow;

    public LiveStack(Settling settling)
    {
        _settling = settling;
        _api = WinsockApi.Startup();
        _info = StackInfo.Capture(_api);
        _markerWindow = CreateMarkerWindow(_api);

        // Under Wine the server's ordering tells when a step's effects are complete; elsewhere a quiet period does.
        if (_info.IsWine && settling.Quiet is null)
        {
            _barrier = new ServerBarrier(_api);
            _settler = new OrderedSettler(_barrier, settling.MaxWait);
        }
        else
        {
            _settler = new TimedSettler(settling.Quiet ?? settling.NativeQuiet, settling.MaxWait);
        }

        using (var peer = new LoopbackPeer(_api, TimeSpan.FromSeconds(2)))
        {
            var selfTest = SelfTest.Run(_api, peer);
            if (!selfTest.Passed)
            {
                _barrier?.Dispose();
                _markerWindow.Dispose();
                _api.Dispose();
                throw new StackFailureException("error capture self-test failed: " + selfTest.Message);
            }
        }

        (Name, NativeProfile, ProfileNote) = Identify(_info);
        Provenance = new Provenance
        {
            Os = _info.OsDescription,
            OsBuild = _info.OsVersion,
            Ws2_32 = _info.Ws2_32FileVersion,
            Wine = _info.IsWine ? $"{_info.WineVersion} on {_info.WineHost}" : null,
            Probe = _info.ProbeVersion,
        };
    }

    public string Name { get; }

    /// <summary>
    /// The process's first window. Under Wine a window needs the prefix's desktop, which the first process to ask
    /// starts (explorer.exe) and waits for a bounded time: with several probes starting together on a loaded machine
    /// this failed (eight probes at load average 30 once; twenty, with the equivalence proof's sixteen timed workers at
    /// load 50 to 78, three times in one run), so it is tried again for up to 30 s before the stack counts as one that
    /// cannot be driven.
    /// </summary>
    private static MessageWindow CreateMarkerWindow(WinsockApi api)
    {
        const int Attempts = 30;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return MessageWindow.Create("probe-queue-marker");
            }
            catch (System.ComponentModel.Win32Exception) when (attempt < Attempts)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                api.Dispose();
                throw new StackFailureException($"{e.Message} {Attempts} times, a second apart (last error {e.NativeErrorCode})");
            }
        }
    }

    /// <summary>How each step's effects are waited for (<see cref="Settling"/>).</summary>
    public string SettlingDescription => _settler.Description;

    /// <summary>Called as each step starts, with its number and call: how a run's journal knows where a stack stopped answering.</summary>
    public Action<int, string>? StepStarting { get; set; }

    /// <summary>The stack's name and profile, known without starting Winsock (so a run can check its input first).</summary>
    public static (string Name, Profile NativeProfile, string? ProfileNote) Identify() => Identify(StackInfo.Capture());

    /// <summary>
    /// The profile a stack follows: Windows's, or the known Wine stack of that version (8.0, 10.0); any other Wine
    /// follows the nearest known one (KnownStacks.Match), and the note says so.
    /// </summary>
    private static (string Name, Profile NativeProfile, string? ProfileNote) Identify(StackInfo info)
    {
        var match = KnownStacks.Match(info.WineVersion);
        return (info.IsWine ? "wine-" + info.WineVersion : "windows-" + Environment.OSVersion.Version, match.Stack.Profile, match.Note);
    }

    public Profile NativeProfile { get; }

    public string? ProfileNote { get; }

    public Provenance Provenance { get; }

    /// <summary>Why the loopback probe cannot run this scenario, or null.</summary>
    public static string? Unreachable(Trace scenario) => scenario.Steps.Select(s => s.Input).FirstOrDefault(i =>
        i is NetworkChange or ConnectCall { Target: ConnectTarget.TimedOut } or IoctlCall { Code: IoctlCode.GetGroupQos }) is { } input
            ? $"{Operations.Describe(input)} cannot be produced over loopback"
            : null;

    public void Capture(Trace scenario, TraceWriter writer) => Capture(scenario, writer, CancellationToken.None);

    public void Capture(Trace scenario, TraceWriter writer, CancellationToken interruption)
    {
        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteHeader(TraceHeaders.ForCapture(scenario, Name, NativeProfile.Name, Provenance with { Date = date }));
        // The model, in lockstep, says what to wait for; it never decides what is recorded. A step the stack's own
        // profile calls impossible (a scenario valid under another profile: a finding, not bad input) ends the
        // lockstep: from there on each step waits only for the quiet period.
        ModelState? state = ModelState.Initial(NativeProfile);
        // Every handle the harness needs is created before the first step, so none can take the value of a socket
        // the scenario closes (H-3).
        var inputs = scenario.Steps.Select(s => s.Input).ToList();
        using var peer = new LoopbackPeer(_api, TimeSpan.FromSeconds(2), PeerDemand.For(inputs));
        using var session = new LiveSession(_api, peer, _markerWindow);
        session.CreateEventObjects(inputs);
        MessageWindow.DrainThreadQueue();
        try
        {
            foreach (var step in scenario.Steps)
            {
                if (interruption.IsCancellationRequested)
                {
                    writer.WriteEnd(complete: false, reason: $"interrupted before step {step.Number} ({Operations.Describe(step.Input)})");
                    return;
                }

                StepStarting?.Invoke(step.Number, Operations.Describe(step.Input));
                StepResult? predicted = null;
                string? unpredicted = null;
                if (state is not null)
                {
                    try
                    {
                        var result = WinsockModel.Step(state, step.Input);
                        predicted = result;
                        state = result.State;
                    }
                    catch (ImpossibleStepException e)
                    {
                        state = null;
                        unpredicted = $"impossible under {NativeProfile.Name} ({e.Message}): run without a prediction from here on";
                    }
                }

                var observed = RunStepWithWatchdog(session, step.Input, predicted);
                if (unpredicted is not null)
                {
                    observed = observed with { Note = observed.Note is null ? unpredicted : unpredicted + "; " + observed.Note };
                }

                writer.WriteStep(step.Input, observed, step.Comment);
                if (session.Abandoned)
                {
                    writer.WriteEnd(complete: false, reason: $"step {step.Number} ({Operations.Describe(step.Input)}) made no progress for {_settling.StepTimeout.TotalSeconds:F0} s; the probe closed the sockets to release it");
                    return;
                }
            }

            writer.WriteEnd(complete: true);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or NotSupportedException)
        {
            // The harness itself failed (a peer wait ran out): the trace so far stays readable, marked interrupted.
            writer.WriteEnd(complete: false, reason: e.Message);
        }
    }

    /// <summary>Runs a step; if it makes no progress for the bound, a watchdog closes the sockets so the step returns.</summary>
    private RenderedObservation RunStepWithWatchdog(LiveSession session, Input input, StepResult? predicted)
    {
        using var watchdog = new StepWatchdog(session, _settling.StepTimeout);
        var observed = RunStep(session, input, predicted);
        return session.Abandoned ? observed with { TimedOut = true } : observed;
    }

    private RenderedObservation RunStep(LiveSession session, Input input, StepResult? predicted)
    {
        var outcome = session.Execute(input);
        var oddities = new List<string>();
        var (posted, signaled, timedOut) = _settler.Settle(session, predicted, oddities);
        session.Requeue();
        var delivered = outcome.Delivered;
        return new RenderedObservation
        {
            Return = outcome.Call.IsSocketError ? -1 : outcome.Call.ReturnValue,
            Error = outcome.Call.IsSocketError ? (WsaError)outcome.Call.Error : WsaError.None,
            Value = outcome.Value,
            Posted = [.. posted.Select(m => Format(m, session))],
            Delivered = [.. delivered.Select(m => Format(m, session))],
            Enumerated = outcome.Enumerated,
            Signaled = signaled,
            TimedOut = timedOut,
            Note = oddities.Count == 0 ? outcome.Note : string.Join("; ", oddities.Prepend(outcome.Note ?? string.Empty).Where(n => n.Length > 0)),
        };
    }

    private static string Format(ObservedMessage m, LiveSession session) =>
        MessageText.Format(m.Window, m.Message, m.Socket, m.Generation ?? 1, m.Event, m.Error, session.LatestGeneration(m.Socket));

    public void Dispose()
    {
        _barrier?.Dispose();
        _markerWindow.Dispose();
        _api.Dispose();
    }
}
