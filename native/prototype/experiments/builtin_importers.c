/* Under WINEDLLOVERRIDES=ws2_32=n with the shim beside it: do Wine's builtin DLLs that import ws2_32 still
 * load (every name they import must be exported by the shim), and do their calls reach the shim? */
#include <windows.h>
#include <stdio.h>
int main(void)
{
    static const char *dlls[] = { "wsock32.dll", "mswsock.dll", "wininet.dll", "winhttp.dll", "iphlpapi.dll",
        "netapi32.dll", "webservices.dll", "wldap32.dll", "dnsapi.dll", "inetcomm.dll", "wsdapi.dll", "dpnet.dll", "wbemprox.dll" };
    for (unsigned i = 0; i < sizeof dlls / sizeof *dlls; i++) {
        HMODULE m = LoadLibraryA(dlls[i]);
        printf("%-16s %s", dlls[i], m ? "loaded" : "FAILED");
        if (!m) printf(" (error %lu)", GetLastError());
        printf("\n");
    }
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
    char path[MAX_PATH] = "";
    GetModuleFileNameA(ws2, path, MAX_PATH);
    printf("ws2_32 in this process: %s\n", path);
    /* A Winsock 1.1 call through wsock32's forwarder lands in whichever ws2_32 is loaded. */
    typedef int (WINAPI *startup_fn)(WORD, void *);
    startup_fn startup = (startup_fn)(void *)GetProcAddress(GetModuleHandleA("wsock32.dll"), "WSAStartup");
    char data[512];
    printf("wsock32!WSAStartup -> %d\n", startup ? startup(0x0101, data) : -1);
    fflush(stdout);
    return 0;
}
