namespace WinsockConformance.Simulation.Core;

/// <summary>Where a connect lands: the peer accepts it, or nobody listens there (refused).</summary>
internal enum ConnectAnswer
{
    Accepted,
    Refused,
}

/// <summary>
/// What drives time and the network around the program: the scheduler's decision points, the waits where the
/// program blocks, and the peer's side of connections. The stack calls it; it calls back into the stack to deliver
/// the peer's actions (<c>SimulatedStack.DeliverPeer</c>).
/// </summary>
internal interface ISimulationDriver
{
    /// <summary>Before each program call: the scheduler may deliver the peer's next action first.</summary>
    void DecisionPoint(string api);

    /// <summary>
    /// The program blocks until <paramref name="ready"/> holds: deliver the peer's actions one at a time until it
    /// does. Returns false when <paramref name="timeoutMs"/> is finite and nothing more makes it hold; with an
    /// infinite timeout (-1) and nothing left to happen the run ends (this throws <see cref="SimulationStoppedException"/>).
    /// </summary>
    bool Wait(Func<bool> ready, int timeoutMs, string api);

    /// <summary>
    /// The program polled (PeekMessage, select or WSAWaitForMultipleEvents with no wait) and found nothing. A program
    /// that keeps polling with nothing left to happen is idle: after enough such polls the run ends as if it waited.
    /// </summary>
    void Polled(string api);

    /// <summary>Whether the peer accepts a connection to <paramref name="target"/>.</summary>
    ConnectAnswer AnswerConnect(SockAddr target);

    /// <summary>A connect to <paramref name="target"/> succeeded: the peer's end of it.</summary>
    Connection Established(SockAddr target, SimSocket socket);

    /// <summary>The program's simulated clock, in milliseconds (GetTickCount); waits that time out advance it.</summary>
    long Now { get; }
}
