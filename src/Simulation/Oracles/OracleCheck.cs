using WinsockConformance.Model;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Windowing;

namespace WinsockConformance.Simulation.Oracles;

/// <summary>What an oracle can look at while a run goes on, and how it fires.</summary>
internal interface IOracleContext
{
    SimulatedStack Stack { get; }

    SimulatedUser32 User32 { get; }

    PeerNetwork Peer { get; }

    /// <summary>The most messages one socket may have queued (SIM-FLOOD's K).</summary>
    int FloodLimit { get; }

    /// <summary>The rules of the step that posted the last message the program retrieved for this socket (any socket when null).</summary>
    RuleSet RetrievedRules(SocketRef? socket);

    /// <summary>The rules of the last model step on this socket (a call or the peer's action).</summary>
    RuleSet StepRules(SocketRef socket);

    /// <summary>The rules of the step that created the socket, and of the one that closed it (empty if it is open).</summary>
    (RuleSet Created, RuleSet Closed) LifeRules(SocketRef socket);

    /// <summary>Records the failure (the first one counts) and stops the program.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    void Fire(Oracle oracle, string detail, RuleSet rules);
}

/// <summary>
/// One oracle's check, fed the run's events. Each check looks at the few events it needs; a check fires through
/// <see cref="IOracleContext.Fire"/>, which ends the run at that event.
/// </summary>
internal abstract class OracleCheck
{
    public abstract Oracle Oracle { get; }

    public virtual void HandleUsed(IOracleContext run, string api, nint handle, HandleStatus status)
    {
    }

    public virtual void Retrieved(IOracleContext run, QueuedMessage message)
    {
    }

    public virtual void Closing(IOracleContext run, SimSocket socket, SocketState before, string api)
    {
    }

    public virtual void Posted(IOracleContext run, QueuedMessage message, int queuedForSameSocket)
    {
    }

    public virtual void IdleForever(IOracleContext run, string api)
    {
    }

    protected static string Hex(nint value) => "0x" + value.ToString("X", System.Globalization.CultureInfo.InvariantCulture);

    protected static string Describe(QueuedMessage message) =>
        message.Origin is { } o ? $"{o.Notification.Event.NativeName()}" + (o.Notification.Error == WsaError.None ? string.Empty : " " + o.Notification.Error.NativeName()) : $"message 0x{message.Message:X}";
}
