/* Names and addresses: resolution and the text forms are the harness's (the simulated host has 127.0.0.1 and no DNS);
 * results Winsock returns by pointer live in the thread's scratch storage (hostent, inet_ntoa) or in a block the shim
 * allocates (getaddrinfo, freed by freeaddrinfo), filled by the harness's writes. Byte order and the thread's last
 * error are answered in place: they hold no Winsock state. */
#include <string.h>
#include "shim.h"

#define ADDRINFO_BLOCK 256

void *WSAAPI gethostbyname(const char *name)
{
    void *buffer = shim_thread_buffer(SHIM_SLOT_HOSTENT);
    uint64_t args[] = { A(name), A(buffer), SHIM_SLOT_SIZE };
    uint32_t length = name ? (uint32_t)strnlen(name, 255) : 0;
    return (void *)(uintptr_t)shim_forward(OP_gethostbyname, args, 3, name, length, 0);
}

int WSAAPI gethostname(char *name, int namelen)
{
    uint64_t args[] = { A(name), (uint64_t)namelen };
    return (int)shim_forward(OP_gethostname, args, 2, NULL, 0, SOCKET_ERROR);
}

int WSAAPI getaddrinfo(const char *node, const char *service, const void *hints, void **result)
{
    /* The blob: node, NUL, service, NUL, then the hints (48 bytes on x64); the harness sees which are NULL in args. */
    char blob[255 + 1 + 63 + 1 + 48];
    size_t at = 0;
    const char *texts[] = { node, service };
    size_t limits[] = { 255, 63 };
    for (int i = 0; i < 2; i++) {
        size_t length = texts[i] ? strnlen(texts[i], limits[i]) : 0;
        memcpy(blob + at, texts[i] ? texts[i] : "", length);
        at += length;
        blob[at++] = 0;
    }
    if (hints) { memcpy(blob + at, hints, 48); at += 48; }
    void *block = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, ADDRINFO_BLOCK);
    if (!block) return 8; /* WSA_NOT_ENOUGH_MEMORY */
    uint64_t args[] = { A(node), A(service), A(hints), A(result), A(block), ADDRINFO_BLOCK };
    int error = (int)shim_forward(OP_getaddrinfo, args, 6, blob, (uint32_t)at, SHIM_WSASYSNOTREADY);
    if (error) HeapFree(GetProcessHeap(), 0, block);
    return error;
}

void WSAAPI freeaddrinfo(void *list)
{
    /* The harness wrote the whole list into one block the shim allocated. */
    if (list) HeapFree(GetProcessHeap(), 0, list);
}

unsigned long WSAAPI inet_addr(const char *cp)
{
    uint64_t args[] = { A(cp) };
    return (unsigned long)shim_forward(OP_inet_addr, args, 1, cp, cp ? (uint32_t)strnlen(cp, 63) : 0, 0xFFFFFFFF);
}

struct shim_in_addr { unsigned long address; };

char *WSAAPI inet_ntoa(struct shim_in_addr in)
{
    void *buffer = shim_thread_buffer(SHIM_SLOT_NTOA);
    uint64_t args[] = { in.address, A(buffer) };
    return (char *)(uintptr_t)shim_forward(OP_inet_ntoa, args, 2, NULL, 0, 0);
}

int WSAAPI inet_pton(int family, const char *text, void *destination)
{
    uint64_t args[] = { (uint64_t)family, A(text), A(destination) };
    return (int)shim_forward(OP_inet_pton, args, 3, text, text ? (uint32_t)strnlen(text, 63) : 0, -1);
}

const char *WSAAPI inet_ntop(int family, const void *source, char *destination, size_t size)
{
    uint64_t args[] = { (uint64_t)family, A(source), A(destination), size };
    return (const char *)(uintptr_t)shim_forward(OP_inet_ntop, args, 4, source, source ? 4 : 0, 0);
}

int WSAAPI WSAGetLastError(void) { return (int)GetLastError(); }
void WSAAPI WSASetLastError(int error) { SetLastError((DWORD)error); }
unsigned short WSAAPI htons(unsigned short v) { return (unsigned short)((v >> 8) | (v << 8)); }
unsigned short WSAAPI ntohs(unsigned short v) { return htons(v); }
unsigned long WSAAPI htonl(unsigned long v) { return ((v & 0xFFu) << 24) | ((v & 0xFF00u) << 8) | ((v >> 8) & 0xFF00u) | (v >> 24); }
unsigned long WSAAPI ntohl(unsigned long v) { return htonl(v); }
