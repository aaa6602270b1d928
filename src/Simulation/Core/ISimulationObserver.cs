using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Core;

/// <summary>How a call names a socket handle, as the stack's handle table sees it before the call.</summary>
internal enum HandleStatus
{
    /// <summary>A socket the program holds open.</summary>
    Live,

    /// <summary>A value the program closed and that no newer socket holds.</summary>
    Closed,

    /// <summary>A value no socket ever had.</summary>
    Unknown,
}

/// <summary>
/// What the stack tells the run around it: each call, each model step, each use of a handle, each close. The run's
/// record (for reports and, later, traces) and its oracles listen here.
/// </summary>
internal interface ISimulationObserver
{
    /// <summary>A call is about to use a socket handle (before it runs).</summary>
    void HandleUsed(string api, nint handle, HandleStatus status);

    /// <summary>The program is closing a socket (closesocket, WSACleanup, or its exit); <paramref name="before"/> is the model's view just before.</summary>
    void Closing(SimSocket socket, SocketState before, string api);

    /// <summary>One model step, applied for a call or a peer action.</summary>
    void Stepped(Input input, Observation observation, IReadOnlyList<PostedNotification> posted);

    /// <summary>A program call returned.</summary>
    void Returned(string description, long result, int lastError);

    /// <summary>The run's number for the next thing recorded (what a notification posted now will carry).</summary>
    int NextEvent { get; }
}
