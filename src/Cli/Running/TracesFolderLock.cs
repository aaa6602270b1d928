namespace WinsockConformance.Cli;

/// <summary>
/// One run at a time writes into a traces folder: a second run given the same folder waits for the first (saying so)
/// instead of overwriting traces the first is about to read back. The lock is a file in the folder held open without
/// sharing and deleted when closed; the system releases it if the run is killed.
/// </summary>
internal sealed class TracesFolderLock : IDisposable
{
    private const string FileName = ".conformance.lock";
    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _file;

    private TracesFolderLock(FileStream file) => _file = file;

    /// <summary>Takes the folder's lock, waiting while another run holds it; null if <paramref name="stop"/> ends the wait.</summary>
    public static TracesFolderLock? Acquire(string folder, TextWriter stderr, CancellationToken stop, Action? waiting = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var said = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                return new TracesFolderLock(file);
            }
            catch (IOException)
            {
                if (!said)
                {
                    stderr.WriteLine($"another run is writing traces to {folder}; waiting for it to finish (or pass another --traces)");
                    said = true;
                }

                waiting?.Invoke();
                stop.WaitHandle.WaitOne(s_retry);
            }
        }

        return null;
    }

    public void Dispose() => _file.Dispose();
}
