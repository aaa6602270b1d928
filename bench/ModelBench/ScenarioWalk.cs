using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// A deterministic, seeded generator of valid scenarios that needs no property-testing library:
/// it walks the model, and at each step picks at random (weighted) among the inputs that
/// <see cref="Validation.Check"/> accepts in the current state. The same seed, length and profile
/// always give the same scenario, so benchmarks and regression checks can name a scenario by its seed.
/// </summary>
public static class ScenarioWalk
{
    public static IReadOnlyList<Input> Generate(int seed, int steps, Profile profile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentNullException.ThrowIfNull(profile);

        // Seeded System.Random is the documented deterministic generator; this is test data, not security.
#pragma warning disable CA5394
        var random = new Random(seed);
#pragma warning restore CA5394
        var state = ModelState.Initial(profile);
        var inputs = new List<Input>(steps);
        var candidates = new List<WalkCandidate>();
        while (inputs.Count < steps)
        {
            candidates.Clear();
            WalkCandidates.Collect(state, random, candidates);
            var input = PickValid(state, random, candidates);
            state = WinsockModel.Step(state, input).State;
            inputs.Add(input);
        }

        return inputs;
    }

    /// <summary>A weighted draw among the candidates, discarding any the model says is impossible here.</summary>
    private static Input PickValid(ModelState state, Random random, List<WalkCandidate> candidates)
    {
        while (candidates.Count > 0)
        {
            var index = WeightedIndex(random, candidates);
            var input = candidates[index].Input;
            if (Validation.Check(state, input) is null)
            {
                return input;
            }

            candidates.RemoveAt(index);
        }

        // Always possible: retrieving messages needs no socket.
        return new GetMessagesCall(TraceFormat.DefaultWindow);
    }

    private static int WeightedIndex(Random random, List<WalkCandidate> candidates)
    {
        var total = 0.0;
        foreach (var c in candidates)
        {
            total += c.Weight;
        }

#pragma warning disable CA5394
        var target = random.NextDouble() * total;
#pragma warning restore CA5394
        for (var i = 0; i < candidates.Count; i++)
        {
            target -= candidates[i].Weight;
            if (target < 0)
            {
                return i;
            }
        }

        return candidates.Count - 1;
    }
}
