using System.Text.Json.Nodes;

namespace WinsockConformance.CheckerTests.Support;

/// <summary>
/// Version-2 traces derived from version-1 captures: the header declares what is observed and the outputs of the other
/// aspects are dropped (a recording that saw only the program's calls and what it retrieved), and optionally every
/// getMessages step becomes the GetMessage loop a wrapper runs, one getMessage step per message and a last one that
/// finds nothing.
/// </summary>
public static class PartialTraces
{
    /// <summary>The keys of "observed" each aspect owns.</summary>
    private static readonly Dictionary<string, string[]> s_keys = new(StringComparer.Ordinal)
    {
        ["results"] = ["ret", "error", "value", "enumerated"],
        ["posted"] = ["posted"],
        ["delivered"] = ["delivered"],
        ["signaled"] = ["signaled"],
        ["handles"] = ["handle"],
    };

    public static string[] Derive(IReadOnlyList<string> lines, string[] observes, bool oneAtATime = false, int postingDelay = 0)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(observes);
        var header = JsonNode.Parse(lines[0])!.AsObject();
        header["version"] = 2;
        header["observes"] = new JsonArray([.. observes.Select(o => (JsonNode)o)]);
        if (postingDelay > 0)
        {
            header["postingDelay"] = postingDelay;
        }

        var dropped = s_keys.Where(k => !observes.Contains(k.Key)).SelectMany(k => k.Value).ToHashSet(StringComparer.Ordinal);
        var result = new List<string> { header.ToJsonString() };
        var number = 0;
        foreach (var line in lines.Skip(1).Where(l => l.Trim().Length > 0))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            if (node.ContainsKey("end"))
            {
                node.Remove("steps");
                result.Add(node.ToJsonString());
                continue;
            }

            if (node["observed"] is JsonObject observed)
            {
                foreach (var key in dropped)
                {
                    observed.Remove(key);
                }
            }

            if (oneAtATime && (string?)node["op"] == "getMessages")
            {
                var window = (string?)node["window"] ?? "w";
                var delivered = node["observed"]?["delivered"] as JsonArray ?? [];
                foreach (var message in delivered.Select(m => (string)m!).Append(null))
                {
                    var one = new JsonObject { ["step"] = ++number, ["op"] = "getMessage", ["window"] = window };
                    var outputs = new JsonObject { ["ret"] = 0 };
                    if (message is not null)
                    {
                        outputs["delivered"] = new JsonArray(message);
                    }

                    one["observed"] = outputs;
                    result.Add(one.ToJsonString());
                }

                continue;
            }

            if (node.ContainsKey("step"))
            {
                node["step"] = ++number;
            }
            else
            {
                number++;
            }

            result.Add(node.ToJsonString());
        }

        return [.. result];
    }
}
