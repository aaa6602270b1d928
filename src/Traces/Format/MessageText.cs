using System.Globalization;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Writes the compact text of one message in a trace: <c>[window[/msg] ]socket[#generation] FD_EVENT [ERROR] [@wParam]</c>,
/// e.g. <c>"a FD_READ"</c>, <c>"c1 FD_CLOSE WSAECONNABORTED"</c>, <c>"w2/3 a#1 FD_WRITE"</c>.
/// Window "w" and message 1 (WM_USER+1) are the defaults and are omitted. <see cref="MessageReader"/> reads it.
/// </summary>
internal static class MessageText
{
    /// <summary>
    /// Writes a message. The generation is written only when it is not the newest socket of that
    /// name at this point of the trace (a stale message), which <paramref name="latestGeneration"/> tells.
    /// </summary>
    public static string Format(string window, int message, string socket, int generation, NetworkEvents bit, WsaError error, int latestGeneration, long? wParam = null)
    {
        var text = Format(window, message, socket, generation, bit, error, latestGeneration);
        return wParam is { } value ? string.Create(CultureInfo.InvariantCulture, $"{text} @{value}") : text;
    }

    /// <summary>Writes a message without its wParam.</summary>
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

    /// <summary>Writes an observed message as recorded: its generation only if it has one.</summary>
    public static string Format(ObservedMessage m) =>
        Format(m.Window, m.Message, m.Socket, m.Generation ?? 0, m.Event, m.Error, latestGeneration: m.Generation is null ? 0 : -1, m.WParam);

    /// <summary>Writes an observed message, resolving an omitted generation to the newest socket of the name after the step.</summary>
    public static string Format(ObservedMessage m, ModelState state)
    {
        var latest = state.Find(m.Socket)?.Ref.Generation ?? 1;
        return Format(m.Window, m.Message, m.Socket, m.Generation ?? latest, m.Event, m.Error, latest, m.WParam);
    }
}
