/* The exports the prototype forwards to the harness, and the few answered in place because they hold no
 * Winsock state (byte order, the thread's last error). Each forwarded call packs its arguments as u64s,
 * sends what the callee must read (send's bytes, a sockaddr, event handles) as the blob, and returns what
 * the harness answers; the harness's writes land in the caller's buffers before the call returns. */
#include "shim.h"

typedef UINT_PTR SOCKET;
#define WSAAPI WINAPI
#define SOCKET_ERROR (-1)
#define INVALID_SOCKET (~(SOCKET)0)
#define WSA_INVALID_EVENT ((HANDLE)NULL)
#define WSA_WAIT_FAILED ((DWORD)0xFFFFFFFF)
#define A(x) ((uint64_t)(uintptr_t)(x))

int WSAAPI WSAStartup(WORD version, void *data)
{
    uint64_t args[] = { version, A(data) };
    /* WSAStartup returns its error instead of setting it; without a harness that is WSASYSNOTREADY. */
    return (int)shim_forward(OP_WSAStartup, args, 2, NULL, 0, SHIM_WSASYSNOTREADY);
}

int WSAAPI WSACleanup(void)
{
    return (int)shim_forward(OP_WSACleanup, NULL, 0, NULL, 0, SOCKET_ERROR);
}

SOCKET WSAAPI socket(int af, int type, int protocol)
{
    uint64_t args[] = { (uint64_t)af, (uint64_t)type, (uint64_t)protocol };
    return (SOCKET)shim_forward(OP_socket, args, 3, NULL, 0, (int64_t)INVALID_SOCKET);
}

int WSAAPI closesocket(SOCKET s)
{
    uint64_t args[] = { s };
    return (int)shim_forward(OP_closesocket, args, 1, NULL, 0, SOCKET_ERROR);
}

int WSAAPI connect(SOCKET s, const void *name, int namelen)
{
    uint64_t args[] = { s, A(name), (uint64_t)namelen };
    return (int)shim_forward(OP_connect, args, 3, name, name && namelen > 0 ? (uint32_t)namelen : 0, SOCKET_ERROR);
}

int WSAAPI WSAAsyncSelect(SOCKET s, HWND hwnd, UINT message, long events)
{
    /* The simulated stack asks its host whether hwnd is a window: the shim answers with the real user32. */
    uint64_t args[] = { s, A(hwnd), message, (uint64_t)events, (uint64_t)(IsWindow(hwnd) != 0) };
    if (hwnd && message) shim_note_socket_message(hwnd, message);
    return (int)shim_forward(OP_WSAAsyncSelect, args, 5, NULL, 0, SOCKET_ERROR);
}

int WSAAPI WSAEventSelect(SOCKET s, HANDLE event, long events)
{
    uint64_t args[] = { s, A(event), (uint64_t)events };
    return (int)shim_forward(OP_WSAEventSelect, args, 3, NULL, 0, SOCKET_ERROR);
}

int WSAAPI WSAEnumNetworkEvents(SOCKET s, HANDLE event, void *network_events)
{
    uint64_t args[] = { s, A(event), A(network_events) };
    return (int)shim_forward(OP_WSAEnumNetworkEvents, args, 3, NULL, 0, SOCKET_ERROR);
}

HANDLE WSAAPI WSACreateEvent(void)
{
    /* A real manual-reset event, so the program can also wait on it with kernel32; the harness learns its value. */
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!event) return WSA_INVALID_EVENT;
    uint64_t args[] = { A(event) };
    int64_t result = shim_forward(OP_WSACreateEvent, args, 1, NULL, 0, 0);
    if (!result) CloseHandle(event);
    return (HANDLE)(uintptr_t)result;
}

BOOL WSAAPI WSACloseEvent(HANDLE event)
{
    uint64_t args[] = { A(event) };
    BOOL closed = (BOOL)shim_forward(OP_WSACloseEvent, args, 1, NULL, 0, FALSE);
    if (closed) CloseHandle(event);
    return closed;
}

BOOL WSAAPI WSASetEvent(HANDLE event) { return SetEvent(event); }
BOOL WSAAPI WSAResetEvent(HANDLE event) { return ResetEvent(event); }

DWORD WSAAPI WSAWaitForMultipleEvents(DWORD count, const HANDLE *events, BOOL wait_all, DWORD timeout, BOOL alertable)
{
    /* The simulated stack decides (virtual time): it knows which events its host has set. */
    uint64_t handles[64];
    if (count == 0 || count > 64 || !events) { SetLastError(87 /* WSA_INVALID_PARAMETER */); return WSA_WAIT_FAILED; }
    for (DWORD i = 0; i < count; i++) handles[i] = A(events[i]);
    uint64_t args[] = { count, (uint64_t)wait_all, timeout, (uint64_t)alertable };
    return (DWORD)shim_forward(OP_WSAWaitForMultipleEvents, args, 4, handles, count * 8u, WSA_WAIT_FAILED);
}

int WSAAPI recv(SOCKET s, char *buf, int len, int flags)
{
    uint64_t args[] = { s, A(buf), (uint64_t)len, (uint64_t)flags };
    return (int)shim_forward(OP_recv, args, 4, NULL, 0, SOCKET_ERROR);
}

int WSAAPI send(SOCKET s, const char *buf, int len, int flags)
{
    uint64_t args[] = { s, A(buf), (uint64_t)len, (uint64_t)flags };
    return (int)shim_forward(OP_send, args, 4, buf, buf && len > 0 ? (uint32_t)len : 0, SOCKET_ERROR);
}

int WSAAPI ioctlsocket(SOCKET s, long cmd, unsigned long *argp)
{
    uint64_t args[] = { s, (uint64_t)(uint32_t)cmd, A(argp), argp ? *argp : 0 };
    return (int)shim_forward(OP_ioctlsocket, args, 4, NULL, 0, SOCKET_ERROR);
}

/* Answered in place: no Winsock state behind them. */
int WSAAPI WSAGetLastError(void) { return (int)GetLastError(); }
void WSAAPI WSASetLastError(int error) { SetLastError((DWORD)error); }
unsigned short WSAAPI htons(unsigned short v) { return (unsigned short)((v >> 8) | (v << 8)); }
unsigned short WSAAPI ntohs(unsigned short v) { return htons(v); }
unsigned long WSAAPI htonl(unsigned long v) { return ((v & 0xFFu) << 24) | ((v & 0xFF00u) << 8) | ((v >> 8) & 0xFF00u) | (v >> 24); }
unsigned long WSAAPI ntohl(unsigned long v) { return htonl(v); }

/* fd_set as Winsock lays it out (x64): a count, then up to 64 sockets. */
struct shim_fd_set { unsigned int count; SOCKET sockets[64]; };

int WSAAPI __WSAFDIsSet(SOCKET s, struct shim_fd_set *set)
{
    for (unsigned int i = 0; set && i < set->count && i < 64; i++)
        if (set->sockets[i] == s) return 1;
    return 0;
}
