using WinsockConformance.Generation;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Generation;

/// <summary>
/// A disagreement the fuzzer found, analysed and reported (.fuzz-findings.md) but which the profile (or the
/// harness, for an H-n finding) does not handle yet.
/// </summary>
/// <param name="Id">The finding's ID in .fuzz-findings.md.</param>
/// <param name="Avoid">The step that triggers it, in a state: generation leaves it out.</param>
/// <param name="Explains">Whether a divergence at a step (state before it, the step) is this finding.</param>
internal sealed record KnownFinding(string Id, string Summary, string Profile, Func<ModelState, Input, bool> Avoid, Func<ModelState, Input, Divergence, bool> Explains)
{
    /// <summary>Whether the divergence is this finding, also given the steps before it (for findings a state cannot show).</summary>
    public Func<IReadOnlyList<Input>, ModelState, Input, Divergence, bool>? ExplainsAfter { get; init; }

    /// <summary>A finding that shows at the very step that triggers it, in the given aspect.</summary>
    public static KnownFinding AtStep(string id, string summary, string profile, Aspect aspect, Func<ModelState, Input, bool> situation) =>
        new(id, summary, profile, situation, (state, input, d) => situation(state, input) && d.Differences.Any(x => x.Aspect == aspect));
}

/// <summary>
/// The findings awaiting a profile switch (or a harness fix). While one is listed, the fuzzer (judging against
/// its profile) does not generate its trigger, a divergence it explains is reported as known rather than new,
/// and a shrink never slides into it. When the profile gains the switch, remove the entry: <c>fuzz --no-avoid</c>
/// shows whether anything still disagrees there.
/// </summary>
internal static class KnownFindings
{
    public static readonly IReadOnlyList<KnownFinding> All =
    [
        // FUZZ-42 (Wine 10; docs/wine-10-findings.md): a nonblocking send the kernel takes only in part is reported complete
        // and its rest queued in Wine; when Wine then sees the peer's FIN, the queued rest is failed and lost, so send space
        // comes back and peer.read waits in vain for those bytes. Modelling it needs byte accounting the model does not
        // have: pending. Generation leaves out a FIN reaching a filled socket and a fill after the FIN.
        new KnownFinding(
            "FUZZ-42",
            "Wine 10 loses the queued rest of a filled send buffer when it sees the peer's FIN (send space returns, peer.read never gets the bytes)",
            Profiles.Wine10.Name,
            (state, input) => state.Find(input.Socket ?? string.Empty) is { } s && s.Kind == SocketKind.Stream
                && ((s.SendBlocked && input is PeerShutdown { How: not ShutdownHow.Receive } or PeerClose)
                    || (s.PeerSentFin && input is SendCall { Fill: true })),
            (state, input, _) => state.Find(input.Socket ?? string.Empty) is { SendBlocked: true, PeerSentFin: true }),
    ];

    /// <summary>The findings that apply when judging against <paramref name="profile"/>.</summary>
    public static IReadOnlyList<KnownFinding> For(Profile profile) => [.. All.Where(f => f.Profile == profile.Name)];

    /// <summary>The known finding that explains the first divergence of <paramref name="scenario"/>, or null.</summary>
    public static KnownFinding? Explaining(IReadOnlyList<KnownFinding> findings, Scenario scenario, Profile profile, CheckReport report)
    {
        if (findings.Count == 0 || report.FirstDivergence is not { } divergence)
        {
            return null;
        }

        var state = ModelState.Initial(profile);
        for (var i = 0; i < divergence.Step - 1; i++)
        {
            state = WinsockModel.Step(state, scenario.Steps[i]).State;
        }

        var input = scenario.Steps[divergence.Step - 1];
        var prefix = scenario.Steps.Take(divergence.Step - 1).ToList();
        return findings.FirstOrDefault(f => f.Explains(state, input, divergence) || f.ExplainsAfter?.Invoke(prefix, state, input, divergence) == true);
    }

    /// <summary>Generation that leaves every situation of <paramref name="findings"/> out.</summary>
    public static GenerationOptions Avoiding(GenerationOptions options, IReadOnlyList<KnownFinding> findings) =>
        findings.Count == 0 ? options : options with { Avoid = (state, input) => findings.Any(f => f.Avoid(state, input)) };
}
