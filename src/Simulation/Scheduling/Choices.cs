using System.Globalization;
using System.Text;

namespace WinsockConformance.Simulation.Scheduling;

/// <summary>
/// The choices that make one schedule: each decision the scheduler takes is one small integer, 0 being the plain
/// one (deliver nothing early, one segment, the default buffer). Drawn from a seeded PRNG, or replayed from a list
/// (a value past the list's end is 0; one out of range is clamped), and recorded either way, so a run is fully
/// described by its list.
/// </summary>
internal sealed class Choices
{
    private readonly SplitMix64? _random;
    private readonly IReadOnlyList<int>? _replay;
    private readonly List<int> _made = [];

    private Choices(SplitMix64? random, IReadOnlyList<int>? replay)
    {
        _random = random;
        _replay = replay;
    }

    public static Choices Random(ulong seed) => new(new SplitMix64(seed), null);

    public static Choices Replay(IReadOnlyList<int> values) => new(null, values);

    /// <summary>Every choice taken so far, in order.</summary>
    public IReadOnlyList<int> Made => _made;

    /// <summary>
    /// One choice in [0, <paramref name="bound"/>): replayed, or drawn with <paramref name="draw"/> (which gets the
    /// PRNG and returns a value in range).
    /// </summary>
    public int Choose(int bound, Func<SplitMix64, int> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        int value;
        if (_replay is not null)
        {
            value = _made.Count < _replay.Count ? Math.Clamp(_replay[_made.Count], 0, bound - 1) : 0;
        }
        else
        {
            value = Math.Clamp(draw(_random!), 0, bound - 1);
        }

        _made.Add(value);
        return value;
    }

    /// <summary>Yes with probability <paramref name="p"/> (1), no (0).</summary>
    public bool Chance(double p)
    {
        int value;
        if (_replay is not null)
        {
            value = _made.Count < _replay.Count ? Math.Clamp(_replay[_made.Count], 0, 1) : 0;
        }
        else
        {
            value = _random!.NextDouble() < p ? 1 : 0;
        }

        _made.Add(value);
        return value == 1;
    }

    /// <summary>
    /// The replay text of a choice list: values joined by ',', a run of k ≥ 3 equal values written v*k, trailing
    /// zeros dropped (they are the default). "0" is the empty list.
    /// </summary>
    public static string Format(IReadOnlyList<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var end = values.Count;
        while (end > 0 && values[end - 1] == 0)
        {
            end--;
        }

        if (end == 0)
        {
            return "0";
        }

        var text = new StringBuilder();
        for (var i = 0; i < end;)
        {
            var run = 1;
            while (i + run < end && values[i + run] == values[i])
            {
                run++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            if (run >= 3)
            {
                text.Append(CultureInfo.InvariantCulture, $"{values[i]}*{run}");
                i += run;
            }
            else
            {
                text.Append(values[i].ToString(CultureInfo.InvariantCulture));
                i++;
            }
        }

        return text.ToString();
    }

    /// <summary>Reads <see cref="Format"/>'s text; null when it is not one.</summary>
    public static IReadOnlyList<int>? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var star = part.IndexOf('*', StringComparison.Ordinal);
            var valueText = star < 0 ? part : part[..star];
            var countText = star < 0 ? "1" : part[(star + 1)..];
            if (!int.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > 10_000_000)
            {
                return null;
            }

            values.AddRange(Enumerable.Repeat(value, count));
        }

        return values;
    }
}
