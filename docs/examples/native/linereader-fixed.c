/* linereader.c: a tiny wrapper under test. It reads everything a server sends until the server closes. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#define WM_SOCKET (WM_USER + 1)

static SOCKET s_socket;
static HWND s_window;
static int s_total;

/* On FD_READ: one recv (WSAEWOULDBLOCK is "nothing now"); on FD_CLOSE: un-select, drain, close; nothing after the close. */
static void on_readable(int closing)
{
    char buffer[16];
    int n;
    if (s_socket == INVALID_SOCKET) return;
    if (!closing) {
        if ((n = recv(s_socket, buffer, sizeof buffer, 0)) > 0) s_total += n;
        return;
    }
    WSAAsyncSelect(s_socket, s_window, 0, 0);   /* no FD_READ per recv of the drain (the reference page's advice) */
    while ((n = recv(s_socket, buffer, sizeof buffer, 0)) > 0) s_total += n;
    closesocket(s_socket);
    s_socket = INVALID_SOCKET;
    PostQuitMessage(0);
}

int main(int argc, char **argv)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    HWND window = s_window = CreateWindowExA(0, "STATIC", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    s_socket = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAAsyncSelect(s_socket, window, WM_SOCKET, FD_CONNECT | FD_READ | FD_CLOSE);
    struct sockaddr_in server = { 0 };
    server.sin_family = AF_INET;
    server.sin_port = htons(argc > 1 ? (unsigned short)atoi(argv[1]) : 7);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(s_socket, (struct sockaddr *)&server, sizeof server);
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        if (m.message != WM_SOCKET) continue;
        switch (WSAGETSELECTEVENT(m.lParam)) {
        case FD_READ: on_readable(0); break;
        case FD_CLOSE: on_readable(1); break;
        }
    }
    WSACleanup();
    printf("received %d bytes\n", s_total);
    return s_total == 1000 ? 0 : 1;
}
