/* error-word: a component-style socket (Delphi ScktComp's TClientSocket shape): events on_read and on_disconnect; the
 * message handler turns a notification's error word into a fatal error unless it is 0 (ScktComp raises ESocketError,
 * "Asynchronous socket error 10053", out of the message loop; this C component reports it and exits with code 1).
 * The client reads the server's "hi" and sees the server abort the connection (RST); it expects a disconnect event,
 * whatever its reason.
 * Buggy: treats every non-zero error word as fatal, FD_CLOSE's included. After the peer's RST, Windows posts FD_CLOSE
 * with WSAECONNABORTED (G4), the documentation says WSAECONNRESET, Wine 10 too: the handler dies. Wine 8 posts it with 0
 * (WINE-11), so testing on Wine 8 hides the bug.
 * Fixed: FD_CLOSE's error word is the reason for the disconnect, passed to on_disconnect; only FD_CONNECT's is fatal.
 * Peer: samples/peers/hi-then-abort.jsonl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sample.h"

#define WM_SOCKET (WM_USER + 40)

struct component_socket
{
    enum variant variant;
    SOCKET handle;
    void (*on_read)(struct component_socket *self);
    void (*on_disconnect)(struct component_socket *self, int reason);
};

static void socket_error(int error, int event)
{
    fprintf(stderr, "Asynchronous socket error %d on event 0x%X\n", error, event);
    fflush(stderr);
    exit(1);
}

static void component_on_message(struct component_socket *c, LPARAM lparam)
{
    int event = WSAGETSELECTEVENT(lparam), error = WSAGETSELECTERROR(lparam);
    if (error != 0 && (c->variant == VARIANT_BUGGY || event == FD_CONNECT)) socket_error(error, event);
    switch (event) {
    case FD_READ: c->on_read(c); break;
    case FD_CLOSE: c->on_disconnect(c, error); break;
    }
}

static char s_text[64];
static int s_length;
static int s_disconnected;

static void on_read(struct component_socket *c)
{
    int n = recv(c->handle, s_text + s_length, 16, 0);
    if (n > 0) s_length += n;
}

static void on_disconnect(struct component_socket *c, int reason)
{
    s_disconnected = 1;
    wsasim_note("disconnected, reason %d", reason);
    closesocket(c->handle);
    c->handle = INVALID_SOCKET;
    PostQuitMessage(0);
}

int error_word(enum variant variant)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    HWND hwnd = sample_window("ComponentWindow", NULL);
    struct component_socket client = { variant, socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), on_read, on_disconnect };
    WSAAsyncSelect(client.handle, hwnd, WM_SOCKET, FD_CONNECT | FD_READ | FD_CLOSE);
    sample_connect(client.handle);
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        if (m.message == WM_SOCKET && (SOCKET)m.wParam == client.handle) component_on_message(&client, m.lParam);
    }
    WSACleanup();
    s_text[s_length] = 0;
    wsasim_assert(s_disconnected, "no disconnect event");
    wsasim_assert(strcmp(s_text, "hi") == 0, "read \"%s\"", s_text);
    return 0;
}
