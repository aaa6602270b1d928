using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests.Documents;

/// <summary>
/// Generates the two tables of docs/trace-format.md's operation reference (application calls, network inputs)
/// from the operation table: names and aliases, the fields each takes with their defaults, what it does.
/// </summary>
internal static class OperationReference
{
    public static string Table(OperationGroup group)
    {
        var text = new System.Text.StringBuilder();
        text.Append(group == OperationGroup.Call
            ? "| op | fields (default) | what it does | ret |\n"
            : "| op | fields | model meaning | on the real stack |\n");
        text.Append("| --- | --- | --- | --- |\n");
        foreach (var operation in Operations.All.Where(o => o.Group == group))
        {
            text.Append("| ").Append(string.Join(", ", operation.Names.Select(n => $"`{n}`")))
                .Append(" | ").Append(Fields(operation))
                .Append(" | ").Append(operation.Summary)
                .Append(" | ").Append(operation.Detail)
                .Append(" |\n");
        }

        return text.ToString();
    }

    private static string Fields(Operation operation)
    {
        var parts = new List<string>();
        foreach (var use in operation.Fields)
        {
            if (use.Field == StepFields.Socket)
            {
                if (use.Note is not null)
                {
                    parts.Add($"`socket`: {use.Note}");
                }

                continue;
            }

            var need = use.Need switch
            {
                Need.Required => " (required)",
                Need.Optional when use.Default is { } value => $" (default {use.Field.Literal(value)})",
                Need.Optional => " (optional)",
                Need.Variant => $" (with `{use.Discriminator!.Name}` `\"{use.When}\"`)",
                _ => throw new System.Diagnostics.UnreachableException(use.Need.ToString()),
            };
            parts.Add($"`{use.Field.Name}`{need}: {use.Note ?? use.Field.Reference}");
        }

        if (!operation.Fields.Any(u => u.Field == StepFields.Socket))
        {
            parts.Add("no `socket`");
        }

        return parts.Count == 0 ? "—" : string.Join("; ", parts);
    }
}
