using System.CommandLine;
using System.Globalization;
using WinsockConformance.Model;
using WinsockConformance.RealWinsock.Live;
using WinsockConformance.Stacks;
using WinsockConformance.Traces;
// Model has an internal Settling of its own (the model settling a state); here it is the live run's settling wait.
using Settling = WinsockConformance.RealWinsock.Live.Settling;

namespace WinsockConformance.Cli;

/// <summary>What run and fuzz share: the stack, the quiet period, --jobs, --shard, and the line that names the stack.</summary>
internal static class RunOptions
{
    /// <summary>The longest quiet period a step may wait after its predicted effects (a bound, so no value can hang a run).</summary>
    public const int MaxQuietMs = 1000;

    /// <summary>--quiet-ms: unset, each stack settles its own way (the wineserver's ordering under Wine, <paramref name="windowsDefaultMs"/> of quiet on Windows).</summary>
    public static Option<int?> Quiet(int windowsDefaultMs) => new("--quiet-ms")
    {
        Description = $"Settle every step by this quiet period after its predicted effects arrived, 0 to {MaxQuietMs} ms (default: the wineserver's ordering under Wine, {windowsDefaultMs} ms on Windows)",
    };

    public static int? CheckQuiet(int? ms) =>
        ms is null or (>= 0 and <= MaxQuietMs) ? ms : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--quiet-ms {ms}: expected 0 to {MaxQuietMs} (milliseconds)"));

    /// <summary>--quiet-ms for a worker's command line: only when it was given.</summary>
    public static IEnumerable<string> QuietArguments(int? ms) =>
        ms is { } value ? ["--quiet-ms", value.ToString(CultureInfo.InvariantCulture)] : [];

    public static Option<int?> Jobs() => new("--jobs", "-j")
    {
        Description = "Worker processes, each with its own stack, peers and windows; results merged in the original order (default: the number of cores for a live stack, 1 for the model)",
    };

    public static Option<string?> Shard(string what) => new("--shard")
    {
        Description = $"Run only part I of N of {what} (1 <= I <= N; contiguous, the same on every machine): for CI matrices, put back together with ./conformance merge",
    };

    public static Option<string?> Worker() => new("--worker") { Hidden = true, Description = "Internal: run as worker W of N for --jobs" };

    /// <summary>How many workers: --jobs, else the cores for a live stack (1 for the model), never more than the scenarios.</summary>
    public static int JobsFor(int? jobs, string stackKind, long scenarios)
    {
        if (jobs is < 1)
        {
            throw new UsageException("--jobs must be at least 1");
        }

        var wanted = jobs ?? (stackKind == "live" ? Environment.ProcessorCount : 1);
        return (int)Math.Max(1, Math.Min(wanted, scenarios));
    }

    /// <summary>
    /// What the live stack needs, said where it is missing. The installed .NET tool has no ./conformance beside it, so the
    /// message names both ways: the checkout's script, which publishes this tool for win-x64 and starts it under Wine, and
    /// doing that by hand.
    /// </summary>
    internal const string LiveNeeds =
        "the live stack is the real ws2_32, so it needs Windows, or Wine on Linux: in a checkout of the repository, " +
        "./conformance run (or ./conformance fuzz) publishes this tool for win-x64 and starts it under Wine; without the " +
        "script, publish it from a checkout (dotnet publish src/Cli/Cli.csproj -r win-x64 --self-contained -o DIR) and run " +
        "DIR/winsock-conformance.exe under wine. --stack model runs the model instead, with .NET alone";

    /// <summary>The stack's name, its own profile and why it follows that profile when it is not that profile's stack, without starting it (so the input is checked first).</summary>
    public static (string Name, Profile NativeProfile, string? ProfileNote) Identify(string kind, string? profile)
    {
        if (kind.StartsWith("model", StringComparison.Ordinal))
        {
            var model = ModelProfile(kind, profile);
            return (new ModelStack(model).Name, model, null);
        }

        if (kind != "live")
        {
            throw new UsageException($"unknown stack '{kind}'; expected live, model or model:PROFILE");
        }

        return OperatingSystem.IsWindows()
            ? LiveStack.Identify()
            : throw new UsageException(LiveNeeds);
    }

    public static IScenarioStack CreateStack(string kind, Profile judged, int? quietMs, int windowsQuietMs)
    {
        if (kind.StartsWith("model", StringComparison.Ordinal))
        {
            return new ModelStack(kind == "model" ? judged : ModelProfile(kind, null));
        }

        if (!OperatingSystem.IsWindows())
        {
            throw new UsageException(LiveNeeds);
        }

        try
        {
            return new LiveStack(Settling.Choose(quietMs, TimeSpan.FromMilliseconds(windowsQuietMs)));
        }
        catch (StackFailureException e)
        {
            throw new StackUnavailableException(e.Message);
        }
    }

    /// <summary>Tells <paramref name="starting"/> each step a live stack starts (the journal's and the workers' "at" lines).</summary>
    public static void OnStep(IScenarioStack stack, Action<int, string> starting)
    {
        if (OperatingSystem.IsWindows() && stack is LiveStack live)
        {
            live.StepStarting = starting;
        }
    }

    /// <summary>Whether the stack can run the scenario (the loopback probe cannot produce some inputs).</summary>
    public static bool Runnable(string kind, Trace scenario) => kind != "live" || !OperatingSystem.IsWindows() || LiveStack.Unreachable(scenario) is null;

    /// <summary>"stack wine-8.0 (…; ws2_32 …; wine …), profile wine-8", and for the real stack how its steps settle.</summary>
    public static string StackLine(IScenarioStack stack, Profile judged) =>
        $"stack {stack.Name} ({stack.Provenance.Os}; ws2_32 {stack.Provenance.Ws2_32 ?? "?"}{(stack.Provenance.Wine is null ? string.Empty : "; wine " + stack.Provenance.Wine)}), profile {judged.Name}"
        + (OperatingSystem.IsWindows() && stack is LiveStack live ? $"; settling: {live.SettlingDescription}" : string.Empty);

    /// <summary>"wine-8.0 (Microsoft Windows …; wine 8.0 on Linux …)", as the coverage file names the stack.</summary>
    public static string StackDescription(IScenarioStack stack) =>
        $"{stack.Name} ({stack.Provenance.Os}{(stack.Provenance.Wine is null ? string.Empty : "; wine " + stack.Provenance.Wine)})";

    private static Profile ModelProfile(string kind, string? profile) => kind switch
    {
        "model" => ProfileOption.Resolve(profile ?? Profiles.Windows.Name),
        _ when kind.StartsWith("model:", StringComparison.Ordinal) => ProfileOption.Resolve(kind["model:".Length..]),
        _ => throw new UsageException($"unknown stack '{kind}'; expected live, model or model:PROFILE"),
    };
}
