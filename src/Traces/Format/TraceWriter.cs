using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Writes the JSON Lines format one line at a time, flushing after each, so a run that dies leaves a
/// readable file whose missing end line marks it incomplete. A file is created only when its header is
/// written, and the header is flushed at once: a capture killed at any point leaves either no file or one
/// that <c>check</c> reads (inconclusive when it stops early).
/// </summary>
public sealed class TraceWriter : IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string? _path;
    private readonly bool _ownsWriter;
    private TextWriter? _out;
    private int _steps;
    private int _version = TraceFormat.Version1;

    /// <summary>A writer to <paramref name="output"/>; with <paramref name="ownsWriter"/> disposing this writer disposes it.</summary>
    public TraceWriter(TextWriter output, bool ownsWriter = false)
    {
        _out = output;
        _ownsWriter = ownsWriter;
    }

    private TraceWriter(string path)
    {
        _path = path;
        _ownsWriter = true;
    }

    /// <summary>A writer to <paramref name="path"/>, created (replacing any file there) when the header is written.</summary>
    public static TraceWriter Create(string path) => new(path);

    /// <summary>Writes the header line, which must come first. Partial observation needs a version 2 header (<see cref="TraceFormat.VersionFor"/>); otherwise this throws <see cref="InvalidOperationException"/>.</summary>
    public void WriteHeader(TraceHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Version < TraceFormat.Version2 && (header.Observes != ObservedAspects.All || header.PostingDelay != 0))
        {
            throw new InvalidOperationException("partial observation needs format version 2; choose the header's version with TraceFormat.VersionFor");
        }

        _version = header.Version;
        WriteLine(w => WriteHeaderFields(w, header));
    }

    private static void WriteHeaderFields(Utf8JsonWriter w, TraceHeader header)
    {
        w.WriteString("format", TraceFormat.Format);
        w.WriteNumber("version", header.Version);
        w.WriteString("kind", header.Kind);
        WriteOptional(w, "name", header.Name);
        WriteOptional(w, "topic", header.Topic);
        WriteOptional(w, "description", header.Description);
        WriteOptional(w, "advice", header.Advice);
        if (header.Rules.Count > 0)
        {
            w.WriteStartArray("rules");
            foreach (var r in header.Rules)
            {
                w.WriteStringValue(r);
            }

            w.WriteEndArray();
        }

        WriteOptional(w, "stack", header.Stack);
        WriteOptional(w, "profile", header.Profile);
        if (header.Provenance is { } p)
        {
            w.WriteStartObject("provenance");
            WriteOptional(w, "os", p.Os);
            WriteOptional(w, "osBuild", p.OsBuild);
            WriteOptional(w, "ws2_32", p.Ws2_32);
            WriteOptional(w, "wine", p.Wine);
            WriteOptional(w, "probe", p.Probe);
            WriteOptional(w, "date", p.Date);
            w.WriteEndObject();
        }

        if (header.Observes != ObservedAspects.All)
        {
            w.WriteStartArray("observes");
            foreach (var (word, aspect) in TraceFormat.AspectWords)
            {
                if ((header.Observes & aspect) != 0)
                {
                    w.WriteStringValue(word);
                }
            }

            w.WriteEndArray();
        }

        if (header.PostingDelay != 0)
        {
            w.WriteNumber("postingDelay", header.PostingDelay);
        }
    }

    /// <summary>Writes a step with the outputs already rendered (messages as canonical text).</summary>
    public void WriteStep(Input input, RenderedObservation? observed, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Operations.Of(input).Since > _version || (observed?.Handle is not null && _version < TraceFormat.Version2))
        {
            throw new InvalidOperationException($"step {_steps + 1} ({Operations.Describe(input)}) needs format version {TraceFormat.Version2}, but the header says {_version}; choose it with TraceFormat.VersionFor");
        }

        WriteLine(w => WriteStepFields(w, input, observed, comment));
    }

    private void WriteStepFields(Utf8JsonWriter w, Input input, RenderedObservation? observed, string? comment)
    {
        w.WriteNumber("step", ++_steps);
        Operations.Write(w, input);
        if (comment is not null)
        {
            w.WriteString("comment", comment);
        }

        if (observed is not null)
        {
            w.WritePropertyName("observed");
            observed.Write(w);
        }
    }

    /// <summary>Writes a trace's end line: complete, or interrupted with <paramref name="reason"/>. A reader marks a trace without one as interrupted.</summary>
    public void WriteEnd(bool complete, string? reason = null) => WriteLine(w =>
    {
        w.WriteString("end", complete ? "complete" : "interrupted");
        w.WriteNumber("steps", _steps);
        WriteOptional(w, "reason", reason);
    });

    private void WriteLine(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        _out ??= new StreamWriter(new FileStream(_path!, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        _out.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        _out.Write('\n');
        _out.Flush();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsWriter)
        {
            _out?.Dispose();
        }
    }
}

