using System.Globalization;
using System.Runtime.CompilerServices;
using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace WinsockConformance.Properties;

/// <summary>
/// Runs an FsCheck property from a plain xunit fact (FsCheck.Xunit does not restore here;
/// house-style-anchors.md 2.4). The seed is random unless <c>FSCHECK_REPLAY</c> pins it; the replay
/// tuple is printed on every failure, followed by the shrunk scenario as a scenario file.
/// </summary>
public static class PropertyCheck
{
    /// <summary>"seed,gamma" or "seed,gamma,size", with or without parentheses, as FsCheck prints it.</summary>
    public const string ReplayVariable = "FSCHECK_REPLAY";

    /// <summary>Raises (or lowers) the number of tests of every property, for soak runs.</summary>
    public const string MaxTestVariable = "FSCHECK_MAXTEST";

    /// <summary>A property labels a failure with this prefix and the profile it failed under.</summary>
    public const string ProfileLabel = "under profile ";

    public static void Run(ITestOutputHelper output, Property property, int maxTest = 1000, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(output);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(MaxTestOverride() ?? maxTest)
            .WithName(name)
            .WithRunner(new OutputRunner(output));
        if (ReplayOverride() is { } replay)
        {
            output.WriteLine($"{ReplayVariable} is set: replaying {replay}");
            config = replay.Size is { } size
                ? config.WithReplay(replay.Seed, replay.Gamma, size)
                : config.WithReplay(replay.Seed, replay.Gamma);
        }

        Check.One(config, property);
    }

    /// <summary>A parsed replay tuple.</summary>
    public readonly record struct ReplayTuple(ulong Seed, ulong Gamma, int? Size)
    {
        public override string ToString() => Size is { } size
            ? string.Create(CultureInfo.InvariantCulture, $"({Seed},{Gamma},{size})")
            : string.Create(CultureInfo.InvariantCulture, $"({Seed},{Gamma})");
    }

    /// <summary>Parses a replay tuple exactly like FsCheck.Xunit's parseReplay: trim parentheses, split on commas.</summary>
    public static ReplayTuple ParseReplay(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().TrimStart('(').TrimEnd(')').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gamma))
        {
            throw new FormatException($"{ReplayVariable}=\"{text}\": expected \"seed,gamma\" or \"seed,gamma,size\", as FsCheck prints it");
        }

        if (gamma % 2 == 0)
        {
            throw new FormatException($"{ReplayVariable}=\"{text}\": gamma must be odd (FsCheck's Rnd rejects an even gamma)");
        }

        int? size = null;
        if (parts.Length == 3)
        {
            size = int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? s
                : throw new FormatException($"{ReplayVariable}=\"{text}\": size must be a non-negative integer");
        }

        return new ReplayTuple(seed, gamma, size);
    }

    private static ReplayTuple? ReplayOverride() =>
        Environment.GetEnvironmentVariable(ReplayVariable) is { Length: > 0 } text ? ParseReplay(text) : null;

    private static int? MaxTestOverride()
    {
        var text = Environment.GetEnvironmentVariable(MaxTestVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{MaxTestVariable}=\"{text}\": expected a positive number of tests");
    }

    /// <summary>FsCheck.Xunit's runner (CheckExtensions.fs): everything to the test output, throw on failure.</summary>
    private sealed class OutputRunner(ITestOutputHelper output) : IRunner
    {
        public void OnStartFixture(Type t) => output.WriteLine(Runner.onStartFixtureToString(t));

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
            var text = every.Invoke(ntest).Invoke(args);
            if (!string.IsNullOrEmpty(text))
            {
                output.WriteLine(text);
            }
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
            var text = everyShrink.Invoke(args);
            if (!string.IsNullOrEmpty(text))
            {
                output.WriteLine(text);
            }
        }

        public void OnFinished(string name, TestResult testResult)
        {
            var text = Runner.onFinishedToString(name, testResult);
            if (testResult is TestResult.Failed failed)
            {
                text += FailureFooter(failed);
            }

            output.WriteLine(text);
            if (!testResult.IsPassed)
            {
                throw new PropertyFailedException(text);
            }
        }

        /// <summary>The replay line and, for a scenario argument, the shrunk scenario verbatim (a file to save and run with explain).</summary>
        private static string FailureFooter(TestResult.Failed failed)
        {
            var (original, last, size) = (failed.Item5, failed.Item6, failed.Item7);
            var footer = string.Create(
                CultureInfo.InvariantCulture,
                $"\nReplay this run: {ReplayVariable}=\"{original.Seed},{original.Gamma}\"; only the failing test: {ReplayVariable}=\"{last.Seed},{last.Gamma},{size}\"\n");
            foreach (var arg in failed.Item3)
            {
                if (arg is Scenario scenario)
                {
                    var profile = failed.Item1.Labels.FirstOrDefault(l => l.StartsWith(ProfileLabel, StringComparison.Ordinal))?[ProfileLabel.Length..]
                        ?? scenario.Profile.Name;
                    footer += $"\nShrunk counterexample as a scenario file (save as counterexample.jsonl; run: explain counterexample.jsonl --profile {profile}):\n{scenario}\n";
                }
            }

            return footer;
        }
    }
}

/// <summary>A property was falsified; the message is FsCheck's report plus the replay line and the shrunk scenario.</summary>
public sealed class PropertyFailedException(string message) : Exception(message);
