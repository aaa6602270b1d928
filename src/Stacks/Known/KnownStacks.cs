using System.Globalization;
using WinsockConformance.Model;

namespace WinsockConformance.Stacks;

/// <summary>A stack the kit knows: its profile, the Wine version it was found on (none for Windows), its known-differences file.</summary>
/// <param name="Name">The profile's name, which also names the file: <c>stacks/NAME.known.tsv</c>.</param>
/// <param name="WineVersion">major.minor of the Wine the profile was found on; null for Windows, which departs from nothing.</param>
public sealed record KnownStack(string Name, string? WineVersion, Profile Profile)
{
    /// <summary>The data file of this stack's departures from windows in <paramref name="folder"/>, or null for Windows.</summary>
    public string? FileIn(string folder) => WineVersion is null ? null : Path.Combine(folder, Name + KnownStacks.Extension);
}

/// <summary>Which stack a run is: a Wine version named exactly, or the nearest known one (and the sentence saying so).</summary>
/// <param name="Stack">The known stack whose profile and known differences the run uses.</param>
/// <param name="Note">Null for an exact match; else why this stack was chosen ("Wine 9.13 is not a known stack: …").</param>
public sealed record StackMatch(KnownStack Stack, string? Note);

/// <summary>
/// The stacks with a profile and a list of known differences: Windows (the reference, no departures), Wine 8.0 and
/// Wine 10.0. A Wine version the kit has no profile for is judged as the nearest known one, and the run says so.
/// </summary>
public static class KnownStacks
{
    public const string Extension = ".known.tsv";

    /// <summary>Where the known-differences files are, relative to the checkout (the folder the tool runs in).</summary>
    public const string DefaultFolder = "stacks";

    /// <summary>
    /// The folder a run reads the known differences from when not told: the checkout's <see cref="DefaultFolder"/> when
    /// the tool runs in one (it holds a known-differences file), else the copy the tool carries beside its assembly (the
    /// installed .NET tool has no checkout).
    /// </summary>
    public static string DefaultFolderHere() =>
        Directory.Exists(DefaultFolder) && Directory.EnumerateFiles(DefaultFolder, "*" + Extension).Any()
            ? DefaultFolder
            : Path.Combine(AppContext.BaseDirectory, DefaultFolder);

    public static readonly KnownStack Windows = new("windows", null, Profiles.Windows);

    public static readonly IReadOnlyList<KnownStack> All =
    [
        Windows,
        new("wine-8", "8.0", Profiles.Wine8),
        new("wine-10", "10.0", Profiles.Wine10),
    ];

    /// <summary>The known stack that follows <paramref name="profile"/>, or null (the <c>documented</c> profile is no stack).</summary>
    public static KnownStack? ForProfile(Profile profile) => All.FirstOrDefault(s => ReferenceEquals(s.Profile, profile));

    /// <summary>
    /// The stack for a Wine version (null: Windows). The same major.minor is that stack (8.0.1 is 8.0); anything else is
    /// the nearest by major + minor/100 (9.13 is nearer 10.0 than 8.0), ties going to the older; a version that cannot be
    /// read is the newest known Wine.
    /// </summary>
    public static StackMatch Match(string? wineVersion)
    {
        if (wineVersion is null)
        {
            return new(Windows, null);
        }

        var wines = All.Where(s => s.WineVersion is not null).ToList();
        if (Parse(wineVersion) is not { } version)
        {
            var newest = wines.MaxBy(s => Parse(s.WineVersion!)!.Value)!;
            return new(newest, $"Wine {wineVersion} is not a version the kit can read: judged as the newest known stack, {newest.Name} (Wine {newest.WineVersion})");
        }

        if (wines.FirstOrDefault(s => Parse(s.WineVersion!) == version) is { } exact)
        {
            return new(exact, null);
        }

        var nearest = wines
            .OrderBy(s => Math.Abs(Value(Parse(s.WineVersion!)!.Value) - Value(version)))
            .ThenBy(s => Value(Parse(s.WineVersion!)!.Value))
            .First();
        return new(nearest, $"Wine {wineVersion} is not a known stack: judged as the nearest known one, {nearest.Name} (Wine {nearest.WineVersion}), with its profile and its known differences");
    }

    /// <summary>major.minor from "10.0", "9.13", "8.0.1", "9.0-rc3", "wine-10.0 (Debian …)"; null when there is none.</summary>
    private static (int Major, int Minor)? Parse(string text)
    {
        var start = text.AsSpan().IndexOfAnyInRange('0', '9');
        if (start < 0)
        {
            return null;
        }

        var parts = new string([.. text[start..].TakeWhile(c => char.IsAsciiDigit(c) || c == '.')]).Split('.');
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? (major, minor)
            : null;
    }

    private static double Value((int Major, int Minor) v) => v.Major + (Math.Min(v.Minor, 99) / 100.0);
}
