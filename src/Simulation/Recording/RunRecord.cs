using System.Text;
using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Recording;

/// <summary>
/// The in-memory record of one simulated run: every call, peer action, retrieved message and note, in order. The
/// same choices give the same record, character for character.
/// </summary>
public sealed class RunRecord
{
    private readonly List<RunEvent> _events = [];
    private List<ModelStepRecord>? _pending;

    public IReadOnlyList<RunEvent> Events => _events;

    /// <summary>The number the next event will get.</summary>
    public int Next => _events.Count;

    /// <summary>What the network is about to do, for the text of its step (set by the peer just before).</summary>
    public string? PeerText { get; set; }

    /// <summary>How a socket is written in the record (the session writes its handle value with the model's name).</summary>
    public Func<SocketRef, string> SocketText { get; set; } = r => r.ToString();

    public void Stepped(Input input, Observation observation)
    {
        if (input is NetworkInput)
        {
            Add(RunEventKind.Peer, PeerText ?? input.Op, [new ModelStepRecord(input, observation)], observation.Posted);
            PeerText = null;
            return;
        }

        (_pending ??= []).Add(new ModelStepRecord(input, observation));
    }

    public void Call(string text, long result, string? error)
    {
        var steps = _pending ?? (IReadOnlyList<ModelStepRecord>)[];
        _pending = null;
        var posted = new List<Notification>();
        foreach (var s in steps)
        {
            posted.AddRange(s.Observation.Posted);
        }

        var line = error is null ? $"{text} = {result}" : $"{text} = {result} {error}";
        Add(RunEventKind.Call, line, steps, posted);
    }

    public void Message(string text) => Add(RunEventKind.Message, text, [], []);

    public void Note(string text) => Add(RunEventKind.Note, text, [], []);

    private void Add(RunEventKind kind, string text, IReadOnlyList<ModelStepRecord> steps, IEnumerable<Notification> posted)
    {
        var line = text;
        var messages = string.Join(", ", posted.Select(n => $"{SocketText(n.Socket)} {n.Event.NativeName()}" + (n.Error == WsaError.None ? string.Empty : " " + n.Error.NativeName())));
        if (messages.Length > 0)
        {
            line += "; posted " + messages;
        }

        _events.Add(new RunEvent(_events.Count, kind, line, steps));
    }

    /// <summary>The run as text, one event a line (the determinism check compares this).</summary>
    public string Render(int from = 0)
    {
        var text = new StringBuilder();
        for (var i = Math.Max(0, from); i < _events.Count; i++)
        {
            var e = _events[i];
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{e.Index,5} {Tag(e.Kind)} {e.Text}\n");
        }

        return text.ToString();
    }

    private static string Tag(RunEventKind kind) => kind switch
    {
        RunEventKind.Call => "call",
        RunEventKind.Peer => "peer",
        RunEventKind.Message => "msg ",
        RunEventKind.Note => "note",
        _ => throw new System.Diagnostics.UnreachableException(kind.ToString()),
    };
}
