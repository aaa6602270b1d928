using System.Runtime.InteropServices;

namespace WinsockConformance.Traces;

internal static partial class Interop
{
    /// <summary>libc on Linux, as dotnet/runtime names it for its own few direct calls.</summary>
    internal static partial class Libc
    {
        internal const int O_RDONLY = 0;
        internal const int O_NONBLOCK = 0x800;
        internal const int O_CLOEXEC = 0x80000;

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);
    }
}
