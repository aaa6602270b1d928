namespace WinsockConformance.Generation;

/// <summary>The smallest scenario found that still disagrees, and what it cost to find.</summary>
/// <param name="Scenario">The minimal counterexample (the original if nothing smaller disagreed).</param>
/// <param name="Disagreement">What the stack did on it, as the caller's run function reported it.</param>
/// <param name="Runs">Candidate runs on the stack, confirmations included.</param>
/// <param name="Accepted">Candidates that still disagreed and were kept.</param>
/// <param name="BudgetExhausted">The run budget ran out before every candidate of the last scenario was tried.</param>
public sealed record ShrinkResult<T>(Scenario Scenario, T Disagreement, int Runs, int Accepted, bool BudgetExhausted);

/// <summary>
/// Shrinks a disagreement on a real stack (QuickCheck's shrink loop, with the stack as the property):
/// candidates are the scenario with steps deleted (<see cref="Generators.Shrink"/>: halves, quarters, ...,
/// single steps, each repaired by dropping steps that became impossible), and a candidate is kept only if
/// running it on the stack again still disagrees, so the minimal counterexample is one the stack really
/// produces. A kept candidate is run <see cref="Confirmations"/> more times and kept only if every run
/// disagrees, so timing noise cannot steer the search. The loop restarts from each kept candidate and
/// ends when no candidate of the current scenario disagrees (a local minimum: deleting any one step
/// makes the disagreement go away) or the run budget is spent.
/// </summary>
/// <param name="run">Runs a scenario on the stack; null when the stack agrees with the model.</param>
public sealed class DifferentialShrinker<T>(Func<Scenario, T?> run)
    where T : class
{
    /// <summary>The most stack runs one shrink may make.</summary>
    public int MaxRuns { get; init; } = 400;

    /// <summary>Extra runs a candidate must also disagree on before it is kept (0 for a deterministic stack).</summary>
    public int Confirmations { get; init; } = 1;

    /// <param name="failing">The scenario that disagreed.</param>
    /// <param name="disagreement">What the stack did on it.</param>
    /// <param name="divergingStep">The first diverging step (1-based), if known: the steps after it are tried away first.</param>
    public ShrinkResult<T> Minimize(Scenario failing, T disagreement, int? divergingStep = null)
    {
        ArgumentNullException.ThrowIfNull(failing);
        ArgumentNullException.ThrowIfNull(disagreement);
        var current = failing;
        var runs = 0;
        var accepted = 0;
        var tried = new HashSet<Model.EquatableArray<Model.Input>>();

        bool Try(Scenario candidate)
        {
            if (candidate.Count == 0 || !tried.Add(candidate.Steps))
            {
                return false;
            }

            runs++;
            if (run(candidate) is not { } result)
            {
                return false;
            }

            for (var i = 0; i < Confirmations; i++)
            {
                runs++;
                if (run(candidate) is null)
                {
                    return false;
                }
            }

            current = candidate;
            disagreement = result;
            accepted++;
            return true;
        }

        // What follows the first diverging step cannot matter to the checker, which stops there.
        if (divergingStep is { } cut && cut < failing.Count && Generators.Repair(failing, Enumerable.Range(0, cut)) is { } truncated)
        {
            Try(truncated);
        }

        var improved = true;
        while (improved)
        {
            improved = false;
            foreach (var candidate in Generators.Shrink(current))
            {
                if (runs >= MaxRuns)
                {
                    return new ShrinkResult<T>(current, disagreement, runs, accepted, BudgetExhausted: true);
                }

                if (Try(candidate))
                {
                    improved = true;
                    break;
                }
            }
        }

        return new ShrinkResult<T>(current, disagreement, runs, accepted, BudgetExhausted: false);
    }
}
