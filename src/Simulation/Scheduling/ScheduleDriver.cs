using System.Diagnostics.CodeAnalysis;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Network;

namespace WinsockConformance.Simulation.Scheduling;

/// <summary>What the driver needs from the run around it: whether it is over, and how it ends.</summary>
internal interface IRunControl
{
    /// <summary>The run is over (an oracle fired or it ended): every further call stops the program again.</summary>
    bool Stopped { get; }

    /// <summary>Whether a message for a socket the program closed is still queued (the stale-message interleaving).</summary>
    bool StaleMessageQueued { get; }

    /// <summary>The program waits forever and nothing is left to happen: the run ends here (the hang oracle looks first).</summary>
    [DoesNotReturn]
    void IdleForever(string api);

    /// <summary>The program used up its step budget.</summary>
    [DoesNotReturn]
    void BudgetExhausted(int budget);
}

/// <summary>
/// The scheduler: decides, at each decision point (before each program call), whether the peer's next step happens
/// now, and at each wait, delivers the peer's steps until the program can go on. One schedule is the list of its
/// choices (<see cref="Choices"/>); the weights favour the interleavings that bite wrappers:
/// data arriving between a recv and the next retrieval, the peer's FIN while data is unread, and anything at all
/// while a closed socket's messages are still queued.
/// </summary>
internal sealed class ScheduleDriver : ISimulationDriver
{
    /// <summary>How likely the peer's next step happens before a program call when nothing makes it interesting.</summary>
    public const double BaseChance = 0.125;

    /// <summary>How likely it happens at an interleaving that bites (see the class summary).</summary>
    public const double BitingChance = 0.5;

    /// <summary>How likely a timed wait times out although the peer could still act.</summary>
    public const double TimeoutChance = 0.25;

    /// <summary>Polls in a row that find nothing, with nothing left to happen, before the program counts as idle.</summary>
    public const int IdlePolls = 1000;

    private readonly Choices _choices;
    private readonly PeerNetwork _peer;
    private readonly IRunControl _run;
    private readonly int _budget;
    private int _calls;
    private int _emptyPolls;
    private string? _lastApi;
    private long _now;

    public ScheduleDriver(Choices choices, PeerNetwork peer, IRunControl run, int budget)
    {
        _choices = choices;
        _peer = peer;
        _run = run;
        _budget = budget;
    }

    /// <summary>The stack, for the weights (set once the run is assembled).</summary>
    public SimulatedStack Stack { get; set; } = null!;

    public long Now => _now;

    /// <summary>Program calls made so far (the step budget counts these).</summary>
    public int Calls => _calls;

    public void DecisionPoint(string api)
    {
        if (_run.Stopped)
        {
            throw new SimulationStoppedException("the run is over");
        }

        if (++_calls > _budget)
        {
            _run.BudgetExhausted(_budget);
        }

        if (_peer.Ready() is { } step && _choices.Chance(Chance(step)))
        {
            PeerNetwork.Take(step);
            _emptyPolls = 0;
        }

        _lastApi = api;
    }

    private double Chance(PeerStep step)
    {
        var kind = step.Kind;
        if (_run.StaleMessageQueued)
        {
            return BitingChance;
        }

        if (kind is PeerStepKind.Data or PeerStepKind.Urgent && _lastApi is "recv" or "WSARecv" or "recvfrom" or "WSARecvFrom")
        {
            return BitingChance;
        }

        if (kind == PeerStepKind.Finish && step.Target?.ProgramSocket is { Open: true } socket && Stack.ModelSocket(socket).ReadableBytes > 0)
        {
            return BitingChance;
        }

        return BaseChance;
    }

    public bool Wait(Func<bool> ready, int timeoutMs, string api)
    {
        ArgumentNullException.ThrowIfNull(ready);
        while (true)
        {
            if (_run.Stopped)
            {
                throw new SimulationStoppedException("the run is over");
            }

            var step = _peer.Ready();
            if (ready())
            {
                _emptyPolls = 0;
                return true;
            }

            if (step is null)
            {
                if (timeoutMs >= 0)
                {
                    // Timing out with nothing left to happen is a poll too: a loop of such waits is idle.
                    _now += timeoutMs;
                    Polled(api);
                    return false;
                }

                _run.IdleForever(api);
            }

            if (timeoutMs > 0 && _choices.Chance(TimeoutChance))
            {
                _now += timeoutMs;
                return false;
            }

            PeerNetwork.Take(step);
            _now++;
        }
    }

    public void Polled(string api)
    {
        _now++;
        if (++_emptyPolls >= IdlePolls && _peer.Ready() is null)
        {
            _run.IdleForever(api);
        }
    }

    /// <summary>A message was retrieved: the program is not idle.</summary>
    public void Progressed() => _emptyPolls = 0;

    public ConnectAnswer AnswerConnect(SockAddr target) => _peer.AnswerConnect(target);

    public Connection Established(SockAddr target, SimSocket socket) => _peer.Established(target, socket);
}