/// <summary>The outputs of a step in their written form: messages already as canonical text.</summary>
public sealed record RenderedObservation
{
    /// <summary>What the call returned.</summary>
    public long Return { get; init; }

    /// <summary>WSAGetLastError when the call failed; <see cref="WsaError.None"/> when it succeeded.</summary>
    public WsaError Error { get; init; }

    /// <summary>The count FIONREAD wrote; null for other calls.</summary>
    public long? Value { get; init; }

    /// <summary>Version 2: the handle value socket() or accept() returned.</summary>
    public long? Handle { get; init; }

    /// <summary>Messages posted during the step, as the format writes them ("a FD_READ"; window, message, generation and error only when not the default).</summary>
    public IReadOnlyList<string> Posted { get; init; } = [];

    /// <summary>Messages retrieved at the step, as canonical text.</summary>
    public IReadOnlyList<string> Delivered { get; init; } = [];

    /// <summary>What WSAEnumNetworkEvents returned; null for other calls.</summary>
    public ObservedEnumeration? Enumerated { get; init; }

    /// <summary>The event objects signaled after the step.</summary>
    public IReadOnlyList<string> Signaled { get; init; } = [];

    /// <summary>The stack's bounded wait for the step ran out.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Free text for the reader; never compared.</summary>
    public string? Note { get; init; }

    /// <summary>Renders what the model observed, resolving socket generations against the state after the step.</summary>
    public static RenderedObservation FromModel(Observation o, ModelState after) => new()
    {
        Return = o.Return,
        Error = o.Error,
        Value = o.Value,
        Posted = [.. o.Posted.Select(n => MessageText.Format(n, after))],
        Delivered = [.. o.Delivered.Select(n => MessageText.Format(n, after))],
        Enumerated = o.Enumerated is null ? null : new ObservedEnumeration(o.Enumerated.Events, [.. o.Enumerated.Errors]),
        Signaled = [.. o.Signaled],
    };

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("ret", Return);
        if (Error != WsaError.None)
        {
            w.WriteString("error", Error.NativeName());
        }

        if (Value is { } value)
        {
            w.WriteNumber("value", value);
        }

        if (Handle is { } handle)
        {
            w.WriteNumber("handle", handle);
        }

        WriteStrings(w, "posted", Posted);
        WriteStrings(w, "delivered", Delivered);
        if (Enumerated is { } en)
        {
            w.WriteStartObject("enumerated");
            StepFields.Events.Write(w, en.Events);
            if (en.Errors.Count > 0)
            {
                w.WriteStartObject("errors");
                foreach (var e in en.Errors)
                {
                    w.WriteString(e.Bit.NativeName(), e.Error.NativeName());
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        WriteStrings(w, "signaled", Signaled);
        if (TimedOut)
        {
            w.WriteBoolean("timeout", true);
        }

        if (Note is not null)
        {
            w.WriteString("note", Note);
        }

        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
