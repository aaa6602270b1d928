namespace WinsockConformance.Model;

/// <summary>
/// A socket named symbolically: the scenario's name plus a generation that counts how many sockets
/// have carried that name, so a message for a closed socket stays distinguishable from one for the
/// socket that later reuses its name (and possibly its handle value).
/// </summary>
public readonly record struct SocketRef(string Name, int Generation)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}#{Generation}";
}
