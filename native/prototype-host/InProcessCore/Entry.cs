using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WinsockConformance.Model;
using WinsockConformance.Traces;

namespace ShimPrototype.InProcessCore;

/// <summary>What the shim calls through function pointers obtained from hostfxr: C ABI entries, no marshalling.</summary>
public static class Entry
{
    private static long s_calls;

    /// <summary>Stands for one forwarded Winsock call: an operation number, two arguments, a result.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static long Call(int operation, long first, long second)
    {
        s_calls++;
        return operation switch
        {
            0 => s_calls,
            1 => first + second,
            _ => -1,
        };
    }

    /// <summary>Reads a scenario file and steps the model through it: the JIT an in-process core pays per program start.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe int ModelScenario(char* path)
    {
        var scenario = TraceReader.ReadFile(new string(path));
        return ModelStep.Run(scenario, Profiles.Windows).Count;
    }

    /// <summary>Self-contained publishing needs an app; the shim never runs it.</summary>
    public static int Main() => 0;
}
