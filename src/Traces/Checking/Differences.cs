using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>The aspects of a step's outputs that the checker compares (docs/trace-format.md, "How check compares").</summary>
public enum Aspect
{
    /// <summary>The call's return value and error.</summary>
    Result,

    /// <summary>The count FIONREAD wrote.</summary>
    Value,

    /// <summary>The messages posted at the step.</summary>
    Posted,

    /// <summary>The messages the application retrieved at the step.</summary>
    Delivered,

    /// <summary>What WSAEnumNetworkEvents returned.</summary>
    Enumerated,

    /// <summary>Which event objects are signaled after the step.</summary>
    Signaled,

    /// <summary>Handle values: a new socket's, and a message's wParam.</summary>
    Handles,
}

/// <summary>A call's return value and error, as the model predicts or a trace records them.</summary>
public readonly record struct CallResult(long Return, WsaError Error);

/// <summary>
/// One aspect of a step in which the observation differs from the model's prediction: the two values, the rules
/// the model applied to produce its side (the rules the observation contradicts) and the model's state before the
/// step. Text is made from it only by the reports (src/Reports). Two differences are the same disagreement when
/// their values are: the rules and state explain a difference but are not part of what it is.
/// </summary>
public abstract record Difference
{
    /// <summary>Which aspect of the step differs.</summary>
    public abstract Aspect Aspect { get; }

    /// <summary>The rules the model applied at the step: what its side of the difference rests on.</summary>
    public required RuleSet Rules { get; init; }

    /// <summary>The model's state just before the step.</summary>
    public required ModelState Before { get; init; }

    /// <summary>Differences compare by their values only (the derived record's); the rules and the state explain a difference but are not part of it.</summary>
    public virtual bool Equals(Difference? other) => other is not null && EqualityContract == other.EqualityContract;

    /// <inheritdoc/>
    public override int GetHashCode() => EqualityContract.GetHashCode();
}

/// <summary>The call returned something else (ret, or the error, or both).</summary>
public sealed record ResultDifference(CallResult Expected, CallResult Observed) : Difference
{
    /// <inheritdoc/>
    public override Aspect Aspect => Aspect.Result;
}

/// <summary>FIONREAD wrote another count, or the trace recorded none.</summary>
public sealed record ValueDifference(long Expected, long? Observed) : Difference
{
    /// <inheritdoc/>
    public override Aspect Aspect => Aspect.Value;
}

/// <summary>
/// Other messages, or one socket's messages in another order. Both sides are written as a trace writes them:
/// a message's generation is set only for a stale message (an older socket of that name than the newest after
/// the step), so equal messages are equal values.
/// </summary>
public abstract record MessageDifference(EquatableArray<ObservedMessage> Expected, EquatableArray<ObservedMessage> Observed) : Difference;

/// <summary>Other messages were posted at the step, or one socket's in another order.</summary>
/// <param name="Expected">What the model posts.</param>
/// <param name="Observed">What the trace recorded.</param>
public sealed record PostedDifference(EquatableArray<ObservedMessage> Expected, EquatableArray<ObservedMessage> Observed) : MessageDifference(Expected, Observed)
{
    /// <inheritdoc/>
    public override Aspect Aspect => Aspect.Posted;
}

/// <summary>The application retrieved other messages than the model allows, or in another order.</summary>
/// <param name="Expected">What the model delivers.</param>
/// <param name="Observed">What the trace recorded.</param>
public sealed record DeliveredDifference(EquatableArray<ObservedMessage> Expected, EquatableArray<ObservedMessage> Observed) : MessageDifference(Expected, Observed)
{
    /// <inheritdoc/>
    public override Aspect Aspect => Aspect.Delivered;
}

/// <summary>WSAEnumNetworkEvents returned other bits or errors, or the trace recorded nothing.</summary>
public sealed record EnumeratedDifference(EnumeratedEvents Expected, EnumeratedEvents? Observed) : Difference
{
    /// <inheritdoc/>
    public override Aspect Aspect => Aspect.Enumerated;
}

/// <summary>Another set of event objects is signaled after the step (both sides in ordinal order).</summary>
public sealed record SignaledDifference(EquatableArray<string> Expected, EquatableArray<string> Observed) : Difference
{
    /// <inheritdoc/>
    public override Aspect Aspect => Aspect.Signaled;
}

/// <summary>
/// A handle value other than the model's: a new socket's value (the profile's reuse order, X4 or WINE-32, says which
/// earlier socket's value it takes, if any), or a message's wParam that is not the value of the socket it names.
/// <paramref name="Expected"/> is the value the model predicts (the value <paramref name="ExpectedOwner"/> had), or null
/// for a value no earlier socket of the trace had; <paramref name="ObservedOwner"/> is the earlier socket whose value the
/// stack gave, if any.
/// </summary>
public sealed record HandleDifference(SocketRef Socket, bool InMessage, long? Expected, SocketRef? ExpectedOwner, long Observed, SocketRef? ObservedOwner) : Difference
{
    /// <inheritdoc/>
    public override Aspect Aspect => Aspect.Handles;
}
