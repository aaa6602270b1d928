/* reregister-connect: a wrapper that re-arms its registration after every notification it handles, the way kotuku's
 * loop did (kotuku PR #1272) and the way Tcl and PuTTY re-select to get a fresh set of events. The client connects,
 * says "hello" once connected, reads the reply until the server closes; on_connect must run once (it asserts it).
 * Buggy: re-arms with the mask it started with, FD_CONNECT included. Windows never posts FD_CONNECT for a connect that
 * completed before the registration (B2), so it passes there; under the documentation's reading a registration while
 * connected posts FD_CONNECT again (DOC-1) and on_connect runs a second time.
 * Fixed: once connected, re-arms without FD_CONNECT.
 * Peer: samples/peers/hello-world.jsonl. */
#include <string.h>
#include "sample.h"

#define WM_SOCKET (WM_USER + 30)
#define INITIAL_MASK (FD_CONNECT | FD_READ | FD_CLOSE)

struct reselecting_socket
{
    enum variant variant;
    HWND hwnd;
    SOCKET handle;
    int connected;
    void (*on_connected)(struct reselecting_socket *self);
    void (*on_readable)(struct reselecting_socket *self);
    void (*on_closed)(struct reselecting_socket *self);
};

/* Handles one notification, then re-arms (unless the socket was closed meanwhile). */
static void reselecting_on_message(struct reselecting_socket *s, LPARAM lparam)
{
    switch (WSAGETSELECTEVENT(lparam)) {
    case FD_CONNECT: s->connected = 1; s->on_connected(s); break;
    case FD_READ: s->on_readable(s); break;
    case FD_CLOSE: s->on_closed(s); break;
    }
    if (s->handle != INVALID_SOCKET) {
        long mask = s->variant == VARIANT_FIXED && s->connected ? INITIAL_MASK & ~FD_CONNECT : INITIAL_MASK;
        WSAAsyncSelect(s->handle, s->hwnd, WM_SOCKET, mask);
    }
}

static int s_connects;
static char s_reply[256];
static int s_reply_length;

static void append(struct reselecting_socket *s)
{
    int n;
    while (s_reply_length < 200 && (n = recv(s->handle, s_reply + s_reply_length, 64, 0)) > 0) {
        s_reply_length += n;
        break;
    }
}

static void on_connected(struct reselecting_socket *s)
{
    wsasim_assert(++s_connects == 1, "on_connect ran a second time: a re-registration brought FD_CONNECT back");
    send(s->handle, "hello", 5, 0);
}

static void on_readable(struct reselecting_socket *s) { append(s); }

static void on_closed(struct reselecting_socket *s)
{
    int n;
    while (s_reply_length < 200 && (n = recv(s->handle, s_reply + s_reply_length, 64, 0)) > 0) s_reply_length += n;
    closesocket(s->handle);
    s->handle = INVALID_SOCKET;
    PostQuitMessage(0);
}

int reregister_connect(enum variant variant)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    struct reselecting_socket client = { variant, sample_window("ReselectWindow", NULL), INVALID_SOCKET, 0, on_connected, on_readable, on_closed };
    client.handle = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAAsyncSelect(client.handle, client.hwnd, WM_SOCKET, INITIAL_MASK);
    sample_connect(client.handle);
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        if (m.message == WM_SOCKET && (SOCKET)m.wParam == client.handle) reselecting_on_message(&client, m.lParam);
    }
    WSACleanup();
    s_reply[s_reply_length] = 0;
    wsasim_assert(strcmp(s_reply, "world") == 0, "the reply was \"%s\"", s_reply);
    return 0;
}
