using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// <c>throughput bigtrace PATH GB</c>: writes one model trace of about GB gigabytes, for measuring the checker's
/// memory on a large file (docs/benchmarks.md: check streams, so its peak must not grow with the file). The
/// steps repeat a cycle on two connected sockets (message mode and event mode) that leaves the model's state
/// as it found it, so the state stays small however long the trace is; the model writes each step's outputs.
/// </summary>
internal static class BigTrace
{
    private static readonly Input[] s_setup =
    [
        new SocketCall("a", SocketKind.Stream),
        new AsyncSelectCall("a", TraceFormat.DefaultWindow, TraceFormat.DefaultMessage, NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Connect | NetworkEvents.Close),
        new ConnectCall("a", ConnectTarget.Peer),
        new GetMessagesCall(TraceFormat.DefaultWindow),
        new SocketCall("b", SocketKind.Stream),
        new EventSelectCall("b", "e", NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Connect),
        new ConnectCall("b", ConnectTarget.Peer),
        new EnumNetworkEventsCall("b", "e"),
    ];

    private static readonly Input[] s_cycle =
    [
        new PeerSend("a", 100),
        new RecvCall("a", 60, RecvFlags.Peek),
        new RecvCall("a", 100),
        new GetMessagesCall(TraceFormat.DefaultWindow),
        new PeerSend("b", 10),
        new EnumNetworkEventsCall("b", "e"),
        new RecvCall("b", 10),
        new FionreadCall("a"),
    ];

    public static int Write(string path, double gigabytes)
    {
        var target = (long)(gigabytes * 1e9);
        var profile = Profiles.Windows;
        var state = ModelState.Initial(profile);
        long steps = 0;
        using (var writer = TraceWriter.Create(path))
        {
            writer.WriteHeader(new TraceHeader { Kind = TraceFormat.TraceKind, Name = "big", Stack = "model-windows", Profile = profile.Name });
            foreach (var input in s_setup)
            {
                state = Step(writer, state, input);
                steps++;
            }

            var file = new FileInfo(path);
            while (true)
            {
                for (var i = 0; i < 1000; i++)
                {
                    foreach (var input in s_cycle)
                    {
                        state = Step(writer, state, input);
                        steps++;
                    }
                }

                file.Refresh();
                if (file.Length >= target)
                {
                    break;
                }
            }

            writer.WriteEnd(complete: true);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path}: {new FileInfo(path).Length / 1e9:F2} GB, {steps} steps"));
        return 0;
    }

    private static ModelState Step(TraceWriter writer, ModelState state, Input input)
    {
        var result = WinsockModel.Step(state, input);
        writer.WriteStep(input, RenderedObservation.FromModel(result.Observation, result.State));
        return result.State;
    }
}
