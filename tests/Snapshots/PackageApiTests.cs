using System.Reflection;
using System.Xml.Linq;
using Shouldly;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Running;
using WinsockConformance.Traces;

namespace WinsockConformance.Snapshots;

/// <summary>
/// The packages' public API is kept small on purpose (README, "Packages"): the public types of each library are an
/// approved list, so making something public is a decision a reviewer sees. And the rule IDs' XML comments, which a
/// library user reads in the editor, say what the catalogue says.
/// </summary>
public sealed class PackageApiTests
{
    public static TheoryData<string> Packages => ["WinsockConformance.Model", "WinsockConformance.Traces", "WinsockConformance.Simulation"];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Public_types(string package)
    {
        var assembly = new[] { typeof(WinsockModel).Assembly, typeof(Checker).Assembly, typeof(Exploration).Assembly }
            .Single(a => a.GetName().Name == package);

        var lines = assembly.GetExportedTypes()
            .Select(t => $"{Kind(t)} {t.FullName}")
            .Order(StringComparer.Ordinal);

        (string.Join('\n', lines) + "\n").ShouldMatchApproved(c => c.WithDiscriminator($"package={package}"));
    }

    [Fact]
    public void Each_rule_id_is_documented_with_its_catalogue_id_and_summary()
    {
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "WinsockConformance.Model.xml"));
        var summaries = docs.Descendants("member").ToDictionary(
            m => (string)m.Attribute("name")!,
            m => string.Join(' ', ((string?)m.Element("summary") ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            StringComparer.Ordinal);

        var wrong = RuleCatalog.All
            .Select(rule => (rule, expected: $"{rule.Id}: {rule.Summary}", name: $"F:{typeof(RuleId).FullName}.{rule.Key}"))
            .Where(r => !summaries.TryGetValue(r.name, out var summary) || summary != r.expected)
            .Select(r => $"RuleId.{r.rule.Key}: expected the comment \"{r.expected}\"")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    private static string Kind(Type type) => type switch
    {
        { IsEnum: true } => "enum",
        { IsInterface: true } => "interface",
        _ when type.IsSubclassOf(typeof(Delegate)) => "delegate",
        _ when type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null => type.IsValueType ? "record struct" : "record",
        { IsValueType: true } => "struct",
        { IsAbstract: true, IsSealed: true } => "static class",
        _ => "class",
    };
}
