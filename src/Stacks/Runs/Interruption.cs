using System.Runtime.InteropServices;

namespace WinsockConformance.Stacks;

/// <summary>
/// A request to stop a run early: SIGINT (Ctrl-C) or SIGTERM. Runs look at it between steps and between scenarios,
/// mark what they were doing as interrupted, and still write their summary and reports; the exit code then says which
/// signal stopped them (130, 143). It is set by the signal itself where the process receives one (natively, and under
/// Wine for SIGINT, which Wine turns into CTRL_C_EVENT), and by a file the <c>./conformance</c> script writes when it
/// is signalled (<see cref="MarkerVariable"/>): Wine ends a process on SIGTERM without running any handler, so the
/// script keeps the probe out of the signal's reach and passes the signal on this way.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>The environment variable naming the file whose appearance requests the stop; it holds the signal's name.</summary>
    public const string MarkerVariable = "CONFORMANCE_INTERRUPT";

    private static readonly TimeSpan s_markerPoll = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _source = new();
    private readonly List<IDisposable> _registrations = [];
    private readonly string? _marker;
    private bool _owned;
    private readonly Timer? _poll;
    private string? _signal;

    private Interruption(string? marker)
    {
        _marker = marker;
        if (marker is not null)
        {
            _poll = new Timer(_ => PollMarker(), null, s_markerPoll, s_markerPoll);
        }
    }

    /// <summary>An interruption nothing requests (tests, and runs inside another's process).</summary>
    public static Interruption None { get; } = new(null);

    /// <summary>Stops on SIGINT and SIGTERM received by this process, and on the script's marker file when it names one.</summary>
    public static Interruption Listen()
    {
        var marker = Environment.GetEnvironmentVariable(MarkerVariable) is { Length: > 0 } path ? path : null;
        var owned = marker is null;
        if (marker is null)
        {
            // Without the script (natively, on Windows) the run still gets a marker of its own for its --jobs workers.
            marker = Path.Combine(Path.GetTempPath(), $"conformance-interrupt-{Environment.ProcessId}");
            File.Delete(marker);
            Environment.SetEnvironmentVariable(MarkerVariable, marker);
        }

        var interruption = new Interruption(marker) { _owned = owned };
        foreach (var (signal, name) in new[] { (PosixSignal.SIGINT, "SIGINT"), (PosixSignal.SIGTERM, "SIGTERM") })
        {
            try
            {
                interruption._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    // The first signal stops the run at the next step; a second one is left to the default (ends the process).
                    if (!interruption.Requested)
                    {
                        context.Cancel = true;
                        interruption.Request(name);
                    }
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGTERM has no console event on some Windows hosts: the script's marker covers it.
            }
        }

        return interruption;
    }

    public bool Requested => _source.IsCancellationRequested;

    public CancellationToken Token => _source.Token;

    /// <summary>"SIGINT" or "SIGTERM" once requested.</summary>
    public string? Signal => _signal;

    /// <summary>The conventional exit code of a run stopped by the signal: 128 + its number.</summary>
    public int ExitCode => _signal == "SIGTERM" ? 143 : 130;

    /// <summary>The marker file this process watches (its workers watch it too), or null.</summary>
    public string? Marker => _marker;

    public void Request(string signal)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }

        _signal = signal;
        _source.Cancel();
        // A signal this process alone received (SIGINT to the probe's pid) reaches its workers through the marker.
        if (_marker is not null && !File.Exists(_marker))
        {
            try
            {
                File.WriteAllText(_marker, signal);
            }
            catch (IOException)
            {
                // The workers then stop when the run's grace period ends.
            }
        }
    }

    private void PollMarker()
    {
        if (_marker is null || Requested || !File.Exists(_marker))
        {
            return;
        }

        string text;
        try
        {
            text = File.ReadAllText(_marker).Trim();
        }
        catch (IOException)
        {
            text = string.Empty;
        }

        Request(text == "SIGTERM" ? "SIGTERM" : "SIGINT");
    }

    public void Dispose()
    {
        _poll?.Dispose();
        if (_owned && _marker is not null)
        {
            File.Delete(_marker);
            Environment.SetEnvironmentVariable(MarkerVariable, null);
        }

        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _source.Dispose();
    }
}
