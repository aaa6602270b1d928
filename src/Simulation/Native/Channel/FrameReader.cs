using System.Buffers.Binary;
using WinsockConformance.Simulation.Native.Protocol;

namespace WinsockConformance.Simulation.Native.Channel;

/// <summary>Reads whole request frames from a byte stream (the FIFO, or the named pipe).</summary>
internal static class FrameReader
{
    /// <summary>The largest frame the shim sends: a send of 64 MiB and its header (larger sends are cut by the shim's callers, never by the protocol).</summary>
    private const int MaxFrame = (64 << 20) + 4096;

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public static ShimRequest? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[ShimRequest.HeaderSize];
        if (!Fill(stream, header))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < ShimRequest.HeaderSize - 4 || length > MaxFrame)
        {
            throw new InvalidDataException($"a request frame of {length} bytes: the shim and the harness do not speak the same protocol");
        }

        var body = new byte[length + 4 - ShimRequest.HeaderSize];
        if (!Fill(stream, body))
        {
            throw new InvalidDataException("the channel ended inside a request frame");
        }

        return ShimRequest.Parse(header, body);
    }

    private static bool Fill(Stream stream, Span<byte> buffer)
    {
        var have = 0;
        while (have < buffer.Length)
        {
            var got = stream.Read(buffer[have..]);
            if (got == 0)
            {
                return have == 0 ? false : throw new InvalidDataException("the channel ended inside a request frame");
            }

            have += got;
        }

        return true;
    }
}
