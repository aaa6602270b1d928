/* The notification calls and the readiness waits, forwarded: WSAAsyncSelect, WSAEventSelect and its event objects,
 * select and WSAWaitForMultipleEvents (answered in simulated time). Event objects are real manual-reset kernel32
 * events, so the program can also wait on them with kernel32; the harness learns their values. */
#include <string.h>
#include "shim.h"

#define SHIM_WSA_WAIT_FAILED ((DWORD)0xFFFFFFFF)

/* fd_set as Winsock lays it out on x64: a count, then the sockets (FD_SETSIZE of them, whatever the program chose). */
struct shim_fd_set { unsigned int count; SOCKET sockets[1]; };
struct shim_timeval { long sec, usec; };

int WSAAPI WSAAsyncSelect(SOCKET s, HWND hwnd, UINT message, long events)
{
    /* The simulated stack asks its host whether hwnd is a window: the shim answers with the real user32. */
    uint64_t args[] = { s, A(hwnd), message, (uint64_t)(uint32_t)events, (uint64_t)(IsWindow(hwnd) != 0) };
    if (hwnd && events) shim_note_socket_message(hwnd, message);
    return (int)shim_forward(OP_WSAAsyncSelect, args, 5, NULL, 0, SOCKET_ERROR);
}

int WSAAPI WSAEventSelect(SOCKET s, HANDLE event, long events)
{
    uint64_t args[] = { s, A(event), (uint64_t)(uint32_t)events };
    return (int)shim_forward(OP_WSAEventSelect, args, 3, NULL, 0, SOCKET_ERROR);
}

int WSAAPI WSAEnumNetworkEvents(SOCKET s, HANDLE event, void *network_events)
{
    uint64_t args[] = { s, A(event), A(network_events) };
    return (int)shim_forward(OP_WSAEnumNetworkEvents, args, 3, NULL, 0, SOCKET_ERROR);
}

HANDLE WSAAPI WSACreateEvent(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!event) return NULL;
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

BOOL WSAAPI WSASetEvent(HANDLE event)
{
    uint64_t args[] = { A(event) };
    return (BOOL)shim_forward(OP_WSASetEvent, args, 1, NULL, 0, FALSE);
}

BOOL WSAAPI WSAResetEvent(HANDLE event)
{
    uint64_t args[] = { A(event) };
    return (BOOL)shim_forward(OP_WSAResetEvent, args, 1, NULL, 0, FALSE);
}

DWORD WSAAPI WSAWaitForMultipleEvents(DWORD count, const HANDLE *events, BOOL wait_all, DWORD timeout, BOOL alertable)
{
    uint64_t handles[64];
    if (count == 0 || count > 64 || !events) { SetLastError(SHIM_WSA_INVALID_PARAMETER); return SHIM_WSA_WAIT_FAILED; }
    for (DWORD i = 0; i < count; i++) handles[i] = A(events[i]);
    uint64_t args[] = { count, (uint64_t)wait_all, timeout, (uint64_t)alertable };
    return (DWORD)shim_forward(OP_WSAWaitForMultipleEvents, args, 4, handles, count * 8u, SHIM_WSA_WAIT_FAILED);
}

/* Appends one fd_set to the blob: present, count, the sockets. */
static size_t put_set(uint8_t *blob, const struct shim_fd_set *set)
{
    uint32_t present = set != NULL, count = set ? set->count : 0;
    memcpy(blob, &present, 4);
    memcpy(blob + 4, &count, 4);
    if (count) memcpy(blob + 8, set->sockets, count * sizeof(SOCKET));
    return 8 + count * sizeof(SOCKET);
}

int WSAAPI select(int nfds, struct shim_fd_set *read, struct shim_fd_set *write, struct shim_fd_set *except,
                  const struct shim_timeval *timeout)
{
    struct shim_fd_set *sets[] = { read, write, except };
    size_t total = 0;
    for (int i = 0; i < 3; i++) total += 8 + (sets[i] ? sets[i]->count * sizeof(SOCKET) : 0);
    uint8_t *blob = HeapAlloc(GetProcessHeap(), 0, total);
    if (!blob) { SetLastError(8 /* WSA_NOT_ENOUGH_MEMORY */); return SOCKET_ERROR; }
    size_t at = 0;
    for (int i = 0; i < 3; i++) at += put_set(blob + at, sets[i]);
    int64_t ms = timeout ? (int64_t)timeout->sec * 1000 + timeout->usec / 1000 : -1;
    uint64_t args[] = { (uint64_t)nfds, A(read), A(write), A(except), (uint64_t)(ms > 0x7FFFFFFF ? 0x7FFFFFFF : ms) };
    int result = (int)shim_forward(OP_select, args, 5, blob, (uint32_t)total, SOCKET_ERROR);
    DWORD error = GetLastError();
    HeapFree(GetProcessHeap(), 0, blob);
    SetLastError(error);
    return result;
}

int WSAAPI __WSAFDIsSet(SOCKET s, struct shim_fd_set *set)
{
    for (unsigned int i = 0; set && i < set->count; i++)
        if (set->sockets[i] == s) return 1;
    return 0;
}
