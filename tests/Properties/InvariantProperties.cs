using FsCheck;
using FsCheck.Fluent;

namespace WinsockConformance.Properties;

/// <summary>Model invariants, checked after every step of every generated scenario, under every profile it is valid under.</summary>
public sealed class InvariantProperties
{
    /// <summary>
    /// One FD bit per message; nothing posted for a socket after its closesocket (so no FD_CLOSE) or
    /// after a mask-0 registration until it registers again, and only selected bits to the registered
    /// window; an accepted socket's registration is the listener's; FD_CONNECT at most once per connect
    /// attempt (not under a profile where it is a level); no event posted twice for a socket without a
    /// re-enabling call between; getMessages returns exactly the queued messages of its window, in order.
    /// </summary>
    [ScenarioProperty]
    public Property Property_invariants_hold_after_every_step() =>
        Prop.ForAll(Generators.Scenarios(), scenario =>
        {
            foreach (var (profile, results) in scenario.Runs())
            {
                if (InvariantMonitor.FirstViolation(scenario, profile, results) is { } violation)
                {
                    return Labels.Holds(violation, profile.Name).Stamped(scenario);
                }
            }

            return Labels.Holds(null).Stamped(scenario);
        });
}
