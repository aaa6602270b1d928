using System.Text.Json;

namespace WinsockConformance.Traces;

/// <summary>A file that is not a valid scenario or trace: where, and what was expected.</summary>
public sealed class TraceReadException(string file, int line, string problem)
    : Exception($"{SafeText.Escape(file, SafeText.LineLength / 2)}:{line}: {problem}")
{
    /// <summary>The file (or source name) being read.</summary>
    public string File { get; } = file;

    /// <summary>The line, from 1, where the problem was met.</summary>
    public int Line { get; } = line;

    /// <summary>What was expected there, without the location.</summary>
    public string Problem { get; } = problem;
}

/// <summary>How a read ended: the header (null when the file has none: empty, or cut off inside its first line), whether the end line said complete, and where a cut-off last line was.</summary>
internal readonly record struct ReadOutcome(TraceHeader? Header, bool Complete, int Steps, int? CutOffLine);

/// <summary>
/// Reads the JSON Lines format (docs/trace-format.md): a header line, one line per step, and for a trace an
/// end line. One pass over each line's bytes (<see cref="LineReader"/>), the step built by its operation's row
/// (<see cref="Operations"/>). A trace without its end line was interrupted: it is read, marked incomplete.
/// </summary>
public static class TraceReader
{
    /// <summary>Reads a scenario or trace file.</summary>
    /// <exception cref="TraceReadException">Bad input: the message is "file:line: what was expected".</exception>
    public static Trace ReadFile(string path)
    {
        var steps = new StepList();
        var outcome = ReadFile(path, steps, allowCutOff: false);
        return new Trace(path, outcome.Header!, steps.Steps, outcome.Complete);
    }

    /// <summary>Reads a scenario or trace given as lines; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="TraceReadException">Bad input: the message is "source:line: what was expected".</exception>
    public static Trace Read(string source, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var steps = new StepList();
        using var text = new TextLines(lines);
        var outcome = Read(source, text, steps, allowCutOff: false);
        return new Trace(source, outcome.Header!, steps.Steps, outcome.Complete);
    }

    /// <summary>Reads a file, handing the header and each step to <paramref name="sink"/> as it is read (explain); an error stops it where it is met.</summary>
    internal static TraceHeader ReadFile(string path, ITraceSink sink) => ReadFile(path, sink, allowCutOff: false).Header!;

    /// <summary>
    /// Reads a file, handing the header and each step to <paramref name="sink"/> as it is read. With
    /// <paramref name="allowCutOff"/> (check) a file without a header, or whose last line was cut off while it was
    /// written, is a capture that was interrupted, not bad input: the outcome says so.
    /// </summary>
    internal static ReadOutcome ReadFile(string path, ITraceSink sink, bool allowCutOff)
    {
        using var lines = new StreamLines(InputFile.Open(path));
        return Read(path, lines, sink, allowCutOff);
    }

    internal static ReadOutcome Read(string source, LineSource lines, ITraceSink sink, bool allowCutOff)
    {
        var line = new LineReader();
        var values = new FieldValues(line);
        var slots = line.SlotsFor(StepFields.Keys);
        TraceHeader? header = null;
        var steps = 0;
        var complete = false;
        var ended = false;
        while (true)
        {
            ReadOnlySpan<byte> bytes;
            bool terminated;
            try
            {
                if (!lines.Next(out bytes, out terminated))
                {
                    break;
                }
            }
            catch (IOException e)
            {
                throw new TraceReadException(source, lines.Number + 1, $"cannot read the file: {e.Message}");
            }
            catch (TraceFormatException e)
            {
                throw new TraceReadException(source, lines.Number, e.Message);
            }

            if (IsBlank(bytes))
            {
                continue;
            }

            if (ended)
            {
                throw new TraceReadException(source, lines.Number, "nothing may follow the end line");
            }

            try
            {
                line.Items.Clear();
                if (LineReader.EncodingProblem(bytes, lines.Number == 1) is { } problem)
                {
                    throw new TraceFormatException(problem);
                }

                var r = LineReader.Json(bytes);
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    var kind = r.TokenType;
                    LineReader.Skip(ref r);
                    r.Read();
                    throw new TraceFormatException($"expected a JSON object on each line, got {Kind(kind)}");
                }

                if (header is null)
                {
                    header = HeaderReader.Read(ref r, line);
                    line.Version = header.Version;
                    r.Read();
                    sink.OnHeader(header);
                    continue;
                }

                var stamp = line.ReadObject(ref r, StepFields.Keys, slots);
                r.Read();
                if (slots[StepFields.End.Index].Stamp == stamp)
                {
                    complete = ReadEnd(slots[StepFields.End.Index]);
                    ended = true;
                    continue;
                }

                var step = ReadStep(slots, stamp, values, lines.Number, steps + 1, header.Version);
                steps++;
                sink.OnStep(step);
            }
            catch (Exception e) when (e is JsonException or TraceFormatException && !terminated && allowCutOff && LineReader.IsCutOff(bytes))
            {
                return new ReadOutcome(header, false, steps, lines.Number);
            }
            catch (JsonException e)
            {
                var column = e.BytePositionInLine is { } at ? $" at column {at + 1}" : string.Empty;
                throw new TraceReadException(source, lines.Number, $"malformed JSON{column}: {Shorten(e.Message)}; expected one JSON object per line");
            }
            catch (TraceFormatException e)
            {
                throw new TraceReadException(source, lines.Number, e.Message);
            }
        }

