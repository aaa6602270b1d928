using WinsockConformance.Simulation.Core;

namespace WinsockConformance.Simulation.Windowing;

/// <summary>A posted message waiting in the thread's queue; <see cref="Origin"/> is set when the simulated stack posted it.</summary>
internal sealed record QueuedMessage(nint Hwnd, uint Message, nint WParam, nint LParam, PostedNotification? Origin);

/// <summary>The filters of one GetMessage or PeekMessage call: the window (0 any, -1 thread messages), the message range (0, 0: none), PM_REMOVE.</summary>
internal readonly record struct RetrievalFilter(nint Hwnd, uint Min, uint Max, bool Remove);

/// <summary>What the run around the queue learns from it: each post (flood) and each retrieval (stale messages, the record).</summary>
internal interface IQueueObserver
{
    void Posted(QueuedMessage message, int queuedForSameSocket);

    void Retrieved(QueuedMessage message, string api);

    /// <summary>The program looked at a socket notification with PeekMessage(PM_NOREMOVE); it stays queued.</summary>
    void Peeked(QueuedMessage message, string api);

    /// <summary>The program looked for a message and found none (a polling loop).</summary>
    void FoundNothing(string api);
}
