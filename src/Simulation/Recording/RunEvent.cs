using System.Globalization;
using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Recording;

/// <summary>What a <see cref="RunEvent"/> records.</summary>
public enum RunEventKind
{
    /// <summary>A call the program made, with the model steps it took.</summary>
    Call,

    /// <summary>Something the peer (the network) did: one model step.</summary>
    Peer,

    /// <summary>The program retrieved a message from its queue.</summary>
    Message,

    /// <summary>Anything else worth a line: the schedule's choices, a dropped peer action, the program's own notes.</summary>
    Note,
}

/// <summary>One model step inside a run: the input and what the model answered.</summary>
public readonly record struct ModelStepRecord(Input Input, Observation Observation);

/// <summary>
/// One entry of a simulated run, numbered from 0. Calls and peer actions keep their model steps, so a run can later be
/// written as a trace (the model's inputs and observations plus what the trace format does not have yet: handle
/// values and one-message-at-a-time retrieval). The text is rendered when first asked for.
/// </summary>
public sealed class RunEvent
{
    private readonly Func<string>? _describe;
    private string? _description;
    private readonly long _result;
    private readonly string? _error;
    private readonly Func<SocketRef, string> _socketText;
    private string? _text;

    internal RunEvent(int index, RunEventKind kind, string? description, Func<string>? describe, long result, string? error, IReadOnlyList<ModelStepRecord> steps, Func<SocketRef, string> socketText)
    {
        Index = index;
        Kind = kind;
        _description = description;
        _describe = describe;
        _result = result;
        _error = error;
        Steps = steps;
        _socketText = socketText;
    }

    /// <summary>The event's number in the run, from 0.</summary>
    public int Index { get; }

    /// <summary>A call, a peer action, a retrieved message or a note.</summary>
    public RunEventKind Kind { get; }

    /// <summary>The model steps of a call or a peer action, or a message's retrieval (none for notes).</summary>
    public IReadOnlyList<ModelStepRecord> Steps { get; }

    /// <summary>What a call returned (socket and accept: the handle value); for a retrieved message, the wParam the program saw.</summary>
    public long Result => _result;

    /// <summary>The error a call set, by name, or null.</summary>
    public string? Error => _error;

    /// <summary>The line's description without its result (the call as the program made it).</summary>
    public string Description => _description ??= _describe?.Invoke() ?? string.Empty;

    /// <summary>One line: the call and its result, or the peer's action, or the message, with what the steps posted.</summary>
    public string Text => _text ??= Render();

    /// <summary>The rules the model applied in the event's steps.</summary>
    public RuleSet Rules
    {
        get
        {
            var rules = RuleSet.Empty;
            foreach (var step in Steps)
            {
                rules = rules.Union(step.Observation.Rules);
            }

            return rules;
        }
    }

    private string Render()
    {
        _description ??= _describe?.Invoke() ?? string.Empty;
        var line = Kind != RunEventKind.Call ? _description
            : _error is null ? string.Create(CultureInfo.InvariantCulture, $"{_description} = {_result}")
            : string.Create(CultureInfo.InvariantCulture, $"{_description} = {_result} {_error}");
        var posted = Steps.SelectMany(s => s.Observation.Posted)
            .Select(n => $"{_socketText(n.Socket)} {n.Event.NativeName()}" + (n.Error == WsaError.None ? string.Empty : " " + n.Error.NativeName()))
            .ToList();
        return posted.Count == 0 ? line : line + "; posted " + string.Join(", ", posted);
    }
}
