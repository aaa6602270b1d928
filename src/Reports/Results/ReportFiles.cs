namespace WinsockConformance.Reports;

/// <summary>How report files are written: whole or not at all.</summary>
internal static class ReportFiles
{
    /// <summary>
    /// Writes beside <paramref name="path"/> under a name of this process, then moves the file into place: a reader (or
    /// a run killed while writing) never leaves half a report, and two runs writing the same path do not mix.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
