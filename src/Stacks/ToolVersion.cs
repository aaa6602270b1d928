namespace WinsockConformance.Stacks;

/// <summary>The version of this kit that a capture records as its probe (Directory.Build.props sets it for every assembly).</summary>
public static class ToolVersion
{
    public static string Text => typeof(ToolVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
