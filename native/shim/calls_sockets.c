/* A socket's life and its options, forwarded: each call packs its arguments as u64s, sends what the callee must read
 * (a sockaddr, an option's value) as the blob, and returns what the harness answers; the harness's writes land in the
 * caller's buffers before the call returns. The argument lists are protocol.h's. */
#include "shim.h"

/* A sockaddr the caller passes: at most a sockaddr_storage's 128 bytes travel (the harness judges the length). */
static uint32_t address_length(const void *name, int namelen)
{
    return name && namelen > 0 ? (uint32_t)(namelen < 128 ? namelen : 128) : 0;
}

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

static SOCKET wsa_socket(int af, int type, int protocol, const void *info, unsigned int group, DWORD flags)
{
    uint64_t args[] = { (uint64_t)af, (uint64_t)type, (uint64_t)protocol, A(info), group, flags };
    return (SOCKET)shim_forward(OP_WSASocket, args, 6, NULL, 0, (int64_t)INVALID_SOCKET);
}

SOCKET WSAAPI WSASocketA(int af, int type, int protocol, void *info, unsigned int group, DWORD flags)
{
    return wsa_socket(af, type, protocol, info, group, flags);
}

SOCKET WSAAPI WSASocketW(int af, int type, int protocol, void *info, unsigned int group, DWORD flags)
{
    return wsa_socket(af, type, protocol, info, group, flags);
}

int WSAAPI bind(SOCKET s, const void *name, int namelen)
{
    uint64_t args[] = { s, A(name), (uint64_t)namelen };
    return (int)shim_forward(OP_bind, args, 3, name, address_length(name, namelen), SOCKET_ERROR);
}

int WSAAPI listen(SOCKET s, int backlog)
{
    uint64_t args[] = { s, (uint64_t)backlog };
    return (int)shim_forward(OP_listen, args, 2, NULL, 0, SOCKET_ERROR);
}

int WSAAPI connect(SOCKET s, const void *name, int namelen)
{
    uint64_t args[] = { s, A(name), (uint64_t)namelen };
    return (int)shim_forward(OP_connect, args, 3, name, address_length(name, namelen), SOCKET_ERROR);
}

int WSAAPI WSAConnect(SOCKET s, const void *name, int namelen, void *caller, void *callee, void *sqos, void *gqos)
{
    uint64_t args[] = { s, A(name), (uint64_t)namelen, A(caller), A(callee), A(sqos), A(gqos) };
    return (int)shim_forward(OP_WSAConnect, args, 7, name, address_length(name, namelen), SOCKET_ERROR);
}

SOCKET WSAAPI accept(SOCKET s, void *addr, int *addrlen)
{
    uint64_t args[] = { s, A(addr), A(addrlen), addrlen ? (uint64_t)*addrlen : 0 };
    return (SOCKET)shim_forward(OP_accept, args, 4, NULL, 0, (int64_t)INVALID_SOCKET);
}

SOCKET WSAAPI WSAAccept(SOCKET s, void *addr, int *addrlen, void *condition, DWORD_PTR data)
{
    uint64_t args[] = { s, A(addr), A(addrlen), addrlen ? (uint64_t)*addrlen : 0, A(condition), data };
    return (SOCKET)shim_forward(OP_WSAAccept, args, 6, NULL, 0, (int64_t)INVALID_SOCKET);
}

int WSAAPI shutdown(SOCKET s, int how)
{
    uint64_t args[] = { s, (uint64_t)how };
    return (int)shim_forward(OP_shutdown, args, 2, NULL, 0, SOCKET_ERROR);
}

int WSAAPI closesocket(SOCKET s)
{
    uint64_t args[] = { s };
    return (int)shim_forward(OP_closesocket, args, 1, NULL, 0, SOCKET_ERROR);
}

int WSAAPI ioctlsocket(SOCKET s, long cmd, unsigned long *argp)
{
    uint64_t args[] = { s, (uint64_t)(uint32_t)cmd, A(argp), argp ? *argp : 0 };
    return (int)shim_forward(OP_ioctlsocket, args, 4, NULL, 0, SOCKET_ERROR);
}

int WSAAPI setsockopt(SOCKET s, int level, int name, const char *value, int length)
{
    uint64_t args[] = { s, (uint64_t)level, (uint64_t)name, A(value), (uint64_t)length };
    uint32_t size = value && length > 0 ? (uint32_t)(length < 256 ? length : 256) : 0;
    return (int)shim_forward(OP_setsockopt, args, 5, value, size, SOCKET_ERROR);
}

int WSAAPI getsockopt(SOCKET s, int level, int name, char *value, int *length)
{
    uint64_t args[] = { s, (uint64_t)level, (uint64_t)name, A(value), A(length), length ? (uint64_t)*length : 0 };
    return (int)shim_forward(OP_getsockopt, args, 6, NULL, 0, SOCKET_ERROR);
}

int WSAAPI getsockname(SOCKET s, void *name, int *namelen)
{
    uint64_t args[] = { s, A(name), A(namelen), namelen ? (uint64_t)*namelen : 0 };
    return (int)shim_forward(OP_getsockname, args, 4, NULL, 0, SOCKET_ERROR);
}

int WSAAPI getpeername(SOCKET s, void *name, int *namelen)
{
    uint64_t args[] = { s, A(name), A(namelen), namelen ? (uint64_t)*namelen : 0 };
    return (int)shim_forward(OP_getpeername, args, 4, NULL, 0, SOCKET_ERROR);
}
