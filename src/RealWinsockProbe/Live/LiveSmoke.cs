using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using User32 = WinsockConformance.RealWinsockProbe.Interop.Interop.User32;
using Winsock = WinsockConformance.RealWinsockProbe.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsockProbe.Live;

/// <summary>
/// A hand-run smoke test of the live layer against the real ws2_32 (Windows or Wine): self-test, a handful of
/// WSAAsyncSelect/WSAEventSelect flows printed as observed, and message latency measurements that inform how long
/// the scenario executor must settle before concluding "no message". Not a conformance check: it prints what it
/// sees and returns nonzero only when the harness itself fails or an expected message never arrives.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class LiveSmoke
{
    private const uint WM_SOCKET = User32.WM_USER + 1;
    private const int StreamMask = Winsock.FD_READ | Winsock.FD_WRITE | Winsock.FD_OOB | Winsock.FD_CONNECT | Winsock.FD_CLOSE;

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan s_wait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(100);

    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using WinsockApi api = WinsockApi.Startup();
        foreach (string line in StackInfo.Capture(api).ToHeaderLines())
        {
            output.WriteLine(line);
        }

        using var peer = new LoopbackPeer(api, TimeSpan.FromSeconds(2));
        SelfTestResult self = SelfTest.Run(api, peer);
        output.WriteLine($"self-test: {self.Message}");
        if (!self.Passed)
        {
            return 1;
        }

        var smoke = new Smoke(api, peer, output);
        smoke.Section("(a) connect, read, graceful close", smoke.ConnectReadClose);
        smoke.Section("(b) listener FD_ACCEPT, accept, FD_WRITE on the accepted socket", smoke.AcceptFlow);
        smoke.Section("(c) event mode: WSAEventSelect + WSAEnumNetworkEvents", smoke.EventMode);
        smoke.Section("(d) refused connect", smoke.RefusedConnect);
        smoke.Section("(e) peer abortive close (RST)", smoke.AbortiveClose);
        smoke.Section("(f) urgent byte", smoke.UrgentByte);
        smoke.Section("(g) WSAIoctl SIO_* and FIONBIO on a nonblocking (WSAAsyncSelect) socket", smoke.Ioctls);
        smoke.Section("(h) UDP: fresh socket FD_WRITE, datagram FD_READ", smoke.Datagrams);
        smoke.Section("(i) recv argument failures", smoke.RecvFaults);
        smoke.Section("(j) send until WSAEWOULDBLOCK, peer drains, FD_WRITE", smoke.SendSpace);
        smoke.Section("(k) shutdowns", smoke.Shutdowns);
        smoke.Section("(l) messages queued across WSAAsyncSelect(s, w, 0, 0), window switch and closesocket", smoke.QueuedAfterCancel);
        smoke.Section("latency (ms from the triggering call's return to PeekMessageW seeing the message)", smoke.Latency);
        output.WriteLine(smoke.Failures == 0 ? "smoke: OK" : $"smoke: {smoke.Failures} expectation(s) not met");
        return smoke.Failures == 0 ? 0 : 2;
    }

    private sealed class Smoke(WinsockApi api, LoopbackPeer peer, TextWriter output)
    {
        private long _sectionStart;

        public int Failures { get; private set; }

        public void Section(string title, Action body)
        {
            output.WriteLine();
            output.WriteLine($"== {title}");
            _sectionStart = Stopwatch.GetTimestamp();
            try
            {
                body();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                Failures++;
                output.WriteLine($"   !! {e.GetType().Name}: {e.Message}");
            }
        }

        public void ConnectReadClose()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w, StreamMask);
            using (s)
            {
                Call("peer send 100", () => pc.Send(100));
                Expect(w, s, Winsock.FD_READ);
                Call("recv 50", api.Recv(s, 50));
                Expect(w, s, Winsock.FD_READ);
                Call("recv 50", api.Recv(s, 50));
                ExpectNothing(w);
                Call("ioctlsocket FIONREAD", api.IoctlFionread(s, out uint available), $"available={available}");
                Call("peer graceful close", pc.CloseGracefully);
                Expect(w, s, Winsock.FD_CLOSE);
                Call("recv 10", api.Recv(s, 10));
                Call("closesocket", api.CloseSocket(s));
                ExpectNothing(w);
                Call("recv on closed socket (stale value)", api.Recv(s, 10));
                Call("WSAAsyncSelect on closed socket", api.AsyncSelect(s, w, WM_SOCKET, StreamMask));
                Call("closesocket again", api.CloseSocket(s));
                api.Socket(SocketKind.Stream, out ProbeSocketHandle next);
                using (next)
                {
                    Log($"handle reuse: closed 0x{s.RawValue:X}, next socket 0x{next.RawValue:X}{(next.RawValue == s.RawValue ? " (reused)" : string.Empty)}");
                }
            }
        }

        public void AcceptFlow()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            api.Socket(SocketKind.Stream, out ProbeSocketHandle l);
            using (l)
            {
                Call("bind", api.Bind(l));
                Call("listen", api.Listen(l));
                Call("WSAAsyncSelect FD_ACCEPT|FD_READ|FD_WRITE|FD_CLOSE", api.AsyncSelect(l, w, WM_SOCKET, Winsock.FD_ACCEPT | Winsock.FD_READ | Winsock.FD_WRITE | Winsock.FD_CLOSE));
                api.GetSockNamePort(l, out ushort port);
                Call("peer connect", () => peer.Connect(port));
                Expect(w, l, Winsock.FD_ACCEPT);
                Call("peer connect (second, before accept)", () => peer.Connect(port));
                ExpectNothing(w);
                NativeCall accept = api.Accept(l, out ProbeSocketHandle a);
                using (a)
                {
                    Call("accept", accept);
                    IReadOnlyList<WindowMessage> seen = w.DrainUntil(m => m.Any(x => x.WParam == a.RawValue && x.SelectEvent == Winsock.FD_WRITE), s_wait, s_poll);
                    Print(seen, a);
                    Check(seen.Any(x => x.WParam == a.RawValue && x.SelectEvent == Winsock.FD_WRITE), "FD_WRITE with wParam = accepted socket");
                    Check(seen.Any(x => x.WParam == l.RawValue && x.SelectEvent == Winsock.FD_ACCEPT), "FD_ACCEPT re-posted after accept (second connection pending)");
                }
            }
        }

        public void EventMode()
        {
            api.CreateEvent(out ProbeEventHandle e);
            api.Socket(SocketKind.Stream, out ProbeSocketHandle s);
            using (e)
            using (s)
            {
                Call("WSAEventSelect FD_CONNECT|FD_WRITE|FD_READ|FD_CLOSE", api.EventSelect(s, e, Winsock.FD_CONNECT | Winsock.FD_WRITE | Winsock.FD_READ | Winsock.FD_CLOSE));
                Log($"signaled before connect: {api.IsSignaled(e)}");
                Call("connect", api.Connect(s, peer.ListenerPort));
                Check(WaitSignaled(e), "event signaled after connect");
                Call("WSAEnumNetworkEvents", api.EnumNetworkEvents(s, e, out NetworkEventsSnapshot events), events.ToString());
                Log($"signaled after enum: {api.IsSignaled(e)}");
                PeerConnection pc = peer.AcceptConnection();
                Call("peer send 10", () => pc.Send(10));
                Check(WaitSignaled(e), "event signaled after peer send");
                Call("WSAEnumNetworkEvents", api.EnumNetworkEvents(s, e, out events), events.ToString());
                Call("WSAEnumNetworkEvents (NULL event)", api.EnumNetworkEvents(s, null, out events), events.ToString());
                Call("recv 10", api.Recv(s, 10));
                Call("peer abortive close", pc.CloseAbortively);
                Check(WaitSignaled(e), "event signaled after RST");
                Call("WSAEnumNetworkEvents", api.EnumNetworkEvents(s, e, out events), events.ToString());
                Call("WSAEventSelect(s, NULL, 0)", api.EventSelect(s, null, 0));
                Call("WSACloseEvent", api.CloseEvent(e));
                Call("WaitForSingleObject(closed event)", api.WaitForEvent(e));
            }

            api.CreateEvent(out ProbeEventHandle e2);
            api.Socket(SocketKind.Stream, out ProbeSocketHandle r);
            using (e2)
            using (r)
            {
                Call("WSAEventSelect FD_CONNECT (refused target)", api.EventSelect(r, e2, Winsock.FD_CONNECT | Winsock.FD_WRITE | Winsock.FD_CLOSE));
                Call("connect to refused port", api.Connect(r, peer.RefusedPort));
                Check(WaitSignaled(e2), "event signaled after refused connect");
                Call("WSAEnumNetworkEvents", api.EnumNetworkEvents(r, e2, out NetworkEventsSnapshot events), events.ToString());
            }
        }

        public void RefusedConnect()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            api.Socket(SocketKind.Stream, out ProbeSocketHandle s);
            using (s)
            {
                Call("WSAAsyncSelect", api.AsyncSelect(s, w, WM_SOCKET, StreamMask));
                Call("connect to refused port", api.Connect(s, peer.RefusedPort));
                Expect(w, s, Winsock.FD_CONNECT);
                ExpectNothing(w);
                Call("connect again", api.Connect(s, peer.ListenerPort));
                IReadOnlyList<WindowMessage> more = w.DrainUntilQuiet(s_quiet, s_wait, s_poll);
                Print(more, s);
            }
        }

        public void AbortiveClose()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w, StreamMask);
            using (s)
            {
                Call("peer abortive close", pc.CloseAbortively);
                Expect(w, s, Winsock.FD_CLOSE);
                ExpectNothing(w);
                Call("recv 10", api.Recv(s, 10));
                Call("send 10", api.Send(s, 10));
            }

            (ProbeSocketHandle s2, PeerConnection pc2) = ConnectedPair(w, StreamMask);
            using (s2)
            {
                Call("peer send 20 then abortive close", () =>
                {
                    pc2.Send(20);
                    pc2.CloseAbortively();
                });
                IReadOnlyList<WindowMessage> seen = w.DrainUntilQuiet(s_quiet, s_wait, s_poll);
                Print(seen, s2);
                Call("recv 20", api.Recv(s2, 20));
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s2);
            }
        }

        public void UrgentByte()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w, StreamMask);
            using (s)
            {
                Call("peer send urgent byte", pc.SendUrgent);
                IReadOnlyList<WindowMessage> seen = w.DrainUntilQuiet(s_quiet, s_wait, s_poll);
                Print(seen, s);
                Check(seen.Any(m => m.SelectEvent == Winsock.FD_OOB), "FD_OOB after urgent byte");
                Call("ioctlsocket SIOCATMARK", api.IoctlAtMark(s, out uint atMark), $"atmark={atMark}");
                Call("ioctlsocket FIONREAD", api.IoctlFionread(s, out uint available), $"available={available}");
                Call("recv 1 MSG_OOB", api.Recv(s, 1, Winsock.MSG_OOB));
                Call("recv 1 MSG_PEEK", api.Recv(s, 1, Winsock.MSG_PEEK));
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("peer send 5 + urgent byte", () =>
                {
                    pc.Send(5);
                    pc.SendUrgent();
                });
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("recv 10", api.Recv(s, 10));
                Call("recv 1 MSG_OOB", api.Recv(s, 1, Winsock.MSG_OOB));
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("setsockopt SO_OOBINLINE 1", api.SetOobInline(s, true));
                Call("peer send urgent byte", pc.SendUrgent);
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("recv 10", api.Recv(s, 10));
            }
        }

        public void Ioctls()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            const int mask = StreamMask | Winsock.FD_QOS | Winsock.FD_GROUP_QOS | Winsock.FD_ROUTING_INTERFACE_CHANGE | Winsock.FD_ADDRESS_LIST_CHANGE;
            (ProbeSocketHandle s, PeerConnection _) = ConnectedPair(w, mask);
            using (s)
            {
                Call("WSAIoctl SIO_GET_QOS", api.IoctlGetQos(s, out uint qosBytes), $"bytes={qosBytes}");
                Call("WSAIoctl SIO_ROUTING_INTERFACE_CHANGE", api.IoctlRoutingInterfaceChange(s, out uint routeBytes), $"bytes={routeBytes}");
                Call("WSAIoctl SIO_ADDRESS_LIST_CHANGE", api.IoctlAddressListChange(s, out uint listBytes), $"bytes={listBytes}");
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("ioctlsocket FIONBIO 0 (WSAAsyncSelect active)", api.IoctlFionbio(s, 0));
                Call("WSAAsyncSelect(s, hwnd, 0, 0)", api.AsyncSelect(s, w, 0, 0));
                Call("ioctlsocket FIONBIO 0 (after cancel)", api.IoctlFionbio(s, 0));
                Call("ioctlsocket FIONBIO 1", api.IoctlFionbio(s, 1));
            }

            api.Socket(SocketKind.Stream, out ProbeSocketHandle fresh);
            using (fresh)
            {
                Call("WSAAsyncSelect on fresh socket", api.AsyncSelect(fresh, w, WM_SOCKET, mask));
                Call("WSAIoctl SIO_GET_QOS (unconnected)", api.IoctlGetQos(fresh, out uint qosBytes), $"bytes={qosBytes}");
                Call("WSAIoctl SIO_ROUTING_INTERFACE_CHANGE (unconnected)", api.IoctlRoutingInterfaceChange(fresh, out uint routeBytes), $"bytes={routeBytes}");
                Call("WSAIoctl SIO_ADDRESS_LIST_CHANGE (unconnected)", api.IoctlAddressListChange(fresh, out uint listBytes), $"bytes={listBytes}");
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), fresh);
                Call("WSAAsyncSelect with hwnd 0", api.AsyncSelect(fresh, 0, WM_SOCKET, mask));
                Call("WSAAsyncSelect with bogus hwnd", api.AsyncSelect(fresh, 0x12345678, WM_SOCKET, mask));
                Call("WSAAsyncSelect with mask 0x400 (undefined bit)", api.AsyncSelect(fresh, w, WM_SOCKET, 0x400));
            }
        }

        public void Datagrams()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            using PeerDatagram dgram = peer.OpenDatagram();
            api.Socket(SocketKind.Datagram, out ProbeSocketHandle u);
            using (u)
            {
                Call("WSAAsyncSelect FD_READ|FD_WRITE|FD_CLOSE on unbound UDP", api.AsyncSelect(u, w, WM_SOCKET, Winsock.FD_READ | Winsock.FD_WRITE | Winsock.FD_CLOSE));
                Log("unbound:");
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), u);
                Call("bind", api.Bind(u));
                api.GetSockNamePort(u, out ushort port);
                Log("after bind:");
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), u);
                Call("peer sendto 30 + 40", () =>
                {
                    dgram.SendTo(port, 30);
                    dgram.SendTo(port, 40);
                });
                Expect(w, u, Winsock.FD_READ);
                Call("ioctlsocket FIONREAD", api.IoctlFionread(u, out uint available), $"available={available}");
                Call("recvfrom 100", api.RecvFrom(u, 100, out ushort from), $"from port {(from == dgram.Port ? "peer" : from.ToString(CultureInfo.InvariantCulture))}");
                Expect(w, u, Winsock.FD_READ);
                Call("recvfrom 10 (datagram of 40)", api.RecvFrom(u, 10, out _));
                ExpectNothing(w);
                Call("sendto peer 25", api.SendTo(u, 25, dgram.Port));
                Log($"peer received: {dgram.ReceiveFrom()}");
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), u);
            }

            api.Socket(SocketKind.Datagram, out ProbeSocketHandle u2);
            using (u2)
            {
                Call("WSAEventSelect FD_READ|FD_WRITE on unbound UDP", NativeCallWithEvent(u2, out NetworkEventsSnapshot events), events.ToString());
            }
        }

        public void RecvFaults()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w, StreamMask);
            using (s)
            {
                Call("recv NULL buffer len 16 (no data)", api.RecvWithInvalidBuffer(s, 16));
                Call("peer send 10", () => pc.Send(10));
                Expect(w, s, Winsock.FD_READ);
                Call("recv NULL buffer len 16 (data queued)", api.RecvWithInvalidBuffer(s, 16));
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("ioctlsocket FIONREAD", api.IoctlFionread(s, out uint available), $"available={available}");
                Call("recv NULL buffer len 0", api.RecvWithInvalidBuffer(s, 0));
                Call("recv 10", api.Recv(s, 10));
            }
        }

        public void SendSpace()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w, StreamMask);
            using (s)
            {
                SendBurst burst = api.SendUntilWouldBlock(s);
                Log($"SendUntilWouldBlock: last={burst.Last} total={burst.TotalBytes} calls={burst.Calls} cap={burst.ReachedCap}");
                ExpectNothing(w);
                long start = Stopwatch.GetTimestamp();
                long read = pc.ReadUntilQuiet(TimeSpan.FromMilliseconds(20));
                Log($"peer read {read} bytes in {Ms(Stopwatch.GetTimestamp() - start)} ms");
                Expect(w, s, Winsock.FD_WRITE);
                Call("send 100", api.Send(s, 100));
                ExpectNothing(w);
            }
        }

        public void Shutdowns()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w, StreamMask);
            using (s)
            {
                Call("peer shutdown SD_RECEIVE", pc.ShutdownReceive);
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("peer shutdown SD_SEND", pc.ShutdownSend);
                Expect(w, s, Winsock.FD_CLOSE);
                Call("shutdown SD_SEND", api.Shutdown(s, Winsock.SD_SEND));
                Print(w.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("send 1 after SD_SEND", api.Send(s, 1));
                Call("recv 1", api.Recv(s, 1));
            }
        }

        public void Latency()
        {
            using MessageWindow w = MessageWindow.Create("w1");
            var read = new LatencySamples("peer send 1 byte -> FD_READ");
            var reenable = new LatencySamples("recv 1 of 2 -> FD_READ re-posted");
            var oob = new LatencySamples("peer send urgent byte -> FD_OOB");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w, StreamMask);
            using (s)
            {
                for (int i = 0; i < 200; i++)
                {
                    long after = Trigger(() => pc.Send(1));
                    Spin(w, s, after, (Winsock.FD_READ, read));
                    api.Recv(s, 1);
                }

                for (int i = 0; i < 100; i++)
                {
                    pc.Send(2);
                    Spin(w, s, Stopwatch.GetTimestamp(), (Winsock.FD_READ, new LatencySamples("ignored")));
                    long after = Trigger(() => api.Recv(s, 1));
                    Spin(w, s, after, (Winsock.FD_READ, reenable));
                    api.Recv(s, 1);
                }

                // Under Wine 8, 1-3 in ~50 back-to-back urgent bytes reach FD_OOB only after 20-50 ms (PeekMessageW
                // sees nothing meanwhile); the cause (host TCP urgent handling or Wine's POLLPRI polling) is not isolated.
                for (int i = 0; i < 20; i++)
                {
                    long after = Trigger(pc.SendUrgent);
                    Spin(w, s, after, (Winsock.FD_OOB, oob));
                    api.Recv(s, 1, Winsock.MSG_OOB);
                    w.Drain();
                }
            }

            var connect = new LatencySamples("connect -> FD_CONNECT");
            var write = new LatencySamples("connect -> FD_WRITE");
            var close = new LatencySamples("peer graceful close -> FD_CLOSE");
            var reset = new LatencySamples("peer abortive close -> FD_CLOSE");
            var refused = new LatencySamples("refused connect -> FD_CONNECT(error)");
            for (int i = 0; i < 100; i++)
            {
                api.Socket(SocketKind.Stream, out ProbeSocketHandle c);
                using (c)
                {
                    api.AsyncSelect(c, w, WM_SOCKET, StreamMask);
                    long after = Trigger(() => api.Connect(c, peer.ListenerPort));
                    Spin(w, c, after, (Winsock.FD_CONNECT, connect), (Winsock.FD_WRITE, write));
                    PeerConnection p = peer.AcceptConnection();
                    after = i % 2 == 0 ? Trigger(p.CloseGracefully) : Trigger(p.CloseAbortively);
                    Spin(w, c, after, (Winsock.FD_CLOSE, i % 2 == 0 ? close : reset));
                }

                api.Socket(SocketKind.Stream, out ProbeSocketHandle r);
                using (r)
                {
                    api.AsyncSelect(r, w, WM_SOCKET, StreamMask);
                    long after = Trigger(() => api.Connect(r, peer.RefusedPort));
                    Spin(w, r, after, (Winsock.FD_CONNECT, refused));
                }

                w.Drain();
            }

            var accept = new LatencySamples("peer connect -> FD_ACCEPT");
            var acceptedWrite = new LatencySamples("accept -> FD_WRITE(accepted)");
            api.Socket(SocketKind.Stream, out ProbeSocketHandle l);
            using (l)
            {
                api.Bind(l);
                api.Listen(l);
                api.AsyncSelect(l, w, WM_SOCKET, Winsock.FD_ACCEPT | Winsock.FD_WRITE);
                api.GetSockNamePort(l, out ushort port);
                for (int i = 0; i < 100; i++)
                {
                    long after = Trigger(() => peer.Connect(port));
                    Spin(w, l, after, (Winsock.FD_ACCEPT, accept));
                    api.Accept(l, out ProbeSocketHandle a);
                    after = Stopwatch.GetTimestamp();
                    using (a)
                    {
                        Spin(w, a, after, (Winsock.FD_WRITE, acceptedWrite));
                    }
                }
            }

            var writable = new LatencySamples("peer drains a full connection -> FD_WRITE");
            (ProbeSocketHandle f, PeerConnection fp) = ConnectedPair(w, StreamMask);
            using (f)
            {
                for (int i = 0; i < 10; i++)
                {
                    api.SendUntilWouldBlock(f);
                    long after = Trigger(() => fp.ReadUntilQuiet(TimeSpan.FromMilliseconds(5)));
                    Spin(w, f, after, (Winsock.FD_WRITE, writable));
                }
            }

            var signal = new LatencySamples("peer send 1 byte -> event signaled");
            api.CreateEvent(out ProbeEventHandle e);
            api.Socket(SocketKind.Stream, out ProbeSocketHandle es);
            using (e)
            using (es)
            {
                api.EventSelect(es, e, Winsock.FD_CONNECT | Winsock.FD_READ | Winsock.FD_WRITE | Winsock.FD_CLOSE);
                api.Connect(es, peer.ListenerPort);
                PeerConnection ep = peer.AcceptConnection();
                WaitSignaled(e);
                api.EnumNetworkEvents(es, e, out _);
                for (int i = 0; i < 200; i++)
                {
                    long after = Trigger(() => ep.Send(1));
                    SpinSignaled(e, after, signal);
                    api.EnumNetworkEvents(es, e, out _);
                    api.Recv(es, 1);
                }
            }

            foreach (LatencySamples samples in new[] { read, reenable, oob, connect, write, close, reset, refused, accept, acceptedWrite, writable, signal })
            {
                Log(samples.Summary());
                if (samples.Missed > 0)
                {
                    Failures++;
                }
            }
        }

        public void QueuedAfterCancel()
        {
            using MessageWindow w1 = MessageWindow.Create("w1");
            using MessageWindow w2 = MessageWindow.Create("w2");
            (ProbeSocketHandle s, PeerConnection pc) = ConnectedPair(w1, StreamMask);
            using (s)
            {
                Call("peer send 10", () => pc.Send(10));
                Thread.Sleep(s_quiet);
                Call("WSAAsyncSelect(s, w1, 0, 0) with FD_READ undrained", api.AsyncSelect(s, w1, 0, 0));
                Log("w1 after cancel:");
                Print(w1.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("WSAAsyncSelect(s, w2, WM_USER+2, FD_READ|FD_CLOSE) with 10 bytes unread", api.AsyncSelect(s, w2, WM_SOCKET + 1, Winsock.FD_READ | Winsock.FD_CLOSE));
                Log("w2:");
                Print(w2.DrainUntilQuiet(s_quiet, s_wait, s_poll), s);
                Call("peer send 10 more", () => pc.Send(10));
                Call("WSAAsyncSelect(s, w1, WM_USER+1, FD_READ) (switch window, FD_READ undrained)", api.AsyncSelect(s, w1, WM_SOCKET, Winsock.FD_READ));
                Call("peer graceful close", pc.CloseGracefully);
                Call("closesocket (messages undrained)", api.CloseSocket(s));
                Log("thread queue (all windows, posting order):");
                foreach (WindowMessage m in MessageWindow.DrainThreadQueue())
                {
                    Log($"   {(m.Hwnd == w1.Handle ? "w1" : m.Hwnd == w2.Handle ? "w2" : $"0x{m.Hwnd:X}")} msg=0x{m.Message:X} {(m.WParam == s.RawValue ? "s" : $"0x{m.WParam:X}")} {WsaErrorNames.FormatEvents(m.SelectEvent)} error={WsaErrorNames.Format(m.SelectError)}");
                }
            }
        }

        private (ProbeSocketHandle Socket, PeerConnection Peer) ConnectedPair(MessageWindow w, int mask)
        {
            api.Socket(SocketKind.Stream, out ProbeSocketHandle s);
            Call($"WSAAsyncSelect {WsaErrorNames.FormatEvents(mask)}", api.AsyncSelect(s, w, WM_SOCKET, mask));
            Call("connect to peer listener", api.Connect(s, peer.ListenerPort));
            IReadOnlyList<WindowMessage> seen = w.DrainUntil(
                m => m.Any(x => x.SelectEvent == Winsock.FD_CONNECT) && m.Any(x => x.SelectEvent == Winsock.FD_WRITE),
                s_wait,
                s_poll);
            Print(seen, s);
            PeerConnection pc = peer.AcceptConnection();
            return (s, pc);
        }

        private NativeCall NativeCallWithEvent(ProbeSocketHandle u, out NetworkEventsSnapshot events)
        {
            api.CreateEvent(out ProbeEventHandle e);
            using (e)
            {
                NativeCall select = api.EventSelect(u, e, Winsock.FD_READ | Winsock.FD_WRITE);
                Thread.Sleep(s_quiet);
                Log($"signaled: {api.IsSignaled(e)}");
                api.EnumNetworkEvents(u, e, out events);
                return select;
            }
        }

        private void Expect(MessageWindow w, ProbeSocketHandle s, int fdEvent)
        {
            IReadOnlyList<WindowMessage> seen = w.DrainUntil(m => m.Any(x => x.SelectEvent == fdEvent), s_wait, s_poll);
            Print(seen, s);
            Check(seen.Any(x => x.SelectEvent == fdEvent), $"{WsaErrorNames.FormatEvents(fdEvent)} within {s_wait.TotalMilliseconds} ms");
        }

        private void ExpectNothing(MessageWindow w)
        {
            IReadOnlyList<WindowMessage> seen = w.DrainUntilQuiet(s_quiet, s_wait, s_poll);
            if (seen.Count == 0)
            {
                Log($"(no message within {s_quiet.TotalMilliseconds} ms)");
            }
            else
            {
                Print(seen, null);
                Log("   (unexpected messages above)");
            }
        }

        private bool WaitSignaled(ProbeEventHandle e)
        {
            long deadline = Stopwatch.GetTimestamp() + (long)(s_wait.TotalSeconds * Stopwatch.Frequency);
            while (!api.IsSignaled(e))
            {
                if (Stopwatch.GetTimestamp() >= deadline)
                {
                    return false;
                }

                Thread.Sleep(s_poll);
            }

            return true;
        }

        private void Check(bool condition, string what)
        {
            if (!condition)
            {
                Failures++;
                output.WriteLine($"   !! expected: {what}");
            }
        }

        private void Call(string what, NativeCall call, string? extra = null)
            => Log($"{what} -> {call}{(extra is null ? string.Empty : "  " + extra)}");

        private void Call(string what, Action peerAction)
        {
            peerAction();
            Log($"{what} (peer)");
        }

        private void Call(string what, Func<object> peerAction)
        {
            object result = peerAction();
            Log($"{what} (peer) -> {result}");
        }

        private void Print(IReadOnlyList<WindowMessage> messages, ProbeSocketHandle? socket)
        {
            foreach (WindowMessage m in messages)
            {
                string who = socket is not null && m.WParam == socket.RawValue ? "s" : $"0x{m.WParam:X}";
                output.WriteLine($"   {Ms(m.RetrievedTimestamp - _sectionStart),9} ms  msg {who} {WsaErrorNames.FormatEvents(m.SelectEvent)} error={WsaErrorNames.Format(m.SelectError)}");
            }
        }

        private void Log(string line) => output.WriteLine($"   {Ms(Stopwatch.GetTimestamp() - _sectionStart),9} ms  {line}");

        private static long Trigger(Action action)
        {
            action();
            return Stopwatch.GetTimestamp();
        }

        private static long Trigger(Func<object> action)
        {
            action();
            return Stopwatch.GetTimestamp();
        }

        private static long Trigger(Func<long> action)
        {
            action();
            return Stopwatch.GetTimestamp();
        }

        private static long Trigger(Func<NativeCall> action)
        {
            action();
            return Stopwatch.GetTimestamp();
        }

        /// <summary>
        /// Busy-polls PeekMessageW (no sleeping) until every listed event has arrived for <paramref name="s"/> or one
        /// second has passed, recording each latency from <paramref name="afterTrigger"/> (the moment the triggering
        /// call returned) and whether it was already visible to the first PeekMessageW.
        /// </summary>
        private static void Spin(MessageWindow w, ProbeSocketHandle s, long afterTrigger, params (int FdEvent, LatencySamples Samples)[] wanted)
        {
            var pending = wanted.ToList();
            long deadline = afterTrigger + Stopwatch.Frequency;
            bool firstPeek = true;
            while (pending.Count > 0 && Stopwatch.GetTimestamp() < deadline)
            {
                foreach (WindowMessage m in w.Drain())
                {
                    int index = pending.FindIndex(p => m.WParam == s.RawValue && m.SelectEvent == p.FdEvent);
                    if (index >= 0)
                    {
                        pending[index].Samples.Add(Ms(m.RetrievedTimestamp - afterTrigger), firstPeek);
                        pending.RemoveAt(index);
                    }
                }

                firstPeek = false;
            }

            foreach ((int _, LatencySamples samples) in pending)
            {
                samples.Miss();
            }
        }

        private void SpinSignaled(ProbeEventHandle e, long afterTrigger, LatencySamples samples)
        {
            long deadline = afterTrigger + Stopwatch.Frequency;
            bool firstPeek = true;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (api.IsSignaled(e))
                {
                    samples.Add(Ms(Stopwatch.GetTimestamp() - afterTrigger), firstPeek);
                    return;
                }

                firstPeek = false;
            }

            samples.Miss();
        }

        private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);
    }

    private sealed class LatencySamples(string what)
    {
        private readonly List<double> _values = [];
        private int _firstPeekHits;

        public int Missed { get; private set; }

        public void Add(double milliseconds, bool firstPeek)
        {
            _values.Add(milliseconds);
            _firstPeekHits += firstPeek ? 1 : 0;
        }

        public void Miss() => Missed++;

        public string Summary()
        {
            if (_values.Count == 0)
            {
                return $"{what}: no samples ({Missed} missed)";
            }

            List<double> sorted = [.. _values.Order()];
            double Pct(double p) => sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: n={sorted.Count} missed={Missed} first-peek={_firstPeekHits}/{sorted.Count} min={sorted[0]:F3} median={Pct(0.5):F3} p90={Pct(0.9):F3} p99={Pct(0.99):F3} max={sorted[^1]:F3}");
        }
    }
}
