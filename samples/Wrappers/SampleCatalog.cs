namespace WinsockConformance.Samples;

/// <summary>Which wrapper a sample program uses: the one with its known bug, or the one with the fix.</summary>
public enum Variant
{
    Buggy,
    Fixed,
}

/// <summary>The sample programs by name; samples/samples.jsonl says which peer each runs against and what should happen.</summary>
public static class SampleCatalog
{
    private static readonly Dictionary<string, Func<Variant, int>> s_programs = new(StringComparer.Ordinal)
    {
        ["data-loss"] = DataLoss.DataLossProgram.Run,
        ["stale-handle"] = StaleHandle.StaleHandleProgram.Run,
        ["write-wait"] = WriteWait.WriteWaitProgram.Run,
        ["reregister-connect"] = Reregister.ReregisterProgram.Run,
        ["error-word"] = ErrorWord.ErrorWordProgram.Run,
    };

    public static IEnumerable<string> Names => s_programs.Keys;

    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 2 || !s_programs.TryGetValue(args[0], out var program) || !Enum.TryParse<Variant>(args[1], ignoreCase: true, out var variant))
        {
            Console.Error.WriteLine($"usage: SAMPLE buggy|fixed, SAMPLE one of: {string.Join(", ", s_programs.Keys)}");
            return 2;
        }

        return program(variant);
    }
}
