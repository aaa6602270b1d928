using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>Where repeated runs differed, and one step's observed outputs, as the run reports write them.</summary>
internal static class FlakyText
{
    public static string Render(Flakiness flakiness) => flakiness switch
    {
        ObservationsDiffer d => $"step {d.Step}: run 1 observed {Observed(d.First)}; run {d.Run} observed {Observed(d.Again)}",
        StepCountsDiffer d => $"run {d.Run} recorded {d.AgainSteps} steps, run 1 recorded {d.FirstSteps}",
        NotReproduced d => $"diverged at step {d.Step} on the first run, conformed ({d.Again}) on the second",
        _ => throw new System.Diagnostics.UnreachableException(flakiness?.GetType().Name),
    };

    /// <summary>"ret -1 WSAEWOULDBLOCK; posted a FD_CONNECT, a FD_WRITE; signaled e".</summary>
    public static string Observed(ObservedStep? o)
    {
        if (o is null)
        {
            return "nothing";
        }

        var parts = new List<string> { DifferenceText.Result(new CallResult(o.Return, o.Error)) };
        if (o.Value is { } value)
        {
            parts.Add($"value {value}");
        }

        if (o.Posted.Count > 0)
        {
            parts.Add("posted " + string.Join(", ", o.Posted.Select(MessageText.Format)));
        }

        if (o.Delivered.Count > 0)
        {
            parts.Add("delivered " + string.Join(", ", o.Delivered.Select(MessageText.Format)));
        }

        if (o.Enumerated is { } en)
        {
            parts.Add("enumerated " + new EnumeratedEvents(en.Events, new EquatableArray<BitError>([.. en.Errors])));
        }

        if (o.Signaled.Count > 0)
        {
            parts.Add("signaled " + string.Join(", ", o.Signaled));
        }

        if (o.TimedOut)
        {
            parts.Add("timed out");
        }

        return string.Join("; ", parts);
    }
}
