using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Oracles;

/// <summary>A property every run must keep: its ID and the one sentence it checks.</summary>
public sealed record Oracle(string Id, string Statement);

/// <summary>An oracle that fired: which, at which event of the run, what happened, and the model's rules behind it.</summary>
public sealed record OracleFailure(Oracle Oracle, int Event, string Detail, RuleSet Rules)
{
    /// <summary>The rule IDs, comma-separated, or "-" when none applied.</summary>
    public string RuleIds => Rules.IsEmpty ? "-" : Rules.ToString();
}

/// <summary>Every oracle the simulator checks (docs/simulator.md, "Oracles").</summary>
public static class Oracles
{
    /// <summary>SIM-EXIT: The program ends by returning 0 from Main: no other exit code, no exception.</summary>
    public static readonly Oracle Exit = new("SIM-EXIT", "The program ends by returning 0 from Main: no other exit code, no exception.");

    /// <summary>SIM-ASSERT: Every assertion the program makes through Sim.Assert holds.</summary>
    public static readonly Oracle Assert = new("SIM-ASSERT", "Every assertion the program makes through Sim.Assert holds.");

    /// <summary>SIM-DATA-LOSS: Every byte the peer sent before its FIN is read by the program, in order, before it closes the socket.</summary>
    public static readonly Oracle DataLoss = new("SIM-DATA-LOSS", "Every byte the peer sent before its FIN is read by the program, in order, before it closes the socket.");

    /// <summary>SIM-CLOSED-HANDLE: The program makes no call on a socket handle after it closed that socket.</summary>
    public static readonly Oracle ClosedHandle = new("SIM-CLOSED-HANDLE", "The program makes no call on a socket handle after it closed that socket.");

    /// <summary>SIM-STALE-HANDLE: After retrieving a message for a socket it has closed, the program does not act on that handle value, which a newer socket may now hold.</summary>
    public static readonly Oracle StaleHandle = new("SIM-STALE-HANDLE", "After retrieving a message for a socket it has closed, the program does not act on that handle value, which a newer socket may now hold.");

    /// <summary>SIM-HANG: The program does not wait for messages or events while work is pending: unread data, a queued connection, or a send the peer waits for that would now succeed.</summary>
    public static readonly Oracle Hang = new("SIM-HANG", "The program does not wait for messages or events while work is pending: unread data, a queued connection, or a send the peer waits for that would now succeed.");

    /// <summary>SIM-FLOOD: No more than K messages are queued for one socket at once (K: <see cref="Running.RunSettings.FloodLimit"/>).</summary>
    public static readonly Oracle Flood = new("SIM-FLOOD", "No more than K messages are queued for one socket at once.");

    /// <summary>SIM-PEER-EXPECT: The program sends the peer what the peer script expects, before it stops sending.</summary>
    public static readonly Oracle PeerExpect = new("SIM-PEER-EXPECT", "The program sends the peer what the peer script expects, before it stops sending.");

    /// <summary>SIM-BUDGET: The program finishes, or waits with nothing pending, within the step budget (a spinning program is reported, not hung).</summary>
    public static readonly Oracle Budget = new("SIM-BUDGET", "The program finishes, or waits with nothing pending, within the step budget (a spinning program is reported, not hung).");

    /// <summary>Every oracle the simulator checks.</summary>
    public static readonly IReadOnlyList<Oracle> All = [Exit, Assert, DataLoss, ClosedHandle, StaleHandle, Hang, Flood, PeerExpect, Budget];

    /// <summary>The oracle with this ID ("SIM-HANG", case-insensitive), or null.</summary>
    public static Oracle? Find(string id) => All.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase));
}
