using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WinsockConformance.Simulation.Network;

/// <summary>A peer script that cannot be read: <c>file:line: what was expected</c>.</summary>
public sealed class PeerScriptException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}")
{
    /// <summary>The script's file (or source name).</summary>
    public string File { get; } = file;

    /// <summary>The line, from 1, where the problem was met (0: the file could not be read).</summary>
    public int Line { get; } = line;

    /// <summary>What was expected there, without the location.</summary>
    public string Problem { get; } = problem;
}

/// <summary>
/// Reads a peer script (docs/simulator.md, "Peer scripts"): JSON Lines, a header line, then one action a line.
/// Unknown keys are rejected, so a typo is an error and not a silently ignored field.
/// </summary>
public static class PeerScriptReader
{
    /// <summary>The header's "format" value, which identifies a peer script.</summary>
    public const string Format = "wsaasyncselect-peer";

    /// <summary>The default pattern of "bytes": N bytes: printable, so a mismatch reads well.</summary>
    public const string DefaultPattern = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] s_payloadKeys = ["text", "hex", "bytes"];

    private static readonly string[] s_verbs = ["accept", "refuse", "connect", "send", "sendUrgent", "shutdown", "close", "abort", "read", "expect", "wait", "echo", "sink"];

    /// <summary>Reads a peer script file.</summary>
    /// <exception cref="PeerScriptException">The file cannot be read or is not a valid script: "file:line: what was expected".</exception>
    public static PeerScript ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PeerScriptException(path, 0, $"cannot read the file: {e.Message}");
        }

        return Read(text, path);
    }

    /// <summary>Reads a peer script given as text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="PeerScriptException">Not a valid script: "source:line: what was expected".</exception>
    public static PeerScript Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        PeerScript? header = null;
        var actions = new List<PeerAction>();
        var connections = 0;
        var finished = new Dictionary<int, string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            using var document = Parse(lines[i], source, line);
            var o = document.RootElement;
            if (header is null)
            {
                header = Header(o, source, line);
                continue;
            }

            var action = Action(o, source, line);
            connections = Check(action, connections, finished, source);
            actions.Add(action);
        }

        if (header is null)
        {
            throw new PeerScriptException(source, 1, $"empty file; expected a header line {{\"format\":\"{Format}\",\"version\":1}}");
        }

        return header with { Actions = actions };
    }

    private static JsonDocument Parse(string line, string source, int number)
    {
        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new PeerScriptException(source, number, "expected one JSON object per line");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new PeerScriptException(source, number, $"malformed JSON: {e.Message}; expected one JSON object per line");
        }
    }

    private static PeerScript Header(JsonElement o, string source, int line)
    {
        Keys(o, source, line, ["format", "version", "name", "description", "allowUnread"]);
        if (!o.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
        {
            throw new PeerScriptException(source, line, $"expected a header line {{\"format\":\"{Format}\",\"version\":1}}");
        }

        if (!o.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
        {
            throw new PeerScriptException(source, line, "unsupported peer script version; this tool reads version 1");
        }

        var name = OptionalString(o, "name", source, line) ?? Path.GetFileNameWithoutExtension(source);
        var allowUnread = o.TryGetProperty("allowUnread", out var a) && Bool(a, "allowUnread", source, line);
        return new PeerScript(name, source, OptionalString(o, "description", source, line), allowUnread, []);
    }

    private static PeerAction Action(JsonElement o, string source, int line)
    {
        if (!o.TryGetProperty("do", out var verbElement) || verbElement.ValueKind != JsonValueKind.String)
        {
            throw new PeerScriptException(source, line, $"expected \"do\": one of {string.Join(", ", s_verbs)}");
        }

        var verb = verbElement.GetString()!;
        int? conn = o.TryGetProperty("conn", out var c) ? Number(c, "conn", source, line, min: 1) : null;
        switch (verb)
        {
            case "accept":
                Keys(o, source, line, ["do", "port", "comment"]);
                return new AcceptAction(line, Port(o, source, line));
            case "refuse":
                Keys(o, source, line, ["do", "port", "comment"]);
                return new RefuseAction(line, Port(o, source, line));
            case "connect":
                Keys(o, source, line, ["do", "port", "comment"]);
                return new ConnectAction(line, Port(o, source, line));
            case "send":
                Keys(o, source, line, ["do", "conn", "text", "hex", "bytes", "pattern", "comment"]);
                return new SendAction(line, conn, Payload(o, source, line));
            case "sendUrgent":
                Keys(o, source, line, ["do", "conn", "text", "hex", "comment"]);
                var urgent = Payload(o, source, line);
                return urgent.Length == 1 ? new SendUrgentAction(line, conn, urgent[0]) : throw new PeerScriptException(source, line, "sendUrgent sends exactly one byte");
            case "shutdown":
                Keys(o, source, line, ["do", "conn", "comment"]);
                return new ShutdownAction(line, conn);
            case "close":
                Keys(o, source, line, ["do", "conn", "comment"]);
                return new CloseAction(line, conn);
            case "abort":
                Keys(o, source, line, ["do", "conn", "comment"]);
                return new AbortAction(line, conn);
            case "read":
                Keys(o, source, line, ["do", "conn", "bytes", "comment"]);
                return new ReadAction(line, conn, o.TryGetProperty("bytes", out var n) ? Number(n, "bytes", source, line, min: 1) : null);
            case "expect":
                Keys(o, source, line, ["do", "conn", "text", "hex", "bytes", "pattern", "comment"]);
                return new ExpectAction(line, conn, Payload(o, source, line));
            case "wait":
                Keys(o, source, line, ["do", "conn", "until", "bytes", "comment"]);
                return Wait(o, conn, source, line);
            case "echo":
                Keys(o, source, line, ["do", "conn", "comment"]);
                return new EchoAction(line, conn);
            case "sink":
                Keys(o, source, line, ["do", "conn", "comment"]);
                return new SinkAction(line, conn);
            default:
                throw new PeerScriptException(source, line, $"unknown action \"{verb}\"; expected one of: {string.Join(", ", s_verbs)}");
        }
    }

    private static WaitAction Wait(JsonElement o, int? conn, string source, int line)
    {
        var until = OptionalString(o, "until", source, line);
        var condition = until switch
        {
            "received" => PeerWaitCondition.Received,
            "sent" => PeerWaitCondition.Sent,
            "shutdown" => PeerWaitCondition.Shutdown,
            "closed" => PeerWaitCondition.Closed,
            _ => throw new PeerScriptException(source, line, "wait needs \"until\": one of received, sent, shutdown, closed"),
        };
        var hasBytes = o.TryGetProperty("bytes", out var b);
        if (condition is PeerWaitCondition.Received or PeerWaitCondition.Sent && !hasBytes)
        {
            throw new PeerScriptException(source, line, $"wait until {until} needs \"bytes\": how many");
        }

        return new WaitAction(line, conn, condition, hasBytes ? Number(b, "bytes", source, line, min: 0) : 0);
    }

    /// <summary>Checks the action against the connections opened before it; returns how many there are after it.</summary>
    private static int Check(PeerAction action, int connections, Dictionary<int, string> finished, string source)
    {
        if (action is AcceptAction or ConnectAction)
        {
            return connections + 1;
        }

        if (action is RefuseAction)
        {
            return connections;
        }

        if (connections == 0)
        {
            throw new PeerScriptException(source, action.Line, $"\"{action.Verb}\" needs a connection: an earlier \"accept\" or \"connect\"");
        }

        var target = action.Connection ?? connections;
        if (target > connections)
        {
            throw new PeerScriptException(source, action.Line, $"\"conn\": {target}, but only {connections} connection(s) are opened before this line");
        }

        if (finished.TryGetValue(target, out var how) && action is SendAction or SendUrgentAction or ShutdownAction or CloseAction or AbortAction or EchoAction)
        {
            if (!(how == "shutdown" && action is CloseAction or AbortAction))
            {
                throw new PeerScriptException(source, action.Line, $"\"{action.Verb}\" after the peer's {how} of connection {target}");
            }
        }

        switch (action)
        {
            case ShutdownAction:
                finished[target] = "shutdown";
                break;
            case CloseAction or AbortAction or EchoAction or SinkAction:
                finished[target] = action.Verb;
                break;
        }

        return connections;
    }

    private static byte[] Payload(JsonElement o, string source, int line)
    {
        var given = s_payloadKeys.Where(k => o.TryGetProperty(k, out _)).ToList();
        if (given.Count != 1)
        {
            throw new PeerScriptException(source, line, "expected exactly one of \"text\", \"hex\", \"bytes\" (N bytes of \"pattern\")");
        }

        if (o.TryGetProperty("pattern", out _) && given[0] != "bytes")
        {
            throw new PeerScriptException(source, line, "\"pattern\" goes with \"bytes\"");
        }

        switch (given[0])
        {
            case "text":
                var text = OptionalString(o, "text", source, line)!;
                return text.Length == 0 ? throw new PeerScriptException(source, line, "\"text\" is empty") : Encoding.UTF8.GetBytes(text);
            case "hex":
                var hex = OptionalString(o, "hex", source, line)!.Replace(" ", string.Empty, StringComparison.Ordinal);
                try
                {
                    var bytes = Convert.FromHexString(hex);
                    return bytes.Length == 0 ? throw new PeerScriptException(source, line, "\"hex\" is empty") : bytes;
                }
                catch (FormatException)
                {
                    throw new PeerScriptException(source, line, "\"hex\" must be pairs of hexadecimal digits, e.g. \"0d0a\"");
                }

            default:
                var count = Number(o.GetProperty("bytes"), "bytes", source, line, min: 1);
                var pattern = OptionalString(o, "pattern", source, line) ?? DefaultPattern;
                if (pattern.Length == 0)
                {
                    throw new PeerScriptException(source, line, "\"pattern\" is empty");
                }

                var unit = Encoding.UTF8.GetBytes(pattern);
                var payload = new byte[count];
                for (var k = 0; k < count; k++)
                {
                    payload[k] = unit[k % unit.Length];
                }

                return payload;
        }
    }

    private static ushort? Port(JsonElement o, string source, int line) =>
        o.TryGetProperty("port", out var p) ? (ushort)Number(p, "port", source, line, min: 1, max: 65535) : null;

    private static int Number(JsonElement e, string key, string source, int line, int min, int max = int.MaxValue)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var value) || value < min || value > max)
        {
            throw new PeerScriptException(source, line, string.Create(CultureInfo.InvariantCulture, $"\"{key}\" must be an integer from {min} to {max}"));
        }

        return value;
    }

    private static bool Bool(JsonElement e, string key, string source, int line) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new PeerScriptException(source, line, $"\"{key}\" must be true or false"),
    };

    private static string? OptionalString(JsonElement o, string key, string source, int line)
    {
        if (!o.TryGetProperty(key, out var e))
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.String ? e.GetString() : throw new PeerScriptException(source, line, $"\"{key}\" must be a string");
    }

    private static void Keys(JsonElement o, string source, int line, string[] allowed)
    {
        foreach (var property in o.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new PeerScriptException(source, line, $"unknown key \"{property.Name}\"; expected: {string.Join(", ", allowed)}");
            }
        }
    }
}
