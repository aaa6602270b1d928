using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ShimPrototype.Harness;

/// <summary>
/// A scripted stand-in for the simulated stack (src/Simulation is being written elsewhere): just enough Winsock for
/// the sample client, so the shim's mechanics can be measured end to end. One TCP peer per connect, whose script
/// is fixed (accept, a payload in seed-chosen chunks, close); the seed also chooses, at every call, whether the
/// peer's next action happens first. Nothing here is a model rule: the real harness puts SimulatedStack here.
/// </summary>
internal sealed class ToyStack(int seed, List<string> trace)
{
    private const int FdRead = 1, FdConnect = 16, FdClose = 32;
    private const int WsaEWouldBlock = 10035, WsaENotSock = 10038;
    private const ulong Fionread = 0x4004667F;
    private static readonly byte[] s_payload = Encoding.ASCII.GetBytes("the quick brown fox");

    private readonly Random _random = new(seed);
    private readonly Dictionary<ulong, ToySocket> _sockets = [];
    private readonly Dictionary<ulong, string> _names = [];
    private readonly Queue<(ToySocket Socket, string Action, byte[] Bytes)> _peer = new();
    private int _emptyPolls;

    public bool Ended { get; private set; }

    public Reply Handle(Request r)
    {
        var reply = new Reply();
        var a = r.Args;
        if (r.Op is >= Op.WSAStartup && r.Op != Op.WSACreateEvent && r.Op != Op.WSAWaitForMultipleEvents)
        {
            DecisionPoint(reply);
        }

        switch (r.Op)
        {
            case Op.Hello:
                Log($"hello (protocol {a[0]})");
                break;
            case Op.Unsupported:
                Log($"UNSUPPORTED {Encoding.UTF8.GetString(r.Blob)}");
                break;
            case Op.Crash:
                Log($"CRASH exception 0x{a[0]:X8}");
                break;
            case Op.Retrieved:
                Log($"retrieved {Name(a[0], "w")} {Events((int)(a[3] & 0xFFFF))} on {Name(a[2], "s")}");
                return reply;
            case Op.Idle:
                Idle((IdleKind)a[0], (long)a[1], reply);
                break;
            case Op.WSAStartup:
                reply.Write(a[1], WsaData());
                Log("WSAStartup -> 0");
                break;
            case Op.WSACleanup:
                Log("WSACleanup -> 0");
                break;
            case Op.Socket:
                var handle = 0x100 + (4 * (ulong)_sockets.Count);
                _sockets[handle] = new ToySocket(handle);
                reply.Result = (long)handle;
                Log($"socket -> {Name(handle, "s")}");
                break;
            case Op.CloseSocket:
                Log($"closesocket {Name(a[0], "s")} -> 0");
                _sockets.Remove(a[0]);
                break;
            case Op.Connect:
                Connect(Socket(a[0]), reply);
                break;
            case Op.WSAAsyncSelect:
                var selecting = Socket(a[0]);
                (selecting.Hwnd, selecting.Message, selecting.Mask, selecting.Nonblocking) = (a[1], a[2], (int)a[3], true);
                Log($"WSAAsyncSelect {Name(a[0], "s")} {Name(a[1], "w")} {Events((int)a[3])} (IsWindow {a[4]}) -> 0");
                break;
            case Op.WSAEventSelect:
                var eventing = Socket(a[0]);
                (eventing.Event, eventing.Mask, eventing.Nonblocking) = (a[1], (int)a[2], true);
                Log($"WSAEventSelect {Name(a[0], "s")} {Name(a[1], "e")} {Events((int)a[2])} -> 0");
                break;
            case Op.WSAEnumNetworkEvents:
                EnumNetworkEvents(Socket(a[0]), a[1], a[2], reply);
                break;
            case Op.WSACreateEvent:
                reply.Result = (long)a[0];
                Log($"WSACreateEvent -> {Name(a[0], "e")}");
                break;
            case Op.WSACloseEvent:
                reply.Result = 1;
                Log($"WSACloseEvent {Name(a[0], "e")} -> TRUE");
                break;
            case Op.WSAWaitForMultipleEvents:
                WaitForEvents(r, reply);
                break;
            case Op.Recv:
                Recv(Socket(a[0]), a[1], (int)a[2], reply);
                break;
            case Op.Send:
                reply.Result = r.Blob.Length;
                Log($"send {Name(a[0], "s")} \"{Encoding.ASCII.GetString(r.Blob)}\" -> {r.Blob.Length}");
                break;
            case Op.IoctlSocket:
                if (!_sockets.TryGetValue(a[0], out var s))
                {
                    (reply.Result, reply.Error) = (-1, WsaENotSock);
                }
                else if (a[1] == Fionread)
                {
                    var pending = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(pending, s.Buffer.Count);
                    reply.Write(a[2], pending);
                }

                break;
            default:
                throw new InvalidDataException($"unexpected op {r.Op}");
        }

        return reply;
    }

