using System.Runtime.InteropServices;

namespace WinsockConformance.RealWinsock.Interop;

internal static partial class Interop
{
    internal static partial class Ntdll
    {
        /// <summary>
        /// ntdll!wine_get_version exists only under Wine, so it is looked up with GetProcAddress rather than
        /// imported (an import would fail to bind on Windows). Returns null on Windows.
        /// </summary>
        internal static unsafe string? TryGetWineVersion()
        {
            nint ntdll = Kernel32.GetModuleHandleW(Libraries.Ntdll);
            if (ntdll == 0)
            {
                return null;
            }

            nint proc = Kernel32.GetProcAddress(ntdll, "wine_get_version");
            if (proc == 0)
            {
                return null;
            }

            var wine_get_version = (delegate* unmanaged<byte*>)proc;
            return Marshal.PtrToStringUTF8((nint)wine_get_version());
        }

        /// <summary>ntdll!wine_get_host_version (sysname, release), present only under Wine.</summary>
        internal static unsafe (string? SysName, string? Release)? TryGetWineHostVersion()
        {
            nint ntdll = Kernel32.GetModuleHandleW(Libraries.Ntdll);
            if (ntdll == 0)
            {
                return null;
            }

            nint proc = Kernel32.GetProcAddress(ntdll, "wine_get_host_version");
            if (proc == 0)
            {
                return null;
            }

            byte* sysname = null;
            byte* release = null;
            var wine_get_host_version = (delegate* unmanaged<byte**, byte**, void>)proc;
            wine_get_host_version(&sysname, &release);
            return (Marshal.PtrToStringUTF8((nint)sysname), Marshal.PtrToStringUTF8((nint)release));
        }
    }
}
