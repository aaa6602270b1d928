/* linereader.c: a tiny wrapper under test. It reads everything a server sends until the server closes. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#define WM_SOCKET (WM_USER + 1)

static SOCKET s_socket;
static int s_total;

/* The wrapper: on FD_READ, asks how much there is and reads it all; nothing to read is taken for the server gone. */
static void on_readable(int closing)
{
    char buffer[16];
    u_long available = 0;
    ioctlsocket(s_socket, FIONREAD, &available);
    if (available == 0 && !closing) { closesocket(s_socket); PostQuitMessage(0); return; }
    for (;;) {
        int n = recv(s_socket, buffer, sizeof buffer, 0);
        if (n > 0) { s_total += n; continue; }
        if (n == 0 || WSAGetLastError() != WSAEWOULDBLOCK) { closesocket(s_socket); PostQuitMessage(0); }
        return;
    }
}

int main(int argc, char **argv)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    HWND window = CreateWindowExA(0, "STATIC", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
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
