namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    /// <summary>Native library names, as in dotnet/runtime's Interop.Libraries.cs.</summary>
    internal static class Libraries
    {
        internal const string Ws2_32 = "ws2_32.dll";
        internal const string Mswsock = "mswsock.dll";
        internal const string User32 = "user32.dll";
        internal const string Kernel32 = "kernel32.dll";
        internal const string Ntdll = "ntdll.dll";
    }
}
