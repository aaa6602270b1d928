using WinsockConformance.Model;

namespace WinsockConformance.Simulation.Recording;

public enum RunEventKind
{
    /// <summary>A call the program made, with the model steps it took.</summary>
    Call,

    /// <summary>Something the peer (the network) did: one model step.</summary>
    Peer,

    /// <summary>The program retrieved a message from its queue.</summary>
    Message,

    /// <summary>Anything else worth a line: the schedule's choices, a dropped peer action, the program's own notes.</summary>
    Note,
}

/// <summary>One model step inside a run: the input and what the model answered.</summary>
public readonly record struct ModelStepRecord(Input Input, Observation Observation);

/// <summary>
/// One entry of a simulated run, numbered from 0. Calls and peer actions keep their model steps, so a run can later be
/// written as a trace (the model's inputs and observations plus what the trace format does not have yet: handle
/// values and one-message-at-a-time retrieval).
/// </summary>
public sealed record RunEvent(int Index, RunEventKind Kind, string Text, IReadOnlyList<ModelStepRecord> Steps)
{
    public RuleSet Rules
    {
        get
        {
            var rules = RuleSet.Empty;
            foreach (var step in Steps)
            {
                rules = rules.Union(step.Observation.Rules);
            }

            return rules;
        }
    }
}
