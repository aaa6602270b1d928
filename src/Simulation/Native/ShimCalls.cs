using System.Buffers.Binary;
using System.Text;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Native.Protocol;
using WinsockConformance.Simulation.Running;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// Answers the shim's requests on one run's simulated stack: each request's arguments are unpacked from the C ABI (the
/// program's addresses stay numbers; what the callee reads came in the blob), the call is made through the same
/// Winsock-shaped API a managed program calls (<see cref="Winsock"/>: the run is bound to this thread), and its outputs
/// become the reply's writes into the program's memory. The stack's posts and event signals reach the reply through
/// <see cref="NativeHost"/>. The argument lists are native/shim/protocol.h's.
/// </summary>
internal sealed partial class ShimCalls(SimulationRun run, NativeHost host)
{
    /// <summary>The stack's last error before each call: a call that leaves it so did not set one (the program's stays).</summary>
    private const int Unset = int.MinValue;

    /// <summary>Reads larger than this are cut to it (the buffer the harness lends the stack; the record shows the cut length).</summary>
    private const int LargestRead = 64 << 20;

    private static readonly Encoding s_ansi = Encoding.Latin1;

    /// <summary>Answers one request that wants a reply.</summary>
    public ShimReply Answer(ShimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = new ShimReply();
        host.Reply = reply;
        run.Stack.WSASetLastError(Unset);
        Dispatch(request, reply);
        var error = run.Stack.WSAGetLastError();
        if (error != Unset && reply.Error is null)
        {
            reply.Error = error;
        }

        return reply;
    }

    private void Dispatch(ShimRequest r, ShimReply reply)
    {
        switch (r.Op)
        {
            case ShimOp.Idle:
                Idle(r, reply);
                break;
            case ShimOp.GetTickCount:
                reply.Result = run.Driver.Now;
                break;
            case ShimOp.Unsupported:
                throw new UnsupportedCallException(r.Text, "the shim forwards no such call: the simulated stack has no answer for it (docs/simulator.md lists the call set)");
            case ShimOp.Assert:
                run.AssertionFailed(r.Text);
                break;
            case ShimOp.Crash:
                Crashed(r);
                break;
            case ShimOp.WSAStartup or ShimOp.WSACleanup or ShimOp.socket or ShimOp.WSASocket or ShimOp.bind or ShimOp.listen
                or ShimOp.connect or ShimOp.WSAConnect or ShimOp.accept or ShimOp.WSAAccept or ShimOp.shutdown or ShimOp.closesocket
                or ShimOp.ioctlsocket or ShimOp.setsockopt or ShimOp.getsockopt or ShimOp.getsockname or ShimOp.getpeername:
                Sockets(r, reply);
                break;
            case ShimOp.recv or ShimOp.recvfrom or ShimOp.WSARecv or ShimOp.send or ShimOp.sendto or ShimOp.WSASend:
                Data(r, reply);
                break;
            case ShimOp.select or ShimOp.WSAAsyncSelect or ShimOp.WSAEventSelect or ShimOp.WSAEnumNetworkEvents or ShimOp.WSACreateEvent
                or ShimOp.WSACloseEvent or ShimOp.WSASetEvent or ShimOp.WSAResetEvent or ShimOp.WSAWaitForMultipleEvents:
                Notifications(r, reply);
                break;
            case ShimOp.gethostbyname or ShimOp.gethostname or ShimOp.getaddrinfo or ShimOp.inet_addr or ShimOp.inet_ntoa
                or ShimOp.inet_pton or ShimOp.inet_ntop:
                Names(r, reply);
                break;
            default:
                throw new InvalidDataException($"the shim sent request {r.Op} ({(int)r.Op}), which needs no reply or is not one");
        }
    }

