using System.Buffers.Binary;
using WinsockConformance.Model;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Core;

/// <summary>
/// ioctlsocket, setsockopt, getsockopt, getsockname, getpeername. Where the model has an input (FIONBIO, FIONREAD,
/// SO_OOBINLINE, SO_LINGER) it answers; the rest is kept beside it on <see cref="SimSocket"/>.
/// </summary>
internal sealed partial class SimulatedStack
{
    public int ioctlsocket(nint s, int command, ref uint argument)
    {
        var call = $"ioctlsocket({Hex(s)}, 0x{command:X8}, {argument})";
        if (!Start(nameof(ioctlsocket), call, s, out var socket, out var early))
        {
            return early;
        }

        switch (command)
        {
            case FIONBIO:
                return Result(call, Step(new SetNonBlockingCall(socket.Name, argument != 0)));
            case FIONREAD:
                var o = Step(new FionreadCall(socket.Name));
                argument = (uint)(o.Value ?? 0);
                return Result(call, o);
            case SIOCATMARK:
                // Beside the model: TRUE when no urgent byte waits to be read out of band.
                var m = ModelSocket(socket);
                argument = m.UrgentBytes == 0 || m.OobInline ? 1u : 0u;
                return Succeed(call);
            default:
                throw new UnsupportedCallException(call, "only FIONBIO, FIONREAD and SIOCATMARK are simulated");
        }
    }

    public int setsockopt(nint s, int level, int option, ReadOnlySpan<byte> value)
    {
        var call = $"setsockopt({Hex(s)}, 0x{level:X}, 0x{option:X}, {value.Length} bytes)";
        if (!Start(nameof(setsockopt), call, s, out var socket, out var early))
        {
            return early;
        }

        if (level == SOL_SOCKET && option == SO_LINGER)
        {
            if (value.Length < 4)
            {
                return Fail(call, WSAEFAULT);
            }

            var onOff = BinaryPrimitives.ReadUInt16LittleEndian(value) != 0;
            var seconds = BinaryPrimitives.ReadUInt16LittleEndian(value[2..]);
            var o = Step(new SetLingerCall(socket.Name, onOff, seconds));
            socket.LingerSeconds = onOff ? seconds : 0;
            return Result(call, o);
        }

        if (value.Length < 4)
        {
            return Fail(call, WSAEFAULT);
        }

        var number = BinaryPrimitives.ReadInt32LittleEndian(value);
        switch (level, option)
        {
            case (SOL_SOCKET, SO_OOBINLINE):
                var readableBefore = ModelSocket(socket).ReadableBytes;
                var inline = Step(new SetOobInlineCall(socket.Name, number != 0));
                MoveInlineUrgent(socket, ModelSocket(socket).ReadableBytes - readableBefore);
                return Result(call, inline);
            case (SOL_SOCKET, SO_DONTLINGER):
                var linger = Step(new SetLingerCall(socket.Name, number == 0, socket.LingerSeconds));
                return Result(call, linger);
            case (SOL_SOCKET, SO_SNDBUF):
                socket.SendBuffer = number;
                return Succeed(call);
            case (SOL_SOCKET, SO_RCVBUF):
                socket.ReceiveBuffer = number;
                return Succeed(call);
            case (SOL_SOCKET, SO_REUSEADDR):
                socket.ReuseAddress = number != 0;
                return Succeed(call);
            case (SOL_SOCKET, SO_EXCLUSIVEADDRUSE):
                socket.ReuseAddress = false;
                return Succeed(call);
            case (SOL_SOCKET, SO_KEEPALIVE):
                socket.KeepAlive = number != 0;
                return Succeed(call);
            case (SOL_SOCKET, SO_BROADCAST):
                socket.Broadcast = number != 0;
                return Succeed(call);
            case (IPPROTO_TCP, TCP_NODELAY):
                socket.NoDelay = number != 0;
                return Succeed(call);
            default:
                throw new UnsupportedCallException(call, "option not simulated (SO_OOBINLINE, SO_LINGER, SO_DONTLINGER, SO_SNDBUF, SO_RCVBUF, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, SO_KEEPALIVE, SO_BROADCAST, TCP_NODELAY are)");
        }
    }

