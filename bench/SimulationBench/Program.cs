using System.Diagnostics;
using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Api;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Simulation.Scheduling;
using static WinsockConformance.Simulation.Api.User32;
using static WinsockConformance.Simulation.Api.Winsock;

namespace WinsockConformance.SimulationBench;

/// <summary>
/// dotnet run -c Release --project bench/SimulationBench -- [calls | explore | determinism | all]
///   calls        simulated calls per second of a managed program in this process (two programs, recorded and not, best of 5)
///   explore      1,000 schedules of a sample under every profile, loaded as ./conformance simulate loads it
///   determinism  10 runs of one schedule: identical records
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "all";

        if (mode is "calls" or "all")
        {
            foreach (var record in new[] { true, false })
            {
                Calls("blocking echo (send + recv, 16 bytes)", BlockingEcho, record);
                Calls("message loop (WSAAsyncSelect, GetMessage, recv, send)", MessageLoopEcho, record);
            }
        }

        if (mode is "explore" or "all")
        {
            Explore("data-loss", "fixed", "send-100-then-close.jsonl");
            Explore("stale-handle", "fixed", "two-downloads.jsonl");
        }

        if (mode is "determinism" or "all")
        {
            Determinism();
        }

        return 0;
    }

    private const int Rounds = 20_000;

    /// <param name="record">Keep every event (a reported or replayed run) or only count them (an exploration's search).</param>
    private static void Calls(string name, Func<int> program, bool record)
    {
        name += record ? ", recorded" : ", not recorded";
        // Wall time suffers from other processes on a shared machine; the process's CPU time much less (GC threads included).
        var bestWall = 0.0;
        var bestCpu = 0.0;
        var process = Process.GetCurrentProcess();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var settings = new RunSettings(Profiles.Windows, ReadyPeers.Find("echo")!, Budget: 10_000_000, Record: record);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var outcome = new SimulationRun(settings, Choices.Random(7)).Execute(program);
            var seconds = clock.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            if (outcome.Verdict != RunVerdict.Passed)
            {
                throw new InvalidOperationException($"{name}: {outcome.Verdict} {outcome.Failure?.Detail} {outcome.Problem}");
            }

            bestWall = Math.Max(bestWall, outcome.Calls / seconds);
            bestCpu = Math.Max(bestCpu, outcome.Calls / cpuSeconds);
            if (attempt == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls: {name}: {outcome.Calls:N0} program calls, {outcome.Record.Next:N0} events per run; {allocated / outcome.Calls:N0} bytes allocated a call"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calls: {name}: {bestWall:N0} simulated calls/s of wall time ({1e6 / bestWall:0.00} µs a call), {bestCpu:N0} per CPU second ({1e6 / bestCpu:0.00} µs), best of 5"));
    }

    private static int BlockingEcho()
    {
        WSAStartup(WINSOCK_VERSION_2_2, out _);
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, 7);
        connect(s, address, SOCKADDR_IN.Size);
        var data = new byte[16];
        var back = new byte[16];
        for (var i = 0; i < Rounds; i++)
        {
            send(s, data, data.Length, 0);
            var got = 0;
            while (got < data.Length)
            {
                got += recv(s, back.AsSpan(got), 0);
            }
        }

        shutdown(s, SD_SEND);
        while (recv(s, back, back.Length, 0) > 0)
        {
        }

        closesocket(s);
        return 0;
    }

    private static int MessageLoopEcho()
    {
        WSAStartup(WINSOCK_VERSION_2_2, out _);
        RegisterClass("Bench", static (h, m, w, l) => 0);
        var hwnd = CreateWindowEx(0, "Bench", null, 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, 0);
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        WSAAsyncSelect(s, hwnd, WM_USER + 1, FD_CONNECT | FD_READ | FD_CLOSE);
        var address = SOCKADDR_IN.Create(INADDR_LOOPBACK, 7);
        connect(s, address, SOCKADDR_IN.Size);
        var data = new byte[16];
        var back = new byte[64];
        var rounds = 0;
        var pending = 0;
        while (GetMessage(out var msg, 0, 0, 0) > 0)
        {
            switch (WSAGETSELECTEVENT(msg.lParam))
            {
                case FD_CONNECT:
                    send(s, data, data.Length, 0);
                    pending = data.Length;
                    break;
                case FD_READ:
                    var n = recv(s, back, back.Length, 0);
                    pending -= Math.Max(n, 0);
                    if (pending == 0 && ++rounds < Rounds)
                    {
                        send(s, data, data.Length, 0);
                        pending = data.Length;
                    }
                    else if (pending == 0)
                    {
                        shutdown(s, SD_SEND);
                    }

                    break;
                case FD_CLOSE:
                    while (recv(s, back, back.Length, 0) > 0)
                    {
                    }

                    closesocket(s);
                    PostQuitMessage(0);
                    break;
            }
        }

        return 0;
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Conformance.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

    private static void Explore(string sample, string variant, string peerFile)
    {
        var program = new ManagedProgram(Path.Combine(AppContext.BaseDirectory, "WinsockConformance.Samples.dll"), [sample, variant]);
        var peer = PeerScriptReader.ReadFile(Path.Combine(Root(), "samples", "peers", peerFile));
        var clock = Stopwatch.StartNew();
        var result = Exploration.Explore(program, peer, Profiles.All, new ExplorationSettings { Schedules = 1000 });
        var calls = result.Profiles.Sum(p => p.Calls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"explore: {sample} {variant}, 1,000 schedules x {result.Profiles.Count} profiles: {clock.Elapsed.TotalSeconds:0.00} s wall ({(result.Passed ? "all pass" : "FAILED")}; {calls:N0} program calls; {program.Loading})"));
    }

    private static void Determinism()
    {
        IProgramUnderTest program = new ManagedProgram(Path.Combine(AppContext.BaseDirectory, "WinsockConformance.Samples.dll"), ["stale-handle", "buggy"]);
        var peer = PeerScriptReader.ReadFile(Path.Combine(Root(), "samples", "peers", "two-downloads.jsonl"));
        var records = Enumerable.Range(0, 10)
            .Select(_ => program.Run(new RunSettings(Profiles.Windows, peer), Choices.Random(SplitMix64.ScheduleSeed(1, 0))).Record.Render())
            .ToList();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(records[0])))[..16];
        Console.WriteLine($"determinism: 10 runs of schedule 1 (seed 1) of stale-handle buggy: {records.Distinct(StringComparer.Ordinal).Count()} distinct record(s), {records[0].Length} characters, sha256 {hash}");
    }
}
