namespace WinsockConformance.SimulationTests.Support;

/// <summary>Sample programs as delegates (in this process, without loading the samples' assembly again).</summary>
internal static class SamplePrograms
{
    public static int DataLossBuggy() => WinsockConformance.Samples.SampleCatalog.Run(["data-loss", "buggy"]);

    public static int DataLossFixed() => WinsockConformance.Samples.SampleCatalog.Run(["data-loss", "fixed"]);
}
