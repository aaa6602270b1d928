using System.Runtime.InteropServices;

namespace ShimPrototype.Harness;

/// <summary>The few libc calls a FIFO channel needs (.NET has no mkfifo, and opening a FIFO must not block).</summary>
internal static partial class Libc
{
    private const string Library = "libc";

    internal const int O_RDWR = 2;
    internal const int O_CLOEXEC = 0x80000;

    [LibraryImport(Library, EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MakeFifo(string path, uint mode);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "close")]
    internal static partial int Close(int fd);
}
