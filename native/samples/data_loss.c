/* data-loss: a CAsyncSocket-like wrapper (MFC sockcore.cpp's shape) in C: a hidden notification window, a map from
 * socket handles to wrapper objects, and per-object callbacks on_connect / on_receive / on_send / on_close, called once
 * per message. A client reads what the server sends (100 bytes), then the server closes.
 * Buggy: one receive per on_receive and close in on_close, the pattern of MFC's OnReceive sample. Windows posts
 * FD_CLOSE as soon as the FIN arrives, with data still unread (rule G1), so closing there loses it (askldjd's "lost the
 * last KB" report). Wine and the documentation post FD_CLOSE only after the drain: the bug hides there.
 * Fixed: on_close drains with receive until 0 or WSAEWOULDBLOCK before closing (PuTTY's and CAsyncSocketEx's fix).
 * Peer: samples/peers/send-100-then-close.jsonl. */
#include "sample.h"

#define WM_SOCKET_NOTIFY (WM_USER + 1)

struct async_socket
{
    SOCKET handle;
    void (*on_connect)(struct async_socket *self, int error);
    void (*on_receive)(struct async_socket *self, int error);
    void (*on_send)(struct async_socket *self, int error);
    void (*on_close)(struct async_socket *self, int error);
};

/* ---- the wrapper: the notification sink and its handle map ---- */

static struct { SOCKET handle; struct async_socket *socket; } s_map[16];
static HWND s_sink;

static struct async_socket *lookup(SOCKET handle)
{
    for (int i = 0; i < 16; i++) if (s_map[i].socket && s_map[i].handle == handle) return s_map[i].socket;
    return NULL;
}

static void attach(struct async_socket *socket)
{
    for (int i = 0; i < 16; i++) if (!s_map[i].socket) { s_map[i].handle = socket->handle; s_map[i].socket = socket; return; }
}

static void detach(SOCKET handle)
{
    for (int i = 0; i < 16; i++) if (s_map[i].socket && s_map[i].handle == handle) s_map[i].socket = NULL;
}

static LRESULT CALLBACK sink_procedure(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam)
{
    /* A message for a handle no longer in the map (closed meanwhile) is dropped, as MFC does. */
    struct async_socket *socket = message == WM_SOCKET_NOTIFY ? lookup((SOCKET)wparam) : NULL;
    if (!socket) return DefWindowProcA(hwnd, message, wparam, lparam);
    int error = WSAGETSELECTERROR(lparam);
    switch (WSAGETSELECTEVENT(lparam)) {
    case FD_CONNECT: if (socket->on_connect) socket->on_connect(socket, error); break;
    case FD_READ: if (socket->on_receive) socket->on_receive(socket, error); break;
    case FD_WRITE: if (socket->on_send) socket->on_send(socket, error); break;
    case FD_CLOSE: if (socket->on_close) socket->on_close(socket, error); break;
    }
    return 0;
}

static int async_socket_create(struct async_socket *socket)
{
    if (!s_sink) s_sink = sample_window("AsyncSocketSink", sink_procedure);
    socket->handle = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    if (socket->handle == INVALID_SOCKET) return 0;
    attach(socket);
    return WSAAsyncSelect(socket->handle, s_sink, WM_SOCKET_NOTIFY, FD_READ | FD_WRITE | FD_CONNECT | FD_CLOSE) == 0;
}

/* Connects to the sample server: true when the attempt is under way (WSAEWOULDBLOCK) or done. */
static int async_socket_connect(struct async_socket *socket)
{
    return sample_connect(socket->handle) == 0 || WSAGetLastError() == WSAEWOULDBLOCK;
}

static int async_socket_receive(struct async_socket *socket, char *buffer, int length)
{
    return recv(socket->handle, buffer, length, 0);
}

static void async_socket_close(struct async_socket *socket)
{
    if (socket->handle == INVALID_SOCKET) return;
    detach(socket->handle);
    closesocket(socket->handle);
    socket->handle = INVALID_SOCKET;
}

/* ---- the client ---- */

static enum variant s_variant;
static int s_received;

static void on_receive(struct async_socket *self, int error)
{
    (void)error;
    char buffer[50];
    int n = async_socket_receive(self, buffer, sizeof buffer);
    if (n > 0) s_received += n;
}

static void on_close(struct async_socket *self, int error)
{
    (void)error;
    if (s_variant == VARIANT_FIXED) {
        /* FD_CLOSE can come while data is unread: read to the end first. */
        char buffer[50];
        int n;
        while ((n = async_socket_receive(self, buffer, sizeof buffer)) > 0) s_received += n;
    }
    async_socket_close(self);
    PostQuitMessage(0);
}

int data_loss(enum variant variant)
{
    s_variant = variant;
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    struct async_socket client = { INVALID_SOCKET, NULL, on_receive, NULL, on_close };
    wsasim_assert(async_socket_create(&client) && async_socket_connect(&client), "create and connect");
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        TranslateMessage(&m);
        DispatchMessageA(&m);
    }
    WSACleanup();
    wsasim_assert(s_received == 100, "received %d of the 100 bytes the server sent", s_received);
    return 0;
}
