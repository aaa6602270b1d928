using System.Text;
using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Recording;

/// <summary>
/// The in-memory record of one simulated run: every call, peer action, retrieved message and note, in order. The
/// same choices give the same record, character for character. A record that does not keep its events only counts
/// them (an exploration searches without keeping, then replays the run it reports with a keeping record).
/// </summary>
public sealed class RunRecord(bool keep = true)
{
    private readonly List<RunEvent> _events = [];
    private List<ModelStepRecord>? _pending;
    private ModelStepRecord? _retrieval;
    private int _count;

    /// <summary>The run's events, in order (empty unless the run was recorded).</summary>
    public IReadOnlyList<RunEvent> Events => _events;

    /// <summary>Model steps no call claimed (the closes Windows makes when the program ends): they come after every event.</summary>
    internal IReadOnlyList<ModelStepRecord> Unclaimed => _pending ?? (IReadOnlyList<ModelStepRecord>)[];

    /// <summary>The program set or reset event objects itself (WSASetEvent, WSAResetEvent), which no model input does.</summary>
    internal bool EventObjectsSetByProgram { get; set; }

    /// <summary>Whether events are kept (else only counted): a caller may skip building their text.</summary>
    internal bool Keeps { get; } = keep;

    /// <summary>The number the next event will get.</summary>
    internal int Next => _count;

    /// <summary>What the network is about to do, for the text of its step (set by the peer just before; rendered only when read).</summary>
    internal Func<string>? PeerText { get; set; }

    /// <summary>How a socket is written in the record (the session writes its handle value with the model's name).</summary>
    internal Func<SocketRef, string> SocketText { get; set; } = r => r.ToString();

    internal void Stepped(Input input, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Keeps)
        {
            _count += input is NetworkInput ? 1 : 0;
            PeerText = null;
            return;
        }

        if (input is NetworkInput)
        {
            Add(RunEventKind.Peer, PeerText is null ? input.Op : null, PeerText, 0, null, [new ModelStepRecord(input, observation)]);
            PeerText = null;
            return;
        }

        if (input is GetMessageCall)
        {
            // A retrieval belongs to the message event that follows at once, not to a Winsock call.
            _retrieval = new ModelStepRecord(input, observation);
            return;
        }

        (_pending ??= []).Add(new ModelStepRecord(input, observation));
    }

    internal void Call(string text, long result, string? error)
    {
        if (!Keeps)
        {
            _count++;
            return;
        }

        var steps = _pending ?? (IReadOnlyList<ModelStepRecord>)[];
        _pending = null;
        Add(RunEventKind.Call, text, null, result, error, steps);
    }

    /// <summary>A retrieved message, with the wParam the program saw and the model's retrieval step; its text is rendered when read.</summary>
    internal void Message(Func<string> describe, long? wParam = null) => AddMessage(null, describe, wParam);

    internal void Message(string text) => AddMessage(text, null, null);

    private void AddMessage(string? text, Func<string>? describe, long? wParam)
    {
        var steps = _retrieval is { } r ? [r] : (IReadOnlyList<ModelStepRecord>)[];
        _retrieval = null;
        Add(RunEventKind.Message, text, describe, wParam ?? 0, null, steps);
    }

    internal void Note(string text) => Add(RunEventKind.Note, text, null, 0, null, []);

    /// <summary>A note whose text is rendered when read.</summary>
    internal void Note(Func<string> describe) => Add(RunEventKind.Note, null, describe, 0, null, []);

    private void Add(RunEventKind kind, string? text, Func<string>? describe, long result, string? error, IReadOnlyList<ModelStepRecord> steps)
    {
        if (Keeps)
        {
            _events.Add(new RunEvent(_count, kind, text, describe, result, error, steps, SocketText));
        }

        _count++;
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
