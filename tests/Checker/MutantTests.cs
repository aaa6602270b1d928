using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WinsockConformance.CheckerTests.Support;
using Xunit.Abstractions;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The committed Wine captures, damaged in every way a file can be (cut off, bytes flipped, re-encoded, keys
/// repeated, names and numbers out of range, nesting, unknown operations and fields, lines swapped or dropped,
/// outputs changed), each checked through the command line in this process: every mutant ends in the exit
/// class its kind of damage calls for (a cut capture is inconclusive, a changed output diverges, damaged input is
/// bad input), within 10 seconds, with at most one line on stderr and never a stack trace.
/// </summary>
public sealed partial class MutantTests(ITestOutputHelper output) : IClassFixture<TraceFiles>
{
    private const int Seed = 20250613;
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    /// <summary>One damaged file: what was done, and the exit codes (and for exit 0 the verdicts) that are right for it.</summary>
    private sealed record Mutant(string Kind, string Source, byte[] Bytes, int[] Exits, string[]? Verdicts = null);

    [Fact]
    public void Every_mutant_of_the_committed_traces_ends_in_its_expected_exit_class()
    {
        // Given at least a thousand mutants of the committed captures
        using var files = new TraceFiles();
        var random = new Random(Seed);
        var mutants = Repository.JsonLinesFiles("traces/wine-8.0")
            .SelectMany(f => Mutate(f, File.ReadAllBytes(Repository.PathOf(f)), random))
            .ToList();
        Assert.True(mutants.Count >= 1000, $"only {mutants.Count} mutants");

        // When each is checked (and explained) through the command line
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var slowest = TimeSpan.Zero;
        Parallel.For(0, mutants.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var m = mutants[i];
            var path = Path.Combine(Path.GetDirectoryName(files.PathOf("x"))!, $"{i:D5}-{m.Kind}.jsonl");
            File.WriteAllBytes(path, m.Bytes);
            var (check, checkTime) = Timed("check", path);
            var (explain, explainTime) = Timed("explain", path);
            lock (failures)
            {
                slowest = new[] { slowest, checkTime, explainTime }.Max();
            }

            var problem = Judge(m, path, check, mustExitIn: m.Exits) ?? Judge(m, path, explain, mustExitIn: [0, 2]);
            if (problem is not null)
            {
                failures.Add($"{m.Kind} of {m.Source} (#{i}, seed {Seed}): {problem}");
            }
        });

        // Then none is outside its class
        foreach (var kind in mutants.GroupBy(m => m.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{kind.Key,-22} {kind.Count(),5} mutants, expected exit {string.Join("/", kind.First().Exits)}");
        }

        output.WriteLine($"{mutants.Count} mutants, {failures.Count} outside their class, slowest run {slowest.TotalMilliseconds:F0} ms");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {mutants.Count} mutants outside their class:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal).Take(20)));
    }

    /// <summary>What is wrong with a run of a mutant, or null.</summary>
    private static string? Judge(Mutant m, string path, ProbeRun? run, int[] mustExitIn)
    {
        if (run is null)
        {
            return $"took longer than {s_limit.TotalSeconds} s";
        }

        if (!mustExitIn.Contains(run.ExitCode))
        {
            return $"exit {run.ExitCode}, expected {string.Join(" or ", mustExitIn)}\n{Shorten(run.ToString())}";
        }

        if (run.Error.Contains("   at ", StringComparison.Ordinal) || run.Error.Contains("Exception", StringComparison.Ordinal))
        {
            return $"stack trace\n{Shorten(run.ToString())}";
        }

        var lines = run.Error.TrimEnd('\n').Split('\n');
        if (run.Error.Length > 0 && (lines.Length != 1 || lines[0].Length > 1200 || lines[0].Any(c => char.IsControl(c))))
        {
            return $"stderr is not one clean line\n{Shorten(run.ToString())}";
        }

        if (run.ExitCode == 2 && !run.Error.StartsWith($"error: {path}:", StringComparison.Ordinal))
        {
            return $"bad input without its file and line\n{Shorten(run.ToString())}";
        }

        if (run.ExitCode == 0 && m.Verdicts is { } verdicts && mustExitIn == m.Exits && !verdicts.Any(v => run.Out.StartsWith("verdict: " + v, StringComparison.Ordinal)))
        {
            return $"expected verdict {string.Join(" or ", verdicts)}\n{Shorten(run.ToString())}";
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 1500 ? text[..1500] + "…" : text;

    private static (ProbeRun? Run, TimeSpan Time) Timed(string command, string path)
    {
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => ProbeRun.Of(command, path));
        return task.Wait(s_limit) ? (task.Result, clock.Elapsed) : (null, clock.Elapsed);
    }

    private static IEnumerable<Mutant> Mutate(string source, byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.TrimEnd('\n').Split('\n');
        var steps = Enumerable.Range(1, lines.Length - 2).ToList();
        int Step() => steps[random.Next(steps.Count)];
        Mutant Lines(string kind, IEnumerable<string> changed, int[] exits, string[]? verdicts = null) =>
            new(kind, source, Encoding.UTF8.GetBytes(string.Concat(changed.Select(l => l + "\n"))), exits, verdicts);
        IEnumerable<string> With(int index, string line) => lines.Select((l, k) => k == index ? line : l);
        string[] Inconclusive = ["inconclusive"];
        int[] Fine = [0], Diverges = [1], Bad = [2];

        // A capture cut off anywhere: inconclusive (or, cut only after its last line's text, conforming).
        var cut = random.Next(0, bytes.Length - 1);
        yield return new Mutant("truncated-at-a-byte", source, bytes[..cut], Fine, ["inconclusive", "conforms"]);
        yield return Lines("truncated-at-a-line", lines.Take(random.Next(0, lines.Length)), Fine, Inconclusive);
        yield return new Mutant("empty", source, [], Fine, Inconclusive);

        // Not UTF-8: invalid sequences anywhere before the last newline, other encodings.
        byte[][] invalid = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xC3, 0x28], [0x80], [0xF4, 0x90, 0x80, 0x80]];
        var at = random.Next(0, bytes.Length - 1);
        yield return new Mutant("invalid-utf8", source, [.. bytes[..at], .. invalid[random.Next(invalid.Length)], .. bytes[at..]], Bad);
        Encoding[] encodings = [new UnicodeEncoding(false, true), new UnicodeEncoding(true, true), new UTF32Encoding(false, true), new UTF32Encoding(true, true), new UnicodeEncoding(false, false)];
        var encoding = encodings[random.Next(encodings.Length)];
        yield return new Mutant("utf16-or-utf32", source, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)], Bad);
        yield return new Mutant("utf8-bom", source, [0xEF, 0xBB, 0xBF, .. bytes], Fine, ["conforms"]);
        yield return Lines("crlf-and-blank-lines", [string.Join("\r\n\r\n", lines)], Fine, ["conforms"]);

        // Keys repeated: in a step, in its outputs, in the header.
        var s = Step();
        var key = Keys(lines[s])[random.Next(Keys(lines[s]).Count)];
        yield return Lines("duplicate-key", With(s, lines[s][..^1] + $",{key.Name}:{key.Value}}}"), Bad);
        yield return Lines("duplicate-observed-key", With(s, lines[s].Replace("\"observed\":{", "\"observed\":{\"ret\":0,", StringComparison.Ordinal)), Bad);
        yield return Lines("duplicate-header-key", With(0, lines[0][..^1] + ",\"kind\":\"trace\"}"), Bad);

        // Names outside the documented set.
        string[] badNames = ["a#1", " a", "a ", "FD_X", "a/b", "", "a\\u0001", "\\t", "a\\u2028b", "\\u00a0"];
        var named = steps.Where(k => lines[k].Contains("\"socket\":\"", StringComparison.Ordinal)).ToList();
        if (named.Count > 0)
        {
            var k = named[random.Next(named.Count)];
            yield return Lines("bad-socket-name", With(k, SocketValue().Replace(lines[k], $"\"socket\":\"{badNames[random.Next(badNames.Length)]}\"", 1)), Bad);
        }

        var posting = steps.Where(k => lines[k].Contains("\"posted\":[\"", StringComparison.Ordinal)).ToList();
        if (posting.Count > 0)
        {
            var k = posting[random.Next(posting.Count)];
            yield return Lines("bad-name-in-message", With(k, lines[k].Replace("\"posted\":[\"", "\"posted\":[\"x\\u001b", StringComparison.Ordinal)), Bad);
            yield return Lines("posted-message-dropped", With(k, FirstMessage().Replace(lines[k], "\"posted\":[", 1).Replace("[,", "[", StringComparison.Ordinal)), Diverges);
        }

        // Numbers out of range, fractional, in exponent form.
        string[] notLong = ["1e400", "99999999999999999999", "1.5", "1e2"];
        string[] huge = ["1e400", "99999999999999999999", "2147483648", "-1", "1.5", "1e2", "-0"];
        s = Step();
        yield return Lines("huge-step-number", With(s, StepNumber().Replace(lines[s], $"\"step\":{huge[random.Next(huge.Length)]}", 1)), Bad);
        s = Step();
        yield return Lines("huge-ret", With(s, Ret().Replace(lines[s], $"\"observed\":{{\"ret\":{notLong[random.Next(notLong.Length)]}", 1)), Bad);
        yield return Lines("changed-ret", With(s, Ret().Replace(lines[s], m => $"\"observed\":{{\"ret\":{long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1000003}", 1)), Diverges);

        // Nesting: up to the limit (64 levels, the line's object one of them) is an unknown field; past it, bad input.
        s = Step();
        yield return Lines("nesting-at-the-limit", With(s, "{\"zz\":" + new string('[', 63) + new string(']', 63) + "," + lines[s][1..]), Fine, ["conforms"]);
        int[] depths = [64, 65, 1000, 20_000];
        var depth = depths[random.Next(depths.Length)];
        yield return Lines("nesting-past-the-limit", With(s, "{\"zz\":" + new string('[', depth) + new string(']', depth) + "," + lines[s][1..]), Bad);

        // Unknown operations and fields.
        s = Step();
        yield return Lines("unknown-op", With(s, OpValue().Replace(lines[s], m => $"\"op\":\"{m.Groups[1].Value}X\"", 1)), Bad);
        yield return Lines("unknown-field", With(s, "{\"zz\":{\"a\":[1,{\"b\":null}]}," + lines[s][1..]), Fine, ["conforms"]);
        yield return Lines("unknown-observed-field", With(s, lines[s].Replace("\"observed\":{", "\"observed\":{\"zz\":[true],", StringComparison.Ordinal)), Fine, ["conforms"]);
        yield return Lines("escaped-key-and-value", With(s, lines[s].Replace("\"op\":\"", "\"o\\u0070\":\"", StringComparison.Ordinal)), Fine, ["conforms"]);
        yield return Lines("control-character", With(s, lines[s].Replace("\"op\":\"", "\"op\":\"\u001b[31m", StringComparison.Ordinal)), Bad);
        yield return Lines("escape-sequence-in-op", With(s, lines[s].Replace("\"op\":\"", "\"op\":\"\\n\\u001b[31m", StringComparison.Ordinal)), Bad);
        if (random.Next(8) == 0)
        {
            yield return Lines("megabyte-op", With(s, OpValue().Replace(lines[s], $"\"op\":\"{new string('x', 1 << 20)}\"", 1)), Bad);
        }

        string[] notObjects = ["[1,2]", "5", "\"x\"", "null", "true", "{", "}", "{\"op\":\"socket\",}"];
        yield return Lines("not-an-object", With(s, notObjects[random.Next(notObjects.Length)]), Bad);
        yield return Lines("observed-dropped", With(s, lines[s][..lines[s].IndexOf(",\"observed\":", StringComparison.Ordinal)] + "}"), Bad);

        // Lines swapped or dropped.
        if (lines.Length > 4)
        {
            var k = random.Next(1, lines.Length - 3);
            yield return Lines("swapped-lines", lines.Select((l, j) => j == k ? lines[k + 1] : j == k + 1 ? lines[k] : l), Bad);
            yield return Lines("dropped-line", lines.Where((_, j) => j != k), Bad);
        }

        yield return Lines("header-not-first", [lines[1], lines[0], .. lines[2..]], Bad);
        yield return Lines("line-after-the-end", [.. lines, lines[1]], Bad);

        // Any byte changed to any other: whatever it means, a verdict or bad input, never a crash.
        var flipped = (byte[])bytes.Clone();
        flipped[random.Next(bytes.Length)] = (byte)random.Next(256);
        yield return new Mutant("byte-flip", source, flipped, [0, 1, 2]);
    }

    private static List<(string Name, string Value)> Keys(string line)
    {
        using var document = JsonDocument.Parse(line);
        return [.. document.RootElement.EnumerateObject().Select(p => (JsonSerializer.Serialize(p.Name), p.Value.GetRawText()))];
    }

    [GeneratedRegex("\"socket\":\"[^\"]*\"")]
    private static partial Regex SocketValue();

    [GeneratedRegex("\"posted\":\\[\"[^\"]*\"")]
    private static partial Regex FirstMessage();

    [GeneratedRegex("\"step\":[0-9]+")]
    private static partial Regex StepNumber();

    [GeneratedRegex("\"observed\":\\{\"ret\":(-?[0-9]+)")]
    private static partial Regex Ret();

    [GeneratedRegex("\"op\":\"([^\"]*)\"")]
    private static partial Regex OpValue();
}
