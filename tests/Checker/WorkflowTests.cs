using System.Text;
using System.Text.RegularExpressions;
using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Cli;
using YamlDotNet.RepresentationModel;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The GitHub Actions workflows cannot run here (no GitHub runner), so they are kept valid by reading them: each parses
/// as YAML with the keys Actions needs, every <c>./conformance</c> command line in them, for every matrix combination, is
/// one the script and the tool accept, and the fuzz matrix's merge job puts back together exactly the shards its fuzz
/// jobs write.
/// </summary>
public sealed partial class WorkflowTests
{
    /// <summary>The stacks <c>./conformance</c> itself takes out of a run or fuzz command line (scripts/stacks.sh).</summary>
    private static readonly string[] s_scriptStacks = ["wine-8", "wine-10", "windows", "model"];

    public static TheoryData<string> Workflows() =>
        [.. Directory.EnumerateFiles(Repository.PathOf(".github/workflows"), "*.yml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_workflow_parses_with_a_trigger_and_jobs_that_have_steps(string file)
    {
        // Given / When
        var workflow = Load(file);

        // Then
        Assert.True(workflow.Children.ContainsKey(new YamlScalarNode("on")), $"{file}: no 'on' trigger");
        var jobs = Mapping(workflow, "jobs");
        Assert.NotEmpty(jobs.Children);
        foreach (var (name, job) in jobs.Children)
        {
            var steps = (YamlSequenceNode)((YamlMappingNode)job).Children[new YamlScalarNode("steps")];
            Assert.True(steps.Children.Count > 0, $"{file}: job {name} has no steps");
            if (((YamlMappingNode)job).Children.TryGetValue(new YamlScalarNode("needs"), out var needs))
            {
                Assert.True(jobs.Children.ContainsKey(new YamlScalarNode(((YamlScalarNode)needs).Value!)), $"{file}: job {name} needs an unknown job");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_conformance_command_line_is_one_the_tool_accepts_in_every_matrix_combination(string file)
    {
        // Given the workflow's ./conformance lines, expanded for each job's matrix combinations
        var workflow = Load(file);
        var lines = CommandLines(workflow).ToList();
        Assert.NotEmpty(lines);

        foreach (var (job, line) in lines)
        {
            // When the script's own options are taken out and the rest is parsed by the tool
            var words = ShellWords(line);
            Assert.Equal("./conformance", words[0]);
            var command = words[1];
            var rest = words.Skip(2).ToList();
            var stack = TakeOption(rest, "--stack");
            Assert.True(stack is null || s_scriptStacks.Contains(stack), $"{file} ({job}): unknown stack '{stack}' in: {line}");
            Assert.True(command is "run" or "fuzz" or "merge", $"{file} ({job}): unexpected command '{command}' in: {line}");
            using var output = new StringWriter();
            var parse = ConformanceCli.Root(output, output).Parse([command, .. rest]);

            // Then it parses without errors
            Assert.True(parse.Errors.Count == 0, $"{file} ({job}): {line}\n{string.Join('\n', parse.Errors.Select(e => e.Message))}");
        }
    }

    [Fact]
    public void The_fuzz_matrix_merges_exactly_the_shards_its_jobs_write()
    {
        // Given the fuzz matrix: the fuzz jobs' --shard I/N and --report files, the merge jobs' inputs
        var workflow = Load("fuzz-matrix.yml");
        var lines = CommandLines(workflow).Select(l => (l.Job, Words: ShellWords(l.Line))).ToList();
        var fuzz = lines.Where(l => l.Words[1] == "fuzz").ToList();
        var merges = lines.Where(l => l.Words[1] == "merge").ToList();

        // Then every shard 1..N of each stack is run once, and each stack's merge names its N reports
        var shards = fuzz.Select(l => (Stack: Value(l.Words, "--stack")!, Shard: Value(l.Words, "--shard")!, Report: Value(l.Words, "--report")!)).ToList();
        Assert.NotEmpty(shards);
        var of = shards.Select(s => int.Parse(s.Shard.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Single();
        foreach (var stack in shards.Select(s => s.Stack).Distinct())
        {
            var mine = shards.Where(s => s.Stack == stack).ToList();
            Assert.Equal(Enumerable.Range(1, of).Select(i => $"{i}/{of}"), mine.Select(s => s.Shard).Order(StringComparer.Ordinal));
            var merge = Assert.Single(merges, m => m.Job.Contains($"stack={stack}", StringComparison.Ordinal));
            var inputs = merge.Words.Skip(2).TakeWhile(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            Assert.Equal(mine.Select(s => s.Report).Order(StringComparer.Ordinal), inputs.Order(StringComparer.Ordinal));
        }

        // And every shard runs the same campaign (the same count and seed), so the merge is of one run
        Assert.Single(fuzz.Select(l => $"{Value(l.Words, "--count")} {Value(l.Words, "--seed")}").Distinct());
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf(Path.Combine(".github", "workflows", file)), Encoding.UTF8);
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    /// <summary>Each <c>./conformance</c> line of every step, once per matrix combination of its job, with expressions and env variables expanded.</summary>
    private static IEnumerable<(string Job, string Line)> CommandLines(YamlMappingNode workflow)
    {
        var env = Variables(workflow);
        foreach (var (jobName, jobNode) in Mapping(workflow, "jobs").Children)
        {
            var job = (YamlMappingNode)jobNode;
            foreach (var combination in Combinations(job))
            {
                var label = $"{jobName}" + string.Concat(combination.Select(c => $" {c.Key}={c.Value}"));
                foreach (var step in ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>())
                {
                    if (!step.Children.TryGetValue(new YamlScalarNode("run"), out var run))
                    {
                        continue;
                    }

                    foreach (var line in ((YamlScalarNode)run).Value!.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("./conformance ", StringComparison.Ordinal)))
                    {
                        var expanded = Expression().Replace(line, m => combination.TryGetValue(m.Groups["name"].Value, out var v)
                            ? v
                            : throw new InvalidOperationException($"{label}: no value for ${{{{ {m.Groups["name"].Value} }}}} in: {line}"));
                        expanded = EnvReference().Replace(expanded, m => env.TryGetValue(m.Groups["name"].Value, out var v)
                            ? v
                            : throw new InvalidOperationException($"{label}: no env value for ${m.Groups["name"].Value} in: {line}"));
                        yield return (label, expanded);
                    }
                }
            }
        }
    }

    /// <summary>The workflow's env values; an expression "inputs.x || 'default'" gives its default.</summary>
    private static Dictionary<string, string> Variables(YamlMappingNode workflow)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (workflow.Children.TryGetValue(new YamlScalarNode("env"), out var env))
        {
            foreach (var (key, value) in ((YamlMappingNode)env).Children)
            {
                var text = ((YamlScalarNode)value).Value!;
                var fallback = Regex.Match(text, @"\|\|\s*'(?<v>[^']*)'");
                values[((YamlScalarNode)key).Value!] = fallback.Success ? fallback.Groups["v"].Value : text;
            }
        }

        return values;
    }

    /// <summary>Every combination of the job's strategy.matrix as "matrix.key" values (one empty combination without a matrix).</summary>
    private static IEnumerable<Dictionary<string, string>> Combinations(YamlMappingNode job)
    {
        IEnumerable<Dictionary<string, string>> combinations = [new Dictionary<string, string>(StringComparer.Ordinal)];
        if (!job.Children.TryGetValue(new YamlScalarNode("strategy"), out var strategy)
            || !((YamlMappingNode)strategy).Children.TryGetValue(new YamlScalarNode("matrix"), out var matrix))
        {
            return combinations;
        }

        foreach (var (key, values) in ((YamlMappingNode)matrix).Children)
        {
            var name = "matrix." + ((YamlScalarNode)key).Value;
            var options = ((YamlSequenceNode)values).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
            combinations = combinations.SelectMany(c => options.Select(o => new Dictionary<string, string>(c, StringComparer.Ordinal) { [name] = o })).ToList();
        }

        return combinations;
    }

    /// <summary>Splits a command line as bash would for these lines: spaces separate words, double quotes group.</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                Assert.False(c is '\'' or '\\' or '`' or '|' or ';' or '&' or '<' or '>', $"unexpected shell syntax '{c}' in: {line}");
                word.Append(c);
                inWord = true;
            }
        }

        Assert.False(quoted, $"unbalanced quotes in: {line}");
        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Removes "--name value" from the words and returns the value (null if absent).</summary>
    private static string? TakeOption(List<string> words, string name)
    {
        var at = words.IndexOf(name);
        if (at < 0)
        {
            return null;
        }

        Assert.True(at + 1 < words.Count, $"{name} without a value");
        var value = words[at + 1];
        words.RemoveRange(at, 2);
        return value;
    }

    private static string? Value(List<string> words, string name)
    {
        var at = words.IndexOf(name);
        return at >= 0 && at + 1 < words.Count ? words[at + 1] : null;
    }

    [GeneratedRegex(@"\$\{\{\s*(?<name>[A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\$(?<name>[A-Z][A-Z0-9_]*)")]
    private static partial Regex EnvReference();
}
