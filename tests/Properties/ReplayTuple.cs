using System.Globalization;

namespace WinsockConformance.Properties;

/// <summary>An FsCheck replay tuple, "(seed,gamma)" or "(seed,gamma,size)", parsed exactly like FsCheck.Xunit's parseReplay.</summary>
public readonly record struct ReplayTuple(ulong Seed, ulong Gamma, int? Size)
{
    public override string ToString() => Size is { } size
        ? string.Create(CultureInfo.InvariantCulture, $"({Seed},{Gamma},{size})")
        : string.Create(CultureInfo.InvariantCulture, $"({Seed},{Gamma})");

    /// <summary>Trims parentheses, splits on commas; a clear FormatException naming FSCHECK_REPLAY otherwise.</summary>
    public static ReplayTuple Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string variable = ScenarioPropertyAttribute.ReplayVariable;
        var parts = text.Trim().TrimStart('(').TrimEnd(')').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gamma))
        {
            throw new FormatException($"{variable}=\"{text}\": expected \"seed,gamma\" or \"seed,gamma,size\", as FsCheck prints it");
        }

        if (gamma % 2 == 0)
        {
            throw new FormatException($"{variable}=\"{text}\": gamma must be odd (FsCheck's Rnd rejects an even gamma)");
        }

        int? size = null;
        if (parts.Length == 3)
        {
            size = int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new FormatException($"{variable}=\"{text}\": size must be a non-negative integer");
        }

        return new ReplayTuple(seed, gamma, size);
    }
}
