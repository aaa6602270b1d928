using WinsockConformance.Model;
using WinsockConformance.RealWinsock.Live;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests.Support;

/// <summary>A thread queue in memory: FIFO across windows, as user32's posted-message queue is.</summary>
internal sealed class FakeThreadQueue : IThreadQueue
{
    public List<QueuedMessage> Messages { get; } = [];

    public IReadOnlyList<QueuedMessage> TakeAll()
    {
        var all = Messages.ToList();
        Messages.Clear();
        return all;
    }

    public void Post(QueuedMessage message) => Messages.Add(message);
}

/// <summary>
/// A stand-in for a real stack that posts its messages into a thread queue the way the probe meets them: the model
/// (windows) decides what each step posts, the stand-in posts it into a <see cref="FakeThreadQueue"/>, and the probe's
/// own <see cref="QueueLedger{T}"/> attributes and delivers them, step by step as LiveStack does (collect, retrieve for
/// getMessages, put back). With <see cref="PurgesQueue"/> the stand-in is a broken stack: closesocket and a mask-0
/// WSAAsyncSelect remove the socket's queued messages. With <see cref="PutsBack"/> false the probe behaves as it did
/// before the real queue: it took every message out after each step and never put them back, so a purge had nothing
/// to remove.
/// </summary>
internal sealed class QueueStandInStack : IScenarioStack
{
    private const uint WM_USER = 0x0400;

    public bool PurgesQueue { get; init; }

    public bool PutsBack { get; init; } = true;

    public string Name => PurgesQueue ? "stand-in-purging" : "stand-in";

    public Profile NativeProfile => Profiles.Windows;

    public Provenance Provenance { get; } = new() { Os = "stand-in" };

    public void Capture(Trace scenario, TraceWriter writer)
    {
        writer.WriteHeader(TraceHeaders.ForCapture(scenario, Name, NativeProfile.Name, Provenance));
        var queue = new FakeThreadQueue();
        var windows = new List<string>();
        var sockets = new List<SocketRef>();
        nint WindowHandle(string name) => (nint)(IndexOf(windows, name) + 1);
        nint SocketHandle(SocketRef s) => (nint)(IndexOf(sockets, s) + 100);
        var ledger = new QueueLedger<ObservedMessage>(queue, new QueuedMessage(-1, 0x8000, 0, 0), m =>
            new ObservedMessage(windows[(int)m.Hwnd - 1], (int)(m.Message - WM_USER), sockets[(int)m.WParam - 100].Name, sockets[(int)m.WParam - 100].Generation,
                (NetworkEvents)(int)(m.LParam & 0xFFFF), (WsaError)(int)(m.LParam >> 16)));
        var state = ModelState.Initial(NativeProfile);
        foreach (var step in scenario.Steps)
        {
            var result = ModelStep.Apply(scenario.Source, step, state);
            if (PurgesQueue && Purged(step.Input, state) is { } purged)
            {
                queue.Messages.RemoveAll(m => m.WParam == SocketHandle(purged));
            }

            foreach (var n in result.Observation.Posted)
            {
                queue.Post(new QueuedMessage(WindowHandle(n.Window), WM_USER + (uint)n.Message, SocketHandle(n.Socket), (nint)((int)n.Event | ((int)n.Error << 16))));
            }

            IReadOnlyList<ObservedMessage> delivered = [];
            var posted = new List<ObservedMessage>();
            if (step.Input is GetMessagesCall g)
            {
                delivered = ledger.Retrieve(WindowHandle(g.Window), out var fresh);
                posted.AddRange(fresh);
            }

            posted.AddRange(ledger.Collect());
            if (PutsBack)
            {
                ledger.Requeue();
            }

            state = result.State;
            var model = RenderedObservation.FromModel(result.Observation, state);
            writer.WriteStep(step.Input, model with
            {
                Posted = [.. posted.Select(m => Format(m, state))],
                Delivered = [.. delivered.Select(m => Format(m, state))],
            }, step.Comment);
        }

        writer.WriteEnd(complete: true);
    }

    public void Dispose()
    {
    }

    private static SocketRef? Purged(Input input, ModelState before) => input switch
    {
        CloseSocketCall c => before.Find(c.Name)?.Ref,
        AsyncSelectCall { Mask: NetworkEvents.None } c => before.Find(c.Name)?.Ref,
        _ => null,
    };

    private static string Format(ObservedMessage m, ModelState state) => MessageText.Format(m, state);

    private static int IndexOf<T>(List<T> list, T item)
    {
        var index = list.IndexOf(item);
        if (index < 0)
        {
            list.Add(item);
            index = list.Count - 1;
        }

        return index;
    }
}
