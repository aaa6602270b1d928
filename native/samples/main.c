/* One program, one sample per first argument, the variant second (as samples/Wrappers' program):
 *   native-samples.exe SAMPLE buggy|fixed [PORT]
 * and the shim's benchmark (docs/benchmarks.md): N forwarded calls (ioctlsocket FIONREAD) on a connected socket:
 *   native-samples.exe bench N [PORT] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sample.h"

unsigned short sample_port = 7;

HWND sample_window(const char *class_name, WNDPROC procedure)
{
    WNDCLASSA c;
    memset(&c, 0, sizeof c);
    c.lpfnWndProc = procedure ? procedure : DefWindowProcA;
    c.hInstance = GetModuleHandleA(NULL);
    c.lpszClassName = class_name;
    RegisterClassA(&c);
    return CreateWindowExA(0, class_name, NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, c.hInstance, NULL);
}

int sample_connect(SOCKET s)
{
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons(sample_port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return connect(s, (struct sockaddr *)&to, sizeof to);
}

void sample_pattern(char *buffer, int length)
{
    static const char pattern[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < length; i++) buffer[i] = pattern[i % (sizeof pattern - 1)];
}

static const struct { const char *name; int (*run)(enum variant); } s_samples[] = {
    { "data-loss", data_loss },
    { "stale-handle", stale_handle },
    { "write-wait", write_wait },
    { "reregister-connect", reregister_connect },
    { "error-word", error_word },
};

static int bench(int calls)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    wsasim_assert(sample_connect(s) == 0, "connect failed: %d", WSAGetLastError());
    LARGE_INTEGER start, end, frequency;
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&start);
    u_long available = 0;
    for (int i = 0; i < calls; i++) ioctlsocket(s, FIONREAD, &available);
    QueryPerformanceCounter(&end);
    double seconds = (double)(end.QuadPart - start.QuadPart) / (double)frequency.QuadPart;
    printf("%d calls in %.3f s: %.0f calls/s\n", calls, seconds, seconds > 0 ? calls / seconds : 0.0);
    closesocket(s);
    WSACleanup();
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "bench") == 0) {
        if (argc >= 4) sample_port = (unsigned short)atoi(argv[3]);
        return bench(atoi(argv[2]));
    }
    if (argc >= 3) {
        enum variant variant = strcmp(argv[2], "buggy") == 0 ? VARIANT_BUGGY : strcmp(argv[2], "fixed") == 0 ? VARIANT_FIXED : (enum variant)-1;
        if (argc >= 4) sample_port = (unsigned short)atoi(argv[3]);
        for (size_t i = 0; i < sizeof s_samples / sizeof *s_samples && (int)variant >= 0; i++)
            if (strcmp(argv[1], s_samples[i].name) == 0) return s_samples[i].run(variant);
    }
    fprintf(stderr, "usage: native-samples SAMPLE buggy|fixed [PORT]; SAMPLE one of:");
    for (size_t i = 0; i < sizeof s_samples / sizeof *s_samples; i++) fprintf(stderr, " %s", s_samples[i].name);
    fprintf(stderr, "\n");
    return 2;
}
