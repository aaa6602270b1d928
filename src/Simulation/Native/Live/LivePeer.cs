using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WinsockConformance.Simulation.Network;

namespace WinsockConformance.Simulation.Native.Live;

/// <summary>
/// A peer script played over real loopback TCP, for a program on a real stack (Wine's own ws2_32): the same script the
/// simulated run uses, so the two runs can be compared. One listener on an ephemeral port stands for every "accept"
/// (the program is told the port). A real peer cannot see what the program has read: "wait until received" becomes a
/// pause; the waits on what the program sent, shut down or closed read the connection until that is seen.
/// </summary>
internal sealed class LivePeer : IDisposable
{
    /// <summary>How long "wait until received" pauses (the program's reads cannot be seen from the network).</summary>
    public static readonly TimeSpan ReceivedPause = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan s_stepLimit = TimeSpan.FromSeconds(20);

    private readonly PeerScript _script;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _notes = [];
    private readonly CancellationTokenSource _stop = new();
    private Socket? _current;
    private bool _disposed;

    public LivePeer(PeerScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var unsupported = script.Actions.FirstOrDefault(a => a is ConnectAction or RefuseAction);
        if (unsupported is not null)
        {
            throw new PeerScriptException(script.Source, unsupported.Line, $"\"{unsupported.Verb}\" is not played on a real stack (only a peer that accepts the program's connections is)");
        }

        _script = script;
        _listener.Start();
        Port = (ushort)((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    /// <summary>The loopback port the program must connect to.</summary>
    public ushort Port { get; }

    /// <summary>What the peer did and saw, one line per action.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_notes)
            {
                return [.. _notes];
            }
        }
    }

    /// <summary>Plays the script to its end (or until <see cref="Dispose"/>); the task fails with what went wrong.</summary>
    public Task Play() => Task.Run(() =>
    {
        try
        {
            foreach (var action in _script.Actions)
            {
                Act(action);
            }

            Note("script done");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            Note($"stopped: {e.Message}");
        }
    });

    private void Act(PeerAction action)
    {
        switch (action)
        {
            case AcceptAction:
                var accept = _listener.AcceptSocketAsync(_stop.Token).AsTask();
                if (!accept.Wait(s_stepLimit))
                {
                    throw new TimeoutException($"line {action.Line}: no connection within {s_stepLimit.TotalSeconds:0} s");
                }

                _current = accept.Result;
                Note($"line {action.Line}: accepted");
                break;
            case SendAction send:
                Current(action).Send(send.Bytes);
                Note($"line {action.Line}: sent {send.Bytes.Length} bytes");
                break;
            case SendUrgentAction urgent:
                Current(action).Send([urgent.Value], SocketFlags.OutOfBand);
                Note($"line {action.Line}: sent 1 urgent byte");
                break;
            case ShutdownAction:
                Current(action).Shutdown(SocketShutdown.Send);
                Note($"line {action.Line}: shut down sending");
                break;
            case CloseAction:
                // Graceful: FIN first, then read to the program's close (closing with its bytes unread would be an RST).
                var closing = Current(action);
                closing.Shutdown(SocketShutdown.Send);
                var rest = ReadUntilEnd(closing);
                closing.Close();
                Note($"line {action.Line}: closed gracefully (read {rest} more bytes before the program's close)");
                break;
            case AbortAction:
                var aborting = Current(action);
                aborting.LingerState = new LingerOption(true, 0);
                aborting.Close();
                Note($"line {action.Line}: aborted (RST)");
                break;
            case ExpectAction expect:
                var got = ReadExactly(Current(action), expect.Bytes.Length);
                Note(got.AsSpan().SequenceEqual(expect.Bytes)
                    ? $"line {action.Line}: got the {got.Length} expected bytes"
                    : $"line {action.Line}: expected {expect.Bytes.Length} bytes, got {got.Length} that differ");
                break;
            case ReadAction read:
                Note($"line {action.Line}: read {(read.Count is { } count ? ReadExactly(Current(action), count).Length : ReadSome(Current(action)))} bytes");
                break;
            case WaitAction { Until: PeerWaitCondition.Received }:
                Thread.Sleep(ReceivedPause);
                Note($"line {action.Line}: paused {ReceivedPause.TotalMilliseconds:0} ms (the program's reads are not visible on a real network)");
                break;
            case WaitAction { Until: PeerWaitCondition.Sent } wait:
                Note($"line {action.Line}: read {ReadExactly(Current(action), (int)wait.Count).Length} bytes the program sent");
                break;
            case WaitAction:
                Note($"line {action.Line}: the program shut down or closed after {ReadUntilEnd(Current(action))} more bytes");
                break;
            case EchoAction or SinkAction:
                var socket = Current(action);
                var buffer = new byte[4096];
                var total = 0;
                for (int n; (n = Receive(socket, buffer)) > 0; total += n)
                {
                    if (action is EchoAction)
                    {
                        socket.Send(buffer.AsSpan(0, n));
                    }
                }

                socket.Close();
                Note($"line {action.Line}: {action.Verb} of {total} bytes, then closed");
                break;
            default:
                throw new PeerScriptException(_script.Source, action.Line, $"\"{action.Verb}\" is not played on a real stack");
        }
    }

    private Socket Current(PeerAction action) =>
        _current ?? throw new PeerScriptException(_script.Source, action.Line, $"\"{action.Verb}\" before any accept");

    private static int Receive(Socket socket, Span<byte> buffer)
    {
        socket.ReceiveTimeout = (int)s_stepLimit.TotalMilliseconds;
        try
        {
            return socket.Receive(buffer);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset)
        {
            return 0;
        }
    }

    private static byte[] ReadExactly(Socket socket, int count)
    {
        var bytes = new byte[count];
        var at = 0;
        while (at < count)
        {
            var n = Receive(socket, bytes.AsSpan(at));
            if (n == 0)
            {
                break;
            }

            at += n;
        }

        return bytes[..at];
    }

    private static int ReadSome(Socket socket) => Receive(socket, new byte[65536]);

    private static int ReadUntilEnd(Socket socket)
    {
        var buffer = new byte[4096];
        var total = 0;
        for (int n; (n = Receive(socket, buffer)) > 0;)
        {
            total += n;
        }

        return total;
    }

    private void Note(string text)
    {
        lock (_notes)
        {
            _notes.Add(text);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _listener.Stop();
        _current?.Dispose();
        _stop.Dispose();
    }

    /// <summary>The program's arguments with every "{port}" replaced by the peer's port.</summary>
    public IReadOnlyList<string> Substitute(IEnumerable<string> arguments) =>
        [.. arguments.Select(a => a.Replace("{port}", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))];
}
