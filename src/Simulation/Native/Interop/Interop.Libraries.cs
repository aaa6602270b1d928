namespace WinsockConformance.Simulation.Native.Interop;

internal static partial class Interop
{
    /// <summary>Native library names, as in dotnet/runtime's Interop.Libraries.cs.</summary>
    internal static class Libraries
    {
        /// <summary>The C library on Linux: mkfifo, for the harness's end of the shim's channel (.NET has none).</summary>
        internal const string Libc = "libc";
    }
}
