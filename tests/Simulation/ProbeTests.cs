using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;
using WinsockConformance.Simulation.Running;
using Xunit.Abstractions;

namespace WinsockConformance.SimulationTests;

public class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(Root(), "samples", "samples.jsonl")))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var sample = doc.RootElement.GetProperty("sample").GetString()!;
            var variant = doc.RootElement.GetProperty("variant").GetString()!;
            var peer = PeerScriptReader.ReadFile(Path.Combine(Root(), "samples", doc.RootElement.GetProperty("peer").GetString()!));
            var program = new DelegateProgram($"{sample} {variant}", () => WinsockConformance.Samples.SampleCatalog.Run([sample, variant]));
            var result = Exploration.Explore(program, peer, Profiles.All, new ExplorationSettings { Schedules = 100 });
            foreach (var p in result.Profiles)
            {
                output.WriteLine($"{sample} {variant} {p.Profile.Name}: {p.Verdict} after {p.Schedules} {p.Reported?.Failure?.Oracle.Id} {p.Reported?.Failure?.Detail} {p.Reported?.Problem} replay {(p.Reported is null ? "" : WinsockConformance.Simulation.Scheduling.Choices.Format(p.Reported.Choices))} shrink {p.ShrinkRuns}");
                if (p.Reported is not null && p.Reported.Verdict != RunVerdict.Failed)
                {
                    output.WriteLine(p.Reported.Record.Render());
                }
            }
        }
    }

    private static string Root()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(d!.FullName, "Conformance.sln")))
        {
            d = d.Parent;
        }

        return d.FullName;
    }
}
