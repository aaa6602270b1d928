using System.Globalization;
using System.Reflection;
using System.Text;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.ModelDump;

/// <summary>
/// Writes every model step's full state and observation, so two versions of the model can be compared byte
/// for byte: a refactoring of src/Model must leave the dumps identical (rule lists apart, which it may change
/// and must explain). Not part of any production assembly.
/// </summary>
/// <remarks>
/// <para>Usage (from the repository root):</para>
/// <code>
/// dotnet run -c Release --project bench/ModelDump -- OUTDIR [--walks 120] [--steps 3000]
/// </code>
/// <para>
/// For each profile it writes OUTDIR/PROFILE/corpus.txt (every file under scenarios/ and traces/, in ordinal
/// path order), wide.txt (a 70-socket scenario: more sockets than any 64-bit mask covers) and walk-NNN.txt
/// (ScenarioWalk seeds 1..walks). To compare against an older tree, copy this folder into a worktree of that
/// commit and run it there too, then:
/// </para>
/// <code>
/// diff -r BEFORE AFTER                                   # everything
/// diff -r -I '^  rules:' BEFORE AFTER                    # state and observations only
/// </code>
/// <para>
/// Each step prints its input (its record type and properties), the observation without its rules, the rules
/// on their own line, then what changed in the state: the open and closed sockets' order, the queue, event
/// objects, handle slots, and, per socket (keyed by name#generation), every stored field whose value changed
/// since that socket was last printed (all of them for a new socket). Printing only what changed keeps the
/// dumps small and is exact: the first step prints everything, and every later difference is printed.
/// </para>
/// </remarks>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: ModelDump OUTDIR [--walks N] [--steps S]");
            return 2;
        }

        var output = args[0];
        var walks = Option(args, "--walks", 120);
        var steps = Option(args, "--steps", 3000);
        var root = RepositoryRoot();
        var corpus = Directory.EnumerateFiles(Path.Combine(root, "scenarios"), "*.jsonl", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "traces"), "*.jsonl", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        long total = 0;
        foreach (var profile in Profiles.All)
        {
            var directory = Path.Combine(output, profile.Name);
            Directory.CreateDirectory(directory);
            total += Write(Path.Combine(directory, "corpus.txt"), dump =>
            {
                foreach (var file in corpus)
                {
                    IReadOnlyList<Input> inputs;
                    try
                    {
                        inputs = [.. TraceReader.ReadFile(Path.Combine(root, file)).Steps.Select(s => s.Input)];
                    }
                    catch (TraceReadException e)
                    {
                        dump.Note($"== {file}: unreadable: {e.Problem}");
                        continue;
                    }

                    dump.Run(file, profile, inputs);
                }
            });
            total += Write(Path.Combine(directory, "wide.txt"), dump => dump.Run("wide", profile, Wide(70)));
            for (var seed = 1; seed <= walks; seed++)
            {
                var walk = ScenarioWalk.Generate(seed, steps, profile);
                total += Write(Path.Combine(directory, $"walk-{seed:D3}.txt"), dump => dump.Run($"walk {seed}", profile, walk));
            }

            Console.WriteLine($"{profile.Name}: done");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} steps dumped to {output}"));
        return 0;
    }

    private static long Write(string path, Action<Dumper> body)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        var dump = new Dumper(writer);
        body(dump);
        return dump.Steps;
    }

    /// <summary>
    /// Many sockets open at once, each connected, registered and sent to, then a few steps on the first
    /// and the last: settling over more open sockets than a 64-bit mask covers.
    /// </summary>
    private static List<Input> Wide(int count)
    {
        var inputs = new List<Input>();
        for (var k = 0; k < count; k++)
        {
            var name = $"s{k}";
            inputs.Add(new SocketCall(name, SocketKind.Stream));
            inputs.Add(k % 2 == 0
                ? new AsyncSelectCall(name, "w", 1, NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Connect | NetworkEvents.Close)
                : new EventSelectCall(name, $"e{k % 5}", NetworkEvents.Read | NetworkEvents.Write | NetworkEvents.Close));
            inputs.Add(new ConnectCall(name, ConnectTarget.Peer));
            inputs.Add(new PeerSend(name, 10 + k));
        }

        foreach (var k in new[] { 0, 1, count / 2, count - 2, count - 1 })
        {
            var name = $"s{k}";
            inputs.Add(new RecvCall(name, 5));
            inputs.Add(new PeerShutdown(name, ShutdownHow.Send));
            inputs.Add(new RecvCall(name, 100));
            inputs.Add(new GetMessagesCall("w"));
            inputs.Add(new EnumNetworkEventsCall(name, null));
            inputs.Add(new CloseSocketCall(name));
            inputs.Add(new SocketCall(name, SocketKind.Stream));
        }

        inputs.Add(new GetMessagesCall("w"));
        return inputs;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conformance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository (no Conformance.sln above the current directory)");
    }

    /// <summary>
    /// The input as its record type and stored properties, by reflection: independent of the trace format's writer,
    /// which other work may change, so the dumps of two trees compare.
    /// </summary>
    internal static string InputText(Input input)
    {
        var type = input.GetType();
        var fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={Dumper.Text(p.GetValue(input))}");
        return $"{type.Name}({string.Join(", ", fields)})";
    }
}

