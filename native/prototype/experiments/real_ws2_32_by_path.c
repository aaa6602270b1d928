/* Can a program (or the shim) running with the shim as ws2_32 still reach Wine's real ws2_32 by its full path? */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
int main(void)
{
    WSASetLastError(0); /* imports ws2_32, so the shim is loaded */
    HMODULE loaded = GetModuleHandleA("ws2_32.dll");
    HMODULE full = LoadLibraryA("C:\\windows\\system32\\ws2_32.dll");
    DWORD error = GetLastError();
    char a[MAX_PATH] = "", b[MAX_PATH] = "";
    GetModuleFileNameA(loaded, a, MAX_PATH);
    if (full) GetModuleFileNameA(full, b, MAX_PATH);
    printf("loaded %p (%s); by full path %p (%s) error %lu: %s\n", (void *)loaded, a, (void *)full, b, error,
           !full ? "not loadable" : full == loaded ? "the same module: the shim" : "a second module");
    return 0;
}
