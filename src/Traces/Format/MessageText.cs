using System.Globalization;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// The compact text of one message in a trace: <c>[window[/msg] ]socket[#generation] FD_EVENT [ERROR]</c>,
/// e.g. <c>"a FD_READ"</c>, <c>"c1 FD_CLOSE WSAECONNABORTED"</c>, <c>"w2/3 a#1 FD_WRITE"</c>.
/// Window "w" and message 1 (WM_USER+1) are the defaults and are omitted when writing.
/// </summary>
public static class MessageText
{
    public static bool TryParse(string text, out ObservedMessage message, out string problem)
    {
        message = default;
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var eventIndex = Array.FindIndex(tokens, t => t.StartsWith("FD_", StringComparison.Ordinal));
        if (eventIndex is < 1 or > 2 || tokens.Length > eventIndex + 2)
        {
            problem = $"message \"{text}\": expected \"[window[/msg] ]socket FD_EVENT [ERROR]\"";
            return false;
        }

        if (!NetworkEventNames.TryParse(tokens[eventIndex], out var bit))
        {
            problem = $"message \"{text}\": unknown event {tokens[eventIndex]}";
            return false;
        }

        var error = WsaError.None;
        if (tokens.Length == eventIndex + 2 && !WsaErrorNames.TryParse(tokens[eventIndex + 1], out error))
        {
            problem = $"message \"{text}\": unknown error {tokens[eventIndex + 1]}";
            return false;
        }

        var window = TraceFormat.DefaultWindow;
        var number = TraceFormat.DefaultMessage;
        if (eventIndex == 2 && !TryParseTarget(tokens[0], out window, out number))
        {
            problem = $"message \"{text}\": expected window or window/msg before the socket, got {tokens[0]}";
            return false;
        }

        if (!TryParseSocket(tokens[eventIndex - 1], out var socket, out var generation))
        {
            problem = $"message \"{text}\": bad socket reference {tokens[eventIndex - 1]} (expected name or name#generation)";
            return false;
        }

        message = new ObservedMessage(window, number, socket, generation, bit, error);
        problem = string.Empty;
        return true;
    }

    public static bool TryParseSocket(string token, out string name, out int? generation)
    {
        var hash = token.IndexOf('#', StringComparison.Ordinal);
        generation = null;
        name = hash < 0 ? token : token[..hash];
        if (name.Length == 0)
        {
            return false;
        }

        if (hash < 0)
        {
            return true;
        }

        if (!int.TryParse(token.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var g) || g < 1)
        {
            return false;
        }

        generation = g;
        return true;
    }

    private static bool TryParseTarget(string token, out string window, out int message)
    {
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        window = slash < 0 ? token : token[..slash];
        message = TraceFormat.DefaultMessage;
        return window.Length > 0
            && (slash < 0 || int.TryParse(token.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out message));
    }

    /// <summary>
    /// Writes a message. The generation is written only when it is not the newest socket of that
    /// name at this point of the trace (a stale message), which <paramref name="latestGeneration"/> tells.
    /// </summary>
    public static string Format(string window, int message, string socket, int generation, NetworkEvents bit, WsaError error, int latestGeneration)
    {
        var target = window == TraceFormat.DefaultWindow && message == TraceFormat.DefaultMessage
            ? string.Empty
            : message == TraceFormat.DefaultMessage ? window + " " : string.Create(CultureInfo.InvariantCulture, $"{window}/{message} ");
        var name = generation == latestGeneration ? socket : string.Create(CultureInfo.InvariantCulture, $"{socket}#{generation}");
        return error == WsaError.None ? $"{target}{name} {bit.NativeName()}" : $"{target}{name} {bit.NativeName()} {error.NativeName()}";
    }

    public static string Format(Notification n, ModelState state) =>
        Format(n.Window, n.Message, n.Socket.Name, n.Socket.Generation, n.Event, n.Error, state.Find(n.Socket.Name)?.Ref.Generation ?? n.Socket.Generation);

    /// <summary>Normalises an observed message to the canonical text, resolving an omitted generation to the newest.</summary>
    public static string Format(ObservedMessage m, ModelState state)
    {
        var latest = state.Find(m.Socket)?.Ref.Generation ?? 1;
        return Format(m.Window, m.Message, m.Socket, m.Generation ?? latest, m.Event, m.Error, latest);
    }
}
