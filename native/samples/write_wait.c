/* write-wait: a buffered writer on a connected socket: write() queues bytes, on_writable() sends what is queued. It
 * uploads 4,000 bytes in 1,000-byte chunks, shuts down sending, and waits for the server to close.
 * Buggy: sends one chunk per FD_WRITE and waits for the next FD_WRITE to send more, as if FD_WRITE came whenever the
 * socket is writable. Windows posts FD_WRITE after the connect and afterwards only after a send failed with
 * WSAEWOULDBLOCK and space came back (C6); a successful send never brings another (Wine neither, WINE-10). Only the
 * documentation's reading (every send re-enables, DOC-4) lets it finish. Tcl's comment and SocketTools' OnWrite page
 * warn about exactly this.
 * Fixed: sends until everything is out or a send fails with WSAEWOULDBLOCK, and waits for FD_WRITE only then.
 * Peer: samples/peers/expect-4000-then-close.jsonl. */
#include <string.h>
#include "sample.h"

#define WM_SOCKET (WM_USER + 20)
#define CHUNK 1000

struct writer
{
    SOCKET socket;
    enum variant variant;
    char pending[4000];
    int pending_length;
    int writable;
    int sent;
};

static void writer_flush(struct writer *w)
{
    while (w->pending_length > 0) {
        int piece = w->pending_length < CHUNK ? w->pending_length : CHUNK;
        int n = send(w->socket, w->pending, piece, 0);
        if (n == SOCKET_ERROR) {
            /* WSAEWOULDBLOCK: FD_WRITE comes when space returns. Any other error: the connection is gone. */
            w->writable = 0;
            return;
        }
        memmove(w->pending, w->pending + n, (size_t)(w->pending_length - n));
        w->pending_length -= n;
        w->sent += n;
        if (w->variant == VARIANT_BUGGY) {
            /* Waits for the next FD_WRITE before sending more. */
            w->writable = 0;
            return;
        }
    }
}

static void writer_write(struct writer *w, const char *bytes, int length)
{
    memcpy(w->pending + w->pending_length, bytes, (size_t)length);
    w->pending_length += length;
    if (w->writable) writer_flush(w);
}

static void writer_on_writable(struct writer *w)
{
    w->writable = 1;
    writer_flush(w);
}

int write_wait(enum variant variant)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    HWND hwnd = sample_window("WriterWindow", NULL);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAAsyncSelect(s, hwnd, WM_SOCKET, FD_CONNECT | FD_WRITE | FD_CLOSE);
    sample_connect(s);
    static struct writer w;
    w.socket = s;
    w.variant = variant;
    char payload[4000];
    sample_pattern(payload, sizeof payload);
    writer_write(&w, payload, sizeof payload);
    int shut_down = 0;
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        if (m.message != WM_SOCKET) continue;
        switch (WSAGETSELECTEVENT(m.lParam)) {
        case FD_WRITE:
            writer_on_writable(&w);
            break;
        case FD_CLOSE:
            closesocket(s);
            PostQuitMessage(0);
            break;
        }
        if (w.pending_length == 0 && !shut_down) {
            shutdown(s, SD_SEND);
            shut_down = 1;
        }
    }
    WSACleanup();
    wsasim_assert(w.sent == 4000, "sent %d of 4000 bytes", w.sent);
    return 0;
}
