using System.Globalization;
using System.IO.Pipes;
using WinsockConformance.Simulation.Native.Protocol;

namespace WinsockConformance.Simulation.Native.Channel;

/// <summary>
/// The channel on Windows: one duplex byte-mode named pipe, \\.\pipe\wsasim-PID-N, which the shim opens at its first
/// call. The end of the program's process closes its end: the read that finds the pipe's end returns Exited with the
/// status the process watcher reported. (Written for Windows; this project's machines run the Linux channel.)
/// </summary>
internal sealed class NamedPipeChannel : IShimChannel
{
    private static int s_next;
    private readonly NamedPipeServerStream _pipe;
    private readonly TaskCompletionSource<int> _status = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _connected;
    private readonly string _name;

    public NamedPipeChannel()
    {
        _name = string.Create(CultureInfo.InvariantCulture, $"wsasim-{Environment.ProcessId}-{Interlocked.Increment(ref s_next)}");
        _pipe = new NamedPipeServerStream(_name, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        _connected = _pipe.WaitForConnectionAsync();
    }

    public string ProgramSide => @"\\.\pipe\" + _name;

    public ShimRequest Read()
    {
        // The program may end before it ever connects (it made no Winsock call): then only its status is left.
        if (Task.WaitAny(_connected, _status.Task) == 1 && !_connected.IsCompleted)
        {
            return Exited();
        }

        try
        {
            return FrameReader.Read(_pipe) ?? Exited();
        }
        catch (IOException)
        {
            return Exited();
        }
    }

    public void Write(ShimReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _pipe.Write(reply.Encode());
        _pipe.Flush();
    }

    public void ProcessExited(int status) => _status.TrySetResult(status);

    public void Dispose() => _pipe.Dispose();

    private ShimRequest Exited() => new(ShimOp.Exited, [unchecked((ulong)_status.Task.GetAwaiter().GetResult())], [], 0);
}
