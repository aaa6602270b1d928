using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>A file that is not a valid scenario or trace: where, and what was expected.</summary>
public sealed class TraceReadException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

/// <summary>
/// Reads the JSON Lines format (docs/trace-format.md): a header line, one line per step, and for a
/// trace an end line. A trace without its end line was interrupted: it is read, marked incomplete.
/// </summary>
public static class TraceReader
{
    public static Trace ReadFile(string path)
    {
        var steps = new StepList();
        var (header, complete) = ReadFile(path, steps);
        return new Trace(path, header, steps.Steps, complete);
    }

    /// <summary>
    /// Reads a file as <see cref="ReadFile(string)"/> does, handing each step to <paramref name="sink"/> as
    /// it is read instead of keeping it (Checker.CheckFile); the header too, as soon as it is read. Any
    /// error is thrown where ReadFile would throw it, whatever the sink has been given by then.
    /// </summary>
    internal static (TraceHeader Header, bool Complete) ReadFile(string path, ITraceSink sink)
    {
        IReadOnlyList<string> lines;
        Utf8Lines? file;
        try
        {
            // The bytes, split as ReadAllLines would; a line is decoded only if the fast path declines it.
            file = Utf8Lines.TryRead(path, out var decoded);
            lines = (IReadOnlyList<string>?)file ?? decoded!;
        }
        catch (IOException e)
        {
            throw new TraceReadException(path, 0, $"cannot read the file: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TraceReadException(path, 0, $"cannot read the file: {e.Message}");
        }

        using (file)
        {
            return Read(path, lines, sink);
        }
    }

    public static Trace Read(string source, IReadOnlyList<string> lines)
    {
        var steps = new StepList();
        var (header, complete) = Read(source, lines, steps);
        return new Trace(source, header, steps.Steps, complete);
    }

    private static (TraceHeader Header, bool Complete) Read(string source, IReadOnlyList<string> lines, ITraceSink sink)
    {
        sink.Start(lines.Count);
        TraceHeader? header = null;
        var stepCount = 0;
        var complete = false;
        var ended = false;
        FastReadContext? fast = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNumber = i + 1;

            // Plain step lines take the fast path (from a file, straight from its bytes); it declines
            // anything else, which the code below reads and reports.
            if (header is not null && !ended && lines is Utf8Lines file
                && FastStepReader.TryRead(file.Bytes(i), lineNumber, stepCount + 1, fast ??= new(), out var fileStep))
            {
                CheckFastPath(file[i], fileStep);
                stepCount++;
                sink.Step(fileStep);
                continue;
            }

            var text = lines[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (ended)
            {
                throw new TraceReadException(source, lineNumber, "nothing may follow the end line");
            }

            if (header is not null && lines is not Utf8Lines && FastStepReader.TryRead(text, lineNumber, stepCount + 1, fast ??= new(), out var fastStep))
            {
                CheckFastPath(text, fastStep);
                stepCount++;
                sink.Step(fastStep);
                continue;
            }

            TraceStep step;
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new TraceFormatException($"expected a JSON object on each line, got {root.ValueKind}");
                }

                if (header is null)
                {
                    header = ReadHeader(root);
                    sink.Header(header);
                    continue;
                }

                if (root.TryGetProperty("end", out var end))
                {
                    complete = ReadEnd(end);
                    ended = true;
                    continue;
                }

                step = ReadStep(root, lineNumber, stepCount + 1);
            }
            catch (JsonException e)
            {
                var column = e.BytePositionInLine is { } at ? $" at column {at + 1}" : string.Empty;
                throw new TraceReadException(source, lineNumber, $"malformed JSON{column}: {Shorten(e.Message)}; expected one JSON object per line");
            }
            catch (TraceFormatException e)
            {
                throw new TraceReadException(source, lineNumber, e.Message);
            }
            catch (InvalidOperationException e)
            {
                // A value of the wrong JSON type that no check above names: still bad input, never a stack trace.
                throw new TraceReadException(source, lineNumber, $"a value has the wrong JSON type: {e.Message}");
            }

            stepCount++;
            sink.Step(step);
        }

        if (header is null)
        {
            throw new TraceReadException(source, 1, $"empty file: expected a header line {{\"format\":\"{TraceFormat.Format}\",\"version\":{TraceFormat.Version},\"kind\":\"scenario\"}}");
        }