    /// <summary>SO_OOBINLINE made queued urgent bytes normal data: the model added them to the readable count, at the end.</summary>
    private void MoveInlineUrgent(SimSocket socket, int moved)
    {
        if (moved > 0 && socket.Urgent.Count >= moved)
        {
            Span<byte> bytes = stackalloc byte[moved];
            socket.Urgent.Take(bytes);
            socket.Inbound.Append(bytes);
        }

        CheckBytes(socket);
    }

    /// <summary>getsockopt into <paramref name="value"/>; <paramref name="length"/> in: its size, out: the bytes written.</summary>
    public int getsockopt(nint s, int level, int option, Span<byte> value, ref int length)
    {
        var call = $"getsockopt({Hex(s)}, 0x{level:X}, 0x{option:X})";
        if (!Start(nameof(getsockopt), call, s, out var socket, out var early))
        {
            return early;
        }

        if (length < 4 || value.Length < 4)
        {
            return Fail(call, WSAEFAULT);
        }

        var m = ModelSocket(socket);
        int number;
        switch (level, option)
        {
            case (SOL_SOCKET, SO_LINGER):
                BinaryPrimitives.WriteUInt16LittleEndian(value, (ushort)(m.LingerOn ? 1 : 0));
                BinaryPrimitives.WriteUInt16LittleEndian(value[2..], (ushort)socket.LingerSeconds);
                length = 4;
                return Succeed(call);
            case (SOL_SOCKET, SO_ERROR):
                number = socket.PendingError;
                socket.PendingError = 0;
                break;
            case (SOL_SOCKET, SO_TYPE):
                number = SOCK_STREAM;
                break;
            case (SOL_SOCKET, SO_OOBINLINE):
                number = m.OobInline ? 1 : 0;
                break;
            case (SOL_SOCKET, SO_ACCEPTCONN):
                number = m.Phase == SocketPhase.Listening ? 1 : 0;
                break;
            case (SOL_SOCKET, SO_SNDBUF):
                number = socket.SendBuffer;
                break;
            case (SOL_SOCKET, SO_RCVBUF):
                number = socket.ReceiveBuffer;
                break;
            case (SOL_SOCKET, SO_REUSEADDR):
                number = socket.ReuseAddress ? 1 : 0;
                break;
            case (SOL_SOCKET, SO_KEEPALIVE):
                number = socket.KeepAlive ? 1 : 0;
                break;
            case (SOL_SOCKET, SO_BROADCAST):
                number = socket.Broadcast ? 1 : 0;
                break;
            case (IPPROTO_TCP, TCP_NODELAY):
                number = socket.NoDelay ? 1 : 0;
                break;
            default:
                throw new UnsupportedCallException(call, "option not simulated");
        }

        BinaryPrimitives.WriteInt32LittleEndian(value, number);
        length = 4;
        return Succeed(call);
    }

    public int getsockname(nint s, out SockAddr name)
    {
        name = default;
        var call = $"getsockname({Hex(s)})";
        if (!Start(nameof(getsockname), call, s, out var socket, out var early))
        {
            return early;
        }

        if (socket.Local is not { } local)
        {
            return Fail(call, WSAEINVAL);
        }

        name = local.Address == SockAddr.Any && socket.Connection is not null ? local with { Address = SockAddr.Loopback } : local;
        return Succeed(call);
    }

    public int getpeername(nint s, out SockAddr name)
    {
        name = default;
        var call = $"getpeername({Hex(s)})";
        if (!Start(nameof(getpeername), call, s, out var socket, out var early))
        {
            return early;
        }

        if (ModelSocket(socket).Phase != SocketPhase.Connected || socket.Remote is not { } remote)
        {
            return Fail(call, WSAENOTCONN);
        }

        name = remote;
        return Succeed(call);
    }
}
