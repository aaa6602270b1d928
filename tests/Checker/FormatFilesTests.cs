using System.Text.Json;
using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>The files in the repository that use the format, and the format's own documentation, agree with the reader.</summary>
public sealed class FormatFilesTests
{
    public static TheoryData<string> CorpusFiles() => [.. Repository.JsonLinesFiles("scenarios", "traces", "docs/examples")];

    public static TheoryData<string> TraceFilesInRepository() => [.. Repository.JsonLinesFiles("traces", "docs/examples").Where(IsTrace)];

    private static bool IsTrace(string relative) => !TraceReader.ReadFile(Repository.PathOf(relative)).Header.IsScenario;

    public sealed class CorpusFilesParse
    {
        [Theory]
        [MemberData(nameof(CorpusFiles), MemberType = typeof(FormatFilesTests))]
        public void Every_scenario_and_trace_file_reads_and_explains_without_bad_input(string file)
        {
            // Given a file committed to the repository
            var path = Repository.PathOf(file);

            // When it is read and explained under every profile
            var trace = TraceReader.ReadFile(path);
            var explain = ProbeRun.Of("explain", path, "--all-profiles");

            // Then
            Assert.NotEmpty(trace.Steps);
            Assert.True(explain.ExitCode == 0, explain.ToString());
        }

        [Theory]
        [MemberData(nameof(TraceFilesInRepository), MemberType = typeof(FormatFilesTests))]
        public void Every_trace_file_can_be_checked(string file)
        {
            // When
            var run = ProbeRun.Of("check", Repository.PathOf(file));

            // Then the verdict may be anything but bad input
            Assert.True(run.ExitCode is 0 or 1, run.ToString());
        }

        [Fact]
        public void A_trace_written_by_TraceWriter_from_the_model_reads_back_and_conforms()
        {
            // Given the seed's scenario run through the model and written as a trace
            var scenario = TraceReader.ReadFile(Repository.PathOf("docs/examples/close-with-unread-data.scenario.jsonl"));
            var results = ModelStep.Run(scenario, Profiles.Windows);
            using var text = new StringWriter();
            using (var writer = new TraceWriter(text))
            {
                writer.WriteHeader(scenario.Header with { Kind = TraceFormat.TraceKind, Stack = "model", Profile = "windows" });
                for (var i = 0; i < results.Count; i++)
                {
                    writer.WriteStep(scenario.Steps[i].Input, RenderedObservation.FromModel(results[i].Observation, results[i].State), scenario.Steps[i].Comment);
                }

                writer.WriteEnd(complete: true);
            }

            // When
            var trace = TraceReader.Read("written", text.ToString().Split('\n'));
            var report = Checker.Check(trace, Profiles.Windows);

            // Then
            Assert.True(trace.Complete);
            Assert.Equal(scenario.Steps.Select(s => s.Input), trace.Steps.Select(s => s.Input));
            Assert.Equal(Verdict.Conforms, report.Verdict);
        }
    }