    /// <summary>
    /// An idle point: the program would block (or found nothing polling). A decision point first, as before any call; then
    /// a blocking wait delivers the peer's actions until one posts or signals something (the shim looks again), a timed
    /// one may time out in simulated time, and a poll counts toward idleness. Nothing left to happen ends the run.
    /// </summary>
    private void Idle(ShimRequest r, ShimReply reply)
    {
        var kind = (IdleKind)r.Arg(0);
        var timeout = r.Number(1);
        var api = kind switch
        {
            IdleKind.GetMessage => "GetMessage",
            IdleKind.PeekMessage => "PeekMessage",
            IdleKind.MsgWait => "MsgWaitForMultipleObjects",
            IdleKind.Wait => "WaitForMultipleObjects",
            IdleKind.Sleep => "Sleep",
            _ => throw new InvalidDataException($"the shim sent idle kind {(int)kind}"),
        };
        var mark = host.EffectCount;
        bool Happened() => host.EffectCount > mark;
        var driver = run.Driver;
        driver.DecisionPoint(api);
        if (kind == IdleKind.Sleep)
        {
            if (timeout != 0)
            {
                driver.Wait(static () => false, timeout < 0 ? -1 : timeout, api);
            }

            reply.Result = (long)IdleVerdict.TimedOut;
            return;
        }

        if (!Happened() && (kind == IdleKind.PeekMessage || timeout == 0))
        {
            driver.Polled(api);
        }
        else if (!Happened() && !driver.Wait(Happened, timeout, api))
        {
            reply.Result = (long)IdleVerdict.TimedOut;
            return;
        }

        reply.Result = (long)(Happened() ? IdleVerdict.Delivered : IdleVerdict.Nothing);
    }

    /// <summary>The shim's crash filter saw an unhandled exception: the program dies here (SIM-EXIT), the report says what and where.</summary>
    private void Crashed(ShimRequest r)
    {
        var code = (uint)r.Arg(0);
        var name = code switch
        {
            0xC0000005 => " (access violation)",
            0xC0000094 => " (integer division by zero)",
            0xC00000FD => " (stack overflow)",
            0xC0000409 => " (stack buffer overrun, or abort)",
            0x80000003 => " (breakpoint)",
            _ => string.Empty,
        };
        run.Fire(Oracles.Oracles.Exit, $"the program crashed: exception 0x{code:X8}{name} at {r.Text}+0x{r.Arg(1):X}", run.RetrievedRules(null));
    }

    // ---- reading and writing the program's structures ------------------------------------------------------------

    /// <summary>The sockaddr in the blob (zero-padded to sockaddr_in's 16 bytes).</summary>
    private static SOCKADDR_IN Address(ReadOnlySpan<byte> blob)
    {
        Span<byte> bytes = stackalloc byte[SOCKADDR_IN.Size];
        blob[..Math.Min(blob.Length, SOCKADDR_IN.Size)].CopyTo(bytes);
        return new SOCKADDR_IN
        {
            sin_family = BinaryPrimitives.ReadInt16LittleEndian(bytes),
            sin_port = BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]),
            sin_addr = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]),
        };
    }

    private static byte[] Bytes(SOCKADDR_IN address)
    {
        var bytes = new byte[SOCKADDR_IN.Size];
        BinaryPrimitives.WriteInt16LittleEndian(bytes, address.sin_family);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), address.sin_port);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), address.sin_addr);
        return bytes;
    }

    /// <summary>A NUL-terminated string's bytes.</summary>
    private static byte[] Terminated(string text) => [.. s_ansi.GetBytes(text), 0];

    /// <summary>A WSABUF array from the blob: (length, address) pairs.</summary>
    private static (int Length, ulong Address)[] Buffers(ReadOnlySpan<byte> blob, int count)
    {
        var buffers = new (int, ulong)[Math.Min(count, blob.Length / 16)];
        for (var i = 0; i < buffers.Length; i++)
        {
            buffers[i] = ((int)BinaryPrimitives.ReadUInt32LittleEndian(blob[(16 * i)..]), BinaryPrimitives.ReadUInt64LittleEndian(blob[((16 * i) + 8)..]));
        }

        return buffers;
    }
}
