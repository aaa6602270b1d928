/* The wire protocol between the ws2_32 shim (in the program's process, under Wine or on Windows) and the harness
 * that runs the simulated stack (src/Simulation/Native, a .NET process: natively on Linux, or on Windows). The C#
 * mirror is src/Simulation/Native/Protocol/; tests/Simulation checks that every OP_ number here matches it.
 *
 * One request, one reply, strictly alternating, on one channel: the harness answers each call in order, so a run is
 * a deterministic function of the schedule for a single-threaded program. All integers are little-endian; every
 * frame starts with its length (not counting the length field itself).
 *
 * Request (shim -> harness):
 *   u32 length | u16 op | u16 argc | u32 blob_length | u32 thread_id | u64 args[argc] | u8 blob[blob_length]
 * Reply (harness -> shim):
 *   u32 length | u32 flags | i64 result | u32 error | u16 effect_count | u16 write_count
 *   | effect[effect_count] | write[write_count]
 *   effect: u32 kind | u32 reserved | u64 a | u64 b | u64 c | u64 d
 *   write:  u64 address | u32 length | u32 reserved | u8 bytes[length] (padded to 8)
 * Notices (OP_RETRIEVED, OP_NOTE) are one-way: the harness reads them in order and sends no reply.
 *
 * The shim applies the writes first (bytes into the caller's buffers), then the effects in order (PostMessage to the
 * program's real window, SetEvent/ResetEvent on real kernel32 events), then sets the thread's last error when
 * REPLY_SETS_ERROR is on (else the program's own last error stays), and returns the result.
 *
 * The argument lists (args[i] in order; "*" is an address in the program; "-> writes" what the reply writes):
 *   OP_WSAStartup            version, WSADATA*                                 -> writes WSADATA; result is the error
 *   OP_socket                af, type, protocol
 *   OP_WSASocket             af, type, protocol, protocol_info*, group, flags
 *   OP_bind, OP_connect      s, name*, namelen; blob: the sockaddr
 *   OP_WSAConnect            s, name*, namelen, caller*, callee*, sqos*, gqos*; blob: the sockaddr
 *   OP_listen                s, backlog
 *   OP_accept                s, addr*, addrlen*, *addrlen                        -> writes addr, *addrlen
 *   OP_WSAAccept             as accept, then condition*, callback_data
 *   OP_recv                  s, buf*, len, flags                                 -> writes buf
 *   OP_recvfrom              s, buf*, len, flags, from*, fromlen*, *fromlen     -> writes buf, from, *fromlen
 *   OP_WSARecv               s, buffers*, count, received*, flags*, *flags, overlapped*, routine*;
 *                            blob: the WSABUF array (u32 len, u32 pad, u64 buf)  -> writes the buffers, *received, *flags
 *   OP_send                  s, buf*, len, flags; blob: the bytes
 *   OP_sendto                s, buf*, len, flags, to*, tolen; blob: the bytes
 *   OP_WSASend               s, buffers*, count, sent*, flags, overlapped*, routine*;
 *                            blob: the WSABUF array, then the bytes of every buffer in order -> writes *sent
 *   OP_shutdown              s, how
 *   OP_closesocket           s
 *   OP_ioctlsocket           s, cmd, argp*, *argp                                -> writes *argp (u32)
 *   OP_setsockopt            s, level, name, optval*, optlen; blob: the value
 *   OP_getsockopt            s, level, name, optval*, optlen*, *optlen           -> writes optval, *optlen
 *   OP_getsockname/peername  s, name*, namelen*, *namelen                        -> writes name, *namelen
 *   OP_select                nfds, read*, write*, except*, timeout ms (-1: none);
 *                            blob: per set, u32 present, u32 count, u64 sockets[count] -> writes each set
 *   OP_WSAAsyncSelect        s, hwnd, message, events, IsWindow(hwnd)
 *   OP_WSAEventSelect        s, event, events
 *   OP_WSAEnumNetworkEvents  s, event, out*                                      -> writes WSANETWORKEVENTS (44 bytes)
 *   OP_WSACreateEvent        the real event the shim created                    result: that handle, or 0
 *   OP_WSACloseEvent, OP_WSASetEvent, OP_WSAResetEvent   event
 *   OP_WSAWaitForMultipleEvents  count, wait_all, timeout, alertable; blob: the handles (u64 each)
 *   OP_gethostbyname         name*, buffer*, buffer size; blob: the name          -> writes a hostent into the buffer
 *   OP_gethostname           name*, namelen                                      -> writes the name
 *   OP_getaddrinfo           node*, service*, hints*, result*, buffer*, buffer size;
 *                            blob: node, NUL, service, NUL, hints (48 bytes, if any) -> writes an addrinfo list into
 *                            the buffer and *result; result is the error (the shim frees the buffer on failure)
 *   OP_inet_addr             cp*; blob: the text
 *   OP_inet_ntoa             address (network order), buffer*                   -> writes the text
 *   OP_inet_pton             family, src*, dst*; blob: the text                  -> writes 4 bytes at dst
 *   OP_inet_ntop             family, src*, dst*, size; blob: 4 bytes             -> writes the text
 *   OP_GetTickCount          (none)                                              result: the simulated clock (ms)
 * Session:
 *   OP_HELLO                 protocol version, pid; blob: the program's path (UTF-8)
 *   OP_UNSUPPORTED           blob: the export's name; the run stops there (UNSUPPORTED)
 *   OP_CRASH                 exception code, offset in its module; blob: the module's file name
 *   OP_IDLE                  idle kind (enum wsasim_idle), timeout ms (-1 for INFINITE)   result: enum wsasim_idle_verdict
 *   OP_RETRIEVED (one-way)   hwnd, message, wparam, lparam, 1 GetMessage / 2 PeekMessage
 *   OP_ASSERT                blob: the message; the run fails with SIM-ASSERT
 *   OP_NOTE (one-way)        blob: the text; a note in the run's record */
