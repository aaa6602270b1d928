using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>Where a trace came from. Every field is optional in a scenario; a capture fills them all.</summary>
public sealed record Provenance
{
    /// <summary>The operating system as the probe saw it (under Wine, the Windows version Wine reports).</summary>
    public string? Os { get; init; }

    /// <summary>Its full version string.</summary>
    public string? OsBuild { get; init; }

    /// <summary>The file version of the ws2_32.dll that answered.</summary>
    public string? Ws2_32 { get; init; }

    /// <summary>The Wine version and its host ("8.0 on Linux 6.1"), for a capture under Wine; null on Windows.</summary>
    public string? Wine { get; init; }

    /// <summary>The version of the probe (this tool) that made the capture, with its commit.</summary>
    public string? Probe { get; init; }

    /// <summary>When the capture was made (yyyy-MM-dd).</summary>
    public string? Date { get; init; }
}

/// <summary>
/// The aspects of a step's outputs a trace records (version 2's <c>"observes"</c>): what <c>check</c> judges. A
/// trace of version 1 observes them all.
/// </summary>
[Flags]
public enum ObservedAspects
{
    /// <summary>Nothing observed: the file is a scenario.</summary>
    None = 0,

    /// <summary>Each call's ret and error, FIONREAD's value and WSAEnumNetworkEvents' enumeration.</summary>
    Results = 0x1,

    /// <summary>When each message was posted (the step's <c>posted</c>).</summary>
    Posted = 0x2,

    /// <summary>Each message as the application retrieved it (<c>delivered</c> of getMessages and getMessage).</summary>
    Delivered = 0x4,

    /// <summary>Which event objects are signaled after each step.</summary>
    Signaled = 0x8,

    /// <summary>Handle values: a new socket's (<c>handle</c>) and a message's wParam (<c>@value</c>), where recorded.</summary>
    Handles = 0x10,

    /// <summary>Every aspect (version 1, and a version 2 header without "observes").</summary>
    All = Results | Posted | Delivered | Signaled | Handles,
}

/// <summary>The first line of every scenario or trace file.</summary>
public sealed record TraceHeader
{
    /// <summary>"scenario" (inputs only) or "trace" (inputs with what a stack did).</summary>
    public required string Kind { get; init; }

    /// <summary>The format version the file is written in: 1 unless it uses something of version 2 (<see cref="TraceFormat.VersionFor"/>).</summary>
    public int Version { get; init; } = TraceFormat.Version1;

    /// <summary>What the trace records (version 2); <see cref="ObservedAspects.All"/> when the header does not say.</summary>
    public ObservedAspects Observes { get; init; } = ObservedAspects.All;

    /// <summary>
    /// Version 2, for a trace that does not observe <c>posted</c>: how many steps after the step the model posts a message
    /// in it may first be retrievable (a stack that posts asynchronously); 0 when the header does not say.
    /// </summary>
    public int PostingDelay { get; init; }

    /// <summary>The scenario's name, as the catalogue and reports cite it.</summary>
    public string? Name { get; init; }

    /// <summary>What the scenario shows, in a sentence or two.</summary>
    public string? Description { get; init; }

    /// <summary>The API behaviour the scenario is about (e.g. "close"), the catalogue's grouping; documentation only.</summary>
    public string? Topic { get; init; }

    /// <summary>What an application or a wrapper should do about it, in a sentence or two; documentation only.</summary>
    public string? Advice { get; init; }

    /// <summary>Rule IDs the scenario demonstrates (documentation; the checker reports the rules it applied).</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>For a trace: what produced it ("model", "wine-8.0", "windows-10.0.22631").</summary>
    public string? Stack { get; init; }

    /// <summary>For a trace: the profile the stack is expected to follow.</summary>
    public string? Profile { get; init; }

    /// <summary>For a capture: where it was made; null for a scenario or the model's trace.</summary>
    public Provenance? Provenance { get; init; }

    /// <summary>Whether it is a scenario (inputs only).</summary>
    public bool IsScenario => Kind == TraceFormat.ScenarioKind;
}

/// <summary>
/// A message as a trace records it: window, message number, socket name (and generation, if written), event, error,
/// and (version 2, if written) the raw wParam the application saw.
/// </summary>
public readonly record struct ObservedMessage(string Window, int Message, string Socket, int? Generation, NetworkEvents Event, WsaError Error, long? WParam = null);

/// <summary>What WSAEnumNetworkEvents returned, as recorded (errors sorted by bit). Equal when the bits and the errors are.</summary>
public sealed record ObservedEnumeration(NetworkEvents Events, IReadOnlyList<BitError> Errors)
{
    /// <inheritdoc/>
    public bool Equals(ObservedEnumeration? other) =>
        other is not null && Events == other.Events && Errors.SequenceEqual(other.Errors);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Events, Errors.Count);
}

