using System.CommandLine;
using System.Globalization;
using WinsockConformance.Reports;

namespace WinsockConformance.Cli;

/// <summary>
/// merge REPORT...: the JSON reports of the shards of one run (<c>--shard I/N</c>, on the jobs of a CI matrix) put back
/// together: results in the run's order, rule coverage counted over all of them, one JSON report and one JUnit file,
/// and the summary the whole run would have printed. Reports of different runs (another stack, profile or seed), or
/// shards that overlap, are bad input.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("report") { Description = "JSON reports written by run or fuzz with --report (one per shard)", Arity = ArgumentArity.OneOrMore };
        var report = new Option<string?>("--report") { Description = "Write the merged JSON report here" };
        var junit = new Option<string?>("--junit") { Description = "Write the merged JUnit XML report here" };
        var coverage = new Option<string?>("--coverage") { Description = "fuzz: write the merged rule coverage as Markdown here" };
        var command = new Command("merge", "Put the JSON reports of a sharded run back together: one report, one JUnit file, rule coverage merged.")
        {
            files, report, junit, coverage,
        };
        command.SetAction(parse => Guard.Run(stderr, () =>
        {
            var paths = parse.GetValue(files)!;
            OutputPaths.RequireWritableFile("--report", parse.GetValue(report));
            OutputPaths.RequireWritableFile("--junit", parse.GetValue(junit));
            OutputPaths.RequireWritableFile("--coverage", parse.GetValue(coverage));
            var merged = Merge([.. paths.Select(p => (p, RunReportJson.Read(p)))]);
            stdout.Write(merged.Fuzz is null ? RunReportWriter.Summary(merged) : FuzzReport.Summary(merged));
            if (parse.GetValue(report) is { } json)
            {
                RunReportWriter.WriteJson(merged, json);
            }

            if (parse.GetValue(junit) is { } xml)
            {
                RunReportWriter.WriteJUnit(merged, xml);
            }

            if (parse.GetValue(coverage) is { } markdown)
            {
                var fuzz = merged.Fuzz ?? throw new UsageException("--coverage: the reports are not of a fuzz run");
                var runLine = string.Create(CultureInfo.InvariantCulture, $"{merged.Results.Count} generated scenarios, {merged.Steps} steps; {merged.Conforming} conforming, {merged.UnexpectedDivergences} unresolved disagreements.");
                var commandLine = $"./conformance merge {string.Join(' ', paths)} --coverage {markdown.Replace('\\', '/')}";
                File.WriteAllText(markdown, RunReportJson.Coverage(merged).Markdown(commandLine, fuzz.StackDescription ?? merged.Stack, runLine, Generation.KnownFindings.All.Where(f => fuzz.KnownFindingsAvoided.Contains(f.Id)).ToList()));
            }

            return merged.Interrupted || !merged.Passed ? ExitCodes.Diverges : ExitCodes.Conforms;
        }));
        return command;
    }

    /// <summary>One report from the reports of one run's shards.</summary>
    public static RunReport Merge(IReadOnlyList<(string Path, RunReport Report)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var (firstPath, first) = parts[0];
        foreach (var (path, part) in parts.Skip(1))
        {
            var differs = part.Command != first.Command ? $"command {part.Command} (not {first.Command})"
                : part.Stack != first.Stack ? $"stack {part.Stack} (not {first.Stack})"
                : part.Profile != first.Profile ? $"profile {part.Profile} (not {first.Profile})"
                : part.Repeat != first.Repeat ? $"--repeat {part.Repeat} (not {first.Repeat})"
                : part.Fuzz?.Seed != first.Fuzz?.Seed ? $"seed {part.Fuzz?.Seed} (not {first.Fuzz?.Seed})"
                : null;
            if (differs is not null)
            {
                throw new UsageException($"{path}: not a shard of the same run as {firstPath}: {differs}");
            }
        }

        var results = parts.SelectMany(p => p.Report.Results.Select(r => (p.Path, Result: r))).OrderBy(x => x.Result.Index).ToList();
        for (var i = 1; i < results.Count; i++)
        {
            if (results[i].Result.Index == results[i - 1].Result.Index)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{results[i].Path}: scenario #{results[i].Result.Index} ({results[i].Result.Scenario}) is in {results[i - 1].Path} too: the shards overlap"));
            }
        }

        var interruptions = parts.Where(p => p.Report.Interruption is not null).Select(p => $"{p.Path}: {p.Report.Interruption}").ToList();
        FuzzSection? fuzz = first.Fuzz is null ? null : first.Fuzz with
        {
            Start = parts.Min(p => p.Report.Fuzz!.Start),
            Count = parts.Sum(p => p.Report.Fuzz!.Count),
        };
        return first with
        {
            Results = [.. results.Select(x => x.Result)],
            Planned = parts.Sum(p => p.Report.Planned),
            DurationSeconds = parts.Sum(p => p.Report.DurationSeconds),
            Interruption = interruptions.Count == 0 ? null : string.Join("; ", interruptions),
            Shard = null,
            Fuzz = fuzz,
        };
    }
}