    /// <summary>Before a call: the seed decides whether the peer acts first (one time in four).</summary>
    private void DecisionPoint(Reply reply)
    {
        _emptyPolls = 0;
        if (_peer.Count > 0 && _random.Next(4) == 0)
        {
            Deliver(reply);
        }
    }

    private void Idle(IdleKind kind, long timeout, Reply reply)
    {
        if (_peer.Count > 0)
        {
            Log($"idle {kind}: peer acts");
            Deliver(reply);
            reply.Result = (long)IdleVerdict.Delivered;
            return;
        }

        // A poll that finds nothing lets the program go on; a thousand in a row with no call between is a program
        // spinning on an empty queue, which ends the run like a blocking wait with nothing left to deliver.
        if (kind == IdleKind.PeekMessage && ++_emptyPolls < 1000)
        {
            reply.Result = (long)IdleVerdict.Nothing;
            return;
        }

        if (timeout >= 0 && kind != IdleKind.PeekMessage)
        {
            Log($"idle {kind}: nothing left, the {timeout} ms timeout elapses");
            reply.Result = (long)IdleVerdict.TimedOut;
            return;
        }

        Log($"idle {kind}: nothing left to deliver: quiescent, run ends");
        End(reply);
    }

    private void End(Reply reply)
    {
        Ended = true;
        reply.Effect(EffectKind.Terminate, 0);
    }

    private void Connect(ToySocket s, Reply reply)
    {
        _peer.Enqueue((s, "accept", []));
        var cut = 0;
        while (cut < s_payload.Length)
        {
            var size = _random.Next(1, 8);
            _peer.Enqueue((s, "send", s_payload[cut..Math.Min(s_payload.Length, cut + size)]));
            cut += size;
        }

        _peer.Enqueue((s, "close", []));
        if (s.Nonblocking)
        {
            (reply.Result, reply.Error) = (-1, WsaEWouldBlock);
            Log($"connect {Name(s.Handle, "s")} -> WSAEWOULDBLOCK");
            return;
        }

        Deliver(reply);
        Log($"connect {Name(s.Handle, "s")} -> 0");
    }

