namespace WinsockConformance.RealWinsock.Live;

/// <summary>A posted message as the thread queue holds it: what PostMessage was given. Equal ones are indistinguishable to an application.</summary>
internal readonly record struct QueuedMessage(nint Hwnd, uint Message, nint WParam, nint LParam);

/// <summary>The calling thread's queue of posted messages.</summary>
internal interface IThreadQueue
{
    /// <summary>Removes and returns every posted message, in queue order (PeekMessage with PM_REMOVE until empty).</summary>
    IReadOnlyList<QueuedMessage> TakeAll();

    /// <summary>Posts a message at the end of the queue (PostMessage).</summary>
    void Post(QueuedMessage message);
}

/// <summary>
/// Keeps the messages a scenario has not retrieved in the real thread queue, and tells which step posted each.
/// Windows offers no way to look past the first queued message without removing it, so the messages are taken out
/// while a step settles and put back, in the same order, when it ends (<see cref="Requeue"/>), followed by a marker
/// (a message to a private window). During the next step everything before the marker is what the queue held
/// before the step: compared with the ledger, a message missing there was removed by the stack (a purge, which
/// <see cref="Lost"/> reports and which is then not delivered), and everything after the marker is new. So the
/// stack acts on a queue holding every undelivered message whenever a step's call runs (closesocket, mask 0, a
/// re-registration), and a getMessages step retrieves from the real queue.
/// Posted messages keep their order in a thread's queue (FIFO across all its windows), so taking them all and posting
/// them again in the same order leaves the order as it was. The one thing that can reorder is a message the stack
/// posts while they are being put back: it lands before some of them in the real queue. The ledger sees it before
/// the marker but not in its list, counts it as new (posted in the next step, as a late message always is), and
/// keeps it after them, which is the order it was really posted in.
/// Each message is interpreted when it first arrives (<paramref name="interpret"/>: which socket, which event), so a handle
/// value reused later cannot change what an earlier message meant; null leaves a message untracked (dropped, as before).
/// </summary>
internal sealed class QueueLedger<T>(IThreadQueue queue, QueuedMessage marker, Func<QueuedMessage, T?> interpret)
    where T : struct
{
    private readonly List<(QueuedMessage Raw, T Meaning)> _queued = [];
    private readonly List<T> _lost = [];
    private bool _markerQueued;

    /// <summary>The messages still queued (not retrieved), in queue order.</summary>
    public IReadOnlyList<T> Queued => [.. _queued.Select(e => e.Meaning)];

    /// <summary>Takes what the real queue holds and returns the messages posted since the last call, in order.</summary>
    public IReadOnlyList<T> Collect()
    {
        var taken = queue.TakeAll();
        var fresh = new List<(QueuedMessage Raw, T Meaning)>();
        if (!_markerQueued)
        {
            fresh.AddRange(Interpret(taken));
            _queued.AddRange(fresh);
            return [.. fresh.Select(e => e.Meaning)];
        }

        _markerQueued = false;
        var markerAt = IndexOf(taken, marker);

        // What was queued before the step and is still there, in order; what is not there was removed by the stack.
        // No marker at all means the whole queue was emptied: everything taken is new.
        var survivors = new List<(QueuedMessage Raw, T Meaning)>();
        var next = 0;
        foreach (var m in markerAt < 0 ? [] : taken.Take(markerAt))
        {
            var found = _queued.FindIndex(next, e => e.Raw == m);
            if (found < 0)
            {
                fresh.AddRange(Interpret([m]));
                continue;
            }

            _lost.AddRange(_queued.Skip(next).Take(found - next).Select(e => e.Meaning));
            survivors.Add(_queued[found]);
            next = found + 1;
        }

        _lost.AddRange(_queued.Skip(next).Select(e => e.Meaning));
        fresh.AddRange(Interpret(taken.Skip(markerAt + 1).Where(m => m != marker)));
        _queued.Clear();
        _queued.AddRange(survivors);
        _queued.AddRange(fresh);
        return [.. fresh.Select(e => e.Meaning)];
    }

    /// <summary>
    /// What an application's PeekMessage(hwnd, PM_REMOVE) loop retrieves now: the window's messages, removed, in order.
    /// <paramref name="fresh"/> is what arrived since the last <see cref="Collect"/> (posted in this step).
    /// </summary>
    public IReadOnlyList<T> Retrieve(nint hwnd, out IReadOnlyList<T> fresh)
    {
        fresh = Collect();
        var retrieved = _queued.Where(e => e.Raw.Hwnd == hwnd).Select(e => e.Meaning).ToList();
        _queued.RemoveAll(e => e.Raw.Hwnd == hwnd);
        return retrieved;
    }

    /// <summary>
    /// Puts every message still queued back into the real queue, in order, then the marker: between steps the real queue
    /// holds them. Call after a <see cref="Collect"/>; while they are already back, or when none is queued, it does nothing.
    /// </summary>
    public void Requeue()
    {
        // With nothing queued there is nothing to tell apart: the next Collect takes everything as new, so no marker.
        if (_markerQueued || _queued.Count == 0)
        {
            return;
        }

        foreach (var (raw, _) in _queued)
        {
            queue.Post(raw);
        }

        queue.Post(marker);
        _markerQueued = true;
    }

    /// <summary>The queued messages that vanished from the real queue since the last call (the stack removed them).</summary>
    public IReadOnlyList<T> TakeLost()
    {
        var lost = _lost.ToList();
        _lost.Clear();
        return lost;
    }

    private IEnumerable<(QueuedMessage Raw, T Meaning)> Interpret(IEnumerable<QueuedMessage> messages)
    {
        foreach (var m in messages)
        {
            if (m != marker && interpret(m) is { } meaning)
            {
                yield return (m, meaning);
            }
        }
    }

    private static int IndexOf(IReadOnlyList<QueuedMessage> list, QueuedMessage m)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == m)
            {
                return i;
            }
        }

        return -1;
    }
}
