using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Generation;

/// <summary>
/// A generated scenario: the profile it was generated (and is valid) under, and its steps, which name
/// sockets symbolically. <see cref="Inserted"/> marks the step a metamorphic property inserted.
/// <see cref="ToString"/> is the scenario file (JSON Lines, written by <see cref="TraceWriter"/>), so a
/// shrunk counterexample can be saved and run with <c>explain</c>.
/// </summary>
public sealed record Scenario(Profile Profile, EquatableArray<Input> Steps, int? Inserted = null)
{
    public int Count => Steps.Count;

    /// <summary>The steps without the inserted one: the baseline a metamorphic property compares against.</summary>
    public Scenario WithoutInserted() => Inserted is { } i
        ? this with { Steps = Steps.RemoveAt(i), Inserted = null }
        : this;

    /// <summary>The scenario with steps appended (never the inserted mark's position).</summary>
    public Scenario Append(params Input[] more) => this with { Steps = new EquatableArray<Input>([.. Steps, .. more]) };

    /// <summary>Whether every step is possible, in order, under <paramref name="profile"/>.</summary>
    public bool IsValidUnder(Profile profile) => TryRun(profile) is not null;

    /// <summary>The model's results under <paramref name="profile"/>, or null if some step is impossible there.</summary>
    public IReadOnlyList<StepResult>? TryRun(Profile profile)
    {
        var state = ModelState.Initial(profile);
        var results = new List<StepResult>(Steps.Count);
        foreach (var input in Steps)
        {
            if (Validation.Check(state, input) is not null)
            {
                return null;
            }

            var result = WinsockModel.Step(state, input);
            results.Add(result);
            state = result.State;
        }

        return results;
    }

    /// <summary>The profiles the scenario is valid under (always including the one it was generated under).</summary>
    public IEnumerable<Profile> ApplicableProfiles() => Profiles.All.Where(IsValidUnder);

    /// <summary>Every profile the scenario is valid under, with the model's results there: where a property applies.</summary>
    public IEnumerable<(Profile Profile, IReadOnlyList<StepResult> Results)> Runs()
    {
        foreach (var profile in Profiles.All)
        {
            if (TryRun(profile) is { } results)
            {
                yield return (profile, results);
            }
        }
    }

    /// <summary>Runs the scenario through the model under <paramref name="profile"/>.</summary>
    public IReadOnlyList<StepResult> Run(Profile profile) => WinsockModel.Run(profile, Steps);

    public IReadOnlyList<StepResult> Run() => Run(Profile);

    /// <summary>The model's trace of this scenario (kind "trace", every step observed, end line), through the model as a stack.</summary>
    /// <param name="mutate">Changes what step i is recorded as having observed: a stack that departs from the model there.</param>
    public string ModelTrace(Profile profile, Func<int, RenderedObservation, RenderedObservation>? mutate = null) =>
        new ModelStack(profile).TraceText(Steps, "generated", mutate);

    /// <summary>The scenario as a parsed scenario file (no observed outputs): what stacks and the checker take.</summary>
    /// <param name="source">Where it came from, for messages (a file path, or e.g. "fuzz seed 7 #12").</param>
    public Trace ToTrace(string source, TraceHeader? header = null) => new(
        source,
        (header ?? new TraceHeader { Kind = TraceFormat.ScenarioKind, Name = "generated" }) with { Kind = TraceFormat.ScenarioKind, Version = VersionOf(header) },
        [.. Steps.Select((input, i) => new TraceStep(i + 2, i + 1, input, Observed: null, Comment: i == Inserted ? "inserted by the metamorphic property" : null))],
        Complete: true);

    /// <summary>The scenario file under <paramref name="header"/> (kind "scenario"), JSON Lines with '\n' line ends.</summary>
    public string ToScenarioFile(TraceHeader header, Func<int, string?>? comment = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var writer = new TraceWriter(text);
        writer.WriteHeader(header with { Kind = TraceFormat.ScenarioKind, Version = VersionOf(header) });
        for (var i = 0; i < Steps.Count; i++)
        {
            writer.WriteStep(Steps[i], observed: null, comment: comment?.Invoke(i));
        }

        return text.ToString();
    }

    /// <summary>The format version the steps need (a getMessage step needs version 2), or the header's if that is newer.</summary>
    private int VersionOf(TraceHeader? header) => Math.Max(header?.Version ?? TraceFormat.Version1, TraceFormat.VersionFor(Steps));

    /// <summary>The scenario file, preceded by a newline so it starts on its own line in FsCheck's report.</summary>
    public override string ToString()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var writer = new TraceWriter(text);
        writer.WriteHeader(new TraceHeader
        {
            Kind = TraceFormat.ScenarioKind,
            Version = VersionOf(null),
            Name = "property-counterexample",
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"Generated (src/Generation) under profile {Profile.Name}; valid under: {string.Join(", ", ApplicableProfiles().Select(p => p.Name))}."),
        });
        for (var i = 0; i < Steps.Count; i++)
        {
            writer.WriteStep(Steps[i], observed: null, comment: i == Inserted ? "inserted by the metamorphic property" : null);
        }

        return "\n" + text.ToString();
    }
}
