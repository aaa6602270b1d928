using System.Diagnostics;
using System.Globalization;
using ShimPrototype.Harness;

// shim-harness run EXE override|linked SEED [PROGRAM ARGS...]   one run, its trace and verdict
// shim-harness explore EXE override|linked SCHEDULES PROFILES PARALLEL [PROGRAM ARGS...]   many seeds, timed
var inv = CultureInfo.InvariantCulture;
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: shim-harness run EXE override|linked SEED [ARGS...] | explore EXE override|linked SCHEDULES PROFILES PARALLEL [ARGS...]");
    return 2;
}

var exe = args[1];
var attach = args[2] == "linked" ? Attach.Linked : Attach.Override;
var watchdog = TimeSpan.FromSeconds(30);
// SHIM_HARNESS_SESSION=external: the caller keeps the Wine session warm (measure.sh does, to account its CPU time).
using var session = Environment.GetEnvironmentVariable("SHIM_HARNESS_SESSION") == "external"
    ? null
    : new WineSession(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(exe))!, "keeper.exe"));
if (args[0] == "run")
{
    var seed = int.Parse(args[3], inv);
    var result = ProgramRun.Execute(exe, args[4..], attach, seed, watchdog);
    foreach (var line in result.Trace)
    {
        Console.WriteLine(line);
    }

    Console.WriteLine("--- program stdout ---");
    Console.Write(result.Stdout);
    Console.WriteLine("--- program stderr ---");
    Console.Write(result.Stderr);
    Console.WriteLine(string.Create(inv, $"--- verdict: {result.Verdict}; exit code {result.ExitCode}; {result.Requests} requests; start->hello {result.StartToHelloMs:F0} ms, hello->end {result.HelloToEndMs:F0} ms, end->exit {result.EndToExitMs:F0} ms, exit->collected {result.ExitToCollectedMs:F0} ms"));
    return 0;
}

var schedules = int.Parse(args[3], inv);
var profiles = int.Parse(args[4], inv);
var parallel = int.Parse(args[5], inv);
var programArgs = args[6..];
var runs = Enumerable.Range(0, schedules * profiles).ToArray();
var results = new RunResult[runs.Length];
var clock = Stopwatch.StartNew();
Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = parallel },
    i => results[i] = ProgramRun.Execute(exe, programArgs, attach, 1 + (i % schedules), watchdog));
var wall = clock.Elapsed.TotalSeconds;

// Same seed, same trace: every profile's run of a seed must agree here (the stand-in stack has no profiles).
var diverging = Enumerable.Range(0, schedules).Count(s =>
    Enumerable.Range(1, profiles - 1).Any(p => !results[s].Trace.SequenceEqual(results[(p * schedules) + s].Trace)));
var distinct = results.Take(schedules).Select(r => string.Join('\n', r.Trace)).Distinct().Count();
Console.WriteLine(string.Create(inv, $"{runs.Length} runs ({schedules} schedules x {profiles}) with {parallel} at a time: {wall:F1} s wall, {wall / runs.Length * 1000:F0} ms per run"));
Console.WriteLine(string.Create(inv, $"per run (mean): start->hello {results.Average(r => r.StartToHelloMs):F0} ms, hello->end {results.Average(r => r.HelloToEndMs):F0} ms, end->exit {results.Average(r => r.EndToExitMs):F0} ms, exit->collected {results.Average(r => r.ExitToCollectedMs):F0} ms, {results.Average(r => r.Requests):F0} requests"));
Console.WriteLine(string.Create(inv, $"verdicts: {string.Join(", ", results.GroupBy(r => r.Verdict).Select(g => $"{g.Count()} {g.Key}"))}"));
foreach (var odd in results.Where(r => r.ExitCode != 0).GroupBy(r => r.Verdict).Select(g => g.First()))
{
    Console.WriteLine($"example of '{odd.Verdict}': stdout [{odd.Stdout.Trim()}] stderr [{odd.Stderr.Trim()}]");
}

Console.WriteLine(string.Create(inv, $"distinct traces among the {schedules} seeds: {distinct}; seeds whose repeated runs differ: {diverging}"));
return diverging == 0 ? 0 : 1;
