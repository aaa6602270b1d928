using System.Buffers.Binary;
using System.Text;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Native.Protocol;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Native;

/// <summary>A socket's life and its options.</summary>
internal sealed partial class ShimCalls
{
    /// <summary>sizeof(WSADATA) on x64, and where its two strings start.</summary>
    private const int WsaDataSize = 408;

    private static void Sockets(ShimRequest r, ShimReply reply)
    {
        var s = r.Handle(0);
        switch (r.Op)
        {
            case ShimOp.WSAStartup:
                if (r.Arg(1) == 0)
                {
                    reply.Result = WSAEFAULT;
                    return;
                }

                reply.Result = Winsock.WSAStartup((ushort)r.Arg(0), out var data);
                reply.Write(r.Arg(1), WsaData(data));
                break;
            case ShimOp.WSACleanup:
                reply.Result = WSACleanup();
                break;
            case ShimOp.socket:
                reply.Result = socket(r.Number(0), r.Number(1), r.Number(2));
                break;
            case ShimOp.WSASocket:
                reply.Result = WSASocket(r.Number(0), r.Number(1), r.Number(2), r.Handle(3), (uint)r.Arg(4), (uint)r.Arg(5));
                break;
            case ShimOp.bind:
                reply.Result = bind(s, Address(r.Blob), r.Arg(1) == 0 ? 0 : r.Number(2));
                break;
            case ShimOp.listen:
                reply.Result = listen(s, r.Number(1));
                break;
            case ShimOp.connect:
                reply.Result = connect(s, Address(r.Blob), r.Arg(1) == 0 ? 0 : r.Number(2));
                break;
            case ShimOp.WSAConnect:
                reply.Result = WSAConnect(s, Address(r.Blob), r.Arg(1) == 0 ? 0 : r.Number(2), r.Handle(3), r.Handle(4), r.Handle(5), r.Handle(6));
                break;
            case ShimOp.accept or ShimOp.WSAAccept:
                Accept(r, reply);
                break;
            case ShimOp.shutdown:
                reply.Result = shutdown(s, r.Number(1));
                break;
            case ShimOp.closesocket:
                reply.Result = closesocket(s);
                break;
            case ShimOp.ioctlsocket:
                Ioctl(r, reply);
                break;
            case ShimOp.setsockopt:
                var value = r.Arg(3) == 0 ? null : Padded(r.Blob, r.Number(4));
                reply.Result = setsockopt(s, r.Number(1), r.Number(2), value, r.Number(4));
                break;
            case ShimOp.getsockopt:
                GetOption(r, reply);
                break;
            case ShimOp.getsockname or ShimOp.getpeername:
                Name(r, reply);
                break;
            default:
                throw new System.Diagnostics.UnreachableException(r.Op.ToString());
        }
    }

    private static byte[] WsaData(WSADATA data)
    {
        // wVersion, wHighVersion, iMaxSockets, iMaxUdpDg, lpVendorInfo, szDescription[257], szSystemStatus[129].
        var bytes = new byte[WsaDataSize];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, data.wVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), data.wHighVersion);
        Encoding.ASCII.GetBytes(data.szDescription ?? string.Empty).AsSpan().CopyTo(bytes.AsSpan(16, 256));
        Encoding.ASCII.GetBytes(data.szSystemStatus ?? string.Empty).AsSpan().CopyTo(bytes.AsSpan(16 + 257, 128));
        return bytes;
    }

    /// <summary>The option value the program passed: as long as it said, the bytes that came (at most 256) and zeros after.</summary>
    private static byte[] Padded(byte[] blob, int length)
    {
        var value = new byte[Math.Clamp(length, 0, 256)];
        blob.AsSpan(0, Math.Min(blob.Length, value.Length)).CopyTo(value);
        return value;
    }

    private static void Accept(ShimRequest r, ShimReply reply)
    {
        var s = r.Handle(0);
        var wsa = r.Op == ShimOp.WSAAccept;
        if (r.Arg(1) == 0)
        {
            // accept(s, NULL, NULL): no address wanted.
            var any = SOCKADDR_IN.Size;
            reply.Result = wsa ? WSAAccept(s, out _, ref any, r.Handle(4), r.Handle(5)) : accept(s);
            return;
        }

        var length = r.Arg(2) == 0 ? 0 : r.Number(3);
        var handle = wsa ? WSAAccept(s, out var address, ref length, r.Handle(4), r.Handle(5)) : accept(s, out address, ref length);
        reply.Result = handle;
        if (handle != INVALID_SOCKET)
        {
            reply.Write(r.Arg(1), Bytes(address));
            reply.WriteUInt32(r.Arg(2), (uint)length);
        }
    }

    private static void Ioctl(ShimRequest r, ShimReply reply)
    {
        if (r.Arg(2) == 0)
        {
            // A null argument pointer: WSAEFAULT, answered here (the managed API cannot pass one).
            reply.Result = SOCKET_ERROR;
            reply.Error = WSAEFAULT;
            return;
        }

        var argument = (uint)r.Arg(3);
        reply.Result = ioctlsocket(r.Handle(0), r.Number(1), ref argument);
        if (reply.Result == 0)
        {
            reply.WriteUInt32(r.Arg(2), argument);
        }
    }

    private static void GetOption(ShimRequest r, ShimReply reply)
    {
        var length = r.Arg(4) == 0 ? 0 : r.Number(5);
        var value = r.Arg(3) == 0 ? null : new byte[Math.Clamp(length, 0, 256)];
        reply.Result = getsockopt(r.Handle(0), r.Number(1), r.Number(2), value, ref length);
        if (reply.Result == 0 && value is not null)
        {
            reply.Write(r.Arg(3), value.AsSpan(0, Math.Clamp(length, 0, value.Length)));
            reply.WriteUInt32(r.Arg(4), (uint)length);
        }
    }

    private static void Name(ShimRequest r, ShimReply reply)
    {
        var length = r.Arg(1) == 0 || r.Arg(2) == 0 ? 0 : r.Number(3);
        var result = r.Op == ShimOp.getsockname ? getsockname(r.Handle(0), out var name, ref length) : getpeername(r.Handle(0), out name, ref length);
        reply.Result = result;
        if (result == 0)
        {
            reply.Write(r.Arg(1), Bytes(name));
            reply.WriteUInt32(r.Arg(2), (uint)length);
        }
    }
}
