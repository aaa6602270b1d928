using System.Runtime.InteropServices;

namespace WinsockConformance.Traces;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int F_GETFL = 3;
        internal const int F_SETFL = 4;

        /// <summary>fcntl with an int argument (variadic in C; on Linux an int travels as a named one would).</summary>
        [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        internal static partial int Fcntl(int fd, int command, int argument);
    }
}
