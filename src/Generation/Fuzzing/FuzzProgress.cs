using System.Globalization;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace WinsockConformance.Generation;

/// <summary>
/// The progress line on stderr: scenarios done of the total, the rate, disagreements so far. On a
/// terminal it is redrawn in place; otherwise (CI logs) one line every few seconds and at the end.
/// </summary>
internal sealed class FuzzProgress(TextWriter stderr, long total, bool interactive)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;

    public TimeSpan Elapsed => _clock.Elapsed;

    private readonly Lock _lock = new();

    /// <summary>Redraws the line if it is due (or <paramref name="final"/>); safe to call from several threads.</summary>
    public void Update(long done, int disagreements, int inconclusive, bool final = false)
    {
        lock (_lock)
        {
            Draw(done, disagreements, inconclusive, final);
        }
    }

    private void Draw(long done, int disagreements, int inconclusive, bool final)
    {
        var interval = interactive ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
        if (!final && _last is { } last && _clock.Elapsed - last < interval)
        {
            return;
        }

        _last = _clock.Elapsed;
        var rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        const int width = 24;
        var filled = total == 0 ? width : (int)(width * done / total);
        var bar = new string('#', filled) + new string('.', width - filled);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[fuzz] [{bar}] {done}/{total} scenarios  {rate:F1}/s  {disagreements} disagreement{(disagreements == 1 ? string.Empty : "s")}  {inconclusive} inconclusive  {_clock.Elapsed.TotalSeconds:F0} s");
        if (interactive)
        {
            stderr.Write("\r" + line + (final ? "\n" : string.Empty));
        }
        else
        {
            stderr.WriteLine(line);
        }

        stderr.Flush();
    }
}
