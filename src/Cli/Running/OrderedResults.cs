using WinsockConformance.Reports;

namespace WinsockConformance.Cli;

/// <summary>
/// Collects finished scenarios, from this process or from workers in any order, and prints each as soon as every
/// scenario before it in the run's order has been printed: the output of <c>--jobs N</c> is that of <c>--jobs 1</c>.
/// Every result also goes to the journal at once (its order there does not matter).
/// </summary>
internal sealed class OrderedResults(IReadOnlyList<long> order, TextWriter stdout, RunJournal journal, Func<ResultEntry, string?> line)
{
    private readonly Dictionary<long, (ResultEntry Entry, string Output)> _pending = [];
    private readonly List<ResultEntry> _printed = [];
    private int _next;

    /// <summary>When it returns true for a printed result, nothing after it is printed or kept (fuzz --max-disagreements).</summary>
    public Func<IReadOnlyList<ResultEntry>, bool> Enough { get; init; } = _ => false;

    /// <summary>Set once <see cref="Enough"/> held.</summary>
    public bool Stopped { get; private set; }

    public IReadOnlyList<ResultEntry> Printed => _printed;

    /// <summary>Takes one result; returns false once the run has enough (the caller stops its workers).</summary>
    public bool Add(ResultEntry entry, string output)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Stopped)
        {
            return false;
        }

        journal.Result(entry);
        _pending[entry.Index] = (entry, output);
        while (!Stopped && _next < order.Count && _pending.Remove(order[_next], out var ready))
        {
            Print(ready.Entry, ready.Output);
            _next++;
        }

        return !Stopped;
    }

    /// <summary>The run ended (or was stopped): whatever finished out of order is printed too, in order, and all of it returned.</summary>
    public IReadOnlyList<ResultEntry> Finish()
    {
        foreach (var index in order.Skip(_next))
        {
            if (Stopped)
            {
                break;
            }

            if (_pending.Remove(index, out var ready))
            {
                Print(ready.Entry, ready.Output);
            }
        }

        return _printed;
    }

    private void Print(ResultEntry entry, string output)
    {
        stdout.Write(output);
        if (line(entry) is { } text)
        {
            stdout.WriteLine(text);
        }

        _printed.Add(entry);
        Stopped = Enough(_printed);
    }
}
