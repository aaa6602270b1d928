namespace WinsockConformance.Model;

/// <summary>A socket's notification registration. Closed hierarchy: none, message mode, event mode.</summary>
public abstract record Registration
{
    private protected Registration()
    {
    }

    /// <summary>The selected events, as the stack keeps them (a profile may drop bits it does not support).</summary>
    public abstract NetworkEvents Mask { get; }
}

/// <summary>No WSAAsyncSelect or WSAEventSelect has been made (or shutdown cancelled it, Wine).</summary>
public sealed record NoRegistration : Registration
{
    /// <summary>The one value: the socket has never been registered, or a registration was replaced by none.</summary>
    public static readonly NoRegistration Instance = new();

    /// <inheritdoc/>
    public override NetworkEvents Mask => NetworkEvents.None;

    /// <inheritdoc/>
    public override string ToString() => "none";
}

/// <summary>WSAAsyncSelect(s, Window, Message, Mask). Mask 0 is a registration that posts nothing.</summary>
public sealed record MessageRegistration(string Window, int Message, NetworkEvents SelectedMask) : Registration
{
    /// <inheritdoc/>
    public override NetworkEvents Mask => SelectedMask;

    /// <inheritdoc/>
    public override string ToString() => $"message({Window}, WM_USER+{Message}, {NetworkEventNames.Format(SelectedMask)})";
}

/// <summary>WSAEventSelect(s, EventObject, Mask).</summary>
public sealed record EventRegistration(string EventObject, NetworkEvents SelectedMask) : Registration
{
    /// <inheritdoc/>
    public override NetworkEvents Mask => SelectedMask;

    /// <inheritdoc/>
    public override string ToString() => $"event({EventObject}, {NetworkEventNames.Format(SelectedMask)})";
}