    private void Deliver(Reply reply)
    {
        var (s, action, bytes) = _peer.Dequeue();
        Log($"  peer {action}{(bytes.Length > 0 ? $" \"{Encoding.ASCII.GetString(bytes)}\"" : "")} on {Name(s.Handle, "s")}");
        switch (action)
        {
            case "accept":
                Notify(s, FdConnect, reply);
                break;
            case "send":
                var wasEmpty = s.Buffer.Count == 0;
                s.Buffer.AddRange(bytes);
                if (wasEmpty)
                {
                    Notify(s, FdRead, reply);
                }

                break;
            default:
                s.PeerClosed = true;
                if (s.Buffer.Count == 0)
                {
                    Notify(s, FdClose, reply);
                }

                break;
        }
    }

    /// <summary>Posts the message (WSAAsyncSelect) or records the event and sets the event object (WSAEventSelect).</summary>
    private void Notify(ToySocket s, int fd, Reply reply)
    {
        if ((s.Mask & fd) == 0)
        {
            return;
        }

        if (s.Hwnd != 0)
        {
            reply.Effect(EffectKind.Post, s.Hwnd, s.Message, s.Handle, (ulong)fd);
            Log($"  post {Name(s.Hwnd, "w")} {Events(fd)} on {Name(s.Handle, "s")}");
        }
        else if (s.Event != 0)
        {
            s.Recorded |= fd;
            reply.Effect(EffectKind.SetEvent, s.Event);
            Log($"  set {Name(s.Event, "e")} ({Events(fd)} on {Name(s.Handle, "s")})");
        }
    }

    private void Recv(ToySocket s, ulong buffer, int length, Reply reply)
    {
        if (s.Buffer.Count == 0)
        {
            (reply.Result, reply.Error) = s.PeerClosed ? (0L, (int?)null) : (-1L, WsaEWouldBlock);
            Log($"recv {Name(s.Handle, "s")} {length} -> {(s.PeerClosed ? "0" : "WSAEWOULDBLOCK")}");
            return;
        }

        var taken = s.Buffer.GetRange(0, Math.Min(length, s.Buffer.Count)).ToArray();
        s.Buffer.RemoveRange(0, taken.Length);
        reply.Write(buffer, taken);
        reply.Result = taken.Length;
        Log($"recv {Name(s.Handle, "s")} {length} -> {taken.Length} \"{Encoding.ASCII.GetString(taken)}\"");
        if (s.Buffer.Count > 0)
        {
            Notify(s, FdRead, reply);
        }
        else if (s.PeerClosed)
        {
            Notify(s, FdClose, reply);
        }
    }

    private void EnumNetworkEvents(ToySocket s, ulong hEvent, ulong output, Reply reply)
    {
        var record = new byte[44];
        BinaryPrimitives.WriteInt32LittleEndian(record, s.Recorded);
        reply.Write(output, record);
        reply.Effect(EffectKind.ResetEvent, hEvent);
        Log($"WSAEnumNetworkEvents {Name(s.Handle, "s")} -> {Events(s.Recorded)}, reset {Name(hEvent, "e")}");
        s.Recorded = 0;
    }

    private void WaitForEvents(Request r, Reply reply)
    {
        var handles = Enumerable.Range(0, (int)r.Args[0]).Select(i => BinaryPrimitives.ReadUInt64LittleEndian(r.Blob.AsSpan(8 * i))).ToArray();
        var timeout = (long)(int)r.Args[2];
        while (true)
        {
            var index = Array.FindIndex(handles, h => _sockets.Values.Any(s => s.Event == h && s.Recorded != 0));
            if (index >= 0)
            {
                reply.Result = index;
                Log($"WSAWaitForMultipleEvents -> WSA_WAIT_EVENT_0 + {index}");
                return;
            }

            if (_peer.Count > 0)
            {
                Deliver(reply);
                continue;
            }

            if (timeout >= 0)
            {
                reply.Result = 0x102;
                Log("WSAWaitForMultipleEvents -> WSA_WAIT_TIMEOUT (virtual time)");
                return;
            }

            Log("WSAWaitForMultipleEvents: nothing left to deliver: quiescent, run ends");
            End(reply);
            return;
        }
    }

    private ToySocket Socket(ulong handle) =>
        _sockets.TryGetValue(handle, out var s) ? s : throw new InvalidDataException($"unknown socket 0x{handle:X}");

    /// <summary>A handle's name in the trace: in order of first appearance, so traces compare across runs.</summary>
    private string Name(ulong value, string kind)
    {
        if (!_names.TryGetValue(value, out var name))
        {
            name = kind + (_names.Values.Count(n => n.StartsWith(kind, StringComparison.Ordinal)) + 1).ToString(CultureInfo.InvariantCulture);
            _names[value] = name;
        }

        return name;
    }

    private static string Events(int mask) => mask == 0 ? "none" : string.Join('|',
        new[] { (FdRead, "FD_READ"), (FdConnect, "FD_CONNECT"), (FdClose, "FD_CLOSE") }.Where(e => (mask & e.Item1) != 0).Select(e => e.Item2));

    private static byte[] WsaData()
    {
        // WSADATA on x64: wVersion, wHighVersion, iMaxSockets, iMaxUdpDg, lpVendorInfo, szDescription[257], szSystemStatus[129].
        var data = new byte[408];
        BinaryPrimitives.WriteUInt16LittleEndian(data, 0x0202);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), 0x0202);
        Encoding.ASCII.GetBytes("WinSock 2.0 (simulated)").CopyTo(data, 16);
        Encoding.ASCII.GetBytes("Running").CopyTo(data, 273);
        return data;
    }

    private void Log(string line) => trace.Add(line);

    private sealed class ToySocket(ulong handle)
    {
        public ulong Handle { get; } = handle;

        public ulong Hwnd { get; set; }

        public ulong Message { get; set; }

        public ulong Event { get; set; }

        public int Mask { get; set; }

        public bool Nonblocking { get; set; }

        public int Recorded { get; set; }

        public bool PeerClosed { get; set; }

        public List<byte> Buffer { get; } = [];
    }
}