    public sealed class Schema
    {
        private static readonly JsonDocument s_schema = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("docs/trace-format.schema.json")));

        private static JsonElement Defs => s_schema.RootElement.GetProperty("$defs");

        private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

        [Fact]
        public void The_schema_is_a_draft_2020_12_schema_for_header_step_or_end()
        {
            // Given the schema file (parsing it proves it is valid JSON)
            var root = s_schema.RootElement;

            // Then
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
            Assert.Equal(["#/$defs/header", "#/$defs/step", "#/$defs/end"], root.GetProperty("oneOf").EnumerateArray().Select(e => e.GetProperty("$ref").GetString()));
            Assert.Equal(TraceFormat.Format, Defs.GetProperty("header").GetProperty("properties").GetProperty("format").GetProperty("const").GetString());
            Assert.Equal([TraceFormat.Version1, TraceFormat.Version2], Defs.GetProperty("header").GetProperty("properties").GetProperty("version").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));
        }

        [Fact]
        public void The_op_enum_lists_exactly_the_operations_the_reader_knows()
        {
            // When
            var ops = Strings(Defs.GetProperty("op").GetProperty("enum"));

            // Then
            Assert.Equal(Operations.Names, ops);
        }

        [Fact]
        public void Every_operation_has_exactly_one_if_then_with_its_fields()
        {
            // Given the per-op conditions of the step definition
            var covered = new List<string>();
            foreach (var rule in Defs.GetProperty("step").GetProperty("allOf").EnumerateArray())
            {
                var op = rule.GetProperty("if").GetProperty("properties").GetProperty("op");
                covered.AddRange(op.TryGetProperty("const", out var single) ? [single.GetString()!] : Strings(op.GetProperty("enum")));
                Assert.True(rule.TryGetProperty("then", out _), $"no \"then\" for {op}");
            }

            // Then
            Assert.Equal(Operations.Names.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        }

        [Fact]
        public void The_event_and_error_names_are_the_model_s()
        {
            // When
            var events = Strings(Defs.GetProperty("fdEvent").GetProperty("enum"));
            var errors = Strings(Defs.GetProperty("error").GetProperty("anyOf")[0].GetProperty("enum"));

            // Then
            Assert.Equal(NetworkEventNames.Bits.Select(b => b.NativeName()), events);
            Assert.Equal(Enum.GetValues<WsaError>().Select(e => e.NativeName()).Order(StringComparer.Ordinal), errors.Order(StringComparer.Ordinal));
        }
    }

    public sealed class Documentation
    {
        private const string Scenario = "docs/examples/close-with-unread-data.scenario.jsonl";
        private const string Trace = "docs/examples/close-with-unread-data.trace.jsonl";

        private static readonly string s_doc = File.ReadAllText(Repository.PathOf("docs/trace-format.md")).ReplaceLineEndings("\n");

        /// <summary>Runs a command on a repository file and prints the path as the docs do (relative to the root).</summary>
        private static ProbeRun Run(params string[] args)
        {
            var run = ProbeRun.Of([.. args.Select(a => a.StartsWith("docs/", StringComparison.Ordinal) ? Repository.PathOf(a) : a)]);
            return run with { Out = run.Out.Replace(Repository.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal).Replace('\\', '/') };
        }

        [Fact]
        public void The_worked_example_s_explain_output_is_pasted_as_printed()
        {
            // When
            var run = Run("explain", Scenario);

            // Then
            Assert.Equal(0, run.ExitCode);
            Assert.True(s_doc.Contains(run.Out, StringComparison.Ordinal), $"docs/trace-format.md is stale; paste the new output of explain {Scenario}:\n{run.Out}");
        }

        [Fact]
        public void The_worked_example_diverges_under_windows_with_the_report_pasted_as_printed()
        {
            // When
            var run = Run("check", Trace);

            // Then
            Assert.Equal(1, run.ExitCode);
            Assert.True(s_doc.Contains(run.Out, StringComparison.Ordinal), $"docs/trace-format.md is stale; paste the new output of check {Trace}:\n{run.Out}");
        }

        [Fact]
        public void The_worked_example_conforms_under_wine_8()
        {
            // When
            var run = Run("check", Trace, "--profile", "wine-8");

            // Then
            Assert.Equal(0, run.ExitCode);
            Assert.True(s_doc.Contains(run.Out, StringComparison.Ordinal), $"docs/trace-format.md is stale:\n{run.Out}");
        }

        [Fact]
        public void Every_json_example_in_the_docs_is_a_line_of_the_format_and_every_complete_file_reads()
        {
            // Given the ```json blocks of docs/trace-format.md
            var blocks = s_doc.Split("```json\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)].TrimEnd('\n').Split('\n')).ToList();
            Assert.NotEmpty(blocks);

            foreach (var lines in blocks)
            {
                // Then each line is one JSON object
                Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));

                // And a block that starts with a header reads as a file, and explains
                if (lines[0].StartsWith("{\"format\"", StringComparison.Ordinal))
                {
                    var trace = TraceReader.Read("docs", lines);
                    _ = ModelStep.Run(trace, Profiles.Windows);
                }
            }
        }

        [Fact]
        public void Every_operation_is_in_the_reference_tables()
        {
            // Then
            Assert.All(Operations.Names, op => Assert.Contains($"`{op}`", s_doc, StringComparison.Ordinal));
        }

        [Fact]
        public void Every_event_and_error_is_in_the_name_tables()
        {
            // Then
            Assert.All(NetworkEventNames.Bits, bit => Assert.Contains($"| `{bit.NativeName()}` | 0x{(int)bit:X3} | `{bit}` |", s_doc, StringComparison.Ordinal));
            Assert.All(Enum.GetValues<WsaError>(), e => Assert.Contains($"| `{e.NativeName()}` | {(int)e} | `{e}` |", s_doc, StringComparison.Ordinal));
        }
    }
}
