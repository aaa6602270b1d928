using System.Buffers.Binary;
using WinsockConformance.Simulation.Core;
using WinsockConformance.Simulation.Native.Protocol;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// The notification calls, event objects and readiness waits. Windows and event objects have real handles in the
/// program's process; the stack and the record see them numbered by first appearance (<see cref="HandleMap"/>).
/// </summary>
internal sealed partial class ShimCalls
{
    /// <summary>Event handles the program passes that no WSACreateEvent made get values from here, which no event object has.</summary>
    private const int ForeignEventBase = 0x7FFF0000;

    /// <summary>sizeof(WSANETWORKEVENTS): lNetworkEvents and iErrorCode[FD_MAX_EVENTS].</summary>
    private const int NetworkEventsSize = 4 + (4 * FD_MAX_EVENTS);

    private readonly HandleMap _foreignEvents = new("event object");

    private void Notifications(ShimRequest r, ShimReply reply)
    {
        var s = r.Handle(0);
        switch (r.Op)
        {
            case ShimOp.WSAAsyncSelect:
                reply.Result = WSAAsyncSelect(s, host.Window(r.Handle(1), r.Arg(4) != 0), (uint)r.Arg(2), r.Number(3));
                break;
            case ShimOp.WSAEventSelect:
                reply.Result = WSAEventSelect(s, Event(r.Handle(1), "WSAEventSelect", r.Number(2) != 0), r.Number(2));
                break;
            case ShimOp.WSAEnumNetworkEvents:
                EnumNetworkEvents(r, reply);
                break;
            case ShimOp.WSACreateEvent:
                var created = WSACreateEvent();
                if (created != WSA_INVALID_EVENT)
                {
                    host.Events.Pair(r.Handle(0), created);
                }

                reply.Result = created == WSA_INVALID_EVENT ? 0 : r.Handle(0);
                break;
            case ShimOp.WSACloseEvent:
                reply.Result = WSACloseEvent(Event(r.Handle(0))) ? 1 : 0;
                break;
            case ShimOp.WSASetEvent:
                reply.Result = WSASetEvent(Event(r.Handle(0))) ? 1 : 0;
                break;
            case ShimOp.WSAResetEvent:
                reply.Result = WSAResetEvent(Event(r.Handle(0))) ? 1 : 0;
                break;
            case ShimOp.WSAWaitForMultipleEvents:
                var handles = new nint[Math.Min(r.Number(0), r.Blob.Length / 8)];
                for (var i = 0; i < handles.Length; i++)
                {
                    handles[i] = Event((nint)BinaryPrimitives.ReadInt64LittleEndian(r.Blob.AsSpan(8 * i)));
                }

                reply.Result = (uint)WSAWaitForMultipleEvents(r.Number(0), handles, r.Arg(1) != 0, r.Number(2), r.Arg(3) != 0);
                break;
            case ShimOp.select:
                Select(r, reply);
                break;
            default:
                throw new System.Diagnostics.UnreachableException(r.Op.ToString());
        }
    }

    /// <summary>
    /// The stack's value of an event handle the program passed. One that WSACreateEvent did not make (kernel32's
    /// CreateEvent: maybe auto-reset, which the model does not have) is unsupported where it would be registered, and
    /// elsewhere gets a value no event object has (the stack answers WSA_INVALID_HANDLE, as for any bad handle).
    /// </summary>
    private nint Event(nint real, string? registering = null, bool registers = false)
    {
        if (host.Events.Simulated(real) is { } known)
        {
            return known;
        }

        if (registering is not null && registers)
        {
            throw new UnsupportedCallException(registering, "an event object WSACreateEvent did not make (kernel32's CreateEvent?) is not simulated: create it with WSACreateEvent");
        }

        return _foreignEvents.Number(real, ForeignEventBase, 4);
    }

    private void EnumNetworkEvents(ShimRequest r, ShimReply reply)
    {
        if (r.Arg(2) == 0)
        {
            reply.Result = SOCKET_ERROR;
            reply.Error = WSAEFAULT;
            return;
        }

        var result = WSAEnumNetworkEvents(r.Handle(0), Event(r.Handle(1)), out var happened);
        reply.Result = result;
        if (result == 0)
        {
            var bytes = new byte[NetworkEventsSize];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, happened.lNetworkEvents);
            for (var i = 0; i < FD_MAX_EVENTS; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 + (4 * i)), happened.iErrorCode[i]);
            }

            reply.Write(r.Arg(2), bytes);
        }
    }

    /// <summary>select over the sets in the blob (any FD_SETSIZE); the ready sockets are written back into each set.</summary>
    private void Select(ShimRequest r, ShimReply reply)
    {
        var sets = new List<nint>?[3];
        var at = 0;
        for (var i = 0; i < 3 && at + 8 <= r.Blob.Length; i++)
        {
            var present = BinaryPrimitives.ReadUInt32LittleEndian(r.Blob.AsSpan(at)) != 0;
            var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(r.Blob.AsSpan(at + 4));
            at += 8;
            var members = new List<nint>(count);
            for (var k = 0; k < count && at + 8 <= r.Blob.Length; k++, at += 8)
            {
                members.Add((nint)BinaryPrimitives.ReadInt64LittleEndian(r.Blob.AsSpan(at)));
            }

            sets[i] = present ? members : null;
        }

        var result = run.Stack.select(sets[0], sets[1], sets[2], r.Number(4));
        reply.Result = result;
        if (result < 0)
        {
            return;
        }

        for (var i = 0; i < 3; i++)
        {
            if (sets[i] is not { } ready)
            {
                continue;
            }

            var bytes = new byte[8 + (8 * ready.Count)];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)ready.Count);
            for (var k = 0; k < ready.Count; k++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 + (8 * k)), ready[k]);
            }

            reply.Write(r.Arg(1 + i), bytes);
        }
    }
}
