using System.Runtime.InteropServices;

namespace WinsockConformance.Simulation.Native.Interop;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>mkfifo(3): makes a FIFO at <paramref name="path"/>; 0, or -1 with errno.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int MakeFifo(string path, uint mode);
    }
}
