using System.Text.Json;
using WinsockConformance.Model;
using WinsockConformance.Simulation.Network;

namespace WinsockConformance.Simulation.Samples;

/// <summary>
/// One sample variant as samples/samples.jsonl states it: the program's arguments, the peer, and, per profile, the
/// oracle that must catch it (profiles not named must pass).
/// </summary>
internal sealed record SampleSpec(string Sample, string Variant, string PeerPath, IReadOnlyDictionary<string, string> Caught, string About, int Line)
{
    public IReadOnlyList<string> Arguments => [Sample, Variant];

    /// <summary>The oracle that must fire under <paramref name="profile"/>, or null when the variant must pass there.</summary>
    public string? Expected(Profile profile) => Caught.GetValueOrDefault(profile.Name);

    public static IReadOnlyList<SampleSpec> ReadCatalog(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PeerScriptException(path, 0, $"cannot read the sample catalogue: {e.Message}");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var specs = new List<SampleSpec>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                var o = document.RootElement;
                var caught = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var p in o.GetProperty("caught").EnumerateObject())
                {
                    if (Profiles.Find(p.Name) is null || Oracles.Oracles.Find(p.Value.GetString()!) is null)
                    {
                        throw new PeerScriptException(path, i + 1, $"\"caught\": \"{p.Name}\": \"{p.Value}\" needs a profile ({Profiles.Names}) and an oracle ID");
                    }

                    caught[p.Name] = p.Value.GetString()!;
                }

                specs.Add(new SampleSpec(
                    o.GetProperty("sample").GetString()!,
                    o.GetProperty("variant").GetString()!,
                    Path.Combine(directory, o.GetProperty("peer").GetString()!),
                    caught,
                    o.TryGetProperty("about", out var about) ? about.GetString() ?? string.Empty : string.Empty,
                    i + 1));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new PeerScriptException(path, i + 1, $"expected {{\"sample\":…,\"variant\":…,\"peer\":…,\"caught\":{{PROFILE:ORACLE}}}}: {e.Message}");
            }
        }

        return specs;
    }
}
