namespace WinsockConformance.Model;

/// <summary>One iErrorCode entry WSAEnumNetworkEvents returned for a reported bit.</summary>
public readonly record struct BitError(NetworkEvents Bit, WsaError Error);

/// <summary>What WSAEnumNetworkEvents returned: the reported bits, and the error of each that has one.</summary>
public sealed record EnumeratedEvents(NetworkEvents Events, EquatableArray<BitError> Errors)
{
    /// <inheritdoc/>
    public override string ToString() =>
        NetworkEventNames.Format(Events)
        + string.Concat(Errors.Select(e => $" {e.Bit.NativeName()}={e.Error.NativeName()}"));
}

/// <summary>
/// Everything observable about one step: the call's return value and error, the messages it caused
/// to be posted, the messages retrieved (getMessages), what WSAEnumNetworkEvents returned, and which
/// event objects are signaled afterwards. <see cref="Rules"/> names the rules the model applied.
/// </summary>
public sealed record Observation
{
    /// <summary>The call's return value: 0 / SOCKET_ERROR (-1) / a byte count. 0 for network inputs.</summary>
    public long Return { get; init; }

    /// <summary>WSAGetLastError after the call when it failed; <see cref="WsaError.None"/> when it succeeded (and for a network input).</summary>
    public WsaError Error { get; init; }

    /// <summary>The value an ioctlsocket(FIONREAD) wrote, or null.</summary>
    public long? Value { get; init; }

    /// <summary>Messages posted to any window during the step, in posting order.</summary>
    public EquatableArray<Notification> Posted { get; init; }

    /// <summary>Messages the application retrieved in this step (getMessages).</summary>
    public EquatableArray<Notification> Delivered { get; init; }

    /// <summary>What WSAEnumNetworkEvents returned (the events and their error codes); null for every other step.</summary>
    public EnumeratedEvents? Enumerated { get; init; }

    /// <summary>Event objects signaled after the step, sorted by name.</summary>
    public EquatableArray<string> Signaled { get; init; }

    /// <summary>The rules the model applied in this step: what a stack that shows something else contradicts.</summary>
    public RuleSet Rules { get; init; }
}

/// <summary>The result of one model step.</summary>
public readonly record struct StepResult(ModelState State, Observation Observation);
