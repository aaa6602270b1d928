using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using WinsockConformance.Model;

using WinsockConformance.Traces;

namespace WinsockConformance.ModelBench;

/// <summary>
/// The goals' own units next to BenchmarkDotNet's mean: model steps per second (the mean is per
/// step) and MB (10^6 bytes) of trace per second (the mean is per trace set).
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    // The host process does not run GlobalSetup, so it regenerates the (deterministic) set to learn its size.
    private static readonly Lazy<long> s_traceBytes = new(() =>
    {
        var directory = Path.Combine(BenchData.TempDirectory(), "size");
        try
        {
            return BenchData.WriteTraces(directory, Profiles.Windows).Bytes;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    });

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "Throughput";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Model steps/s (ModelStep) or MB of trace/s (Checker), from the mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null)
        {
            return "-";
        }

        var seconds = stats.Mean / 1e9;
        return benchmarkCase.Descriptor.Type == typeof(CheckerBenchmarks)
            ? FormattableString.Invariant($"{s_traceBytes.Value / 1e6 / seconds:F1} MB/s")
            : FormattableString.Invariant($"{1 / seconds / 1e6:F2} M steps/s");
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