        if (header is null && !allowCutOff)
        {
            throw new TraceReadException(source, 1, $"empty file: expected a header line {{\"format\":\"{TraceFormat.Format}\",\"version\":{TraceFormat.Version1},\"kind\":\"scenario\"}}");
        }

        return new ReadOutcome(header, header is not null && (header.IsScenario || complete), steps, null);
    }

    private static TraceStep ReadStep(Slot[] slots, int stamp, FieldValues values, int line, int expectedNumber, int version)
    {
        ref readonly var step = ref slots[StepFields.Step.Index];
        if (step.Stamp == stamp && step.Token != JsonTokenType.Null)
        {
            if (!(step.Token == JsonTokenType.Number && step.IsInt32 && step.Long >= 0))
            {
                throw new TraceFormatException($"\"step\" must be a non-negative integer, got {step.Got}");
            }

            if (step.Long != expectedNumber)
            {
                throw new TraceFormatException($"\"step\" is {step.Long}, expected {expectedNumber} (steps are numbered from 1 without gaps)");
            }
        }

        ref readonly var op = ref slots[StepFields.Op.Index];
        if (op.Stamp != stamp || op.Token == JsonTokenType.Null)
        {
            throw new TraceFormatException("missing \"op\" (a string)");
        }

        if (op.Token != JsonTokenType.String || op.Text!.Length == 0)
        {
            throw new TraceFormatException($"\"op\" must be a non-empty string, got {op.Kind}");
        }

        var operation = (op.Entry is { } entry ? entry.Operation ??= Operations.Find(op.Text) : Operations.Find(op.Text))
            ?? throw new TraceFormatException($"unknown operation {SafeText.Quote(op.Text)}; expected one of: {string.Join(", ", Operations.Names)}");
        if (operation.Since > version)
        {
            HeaderReader.NeedsVersion2($"operation \"{operation.Name}\"", version);
        }

        values.Start(slots, stamp, operation);
        var input = operation.Read(values, op.Text);

        ref readonly var observed = ref slots[StepFields.Observed.Index];
        ObservedStep? outputs = null;
        if (observed.Stamp == stamp)
        {
            outputs = observed.Problem is { } problem ? throw new TraceFormatException(problem) : (ObservedStep)observed.Value!;
        }

        ref readonly var comment = ref slots[StepFields.Comment.Index];
        return new TraceStep(line, expectedNumber, input, outputs, comment.Stamp == stamp && comment.Token == JsonTokenType.String ? comment.Text : null);
    }

    /// <summary>The end line's value: "complete", or "interrupted" (the capture stopped early).</summary>
    private static bool ReadEnd(in Slot end) =>
        end.Token == JsonTokenType.String && end.Text is "complete" or "interrupted"
            ? end.Text == "complete"
            : throw new TraceFormatException($"\"end\" must be \"complete\" or \"interrupted\", got {end.Got}");

    /// <summary>Only white space (blank lines are skipped; they still count for line numbers).</summary>
    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or 0x0B or 0x0C))
            {
                return b >= 0x80 && System.Text.Unicode.Utf8.IsValid(line) && System.Text.Encoding.UTF8.GetString(line).AsSpan().IsWhiteSpace();
            }
        }

        return true;
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "Array",
        JsonTokenType.StartObject => "Object",
        _ => token.ToString(),
    };

    /// <summary>The parser's message without its own position (it counts within the line from 0) and advice meant for programmers.</summary>
    private static string Shorten(string message)
    {
        foreach (var tail in (string[])[" Path:", " LineNumber:", " Change the reader options."])
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd().TrimEnd('.');
    }
}

/// <summary>Where <see cref="TraceReader"/> hands what it reads, in file order, as it reads it.</summary>
internal interface ITraceSink
{
    void OnHeader(TraceHeader header);

    void OnStep(TraceStep traceStep);
}

/// <summary>Keeps every step: the parsed <see cref="Trace"/>.</summary>
internal sealed class StepList : ITraceSink
{
    public List<TraceStep> Steps { get; } = [];

    public void OnHeader(TraceHeader header)
    {
    }

    public void OnStep(TraceStep traceStep) => Steps.Add(traceStep);
}
