using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace WinsockConformance.ModelBench;

/// <summary>
/// <c>throughput</c>: a quick, approximate Stopwatch sanity check. <c>--quick</c>: BenchmarkDotNet with a
/// short job (a few minutes). Anything else goes to BenchmarkDotNet's own switcher (--filter, --job ...).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "throughput")
        {
            return QuickThroughput.Run(args[1..]);
        }

        var config = DefaultConfig.Instance.AddColumn(new ThroughputColumn());
        if (args.Contains("--quick"))
        {
            // Enough for stable figures on these inputs (each invocation is 10,000 steps or ~70 MB) in minutes, not tens of minutes.
            config = config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Quick").AsDefault());
            args = [.. args.Where(a => a != "--quick")];
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return 0;
    }
}
