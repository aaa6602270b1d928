using System.Buffers.Binary;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Native.Protocol;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// Names and addresses. Results Winsock returns by pointer are built here, inner pointers included, in storage the shim
/// lends (its thread's hostent buffer, a block getaddrinfo's caller frees with freeaddrinfo).
/// </summary>
internal sealed partial class ShimCalls
{
    /// <summary>sizeof(struct addrinfo) on x64: where the sockaddr goes in the block.</summary>
    private const int AddrInfoSize = 48;

    private static void Names(ShimRequest r, ShimReply reply)
    {
        switch (r.Op)
        {
            case ShimOp.gethostbyname:
                HostByName(r, reply);
                break;
            case ShimOp.gethostname:
                gethostname(out var name);
                var text = Terminated(name);
                if (r.Arg(0) == 0 || r.Number(1) < text.Length)
                {
                    reply.Result = SOCKET_ERROR;
                    reply.Error = WSAEFAULT;
                    return;
                }

                reply.Write(r.Arg(0), text);
                break;
            case ShimOp.getaddrinfo:
                AddrInfo(r, reply);
                break;
            case ShimOp.inet_addr:
                reply.Result = r.Arg(0) == 0 ? INADDR_NONE : inet_addr(r.Text);
                break;
            case ShimOp.inet_ntoa:
                reply.Write(r.Arg(1), Terminated(inet_ntoa((uint)r.Arg(0))));
                reply.Result = (long)r.Arg(1);
                break;
            case ShimOp.inet_pton:
                reply.Result = inet_pton(r.Number(0), r.Arg(1) == 0 ? string.Empty : r.Text, out var address);
                if (reply.Result == 1)
                {
                    reply.WriteUInt32(r.Arg(2), address);
                }
                else if (reply.Result < 0)
                {
                    reply.Error = WSAEAFNOSUPPORT;
                }

                break;
            case ShimOp.inet_ntop:
                var dotted = r.Blob.Length == 4 ? inet_ntop(r.Number(0), BinaryPrimitives.ReadUInt32LittleEndian(r.Blob)) : null;
                if (dotted is null || r.Arg(2) == 0 || (long)r.Arg(3) < dotted.Length + 1)
                {
                    reply.Error = dotted is null ? WSAEAFNOSUPPORT : WSA_INVALID_PARAMETER;
                    return;
                }

                reply.Write(r.Arg(2), Terminated(dotted));
                reply.Result = (long)r.Arg(2);
                break;
            default:
                throw new System.Diagnostics.UnreachableException(r.Op.ToString());
        }
    }

    /// <summary>
    /// A hostent in the shim's buffer (x64): h_name, h_aliases, h_addrtype, h_length, h_addr_list (32 bytes); then the
    /// alias list (one NULL), the address list (one address, NULL), the address, the name's text.
    /// </summary>
    private static void HostByName(ShimRequest r, ShimReply reply)
    {
        var entry = gethostbyname(r.Arg(0) == 0 ? null! : r.Text);
        if (entry is null)
        {
            return;
        }

        var buffer = r.Arg(1);
        var name = Terminated(entry.h_name);
        var bytes = new byte[Math.Min(64 + name.Length, (int)r.Arg(2))];
        if (bytes.Length < 64 + name.Length)
        {
            throw new UnsupportedCallException("gethostbyname", "the name is too long for the shim's buffer");
        }

        BinaryPrimitives.WriteUInt64LittleEndian(bytes, buffer + 64);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), buffer + 32);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(16), entry.h_addrtype);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(18), entry.h_length);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), buffer + 40);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(40), buffer + 56);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(56), entry.h_addr_list[0]);
        name.CopyTo(bytes.AsSpan(64));
        reply.Write(buffer, bytes);
        reply.Result = (long)buffer;
    }

    /// <summary>getaddrinfo: one addrinfo and its sockaddr_in in the block the shim allocated; *result points at it.</summary>
    private static void AddrInfo(ShimRequest r, ShimReply reply)
    {
        var blob = r.Blob.AsSpan();
        var end = blob.IndexOf((byte)0);
        var node = blob[..end];
        blob = blob[(end + 1)..];
        end = blob.IndexOf((byte)0);
        var service = blob[..end];
        blob = blob[(end + 1)..];
        ADDRINFO? hints = null;
        if (r.Arg(2) != 0 && blob.Length >= AddrInfoSize)
        {
            hints = new ADDRINFO
            {
                ai_flags = BinaryPrimitives.ReadInt32LittleEndian(blob),
                ai_family = BinaryPrimitives.ReadInt32LittleEndian(blob[4..]),
                ai_socktype = BinaryPrimitives.ReadInt32LittleEndian(blob[8..]),
                ai_protocol = BinaryPrimitives.ReadInt32LittleEndian(blob[12..]),
            };
        }

        var error = getaddrinfo(r.Arg(0) == 0 ? null : s_ansi.GetString(node), r.Arg(1) == 0 ? null : s_ansi.GetString(service), hints, out var list);
        reply.Result = error;
        if (error != 0 || list.Length == 0 || r.Arg(3) == 0)
        {
            return;
        }

        var block = r.Arg(4);
        var first = list[0];
        var bytes = new byte[AddrInfoSize + SOCKADDR_IN.Size];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, first.ai_flags);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), first.ai_family);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), first.ai_socktype);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), first.ai_protocol);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), (ulong)first.ai_addrlen);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(32), block + AddrInfoSize);
        Bytes(first.ai_addr).CopyTo(bytes, AddrInfoSize);
        reply.Write(block, bytes);
        reply.WriteUInt64(r.Arg(3), block);
    }
}
