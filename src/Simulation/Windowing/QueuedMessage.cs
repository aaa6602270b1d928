using WinsockConformance.Simulation.Core;

namespace WinsockConformance.Simulation.Windowing;

/// <summary>A posted message waiting in the thread's queue; <see cref="Origin"/> is set when the simulated stack posted it.</summary>
public sealed record QueuedMessage(nint Hwnd, uint Message, nint WParam, nint LParam, PostedNotification? Origin);

/// <summary>What the run around the queue learns from it: each post (flood) and each retrieval (stale messages, the record).</summary>
public interface IQueueObserver
{
    void Posted(QueuedMessage message, int queuedForSameSocket);

    void Retrieved(QueuedMessage message, string api);

    /// <summary>The program looked for a message and found none (a polling loop).</summary>
    void FoundNothing(string api);
}
