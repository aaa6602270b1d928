/* recv and send, forwarded: the harness writes what the program reads into its buffers; what it sends travels as the
 * blob. The argument lists are protocol.h's. */
#include <string.h>
#include "shim.h"

/* WSABUF as Winsock lays it out on x64. */
struct shim_wsabuf { unsigned long len; char *buf; };

int WSAAPI recv(SOCKET s, char *buf, int len, int flags)
{
    uint64_t args[] = { s, A(buf), (uint64_t)len, (uint64_t)flags };
    return (int)shim_forward(OP_recv, args, 4, NULL, 0, SOCKET_ERROR);
}

int WSAAPI recvfrom(SOCKET s, char *buf, int len, int flags, void *from, int *fromlen)
{
    uint64_t args[] = { s, A(buf), (uint64_t)len, (uint64_t)flags, A(from), A(fromlen), fromlen ? (uint64_t)*fromlen : 0 };
    return (int)shim_forward(OP_recvfrom, args, 7, NULL, 0, SOCKET_ERROR);
}

int WSAAPI WSARecv(SOCKET s, struct shim_wsabuf *buffers, DWORD count, DWORD *received, DWORD *flags,
                   void *overlapped, void *routine)
{
    uint64_t args[] = { s, A(buffers), count, A(received), A(flags), flags ? *flags : 0, A(overlapped), A(routine) };
    uint32_t size = buffers && count <= 1024 ? count * (uint32_t)sizeof *buffers : 0;
    return (int)shim_forward(OP_WSARecv, args, 8, buffers, size, SOCKET_ERROR);
}

int WSAAPI send(SOCKET s, const char *buf, int len, int flags)
{
    uint64_t args[] = { s, A(buf), (uint64_t)len, (uint64_t)flags };
    return (int)shim_forward(OP_send, args, 4, buf, buf && len > 0 ? (uint32_t)len : 0, SOCKET_ERROR);
}

int WSAAPI sendto(SOCKET s, const char *buf, int len, int flags, const void *to, int tolen)
{
    uint64_t args[] = { s, A(buf), (uint64_t)len, (uint64_t)flags, A(to), (uint64_t)tolen };
    return (int)shim_forward(OP_sendto, args, 6, buf, buf && len > 0 ? (uint32_t)len : 0, SOCKET_ERROR);
}

int WSAAPI WSASend(SOCKET s, struct shim_wsabuf *buffers, DWORD count, DWORD *sent, DWORD flags,
                   void *overlapped, void *routine)
{
    uint64_t args[] = { s, A(buffers), count, A(sent), flags, A(overlapped), A(routine) };
    if (!buffers || count > 1024) return (int)shim_forward(OP_WSASend, args, 7, NULL, 0, SOCKET_ERROR);
    /* The WSABUF array, then every buffer's bytes (a NULL buffer contributes none; the harness sees it in the array). */
    size_t total = count * sizeof *buffers;
    for (DWORD i = 0; i < count; i++) if (buffers[i].buf) total += buffers[i].len;
    uint8_t *blob = HeapAlloc(GetProcessHeap(), 0, total ? total : 1);
    if (!blob) { SetLastError(8 /* WSA_NOT_ENOUGH_MEMORY */); return SOCKET_ERROR; }
    memcpy(blob, buffers, count * sizeof *buffers);
    size_t at = count * sizeof *buffers;
    for (DWORD i = 0; i < count; i++) {
        if (!buffers[i].buf) continue;
        memcpy(blob + at, buffers[i].buf, buffers[i].len);
        at += buffers[i].len;
    }
    int result = (int)shim_forward(OP_WSASend, args, 7, blob, (uint32_t)total, SOCKET_ERROR);
    DWORD error = GetLastError();
    HeapFree(GetProcessHeap(), 0, blob);
    SetLastError(error);
    return result;
}
