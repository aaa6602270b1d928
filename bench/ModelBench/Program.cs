using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// <c>throughput</c>: a quick, approximate Stopwatch sanity check. <c>--quick</c>: BenchmarkDotNet with a
/// short job (a few minutes). Anything else goes to BenchmarkDotNet's own switcher (--filter ...).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "throughput")
        {
            return QuickThroughput.Run(args[1..]);
        }

        // In process: BenchmarkDotNet's out-of-process toolchain searches the whole repository for this
        // project file, and the Wine prefix under .cache/ links its z: drive to / (docs/benchmarks.md).
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        if (args.Contains("--quick"))
        {
            // Stable enough on these inputs (an invocation is 10,000 steps or ~60 MB) in minutes, not tens of minutes.
            job = job.WithWarmupCount(3).WithIterationCount(10).WithId("Quick");
            args = [.. args.Where(a => a != "--quick")];
        }

        var config = DefaultConfig.Instance.AddColumn(new ThroughputColumn()).AddJob(job.AsDefault());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return 0;
    }
}
