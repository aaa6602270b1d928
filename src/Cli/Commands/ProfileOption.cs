using System.CommandLine;
using WinsockConformance.Model;

namespace WinsockConformance.Cli;

/// <summary>The --profile option every command shares.</summary>
internal static class ProfileOption
{
    public static Option<string> Create(string? defaultProfile) => new("--profile", "-p")
    {
        Description = $"Profile to judge against: {Profiles.Names}" + (defaultProfile is null ? " (default: chosen from the stack)" : $" (default: {defaultProfile})"),
        DefaultValueFactory = defaultProfile is null ? null! : _ => defaultProfile,
    };

    /// <summary>Resolves a profile name, or reports bad input.</summary>
    public static Profile Resolve(string name) =>
        Profiles.Find(name) ?? throw new UsageException($"unknown profile '{name}'; expected one of: {Profiles.Names}");
}

/// <summary>A command-line mistake: reported in one line with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The real stack is unusable (self-test failed): exit code 3.</summary>
internal sealed class StackUnavailableException(string message) : Exception(message);
