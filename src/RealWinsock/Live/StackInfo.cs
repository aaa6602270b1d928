using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Ntdll = WinsockConformance.RealWinsock.Interop.Interop.Ntdll;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Provenance of a capture: which OS and which ws2_32 produced it, and by which probe. Under Wine, ntdll exports
/// wine_get_version, which is how Wine is detected; the OS version Windows reports is then Wine's emulated one.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed record StackInfo(
    string OsDescription,
    string OsVersion,
    string FrameworkDescription,
    string ProcessArchitecture,
    string Ws2_32Path,
    string? Ws2_32FileVersion,
    string? Ws2_32ProductVersion,
    string? WineVersion,
    string? WineHost,
    string? WinsockDescription,
    string ProbeVersion)
{
    public bool IsWine => WineVersion is not null;

    /// <summary>Collects the facts; <paramref name="api"/> (optional) adds WSADATA.szDescription.</summary>
    public static StackInfo Capture(WinsockApi? api = null)
    {
        string ws2_32 = Path.Combine(Environment.SystemDirectory, "ws2_32.dll");
        string? fileVersion = null;
        string? productVersion = null;
        if (File.Exists(ws2_32))
        {
            FileVersionInfo info = FileVersionInfo.GetVersionInfo(ws2_32);
            fileVersion = info.FileVersion;
            productVersion = info.ProductVersion;
        }

        (string? SysName, string? Release)? host = Ntdll.TryGetWineHostVersion();
        Assembly probe = typeof(StackInfo).Assembly;
        string probeVersion = probe.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? probe.GetName().Version?.ToString()
            ?? "unknown";

        return new StackInfo(
            OsDescription: RuntimeInformation.OSDescription,
            OsVersion: Environment.OSVersion.VersionString,
            FrameworkDescription: RuntimeInformation.FrameworkDescription,
            ProcessArchitecture: RuntimeInformation.ProcessArchitecture.ToString(),
            Ws2_32Path: ws2_32,
            Ws2_32FileVersion: fileVersion,
            Ws2_32ProductVersion: productVersion,
            WineVersion: Ntdll.TryGetWineVersion(),
            WineHost: host is { } h ? $"{h.SysName} {h.Release}" : null,
            WinsockDescription: api?.Description,
            ProbeVersion: probeVersion);
    }

    /// <summary>One "key: value" line per fact, for a trace header.</summary>
    public IEnumerable<string> ToHeaderLines()
    {
        yield return $"os: {OsDescription}";
        yield return $"os-version: {OsVersion}";
        yield return $"runtime: {FrameworkDescription} {ProcessArchitecture}";
        yield return $"ws2_32: {Ws2_32Path} file {Ws2_32FileVersion ?? "?"} product {Ws2_32ProductVersion ?? "?"}";
        if (WinsockDescription is not null)
        {
            yield return $"winsock: {WinsockDescription}";
        }

        yield return IsWine ? $"wine: {WineVersion} on {WineHost ?? "?"}" : "wine: no";
        yield return $"probe: {ProbeVersion}";
    }
}
