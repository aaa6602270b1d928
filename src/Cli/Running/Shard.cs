using System.Globalization;

namespace WinsockConformance.Cli;

/// <summary>
/// <c>--shard I/N</c>: the I-th of N contiguous, nearly equal parts of a run's scenarios (1 ≤ I ≤ N), the same on every
/// machine, so a CI matrix of N jobs covers the run exactly once and <c>merge</c> puts it back together.
/// </summary>
internal readonly record struct Shard(int Number, int Of)
{
    public static Shard Whole => new(1, 1);

    public bool IsWhole => Of == 1;

    public static Shard Parse(string? text)
    {
        if (text is null)
        {
            return Whole;
        }

        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i >= 1 && i <= n)
        {
            return new Shard(i, n);
        }

        throw new UsageException($"--shard '{text}': expected I/N with 1 <= I <= N, e.g. 2/4");
    }

    /// <summary>This shard's part of positions 0 … <paramref name="count"/> − 1: [first, first + length).</summary>
    public (long First, long Length) Range(long count)
    {
        var first = count * (Number - 1) / Of;
        var end = count * Number / Of;
        return (first, end - first);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}/{Of}");
}

/// <summary><c>--worker W/N</c> (internal): this process is worker W (from 0) of N and runs positions W, W + N, W + 2N, … of its share.</summary>
internal readonly record struct WorkerShare(int Number, int Of)
{
    public static WorkerShare? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && w < n
                ? new WorkerShare(w, n)
                : throw new UsageException($"--worker '{text}': expected W/N with 0 <= W < N");
    }

    /// <summary>Whether the item at <paramref name="position"/> (0-based, within the shard) is this worker's.</summary>
    public bool Takes(long position) => position % Of == Number;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}/{Of}");
}
