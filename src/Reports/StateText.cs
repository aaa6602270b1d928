using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.Reports;

/// <summary>The model state as lines a person reads in reports and timelines.</summary>
public static class StateText
{
    public static IReadOnlyList<string> Sockets(ModelState state)
    {
        var lines = new List<string>();
        foreach (var s in state.Open)
        {
            lines.Add(s.ToString());
        }

        if (state.Queue.Count > 0)
        {
            lines.Add("queued: " + string.Join(", ", state.Queue.Select(n => MessageText.Format(n, state))));
        }

        var signaled = state.EventObjects.Where(e => e.Signaled).Select(e => e.Name).ToList();
        if (signaled.Count > 0)
        {
            lines.Add("signaled: " + string.Join(", ", signaled));
        }

        return lines.Count == 0 ? ["(no sockets)"] : lines;
    }

    /// <summary>The latch state of one socket, compactly: what explain prints after each step.</summary>
    public static string Latches(SocketState s) =>
        $"{s.Ref.Name}: {s.Phase.ToString().ToLowerInvariant()}, reported={NetworkEventNames.Format(s.Reported)}"
        + (s.Pending == NetworkEvents.None ? string.Empty : $", pending={NetworkEventNames.Format(s.Pending)}")
        + (s.Quiet == NetworkEvents.None ? string.Empty : $", quiet={NetworkEventNames.Format(s.Quiet)}")
        + Conditions(s);

    private static string Conditions(SocketState s)
    {
        var parts = new List<string>();
        if (s.ReadableBytes > 0)
        {
            parts.Add($"{s.ReadableBytes} bytes unread");
        }

        if (s.UrgentBytes > 0)
        {
            parts.Add($"{s.UrgentBytes} urgent");
        }

        if (s.Datagrams.Count > 0)
        {
            parts.Add($"{s.Datagrams.Count} datagrams");
        }

        if (s.PendingConnections > 0)
        {
            parts.Add($"{s.PendingConnections} queued connections");
        }

        if (s.SendBlocked)
        {
            parts.Add("send buffer full");
        }

        if (s.IsReset)
        {
            parts.Add("reset");
        }
        else if (s.PeerSentFin)
        {
            parts.Add("peer FIN");
        }

        return parts.Count == 0 ? string.Empty : " (" + string.Join(", ", parts) + ")";
    }
}
