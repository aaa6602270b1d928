/* stale-handle: a dispatcher in the shape most wrappers share (PuTTY's select_result keyed by handle, ffftp's table,
 * MFC's map): one window, one message number, a map from socket handle to handler. Two downloads one after the
 * other: the first server sends 100 bytes and closes; on FD_CLOSE the client drains, closes, and connects again at
 * once; the second server sends "ok" and closes. Each FD_READ reads once (64 bytes), so with data left recv re-posts
 * FD_READ (C1); under Windows the FIN's FD_CLOSE can be queued before it (G1), the drain then leaves that FD_READ queued
 * for a closed socket (F1), and the second socket, created at once, gets the same handle value (X4).
 * Buggy: closing just removes the socket from the map: the stale FD_READ reaches the second download's handler, which
 * calls recv on it: the program acts on another socket's message.
 * Fixed: MFC's dead-handle guard. Closing marks the handle dead and posts a private marker; messages for a dead handle
 * are dropped until the marker comes back (posted messages come in order, and nothing is posted for a socket after
 * closesocket, F2).
 * Peer: samples/peers/two-downloads.jsonl. */
#include "sample.h"

#define WM_SOCKET (WM_USER + 10)
#define WM_SOCKET_DEAD (WM_USER + 11)

typedef void (*socket_handler)(SOCKET socket, int event, int error);

/* ---- the dispatcher ---- */

static enum variant s_variant;
static HWND s_hwnd;
static struct { SOCKET socket; socket_handler handler; } s_handlers[8];
static SOCKET s_dead[8];

static socket_handler handler_of(SOCKET socket)
{
    for (int i = 0; i < 8; i++) if (s_handlers[i].handler && s_handlers[i].socket == socket) return s_handlers[i].handler;
    return NULL;
}

static int is_dead(SOCKET socket)
{
    for (int i = 0; i < 8; i++) if (s_dead[i] == socket) return 1;
    return 0;
}

static void set_dead(SOCKET socket, int dead)
{
    for (int i = 0; i < 8; i++) {
        if (dead && s_dead[i] == INVALID_SOCKET) { s_dead[i] = socket; return; }
        if (!dead && s_dead[i] == socket) { s_dead[i] = INVALID_SOCKET; return; }
    }
}

static LRESULT CALLBACK dispatcher_procedure(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam)
{
    SOCKET socket = (SOCKET)wparam;
    socket_handler handler;
    switch (message) {
    case WM_SOCKET_DEAD:
        set_dead(socket, 0);
        return 0;
    case WM_SOCKET:
        /* Queued before the socket was closed: it belongs to the dead socket, whatever now has this value. */
        if (is_dead(socket)) return 0;
        if ((handler = handler_of(socket)) != NULL) handler(socket, WSAGETSELECTEVENT(lparam), WSAGETSELECTERROR(lparam));
        return 0;
    default:
        return DefWindowProcA(hwnd, message, wparam, lparam);
    }
}

static void dispatcher_register(SOCKET socket, socket_handler handler, long events)
{
    for (int i = 0; i < 8; i++) {
        if (!s_handlers[i].handler) { s_handlers[i].socket = socket; s_handlers[i].handler = handler; break; }
    }
    WSAAsyncSelect(socket, s_hwnd, WM_SOCKET, events);
}

static void dispatcher_close(SOCKET socket)
{
    for (int i = 0; i < 8; i++) if (s_handlers[i].handler && s_handlers[i].socket == socket) s_handlers[i].handler = NULL;
    closesocket(socket);
    if (s_variant == VARIANT_FIXED) {
        set_dead(socket, 1);
        PostMessageA(s_hwnd, WM_SOCKET_DEAD, (WPARAM)socket, 0);
    }
}

/* ---- the two downloads ---- */

static int s_download;
static int s_received;

static void on_event(SOCKET socket, int event, int error);

static void start(void)
{
    s_download++;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    dispatcher_register(s, on_event, FD_CONNECT | FD_READ | FD_CLOSE);
    sample_connect(s);
}

static void on_event(SOCKET socket, int event, int error)
{
    (void)error;
    char buffer[64];
    int n;
    switch (event) {
    case FD_READ:
        n = recv(socket, buffer, sizeof buffer, 0);
        if (n > 0) s_received += n;
        break;
    case FD_CLOSE:
        while ((n = recv(socket, buffer, sizeof buffer, 0)) > 0) s_received += n;
        dispatcher_close(socket);
        if (s_download == 1) start();
        else PostQuitMessage(0);
        break;
    }
}

int stale_handle(enum variant variant)
{
    s_variant = variant;
    for (int i = 0; i < 8; i++) s_dead[i] = INVALID_SOCKET;
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    s_hwnd = sample_window("SocketDispatcher", dispatcher_procedure);
    start();
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) DispatchMessageA(&m);
    WSACleanup();
    wsasim_assert(s_received == 102, "received %d of the 102 bytes the two servers sent", s_received);
    return 0;
}