        return (header, header.IsScenario || complete);
    }

    private static TraceHeader ReadHeader(JsonElement root)
    {
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != TraceFormat.Format)
        {
            throw new TraceFormatException($"expected a header line with \"format\":\"{TraceFormat.Format}\" first");
        }

        var version = InputCodec.OptionalInt(root, "version")
            ?? throw new TraceFormatException("the header needs \"version\"");
        if (version != TraceFormat.Version)
        {
            throw new TraceFormatException($"unsupported format version {version}; this tool reads version {TraceFormat.Version}");
        }

        var kind = InputCodec.RequiredString(root, "kind");
        if (kind is not (TraceFormat.ScenarioKind or TraceFormat.TraceKind))
        {
            throw new TraceFormatException($"\"kind\" must be \"{TraceFormat.ScenarioKind}\" or \"{TraceFormat.TraceKind}\", got \"{kind}\"");
        }

        var rules = new List<string>();
        if (root.TryGetProperty("rules", out var ruleArray) && ruleArray.ValueKind != JsonValueKind.Null)
        {
            if (ruleArray.ValueKind != JsonValueKind.Array)
            {
                throw new TraceFormatException($"\"rules\" must be an array of rule IDs like [\"C1\",\"D2\"], got {ruleArray.ValueKind}");
            }

            foreach (var r in ruleArray.EnumerateArray())
            {
                var id = r.ValueKind == JsonValueKind.String ? r.GetString()! : r.GetRawText();
                if (RuleCatalog.Find(id) is null)
                {
                    throw new TraceFormatException($"\"rules\": unknown rule ID \"{id}\" (see docs/rules.md)");
                }

                rules.Add(id);
            }
        }

        return new TraceHeader
        {
            Kind = kind,
            Version = version,
            Name = InputCodec.OptionalString(root, "name"),
            Description = InputCodec.OptionalString(root, "description"),
            Rules = rules,
            Stack = InputCodec.OptionalString(root, "stack"),
            Profile = InputCodec.OptionalString(root, "profile"),
            Provenance = root.TryGetProperty("provenance", out var p) && p.ValueKind == JsonValueKind.Object ? ReadProvenance(p) : null,
        };
    }

    private static Provenance ReadProvenance(JsonElement p) => new()
    {
        Os = Text(p, "os"),
        OsBuild = Text(p, "osBuild"),
        Ws2_32 = Text(p, "ws2_32"),
        Wine = Text(p, "wine"),
        Probe = Text(p, "probe"),
        Date = Text(p, "date"),
    };

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Debug builds only: the slow path must read the same step from the line (FastPathCheck).</summary>
    [System.Diagnostics.Conditional("DEBUG")]
    private static void CheckFastPath(string text, TraceStep fast)
    {
        using var doc = JsonDocument.Parse(text);
        var slow = ReadStep(doc.RootElement, fast.Line, fast.Number);
        if (!FastPathCheck.Same(slow, fast))
        {
            throw new InvalidOperationException($"line {fast.Line}: the fast path read {fast}, the slow path {slow}");
        }
    }

    private static TraceStep ReadStep(JsonElement root, int line, int expectedNumber)
    {
        var number = InputCodec.OptionalInt(root, "step") ?? expectedNumber;
        if (number != expectedNumber)
        {
            throw new TraceFormatException($"\"step\" is {number}, expected {expectedNumber} (steps are numbered from 1 without gaps)");
        }

        var input = InputCodec.Read(root);
        var observed = root.TryGetProperty("observed", out var o) ? ReadObserved(o) : null;
        return new TraceStep(line, number, input, observed, Text(root, "comment"));
    }

    private static ObservedStep ReadObserved(JsonElement o)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            throw new TraceFormatException("\"observed\" must be an object");
        }

        long ret = 0;
        if (o.TryGetProperty("ret", out var r))
        {
            if (r.ValueKind != JsonValueKind.Number || !r.TryGetInt64(out ret))
            {
                throw new TraceFormatException($"\"observed.ret\" must be an integer, got {r.GetRawText()}");
            }
        }

        var error = WsaError.None;
        if (o.TryGetProperty("error", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            var text = ErrorText(e);
            if (!WsaErrorNames.TryParse(text, out error))
            {
                throw new TraceFormatException($"\"observed.error\": unknown error \"{text}\"; expected a WSAE* name or a number");
            }
        }

        long? value = null;
        if (o.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            value = v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : throw new TraceFormatException("\"observed.value\" must be an integer");
        }

        return new ObservedStep
        {
            Return = ret,
            Error = error,
            Value = value,
            Posted = ReadMessages(o, "posted"),
            Delivered = ReadMessages(o, "delivered"),
            Enumerated = o.TryGetProperty("enumerated", out var en) ? ReadEnumeration(en) : null,
            Signaled = ReadStrings(o, "signaled"),
            TimedOut = InputCodec.OptionalBool(o, "timeout"),
            Note = Text(o, "note"),
        };
    }

    private static ObservedEnumeration ReadEnumeration(JsonElement en)
    {
        if (en.ValueKind != JsonValueKind.Object)
        {
            throw new TraceFormatException("\"observed.enumerated\" must be an object like {\"events\":[\"FD_CONNECT\"],\"errors\":{\"FD_CONNECT\":\"WSAECONNREFUSED\"}}");
        }

        var events = InputCodec.ReadEvents(en, "events");
        var errors = new List<BitError>();
        if (en.TryGetProperty("errors", out var errs))
        {
            if (errs.ValueKind != JsonValueKind.Object)
            {
                throw new TraceFormatException("\"enumerated.errors\" must be an object like {\"FD_CONNECT\":\"WSAECONNREFUSED\"}");
            }

            foreach (var p in errs.EnumerateObject())
            {
                if (!NetworkEventNames.TryParse(p.Name, out var bit))
                {
                    throw new TraceFormatException($"\"enumerated.errors\": unknown event \"{p.Name}\"");
                }

                var text = ErrorText(p.Value);
                if (!WsaErrorNames.TryParse(text, out var error))
                {
                    throw new TraceFormatException($"\"enumerated.errors\": unknown error \"{text}\" for {p.Name}");
                }

                if (error != WsaError.None)
                {
                    errors.Add(new BitError(bit, error));
                }
            }
        }

        errors.Sort((a, b) => ((int)a.Bit).CompareTo((int)b.Bit));
        return new ObservedEnumeration(events, errors);
    }

    private static List<ObservedMessage> ReadMessages(JsonElement o, string name)
    {
        var list = new List<ObservedMessage>();
        foreach (var text in ReadStrings(o, name))
        {
            if (!MessageText.TryParse(text, out var message, out var problem))
            {
                throw new TraceFormatException($"\"observed.{name}\": {problem}");
            }

            list.Add(message);
        }

        return list;
    }

    private static List<string> ReadStrings(JsonElement o, string name)
    {
        var list = new List<string>();
        if (!o.TryGetProperty(name, out var array))
        {
            return list;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TraceFormatException($"\"observed.{name}\" must be an array of strings");
        }

        foreach (var item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new TraceFormatException($"\"observed.{name}\" must contain strings"));
        }

        return list;
    }

    /// <summary>The end line's value: "complete", or "interrupted" (the capture stopped early).</summary>
    private static bool ReadEnd(JsonElement end) =>
        end.ValueKind == JsonValueKind.String
            ? end.GetString() switch
            {
                "complete" => true,
                "interrupted" => false,
                var other => throw new TraceFormatException($"\"end\" must be \"complete\" or \"interrupted\", got \"{other}\""),
            }
            : throw new TraceFormatException($"\"end\" must be \"complete\" or \"interrupted\", got {end.GetRawText()}");

    /// <summary>An error as written: a WSAE* name or a number; anything else is unparseable text.</summary>
    private static string ErrorText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
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

/// <summary>Where <see cref="TraceReader"/> hands what it reads, in file order.</summary>
internal interface ITraceSink
{
    /// <summary>Before anything is read: how many lines the file has (at least as many as steps).</summary>
    void Start(int lines);

    void Header(TraceHeader header);

    void Step(TraceStep step);
}

/// <summary>Keeps every step: the parsed <see cref="Trace"/>.</summary>
internal sealed class StepList : ITraceSink
{
    public List<TraceStep> Steps { get; } = [];

    public void Start(int lines) => Steps.Capacity = lines;

    public void Header(TraceHeader header)
    {
    }

    public void Step(TraceStep step) => Steps.Add(step);
}
