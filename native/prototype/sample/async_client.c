/* A small, ordinary WSAAsyncSelect client: a message-only window, a nonblocking connect, a recv loop in
 * 4-byte bites, and FD_CLOSE ends it. Built against the real ws2_32 it talks to a real server; run with
 * the shim it talks to the simulated stack. Modes (argv[1]):
 *   async            the above (default)
 *   events           the same with WSAEventSelect + WSAWaitForMultipleEvents + WSAEnumNetworkEvents
 *   kwait            events, but waiting with kernel32's WaitForSingleObject on the WSAEVENT
 *   peek             the same loop built on PeekMessage + MsgWaitForMultipleObjects instead of GetMessage
 *   crash            dereferences NULL at the first FD_READ (the harness must still report)
 *   exit             calls exit(3) right after FD_CONNECT
 *   bench N          N ioctlsocket(FIONREAD) calls, timed (forwarded-call throughput)
 * argv[2] (async/events/peek): the port on 127.0.0.1 (default 5555). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WM_SOCKET (WM_USER + 1)

static SOCKET s_socket = INVALID_SOCKET;
static int s_received;
static const char *s_mode = "async";

static void say(const char *what, int value)
{
    printf("%s %d\n", what, value);
    fflush(stdout);
}

static SOCKET start(void)
{
    WSADATA data;
    int rc = WSAStartup(MAKEWORD(2, 2), &data);
    if (rc) { say("WSAStartup failed", rc); exit(10); }
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET) { say("socket failed", WSAGetLastError()); exit(11); }
    return s;
}

static void do_connect(SOCKET s, const char *port)
{
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short)atoi(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(s, (struct sockaddr *)&to, sizeof to) == SOCKET_ERROR) say("connect", WSAGetLastError());
    else say("connect", 0);
}

/* One network event, whichever way it arrived: returns 0 when the conversation is over. */
static int on_event(int event, int error)
{
    char buffer[4];
    switch (event) {
    case FD_CONNECT:
        say("FD_CONNECT", error);
        if (strcmp(s_mode, "exit") == 0) exit(3);
        say("send", send(s_socket, "hello", 5, 0));
        return 1;
    case FD_READ: {
        if (strcmp(s_mode, "crash") == 0) *(volatile int *)0 = 1;
        int got = recv(s_socket, buffer, sizeof buffer, 0);
        if (got == SOCKET_ERROR) say("recv error", WSAGetLastError());
        else { s_received += got; say("recv", got); }
        return 1;
    }
    case FD_CLOSE:
        say("FD_CLOSE", error);
        say("total", s_received);
        closesocket(s_socket);
        return 0;
    default:
        say("event", event);
        return 1;
    }
}

static HWND make_window(void)
{
    HWND hwnd = CreateWindowExA(0, "STATIC", "async_client", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    if (!hwnd) { say("CreateWindowEx failed", (int)GetLastError()); exit(12); }
    return hwnd;
}

static int run_async(const char *port)
{
    HWND hwnd = make_window();
    s_socket = start();
    if (WSAAsyncSelect(s_socket, hwnd, WM_SOCKET, FD_CONNECT | FD_READ | FD_CLOSE)) say("WSAAsyncSelect", WSAGetLastError());
    do_connect(s_socket, port);
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        if (m.message == WM_SOCKET && !on_event(WSAGETSELECTEVENT(m.lParam), WSAGETSELECTERROR(m.lParam))) break;
    }
    WSACleanup();
    return 0;
}

static int run_peek(const char *port)
{
    HWND hwnd = make_window();
    s_socket = start();
    WSAAsyncSelect(s_socket, hwnd, WM_SOCKET, FD_CONNECT | FD_READ | FD_CLOSE);
    do_connect(s_socket, port);
    for (;;) {
        MSG m;
        while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) {
            if (m.message == WM_SOCKET && !on_event(WSAGETSELECTEVENT(m.lParam), WSAGETSELECTERROR(m.lParam))) {
                WSACleanup();
                return 0;
            }
        }
        MsgWaitForMultipleObjects(0, NULL, FALSE, INFINITE, QS_ALLINPUT);
    }
}

static int run_events(const char *port)
{
    s_socket = start();
    WSAEVENT event = WSACreateEvent();
    if (WSAEventSelect(s_socket, event, FD_CONNECT | FD_READ | FD_CLOSE)) say("WSAEventSelect", WSAGetLastError());
    do_connect(s_socket, port);
    for (;;) {
        DWORD w = strcmp(s_mode, "kwait") == 0 ? WaitForSingleObject(event, 5000)
                                              : WSAWaitForMultipleEvents(1, &event, FALSE, 5000, FALSE);
        if (w == WSA_WAIT_TIMEOUT) { say("timeout", 0); break; }
        /* The event is a real kernel32 event: a plain wait on it must agree with the shim's answer. */
        say("kernel32 sees it signaled", WaitForSingleObject(event, 0) == WAIT_OBJECT_0);
        WSANETWORKEVENTS happened;
        if (WSAEnumNetworkEvents(s_socket, event, &happened)) { say("WSAEnumNetworkEvents", WSAGetLastError()); break; }
        int more = 1;
        static const int order[] = { FD_CONNECT_BIT, FD_READ_BIT, FD_CLOSE_BIT };
        for (int i = 0; i < 3 && more; i++)
            if (happened.lNetworkEvents & (1 << order[i])) more = on_event(1 << order[i], happened.iErrorCode[order[i]]);
        if (!more) break;
    }
    WSACloseEvent(event);
    WSACleanup();
    return 0;
}

static int run_bench(int calls)
{
    LARGE_INTEGER f, t0, t1;
    s_socket = start();
    unsigned long pending = 0;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&t0);
    for (int i = 0; i < calls; i++) ioctlsocket(s_socket, FIONREAD, &pending);
    QueryPerformanceCounter(&t1);
    double seconds = (double)(t1.QuadPart - t0.QuadPart) / (double)f.QuadPart;
    printf("%d forwarded calls in %.3f s: %.0f calls/s, %.1f us per call\n", calls, seconds, calls / seconds, 1e6 * seconds / calls);
    closesocket(s_socket);
    WSACleanup();
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1) s_mode = argv[1];
    const char *port = argc > 2 ? argv[2] : "5555";
    if (strcmp(s_mode, "bench") == 0) return run_bench(argc > 2 ? atoi(argv[2]) : 100000);
    if (strcmp(s_mode, "events") == 0 || strcmp(s_mode, "kwait") == 0) return run_events(port);
    if (strcmp(s_mode, "peek") == 0) return run_peek(port);
    return run_async(port);
}
