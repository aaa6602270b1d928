using System.Globalization;

namespace WinsockConformance.Simulation.Network;

/// <summary>The ready-made peers: --peer echo, --peer sink, --peer source:N. Each accepts any connection the program makes.</summary>
internal static class ReadyPeers
{
    public const string Names = "echo, sink, source:N";

    /// <summary>A ready-made peer by name, or null when <paramref name="name"/> is not one (then it is a file).</summary>
    public static PeerScript? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "echo")
        {
            return new PeerScript("echo", "echo", "Accepts a connection and sends back everything it receives; closes after the program shuts down or closes.", false,
                [new AcceptAction(1, null), new EchoAction(2, null)]);
        }

        if (name == "sink")
        {
            return new PeerScript("sink", "sink", "Accepts a connection and reads everything it receives; closes after the program shuts down or closes.", false,
                [new AcceptAction(1, null), new SinkAction(2, null)]);
        }

        if (name.StartsWith("source:", StringComparison.Ordinal))
        {
            if (!int.TryParse(name.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new PeerScriptException(name, 0, "source:N needs a positive byte count, e.g. source:100");
            }

            var bytes = new byte[count];
            var pattern = System.Text.Encoding.ASCII.GetBytes(PeerScriptReader.DefaultPattern);
            for (var k = 0; k < count; k++)
            {
                bytes[k] = pattern[k % pattern.Length];
            }

            return new PeerScript(name, name, $"Accepts a connection, sends {count} bytes and closes.", false,
                [new AcceptAction(1, null), new SendAction(2, null, bytes), new CloseAction(3, null)]);
        }

        return null;
    }

    /// <summary>A ready-made peer, or the script file of that name.</summary>
    public static PeerScript Load(string nameOrPath) => Find(nameOrPath) ?? PeerScriptReader.ReadFile(nameOrPath);
}
