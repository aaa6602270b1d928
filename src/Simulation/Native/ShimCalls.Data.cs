using System.Buffers;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Native.Protocol;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Native;

/// <summary>recv and send: the bytes the program reads are written into its buffers; what it sends came in the blob.</summary>
internal sealed partial class ShimCalls
{
    private static void Data(ShimRequest r, ShimReply reply)
    {
        var s = r.Handle(0);
        switch (r.Op)
        {
            case ShimOp.recv:
                Receive(r, reply, (buffer, length) => buffer is null ? recv(s, null, length, r.Number(3)) : recv(s, buffer.AsSpan(0, length), r.Number(3)));
                break;
            case ShimOp.recvfrom:
                RecvFrom(r, reply);
                break;
            case ShimOp.WSARecv:
                WsaRecv(r, reply);
                break;
            case ShimOp.send:
                reply.Result = r.Arg(1) == 0 || r.Number(2) < 0 ? send(s, null, r.Number(2), r.Number(3)) : send(s, r.Blob.AsSpan(0, Math.Min(r.Blob.Length, r.Number(2))), r.Number(3));
                break;
            case ShimOp.sendto:
                var bytes = r.Arg(1) == 0 ? null : r.Blob;
                reply.Result = sendto(s, bytes, bytes is null ? r.Number(2) : Math.Min(r.Number(2), bytes.Length), r.Number(3), default, r.Number(5));
                break;
            case ShimOp.WSASend:
                WsaSend(r, reply);
                break;
            default:
                throw new System.Diagnostics.UnreachableException(r.Op.ToString());
        }
    }

    /// <summary>A read into the program's buffer (args 1 and 2): <paramref name="read"/> gets a lent buffer (null for a bad one) and the length.</summary>
    private static void Receive(ShimRequest r, ShimReply reply, Func<byte[]?, int, int> read)
    {
        var length = r.Number(2);
        if (r.Arg(1) == 0 || length < 0)
        {
            reply.Result = read(null, length);
            return;
        }

        length = Math.Min(length, LargestRead);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var n = read(buffer, length);
            reply.Result = n;
            if (n > 0)
            {
                reply.Write(r.Arg(1), buffer.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void RecvFrom(ShimRequest r, ShimReply reply)
    {
        var from = default(SOCKADDR_IN);
        var fromLength = r.Number(6);
        Receive(r, reply, (buffer, length) => recvfrom(r.Handle(0), buffer, length, r.Number(3), out from, ref fromLength));
        if (reply.Result >= 0 && r.Arg(4) != 0)
        {
            reply.Write(r.Arg(4), Bytes(from));
            reply.WriteUInt32(r.Arg(5), (uint)fromLength);
        }
    }

    private static void WsaRecv(ShimRequest r, ShimReply reply)
    {
        var count = r.Number(2);
        var described = r.Arg(1) == 0 ? [] : Buffers(r.Blob, count);
        var buffers = described.Select(b => new WSABUF { len = b.Length, buf = b.Address == 0 || b.Length < 0 ? null : new byte[Math.Min(b.Length, LargestRead)] }).ToArray();
        var flags = r.Number(5);
        var result = WSARecv(r.Handle(0), buffers, r.Arg(1) == 0 ? -1 : buffers.Length, out var received, ref flags, r.Handle(6), r.Handle(7));
        reply.Result = result;
        if (result != 0)
        {
            return;
        }

        var left = received;
        for (var i = 0; i < buffers.Length && left > 0; i++)
        {
            var n = Math.Min(left, buffers[i].len);
            reply.Write(described[i].Address, buffers[i].buf.AsSpan(0, n));
            left -= n;
        }

        reply.WriteUInt32(r.Arg(3), (uint)received);
        reply.WriteUInt32(r.Arg(4), (uint)flags);
    }

    private static void WsaSend(ShimRequest r, ShimReply reply)
    {
        var count = r.Number(2);
        var described = r.Arg(1) == 0 ? [] : Buffers(r.Blob, count);
        var at = 16 * described.Length;
        var buffers = new WSABUF[described.Length];
        for (var i = 0; i < described.Length; i++)
        {
            var (length, address) = described[i];
            if (address == 0 || length < 0 || at + length > r.Blob.Length)
            {
                buffers[i] = new WSABUF { len = length, buf = null };
                continue;
            }

            buffers[i] = new WSABUF { len = length, buf = r.Blob[at..(at + length)] };
            at += length;
        }

        var result = WSASend(r.Handle(0), buffers, r.Arg(1) == 0 ? -1 : buffers.Length, out var sent, r.Number(4), r.Handle(5), r.Handle(6));
        reply.Result = result;
        if (result == 0)
        {
            reply.WriteUInt32(r.Arg(3), (uint)sent);
        }
    }
}
