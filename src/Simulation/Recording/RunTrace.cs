using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Traces;

namespace WinsockConformance.Simulation.Recording;

/// <summary>
/// A simulated run as a trace (docs/trace-format.md, version 2) that <c>check</c> replays against the model under the
/// run's profile: every model step the run took, in order, with what it observed, the program's calls with their
/// results, the peer's actions as network inputs, each message the program retrieved as a getMessage step with the
/// wParam it saw, and each new socket's handle value.
/// </summary>
/// <remarks>
/// What the simulator answers beside the model (getsockname, byte order, select, the last error, a send whose buffer
/// the stack rejects, ...) has no model input: it is not a step of the trace. Each step's comment names the program's
/// call (or the peer's action, or the retrieval) it belongs to; a call that took several steps (a blocking send) comments
/// the first. A program that set or reset event objects itself (WSASetEvent, WSAResetEvent) changed what no model input
/// does, so its trace does not observe which event objects are signaled. The model's message numbers are the raw ones the
/// program passed; the trace counts from WM_USER.
/// </remarks>
public static class RunTrace
{
    /// <summary>What the header's <c>stack</c> says.</summary>
    public const string StackName = "simulated";

    private const int WM_USER = 0x0400;

    /// <summary>Writes <paramref name="run"/> as a trace of <paramref name="name"/> under <paramref name="profile"/>.</summary>
    public static void Write(TraceWriter writer, RunOutcome run, Profile profile, string name, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(profile);
        var steps = Steps(run.Record).ToList();
        var observes = run.Record.EventObjectsSetByProgram ? ObservedAspects.All & ~ObservedAspects.Signaled : ObservedAspects.All;
        writer.WriteHeader(new TraceHeader
        {
            Kind = TraceFormat.TraceKind,
            Version = TraceFormat.VersionFor(steps.Select(s => s.Input), observes, handles: true),
            Name = name,
            Description = description,
            Stack = StackName,
            Profile = profile.Name,
            Observes = observes,
        });

        var newest = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var input = Translate(step.Input);
            var created = input switch
            {
                SocketCall c => c.Name,
                AcceptCall a when step.Observation.Error == WsaError.None => a.NewName,
                _ => null,
            };
            if (created is not null)
            {
                newest[created] = newest.GetValueOrDefault(created) + 1;
            }

            var o = step.Observation;
            string Text(Notification n, long? wParam) =>
                MessageText.Format(n.Window, Number(n.Message), n.Socket.Name, n.Socket.Generation, n.Event, n.Error, newest.GetValueOrDefault(n.Socket.Name, n.Socket.Generation), wParam);
            writer.WriteStep(input, new RenderedObservation
            {
                Return = o.Return,
                Error = o.Error,
                Value = o.Value,
                Handle = created is not null ? step.Handle : null,
                Posted = [.. o.Posted.Select(n => Text(n, null))],
                Delivered = [.. o.Delivered.Select(n => Text(n, step.WParam))],
                Enumerated = o.Enumerated is { } en ? new ObservedEnumeration(en.Events, [.. en.Errors]) : null,
                Signaled = (observes & ObservedAspects.Signaled) != 0 ? [.. o.Signaled] : [],
            }, step.Comment);
        }

        var finished = run.Verdict is RunVerdict.Passed or RunVerdict.Failed;
        writer.WriteEnd(finished, finished ? null : $"the run stopped: {run.Verdict.ToString().ToUpperInvariant()} {run.Problem}");
    }

    /// <summary>Writes the trace to a file (replacing any there).</summary>
    public static void Write(string path, RunOutcome run, Profile profile, string name, string? description = null)
    {
        using var writer = TraceWriter.Create(path);
        Write(writer, run, profile, name, description);
    }

    /// <summary>One step of the trace: the model's input and observation, with what the program saw beside them.</summary>
    private readonly record struct Step(Input Input, Observation Observation, long? Handle, long? WParam, string? Comment);

    private static IEnumerable<Step> Steps(RunRecord record)
    {
        foreach (var e in record.Events)
        {
            for (var i = 0; i < e.Steps.Count; i++)
            {
                var (input, observation) = e.Steps[i];
                var comment = i > 0 ? null : e.Kind switch
                {
                    RunEventKind.Call when e.Error is null && input is SocketCall or AcceptCall => Invariant($"{e.Description} = 0x{e.Result:X}"),
                    RunEventKind.Call => e.Error is null ? Invariant($"{e.Description} = {e.Result}") : Invariant($"{e.Description} = {e.Result} {e.Error}"),
                    _ => e.Description,
                };
                yield return new Step(
                    input,
                    observation,
                    e.Kind == RunEventKind.Call && input is SocketCall or AcceptCall ? e.Result : null,
                    e.Kind == RunEventKind.Message ? e.Result : null,
                    comment);
            }
        }

        var first = true;
        foreach (var (input, observation) in record.Unclaimed)
        {
            yield return new Step(input, observation, null, null, first ? "the program ended: Windows closes the sockets it left open" : null);
            first = false;
        }
    }

    /// <summary>The input with its message numbers counted from WM_USER, as the format writes them.</summary>
    private static Input Translate(Input input) => input switch
    {
        AsyncSelectCall c => c with { Message = Number(c.Message) },
        GetMessageCall g => g with
        {
            MessageMin = Math.Max(0, g.MessageMin - WM_USER),
            MessageMax = g.MessageMax == int.MaxValue ? int.MaxValue : g.MessageMax - WM_USER,
        },
        _ => input,
    };

    private static int Number(int message) =>
        message >= WM_USER
            ? message - WM_USER
            : throw new NotSupportedException(Invariant($"the run registers message 0x{message:X}, below WM_USER: the trace format counts message numbers from WM_USER"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
