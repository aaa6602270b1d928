using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WinsockConformance.Traces;

/// <summary>
/// Opens a scenario or trace file for reading, or says in one sentence why it cannot be read (exit code 2:
/// an unusable path is bad input, not a bug). On Linux a FIFO is opened without waiting for a writer: one with
/// none reads as an empty file instead of hanging.
/// </summary>
internal static class InputFile
{
    public static Stream Open(string path)
    {
        if (path.Length == 0)
        {
            throw new TraceReadException(path, 0, "the file name is empty");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new TraceReadException(path, 0, "the file name contains a NUL character");
        }

        if (Directory.Exists(path))
        {
            throw new TraceReadException(path, 0, "cannot read the file: it is a directory");
        }

        try
        {
            return OperatingSystem.IsLinux() ? OpenWithoutWaiting(path) : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new TraceReadException(path, 0, $"cannot read the file: {e.Message}");
        }
    }

    private static FileStream OpenWithoutWaiting(string path)
    {
        var fd = Interop.Libc.Open(path, Interop.Libc.O_RDONLY | Interop.Libc.O_NONBLOCK | Interop.Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()) + $": '{path}'");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);

        // Opened; from here reads wait for data as they would on a plainly opened file.
        var flags = Interop.Libc.Fcntl(fd, Interop.Libc.F_GETFL, 0);
        if (flags < 0 || Interop.Libc.Fcntl(fd, Interop.Libc.F_SETFL, flags & ~Interop.Libc.O_NONBLOCK) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException(Marshal.GetPInvokeErrorMessage(error));
        }

        return new FileStream(handle, FileAccess.Read, bufferSize: 0);
    }
}
