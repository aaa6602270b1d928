using System.Text;

namespace WinsockConformance.Simulation.Running;

/// <summary>
/// What a program under the simulator writes to the console goes into its run's record (one note a line), not into
/// the report: a program runs once per schedule, hundreds of times. Writes from any other thread go where they went.
/// </summary>
internal sealed class ProgramConsole : TextWriter
{
    private static readonly Lock s_lock = new();
    private static bool s_installed;

    [ThreadStatic]
    private static StringBuilder? t_line;

    private readonly TextWriter _original;
    private readonly string _stream;

    private ProgramConsole(TextWriter original, string stream)
    {
        _original = original;
        _stream = stream;
    }

    public override Encoding Encoding => _original.Encoding;

    /// <summary>Routes Console.Out and Console.Error (once per process).</summary>
    public static void Install()
    {
        lock (s_lock)
        {
            if (s_installed)
            {
                return;
            }

            Console.SetOut(new ProgramConsole(Console.Out, "stdout"));
            Console.SetError(new ProgramConsole(Console.Error, "stderr"));
            s_installed = true;
        }
    }

    public override void Write(char value)
    {
        if (!SimulationRun.Active)
        {
            _original.Write(value);
            return;
        }

        var line = t_line ??= new StringBuilder();
        if (value == '\n')
        {
            SimulationRun.Current.Record.Note($"program {_stream}: {line.ToString().TrimEnd('\r')}");
            line.Clear();
        }
        else
        {
            line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (!SimulationRun.Active)
        {
            _original.Write(value);
            return;
        }

        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        if (!SimulationRun.Active)
        {
            _original.Flush();
        }
    }
}