#ifndef WSASIM_PROTOCOL_H
#define WSASIM_PROTOCOL_H

#include <stdint.h>

#define WSASIM_PROTOCOL_VERSION 2

enum wsasim_op
{
    OP_HELLO = 1,
    OP_UNSUPPORTED = 2,
    OP_CRASH = 3,
    OP_IDLE = 4,
    OP_RETRIEVED = 5,
    OP_ASSERT = 6,
    OP_NOTE = 7,
    OP_GetTickCount = 8,

    OP_WSAStartup = 100,
    OP_WSACleanup = 101,
    OP_socket = 102,
    OP_WSASocket = 103,
    OP_bind = 104,
    OP_listen = 105,
    OP_connect = 106,
    OP_WSAConnect = 107,
    OP_accept = 108,
    OP_WSAAccept = 109,
    OP_recv = 110,
    OP_recvfrom = 111,
    OP_WSARecv = 112,
    OP_send = 113,
    OP_sendto = 114,
    OP_WSASend = 115,
    OP_shutdown = 116,
    OP_closesocket = 117,
    OP_ioctlsocket = 118,
    OP_setsockopt = 119,
    OP_getsockopt = 120,
    OP_getsockname = 121,
    OP_getpeername = 122,
    OP_select = 123,
    OP_WSAAsyncSelect = 124,
    OP_WSAEventSelect = 125,
    OP_WSAEnumNetworkEvents = 126,
    OP_WSACreateEvent = 127,
    OP_WSACloseEvent = 128,
    OP_WSASetEvent = 129,
    OP_WSAResetEvent = 130,
    OP_WSAWaitForMultipleEvents = 131,
    OP_gethostbyname = 132,
    OP_gethostname = 133,
    OP_getaddrinfo = 134,
    OP_inet_addr = 135,
    OP_inet_ntoa = 136,
    OP_inet_pton = 137,
    OP_inet_ntop = 138,
};

enum wsasim_idle
{
    IDLE_GETMESSAGE = 1,   /* GetMessage / WaitMessage would block: nothing queued matches its filter */
    IDLE_PEEKMESSAGE = 2,  /* PeekMessage found nothing */
    IDLE_MSGWAIT = 3,      /* MsgWaitForMultipleObjects(Ex): nothing ready */
    IDLE_WAIT = 4,         /* WaitForSingleObject / WaitForMultipleObjects(Ex): nothing signaled */
    IDLE_SLEEP = 5,        /* Sleep / SleepEx */
};

/* OP_IDLE's result: what the shim does next. */
enum wsasim_idle_verdict
{
    IDLE_DELIVERED = 0,    /* the harness delivered something (its effects are applied): look again */
    IDLE_NOTHING = 1,      /* nothing to deliver now: let the call do what it would (return empty) */
    IDLE_TIMED_OUT = 2,    /* simulated time: the wait's timeout elapsed; return the timeout result at once */
};

enum wsasim_effect
{
    EFFECT_POST = 1,        /* PostMessageW(a = hwnd, b = message, c = wparam, d = lparam) */
    EFFECT_SET_EVENT = 2,   /* SetEvent(a) */
    EFFECT_RESET_EVENT = 3, /* ResetEvent(a) */
    EFFECT_TERMINATE = 4,   /* the run is over: TerminateProcess(self, a) */
};

#define REPLY_SETS_ERROR 1u

#pragma pack(push, 1)
struct wsasim_request_header
{
    uint32_t length;
    uint16_t op;
    uint16_t argc;
    uint32_t blob_length;
    uint32_t thread_id;
};

struct wsasim_reply_header
{
    uint32_t length;
    uint32_t flags;
    int64_t result;
    uint32_t error;
    uint16_t effect_count;
    uint16_t write_count;
};

struct wsasim_effect_record
{
    uint32_t kind;
    uint32_t reserved;
    uint64_t a, b, c, d;
};

struct wsasim_write_header
{
    uint64_t address;
    uint32_t length;
    uint32_t reserved;
};
#pragma pack(pop)

#endif
