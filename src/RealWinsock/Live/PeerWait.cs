using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>Bounded select() waits for peer sockets.</summary>
[SupportedOSPlatform("windows")]
internal static class PeerWait
{
    public enum ConnectOutcome
    {
        Connected,
        Failed,
        TimedOut,
    }

    public static unsafe bool ForRead(ProbeSocketHandle socket, TimeSpan timeout)
    {
        Winsock.fd_set read = Single(socket);
        return Select(socket, &read, null, null, timeout) > 0;
    }

    public static unsafe bool ForWrite(ProbeSocketHandle socket, TimeSpan timeout)
    {
        Winsock.fd_set write = Single(socket);
        return Select(socket, null, &write, null, timeout) > 0;
    }

    /// <summary>A pending nonblocking connect: writable = connected, exceptfds = failed (Windows select semantics).</summary>
    public static unsafe ConnectOutcome ForConnect(ProbeSocketHandle socket, TimeSpan timeout)
    {
        Winsock.fd_set write = Single(socket);
        Winsock.fd_set except = Single(socket);
        int ready = Select(socket, null, &write, &except, timeout);
        return ready <= 0 ? ConnectOutcome.TimedOut
            : except.fd_count > 0 ? ConnectOutcome.Failed
            : ConnectOutcome.Connected;
    }

    private static unsafe Winsock.fd_set Single(ProbeSocketHandle socket)
    {
        var set = default(Winsock.fd_set);
        set.fd_count = 1;
        set.fd_array[0] = socket.RawValue;
        return set;
    }

    private static unsafe int Select(ProbeSocketHandle socket, Winsock.fd_set* read, Winsock.fd_set* write, Winsock.fd_set* except, TimeSpan timeout)
    {
        long microseconds = Math.Max(0, (long)(timeout.TotalMilliseconds * 1000));
        var limit = new Winsock.TIMEVAL
        {
            tv_sec = (int)(microseconds / 1_000_000),
            tv_usec = (int)(microseconds % 1_000_000),
        };
        int result = Winsock.select(0, read, write, except, in limit);
        int error = Marshal.GetLastPInvokeError();
        if (result < 0)
        {
            throw new InvalidOperationException($"Peer select on socket 0x{socket.RawValue:X} failed: {new NativeCall(result, error)}");
        }

        return result;
    }
}
