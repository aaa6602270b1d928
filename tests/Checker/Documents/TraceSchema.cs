using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests.Documents;

/// <summary>
/// Generates docs/trace-format.schema.json: the JSON Schema of one line. The step definition (the op enum and one
/// if/then per operation with its fields) comes from the operation table, the rest from the format's constants.
/// </summary>
public static class TraceSchema
{
    public static string Render()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://github.com/winsock-conformance/trace-format.schema.json",
            ["title"] = $"{TraceFormat.Format}, versions {TraceFormat.Version1} to {TraceFormat.LatestVersion}: one line",
            ["description"] = "One line of a scenario or trace file (JSON Lines, docs/trace-format.md): the header (first line), a step, or the end line. "
                + "Generated from the operation table (tests/Checker/Documents/TraceSchema.cs). Stricter than the reader in one way: properties the tools "
                + "would ignore are rejected here, so typos are caught.",
            ["oneOf"] = Array(Ref("header"), Ref("step"), Ref("end")),
            ["$defs"] = new JsonObject
            {
                ["name"] = new JsonObject
                {
                    ["description"] = $"A socket, window or event-object name: {NameRules.Summary} (messages are written as text).",
                    ["type"] = "string",
                    ["minLength"] = 1,
                    ["pattern"] = NameRules.Pattern,
                },
                ["count"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = int.MaxValue },
                ["fdEvent"] = new JsonObject { ["enum"] = Strings(NetworkEventNames.Bits.Select(b => b.NativeName())) },
                ["events"] = new JsonObject
                {
                    ["description"] = "An event mask as FD_* names; [] is mask 0.",
                    ["type"] = "array",
                    ["items"] = Ref("fdEvent"),
                },
                ["error"] = new JsonObject
                {
                    ["description"] = "A WSAE* name, or the decimal value (0 or \"0\" = no error).",
                    ["anyOf"] = Array(
                        new JsonObject { ["enum"] = Strings(Enum.GetValues<WsaError>().Where(e => e != WsaError.None).Select(e => e.NativeName()).Append("0")) },
                        new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]+$" },
                        new JsonObject { ["type"] = "integer", ["minimum"] = 0 }),
                },
                ["message"] = new JsonObject
                {
                    ["description"] = "[window[/msg] ]socket[#generation] FD_EVENT [ERROR] [@wParam], e.g. \"a FD_READ\", \"w2/3 a#1 FD_CLOSE WSAECONNABORTED\", \"a FD_READ @260\" (the wParam: version 2).",
                    ["type"] = "string",
                    ["pattern"] = "^(?:[^\\s/#]+(?:/[0-9]+)? +)?[^\\s#]+(?:#[1-9][0-9]*)? +FD_(?:"
                        + string.Join('|', NetworkEventNames.Bits.Select(b => b.NativeName()["FD_".Length..]))
                        + ")(?: +(?:WSAE[A-Z]+|[0-9]+))?(?: +@[0-9]+)?$",
                },
                ["op"] = new JsonObject
                {
                    ["description"] = "Every operation the format knows (the operation table, src/Traces/Format/Operations/Operations.cs).",
                    ["enum"] = Strings(Operations.Names),
                },
                ["header"] = Header(),
                ["end"] = End(),
                ["observed"] = Observed(),
                ["step"] = Step(),
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Step()
    {
        var conditions = new JsonArray();
        foreach (var operation in Operations.All)
        {
            var names = operation.Names.ToList();
            var properties = new JsonObject();
            var required = new List<string>();
            var variants = new JsonArray();
            foreach (var use in operation.Fields)
            {
                var field = use.Field.Schema();
                if (use.Default is { } value)
                {
                    field["default"] = DefaultValue(value);
                }

                properties[use.Field.Name] = field;
                if (use.Need == Need.Required)
                {
                    required.Add(use.Field.Name);
                }
            }

            // Variant fields: required with their discriminator's value, not allowed with the others.
            foreach (var group in operation.Fields.Where(u => u.Need == Need.Variant).GroupBy(u => (u.Discriminator!.Name, u.When!)))
            {
                var others = operation.Fields.Where(u => u.Need == Need.Variant && u.When != group.Key.Item2).Select(u => u.Field.Name).Distinct().ToList();
                var then = new JsonObject { ["required"] = Strings(group.Select(u => u.Field.Name)) };
                if (others.Count > 0)
                {
                    then["properties"] = new JsonObject([.. others.Select(o => new KeyValuePair<string, JsonNode?>(o, false))]);
                }

                variants.Add(new JsonObject
                {
                    ["if"] = new JsonObject { ["properties"] = new JsonObject { [group.Key.Name] = new JsonObject { ["const"] = group.Key.Item2 } } },
                    ["then"] = then,
                });
            }

            // A discriminator value with no variant fields forbids them all.
            foreach (var discriminator in operation.Fields.Where(u => u.Need == Need.Variant).Select(u => u.Discriminator!).Distinct())
            {
                foreach (var word in discriminator.Words.Where(w => !operation.Fields.Any(u => u.When == w)))
                {
                    variants.Add(new JsonObject
                    {
                        ["if"] = new JsonObject { ["properties"] = new JsonObject { [discriminator.Name] = new JsonObject { ["const"] = word } } },
                        ["then"] = new JsonObject { ["properties"] = new JsonObject([.. operation.Fields.Where(u => u.Need == Need.Variant).Select(u => new KeyValuePair<string, JsonNode?>(u.Field.Name, false))]) },
                    });
                }
            }

            var thenPart = new JsonObject { ["properties"] = properties };
            if (required.Count > 0)
            {
                thenPart["required"] = Strings(required);
            }

            if (variants.Count > 0)
            {
                thenPart["allOf"] = variants;
            }

            conditions.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["op"] = names.Count == 1 ? new JsonObject { ["const"] = names[0] } : new JsonObject { ["enum"] = Strings(names) } },
                    ["required"] = Strings(["op"]),
                },
                ["then"] = thenPart,
            });
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = Strings(["op"]),
            ["properties"] = new JsonObject
            {
                ["step"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                ["op"] = Ref("op"),
                ["comment"] = new JsonObject { ["type"] = "string" },
                ["observed"] = Ref("observed"),
            },
            ["allOf"] = conditions,
            ["unevaluatedProperties"] = false,
        };
    }

    private static JsonNode DefaultValue(object value) => value switch
    {
        SocketKind kind => StepFields.SocketType.NameOf(kind),
        ConnectTarget target => StepFields.Target.NameOf(target),
        string text => text,
        int number => number,
        bool flag => flag,
        _ => throw new System.Diagnostics.UnreachableException(value.GetType().Name),
    };

    private static JsonObject Header() => new()
    {
        ["type"] = "object",
        ["required"] = Strings(["format", "version", "kind"]),
        ["properties"] = new JsonObject
        {
            ["format"] = new JsonObject { ["const"] = TraceFormat.Format },
            ["version"] = new JsonObject { ["enum"] = new JsonArray(TraceFormat.Version1, TraceFormat.Version2) },
            ["kind"] = new JsonObject { ["enum"] = Strings([TraceFormat.ScenarioKind, TraceFormat.TraceKind]) },
            ["name"] = NonEmpty(),
            ["description"] = NonEmpty(),
            ["topic"] = NonEmpty(),
            ["advice"] = NonEmpty(),
            ["rules"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Z]+(?:-[0-9]+|[0-9]+)$" },
            },
            ["stack"] = NonEmpty(Strings(["model", "wine-8.0", "windows-10.0.22631"])),
            ["profile"] = NonEmpty(Strings(Profiles.All.Select(p => p.Name))),
            ["provenance"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject([.. ((string[])["os", "osBuild", "ws2_32", "wine", "probe", "date"])
                    .Select(n => new KeyValuePair<string, JsonNode?>(n, new JsonObject { ["type"] = Strings(["string", "null"]) }))]),
                ["additionalProperties"] = false,
            },
            ["observes"] = new JsonObject
            {
                ["description"] = "Version 2: the aspects the trace records, which check judges (all when left out).",
                ["type"] = "array",
                ["minItems"] = 1,
                ["items"] = new JsonObject { ["enum"] = Strings(TraceFormat.AspectWords.Select(a => a.Word)) },
            },
            ["postingDelay"] = new JsonObject
            {
                ["description"] = "Version 2, without \"posted\" observed: how many steps after its posting step a message may still be missed.",
                ["$ref"] = "#/$defs/count",
            },
        },
        ["allOf"] = Array(new JsonObject
        {
            ["if"] = new JsonObject { ["properties"] = new JsonObject { ["version"] = new JsonObject { ["const"] = TraceFormat.Version1 } } },
            ["then"] = new JsonObject { ["properties"] = new JsonObject { ["observes"] = false, ["postingDelay"] = false } },
        }),
        ["additionalProperties"] = false,
    };

    private static JsonObject End() => new()
    {
        ["type"] = "object",
        ["required"] = Strings(["end"]),
        ["properties"] = new JsonObject
        {
            ["end"] = new JsonObject { ["enum"] = Strings(["complete", "interrupted"]) },
            ["steps"] = Ref("count"),
            ["reason"] = new JsonObject { ["type"] = "string" },
        },
        ["additionalProperties"] = false,
    };

    private static JsonObject Observed() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["ret"] = new JsonObject { ["type"] = "integer" },
            ["error"] = Ref("error"),
            ["value"] = new JsonObject { ["type"] = "integer" },
            ["handle"] = new JsonObject { ["description"] = "Version 2: the SOCKET value socket or accept returned.", ["type"] = "integer", ["minimum"] = 0 },
            ["posted"] = new JsonObject { ["type"] = "array", ["items"] = Ref("message") },
            ["delivered"] = new JsonObject { ["type"] = "array", ["items"] = Ref("message") },
            ["enumerated"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = Strings(["events"]),
                ["properties"] = new JsonObject
                {
                    ["events"] = Ref("events"),
                    ["errors"] = new JsonObject { ["type"] = "object", ["propertyNames"] = Ref("fdEvent"), ["additionalProperties"] = Ref("error") },
                },
                ["additionalProperties"] = false,
            },
            ["signaled"] = new JsonObject { ["type"] = "array", ["items"] = Ref("name") },
            ["timeout"] = new JsonObject { ["type"] = "boolean" },
            ["note"] = new JsonObject { ["type"] = "string" },
        },
        ["additionalProperties"] = false,
    };

    private static JsonObject NonEmpty(JsonArray? examples = null)
    {
        var text = new JsonObject { ["type"] = "string", ["minLength"] = 1 };
        if (examples is not null)
        {
            text["examples"] = examples;
        }

        return text;
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/$defs/" + name };

    private static JsonArray Array(params JsonNode[] items) => new([.. items]);

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);
}
