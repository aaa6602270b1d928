using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Stacks;

/// <summary>A rule that makes a scenario differ from the judged profile, and whose departure from windows it is.</summary>
/// <param name="Rule">The rule's ID.</param>
/// <param name="Of">The stack whose known difference it is: the stack that ran, or the judged profile's stack.</param>
/// <param name="Wine">The Wine bug or commit, when known.</param>
/// <param name="OfJudged">The judged profile's stack has this difference and the stack that ran does not.</param>
public sealed record KnownReason(string Rule, string Of, string? Wine, bool OfJudged)
{
    /// <summary>"WINE-35 (wine-10)", or "WINE-11 (wine-8's, not this stack's)", with the Wine reference when there is one.</summary>
    public override string ToString() =>
        $"{Rule} ({(OfJudged ? $"{Of}'s, not this stack's" : Of)}{(Wine is null ? string.Empty : "; " + Wine)})";
}

/// <summary>How a scenario stands against the known differences.</summary>
public enum KnownStatus
{
    /// <summary>Nothing was expected to differ and nothing did (or the trace is inconclusive).</summary>
    None,

    /// <summary>It differs, as the known differences say, and the stack's own profile explains the whole trace.</summary>
    Explained,

    /// <summary>It differs and no known difference lists it, or one does but the stack's own profile does not explain the trace.</summary>
    Unexpected,

    /// <summary>A known difference lists it, and it no longer differs: like a todo_wine that passes.</summary>
    Fixed,
}

/// <summary>A scenario's standing: the status, the known differences that list it, and why when that is not obvious.</summary>
public sealed record KnownStanding(KnownStatus Status, IReadOnlyList<KnownReason> Reasons, string? Note);

/// <summary>
/// Judges a run with the known differences of the stack that ran (S) and of the judged profile's stack (P), each a list
/// of departures from windows: a scenario is expected to differ from P when a rule that only one of them has lists it
/// (S's own departures, and P's departures that S does not have). Against windows that is S's list alone. A divergence is
/// explained when it was expected and the trace conforms to S's own profile (so nothing else went wrong after the known
/// difference); an expected difference that did not happen is fixed.
/// </summary>
public sealed class KnownJudgement
{
    private KnownJudgement(KnownDifferences stack, KnownDifferences judged)
    {
        Stack = stack;
        Judged = judged;
    }

    public KnownDifferences Stack { get; }

    public KnownDifferences Judged { get; }

    /// <summary>
    /// The judgement for a stack following <paramref name="native"/> judged against <paramref name="judged"/>, reading the
    /// lists from <paramref name="folder"/>; null when either profile is no known stack (<c>documented</c>), where the run
    /// falls back to the stack's own profile.
    /// </summary>
    public static KnownJudgement? For(Profile native, Profile judged, string folder)
    {
        if (KnownStacks.ForProfile(native) is not { } s || KnownStacks.ForProfile(judged) is not { } p)
        {
            return null;
        }

        var stack = KnownDifferences.Read(s, folder);
        return new(stack, ReferenceEquals(s, p) ? stack : KnownDifferences.Read(p, folder));
    }

    /// <summary>A judgement from lists already read (the tests change them).</summary>
    public static KnownJudgement Of(KnownDifferences stack, KnownDifferences judged) => new(stack, judged);

    /// <summary>"wine-10 (stacks/wine-10.known.tsv: 17 rules) against wine-8 (stacks/wine-8.known.tsv: 31 rules)".</summary>
    public string Description => $"{Describe(Stack)} against {Describe(Judged)}";

    /// <summary>The rules that make <paramref name="scenario"/> differ from the judged profile (empty: it should conform).</summary>
    public IReadOnlyList<KnownReason> Expected(string scenario) =>
    [
        .. Stack.Explaining(scenario).Where(e => !Judged.Has(e.Rule)).Select(e => new KnownReason(e.Rule, Stack.Stack.Name, e.Wine, OfJudged: false)),
        .. Judged.Explaining(scenario).Where(e => !Stack.Has(e.Rule)).Select(e => new KnownReason(e.Rule, Judged.Stack.Name, e.Wine, OfJudged: true)),
    ];

    /// <summary>How the scenario named <paramref name="scenario"/> stands, given its trace and its report against the judged profile.</summary>
    public KnownStanding Judge(string scenario, Trace trace, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(report);
        var expected = Expected(scenario);
        if (expected.Count > 0 && ListedByBoth(scenario) && ProfilesAgree(trace))
        {
            // Both stacks depart from windows here by different rules that come to the same (Wine 10's WINE-37 does what
            // Wine 8's WINE-13 did): the profiles predict the same, so nothing is expected to differ.
            expected = [];
        }

        return report.Verdict switch
        {
            Verdict.Conforms when expected.Count > 0 => new(KnownStatus.Fixed, expected, $"no longer differs from {Judged.Stack.Name}: the known differences said it would ({string.Join(", ", expected)})"),
            Verdict.Conforms or Verdict.Inconclusive => new(KnownStatus.None, expected, null),
            Verdict.Diverges when expected.Count == 0 => new(KnownStatus.Unexpected, expected, $"no known difference of {Stack.Stack.Name} or {Judged.Stack.Name} lists {scenario}"),
            Verdict.Diverges => StackProfileVerdict(trace) is { } departure
                ? new(KnownStatus.Unexpected, expected, $"listed as known ({string.Join(", ", expected)}), but {Stack.Stack.Name}'s own profile does not explain the trace: {departure}")
                : new(KnownStatus.Explained, expected, null),
            _ => throw new System.Diagnostics.UnreachableException(report.Verdict.ToString()),
        };
    }

    private bool ListedByBoth(string scenario) => Stack.Explaining(scenario).Any() && Judged.Explaining(scenario).Any();

    /// <summary>Whether the stack's profile and the judged one predict the same at every step of the trace's scenario.</summary>
    private bool ProfilesAgree(Trace trace)
    {
        try
        {
            using var text = new StringWriter();
            using (var writer = new TraceWriter(text))
            using (var model = new ModelStack(Stack.Stack.Profile))
            {
                model.Capture(trace.AsScenario(), writer);
            }

            var predicted = TraceReader.Read(trace.Source, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            return Checker.Check(predicted, Judged.Stack.Profile).Verdict == Verdict.Conforms;
        }
        catch (TraceReadException)
        {
            return false;
        }
    }

    /// <summary>Null when the trace conforms to the stack's own profile; else where it departs from it.</summary>
    private string? StackProfileVerdict(Trace trace)
    {
        try
        {
            var own = Checker.Check(trace, Stack.Stack.Profile);
            return own.Verdict == Verdict.Diverges ? $"it diverges from {own.Profile} at step {own.FirstDivergence!.Step}" : null;
        }
        catch (TraceReadException e)
        {
            return $"a step is impossible under {Stack.Stack.Profile.Name} ({e.Problem})";
        }
    }

    private static string Describe(KnownDifferences list) =>
        list.Source is null ? $"{list.Stack.Name} (no departures)" : $"{list.Stack.Name} ({list.Source.Replace('\\', '/')}: {list.Entries.Count} rules)";
}
