using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Shouldly;
using Shouldly.Configuration;

namespace WinsockConformance.Snapshots;

/// <summary>
/// Shouldly's approval files, named and placed the Verify way (house-style-anchors.md 2.5):
/// <c>Snapshots/{Class}.{Method}_{name=value}.verified.txt</c> next to the test sources, compared with
/// line endings significant (the files are LF, .gitattributes keeps them so), no diff tool. A run
/// writes <c>.received.txt</c> beside a missing or different snapshot; accept it by copying it over the
/// <c>.verified.txt</c> after reading it (the failure message prints the command).
/// </summary>
internal static class SnapshotConventions
{
    public const string Folder = "Snapshots";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: Verify's convention puts global snapshot settings in a module initializer so they apply before any test.")]
    public static void Initialize() =>
        ShouldlyConfiguration.ShouldMatchApprovedDefaults
            .SubFolder(Folder)
            .WithFilenameGenerator(FileName)
            .DoNotIgnoreLineEndings()
            .NoDiff();

    /// <summary>Shouldly asks for "approved" and "received"; Verify calls the former "verified". The discriminator becomes "_name=value".</summary>
    public static string FileName(TestMethodInfo method, string? discriminator, string fileType, string extension)
    {
        var kind = fileType == "approved" ? "verified" : fileType;
        var suffix = string.IsNullOrEmpty(discriminator) ? string.Empty : "_" + discriminator.TrimStart('.');
        return $"{method.DeclaringTypeName}.{method.MethodName}{suffix}.{kind}.{extension}";
    }
}
