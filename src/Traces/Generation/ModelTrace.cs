using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// The model's own run of a scenario, written as a trace (stack "model"): what a perfectly
/// conforming stack would record. Checking it under the same profile always conforms, which makes it
/// the input for checker benchmarks and a reference to diff real captures against.
/// </summary>
public static class ModelTrace
{
    public const string Stack = "model";

    /// <summary>Writes header, one step per input with the model's observed outputs, and the end line.</summary>
    public static void Write(TextWriter output, IEnumerable<Input> scenario, Profile profile, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(profile);

        using var writer = new TraceWriter(output);
        writer.WriteHeader(new TraceHeader { Kind = TraceFormat.TraceKind, Name = name, Stack = Stack, Profile = profile.Name });
        var state = ModelState.Initial(profile);
        foreach (var input in scenario)
        {
            var result = WinsockModel.Step(state, input);
            writer.WriteStep(input, RenderedObservation.FromModel(result.Observation, result.State));
            state = result.State;
        }

        writer.WriteEnd(complete: true);
    }

    /// <summary>The trace as text (JSON Lines, '\n' line ends).</summary>
    public static string ToText(IEnumerable<Input> scenario, Profile profile, string? name = null)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(text, scenario, profile, name);
        return text.ToString();
    }
}