/// <summary>
/// The outputs of one step as a stack produced them (or a person wrote them). Two are equal when they record
/// the same outputs, message lists and signaled names in the same order; the free-text note is not an output.
/// </summary>
public sealed record ObservedStep
{
    /// <summary>What the call returned (0 for a network input).</summary>
    public long Return { get; init; }

    /// <summary>WSAGetLastError when the call failed; <see cref="WsaError.None"/> when it succeeded.</summary>
    public WsaError Error { get; init; }

    /// <summary>The count FIONREAD wrote; null for other calls.</summary>
    public long? Value { get; init; }

    /// <summary>Version 2: the handle value socket() or accept() returned, if the trace records it.</summary>
    public long? Handle { get; init; }

    /// <summary>Messages posted during the step, in order.</summary>
    public IReadOnlyList<ObservedMessage> Posted { get; init; } = [];

    /// <summary>Messages the application retrieved at the step (getMessages, getMessage), in order.</summary>
    public IReadOnlyList<ObservedMessage> Delivered { get; init; } = [];

    /// <summary>What WSAEnumNetworkEvents returned; null for other calls.</summary>
    public ObservedEnumeration? Enumerated { get; init; }

    /// <summary>The event objects signaled after the step.</summary>
    public IReadOnlyList<string> Signaled { get; init; } = [];

    /// <summary>The stack's bounded wait for this step ran out (the probe records it rather than hanging).</summary>
    public bool TimedOut { get; init; }

    /// <summary>Free text a capture may attach (e.g. bytes a fill-send wrote); never compared.</summary>
    public string? Note { get; init; }

    /// <inheritdoc/>
    public bool Equals(ObservedStep? other) =>
        other is not null
        && Return == other.Return && Error == other.Error && Value == other.Value && Handle == other.Handle && TimedOut == other.TimedOut
        && Posted.SequenceEqual(other.Posted) && Delivered.SequenceEqual(other.Delivered)
        && Equals(Enumerated, other.Enumerated)
        && Signaled.SequenceEqual(other.Signaled, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Return, Error, Value, Posted.Count, Delivered.Count, Signaled.Count);
}

/// <summary>One step: its input, and for a trace what was observed.</summary>
public sealed record TraceStep(int Line, int Number, Input Input, ObservedStep? Observed, string? Comment = null);

/// <summary>A parsed scenario or trace file.</summary>
public sealed record Trace(string Source, TraceHeader Header, IReadOnlyList<TraceStep> Steps, bool Complete)
{
    /// <summary>The scenario this trace ran: the same header and inputs, no outputs.</summary>
    public Trace AsScenario() =>
        this with
        {
            Header = Header with { Kind = TraceFormat.ScenarioKind, Stack = null, Profile = null, Provenance = null },
            Steps = [.. Steps.Select(s => s with { Observed = null })],
            Complete = true,
        };
}

/// <summary>The format's fixed words and numbers (docs/trace-format.md).</summary>
public static class TraceFormat
{
    /// <summary>The header's "format" value, which identifies a file of this format.</summary>
    public const string Format = "wsaasyncselect-trace";

    /// <summary>The first version: every step observes every aspect; getMessages retrieves all of a window's messages.</summary>
    public const int Version1 = 1;

    /// <summary>Adds getMessage (one message), handle values, and partial observation (<c>"observes"</c>, <c>"postingDelay"</c>).</summary>
    public const int Version2 = 2;

    /// <summary>The newest version this tool reads and writes.</summary>
    public const int LatestVersion = Version2;

    /// <summary>
    /// The version a file needs: 1 unless it uses something version 2 added (an operation of version 2, partial
    /// observation or a posting delay, a recorded handle value). Writers write the lowest that fits, so a file any
    /// version-1 reader took is still written as version 1.
    /// </summary>
    public static int VersionFor(IEnumerable<Input> inputs, ObservedAspects observes = ObservedAspects.All, int postingDelay = 0, bool handles = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return observes != ObservedAspects.All || postingDelay != 0 || handles || inputs.Any(i => Operations.Of(i).Since > Version1) ? Version2 : Version1;
    }

    /// <summary>The words of "observes", in the order the reference lists them.</summary>
    public static readonly IReadOnlyList<(string Word, ObservedAspects Aspect)> AspectWords =
    [
        ("results", ObservedAspects.Results),
        ("posted", ObservedAspects.Posted),
        ("delivered", ObservedAspects.Delivered),
        ("signaled", ObservedAspects.Signaled),
        ("handles", ObservedAspects.Handles),
    ];

    /// <summary>The header's "kind" of a scenario: inputs only.</summary>
    public const string ScenarioKind = "scenario";

    /// <summary>The header's "kind" of a trace: inputs with observed outputs.</summary>
    public const string TraceKind = "trace";

    /// <summary>The window WSAAsyncSelect posts to when a step does not name one.</summary>
    public const string DefaultWindow = "w";

    /// <summary>The message number (offset from WM_USER) when a step does not give one.</summary>
    public const int DefaultMessage = 1;
}
