namespace WinsockConformance.Snapshots;

/// <summary>One topic of the catalogue: the API behaviour a scenario's header names in its <c>topic</c> field.</summary>
/// <param name="Slug">The header's value and the anchor of the topic's section.</param>
/// <param name="Title">The section's heading.</param>
/// <param name="About">One sentence on what the section covers.</param>
public sealed record Topic(string Slug, string Title, string About);

/// <summary>The topics in reading order: the everyday behaviour first.</summary>
public static class Topics
{
    public static readonly IReadOnlyList<Topic> All =
    [
        new("close", "FD_CLOSE, shutdown and resets", "When FD_CLOSE comes relative to the data, what its error word says, and what shutdown and an RST do."),
        new("read", "FD_READ and recv", "How often FD_READ comes, which calls re-arm it, and why a recv after FD_READ can say WSAEWOULDBLOCK."),
        new("write", "FD_WRITE and send", "When FD_WRITE comes at all: after the connect and after a send that failed with WSAEWOULDBLOCK, never after a successful one."),
        new("after-close", "Messages after closesocket or cancelling, and reused handles", "What is still delivered once a socket is closed or its registration cancelled, and how a reused handle value receives it."),
        new("registration", "Registering again, cancelling, and blocking mode", "What a WSAAsyncSelect or WSAEventSelect reports when the condition already holds, what replaces what, and when the socket may block again."),
        new("connect", "FD_CONNECT", "Which connects are reported, in what order with FD_WRITE, and how a failure is reported."),
        new("accept", "FD_ACCEPT and accepted sockets", "How FD_ACCEPT re-arms, and what an accepted socket inherits from its listener (registration and options)."),
        new("event-mode", "WSAEventSelect and WSAEnumNetworkEvents", "Event mode: what is recorded, what signals the event object, what enumeration clears, and how it differs from message mode."),
        new("oob", "Urgent data (FD_OOB)", "Urgent bytes, SO_OOBINLINE and recv(MSG_OOB)."),
        new("udp", "Datagram (UDP) sockets", "FD_READ per datagram, FD_WRITE on an unbound socket, and connect on a datagram socket."),
        new("qos", "QoS and change notifications", "FD_QOS, FD_GROUP_QOS, FD_ROUTING_INTERFACE_CHANGE and FD_ADDRESS_LIST_CHANGE and the ioctls that re-arm them (none reachable over loopback)."),
    ];

    public static Topic Get(string slug) =>
        All.FirstOrDefault(t => string.Equals(t.Slug, slug, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"unknown topic \"{slug}\"; the topics are: {string.Join(", ", All.Select(t => t.Slug))}");

    public static int Rank(string slug)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Slug, slug, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return All.Count;
    }
}
