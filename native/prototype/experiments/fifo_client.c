/* Experiment 2b: round trips from a Windows program under Wine to a Linux process over two Unix FIFOs
 * opened through Wine's Z: drive with plain CreateFileW/WriteFile/ReadFile (no ws2_32 involved).
 * Usage: fifo_client.exe Z:\path\to\dir N SIZE */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static double now_ms(void)
{
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return 1000.0 * (double)c.QuadPart / (double)f.QuadPart;
}

static int read_all(HANDLE h, char *p, DWORD n)
{
    while (n) {
        DWORD got = 0;
        if (!ReadFile(h, p, n, &got, NULL) || got == 0) return 0;
        p += got; n -= got;
    }
    return 1;
}

int wmain(int argc, wchar_t **argv)
{
    if (argc < 4) return 2;
    wchar_t req_path[MAX_PATH], rsp_path[MAX_PATH];
    swprintf(req_path, MAX_PATH, L"%ls\\req", argv[1]);
    swprintf(rsp_path, MAX_PATH, L"%ls\\rsp", argv[1]);
    int n = _wtoi(argv[2]);
    DWORD size = (DWORD)_wtoi(argv[3]);
    double t0 = now_ms();
    HANDLE req = CreateFileW(req_path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    HANDLE rsp = CreateFileW(rsp_path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (req == INVALID_HANDLE_VALUE || rsp == INVALID_HANDLE_VALUE) { fprintf(stderr, "open failed %lu\n", GetLastError()); return 3; }
    double t1 = now_ms();
    char *buf = calloc(1, size);
    for (int i = 0; i < n; i++) {
        DWORD put = 0;
        *(int *)buf = i;
        if (!WriteFile(req, buf, size, &put, NULL) || put != size) { fprintf(stderr, "write failed %lu\n", GetLastError()); return 4; }
        if (!read_all(rsp, buf, size)) { fprintf(stderr, "read failed %lu\n", GetLastError()); return 5; }
        if (*(int *)buf != i + 1) { fprintf(stderr, "bad reply\n"); return 6; }
    }
    double t2 = now_ms();
    fprintf(stderr, "open %.2f ms; %d round trips of %lu bytes in %.1f ms: %.1f us each, %.0f per second\n",
            t1 - t0, n, size, t2 - t1, 1000.0 * (t2 - t1) / n, n / ((t2 - t1) / 1000.0));
    return 0;
}
