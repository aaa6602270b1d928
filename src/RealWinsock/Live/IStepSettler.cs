using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>What settling a step gathered: the messages it posted, the event objects signaled once it settled, and whether a predicted effect never came.</summary>
internal readonly record struct Settled(IReadOnlyList<ObservedMessage> Posted, IReadOnlyList<string> Signaled, bool TimedOut);

/// <summary>Waits, after a step's call returned, until the step's effects are complete (<see cref="Settling"/>).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal interface IStepSettler
{
    /// <summary>How it settles, for the run's header (for example "wineserver ordering").</summary>
    string Description { get; }

    /// <summary>
    /// Collects what the step posted until the <paramref name="predicted"/> messages and event states are there (without
    /// a prediction: nothing) and nothing else can come; gives up at the bound and reports a timeout.
    /// </summary>
    Settled Settle(LiveSession session, StepResult? predicted, List<string> oddities);
}