/// <summary>Writes one scenario's steps; remembers what it printed last so it prints only what changed.</summary>
internal sealed class Dumper(TextWriter output)
{
    /// <summary>
    /// Stored fields of <see cref="SocketState"/> that the refactoring renamed, by their new name, printed under their
    /// old one so dumps of both versions compare; fields removed as never read are listed as skipped.
    /// </summary>
    private static readonly Dictionary<string, string> s_labels = new(StringComparer.Ordinal)
    {
        ["WineSawFin"] = "HangupSeen",
        ["BothDirectionsShut"] = "HungUp",
    };

    /// <summary>
    /// ClosedAtStep was written and never read, and removed. LingerAbort (SO_LINGER {1, 0}) became LingerOn (l_onoff, which
    /// the simulated stack's getsockopt reads back); neither changes what the model predicts, and LingerWaits is compared.
    /// </summary>
    private static readonly HashSet<string> s_skipped = new(StringComparer.Ordinal) { "LingerAbort", "LingerOn", "ClosedAtStep" };

    private static readonly PropertyInfo[] s_fields = [.. typeof(SocketState)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is not null && !s_skipped.Contains(p.Name))
        .OrderBy(p => Label(p.Name), StringComparer.Ordinal)];

    private readonly Dictionary<string, string[]> _sockets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lines = new(StringComparer.Ordinal);

    public long Steps { get; private set; }

    public void Note(string line) => output.WriteLine(line);

    public void Run(string title, Profile profile, IEnumerable<Input> inputs)
    {
        _sockets.Clear();
        _lines.Clear();
        output.WriteLine($"== {title} [{profile.Name}]");
        var state = ModelState.Initial(profile);
        var number = 0;
        foreach (var input in inputs)
        {
            number++;
            output.WriteLine($"#{number} {Program.InputText(input)}");
            StepResult result;
            try
            {
                result = WinsockModel.Step(state, input);
            }
            catch (ImpossibleStepException e)
            {
                output.WriteLine($"  impossible: {e.Message}");
                return;
            }

            Steps++;
            var o = result.Observation;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  = ret {o.Return} err {o.Error.NativeName()} value {(o.Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-")}"
                + $" posted [{string.Join("; ", o.Posted)}] delivered [{string.Join("; ", o.Delivered)}]"
                + $" enumerated [{o.Enumerated?.ToString() ?? "-"}] signaled [{string.Join(",", o.Signaled)}]"));
            output.WriteLine($"  rules: {o.Rules}");
            State(result.State, number);
            state = result.State;
        }
    }

    private void State(ModelState s, int number)
    {
        if (s.StepCount != number)
        {
            output.WriteLine($"  step count: {s.StepCount}");
        }

        Line("profile", s.Profile.Name);
        Line("open", string.Join(' ', s.Open.Select(x => x.Ref.ToString())));
        Line("closed", string.Join(' ', s.Closed.Select(x => x.Ref.ToString())));
        Line("queue", string.Join("; ", s.Queue));
        Line("events", string.Join(' ', s.EventObjects.Select(e => $"{e.Name}={(e.Signaled ? 1 : 0)}")));
        Line("free", string.Join(' ', s.FreeHandleSlots));
        Line("next", s.NextHandleSlot.ToString(CultureInfo.InvariantCulture));
        foreach (var socket in s.Open)
        {
            Socket(socket);
        }

        foreach (var socket in s.Closed)
        {
            Socket(socket);
        }
    }

    private void Line(string key, string text)
    {
        if (!_lines.TryGetValue(key, out var last) || last != text)
        {
            _lines[key] = text;
            output.WriteLine($"  {key}: {text}");
        }
    }

    private void Socket(SocketState socket)
    {
        var key = socket.Ref.ToString();
        var values = new string[s_fields.Length];
        for (var k = 0; k < s_fields.Length; k++)
        {
            values[k] = Text(s_fields[k].GetValue(socket));
        }

        _sockets.TryGetValue(key, out var last);
        StringBuilder? changed = null;
        for (var k = 0; k < values.Length; k++)
        {
            if (last is null || last[k] != values[k])
            {
                (changed ??= new StringBuilder()).Append(' ').Append(Label(s_fields[k].Name)).Append('=').Append(values[k]);
            }
        }

        if (changed is not null)
        {
            _sockets[key] = values;
            output.WriteLine($"  {key}:{changed}");
        }
    }

    private static string Label(string name) => s_labels.TryGetValue(name, out var label) ? label : name;

    internal static string Text(object? value) => value switch
    {
        null => "null",
        EquatableArray<int> items => "[" + string.Join(',', items) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
