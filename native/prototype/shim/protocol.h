/* The wire protocol between the ws2_32 shim (in the program's process, under Wine or on Windows) and the
 * harness that runs the simulated stack (a .NET process: natively on Linux, or on Windows).
 *
 * One request, one reply, strictly alternating, on one channel: the harness answers each call in order, so
 * a run is a deterministic function of the schedule for a single-threaded program. All integers are
 * little-endian; every frame starts with its length (not counting the length field itself).
 *
 * Request (shim -> harness):
 *   u32 length | u16 op | u16 argc | u32 blob_length | u32 thread_id | u64 args[argc] | u8 blob[blob_length]
 * Reply (harness -> shim):
 *   u32 length | u32 flags | i64 result | u32 error | u16 effect_count | u16 write_count
 *   | effect[effect_count] | write[write_count]
 *   effect: u32 kind | u32 reserved | u64 a | u64 b | u64 c | u64 d
 *   write:  u64 address | u32 length | u32 reserved | u8 bytes[length] (padded to 8)
 * Notices (OP_RETRIEVED) are one-way: the harness reads them in order and sends no reply.
 *
 * The shim applies the writes first (bytes into the caller's buffers), then the effects in order
 * (PostMessage to the program's real window, SetEvent/ResetEvent on real kernel32 events), then sets the
 * thread's last error when REPLY_SETS_ERROR is on, and returns the result. */
#ifndef WSASIM_PROTOCOL_H
#define WSASIM_PROTOCOL_H

#include <stdint.h>

#define WSASIM_PROTOCOL_VERSION 1

enum wsasim_op
{
    /* session */
    OP_HELLO = 1,        /* args: protocol version, pid; blob: the program's path (UTF-8) */
    OP_UNSUPPORTED = 2,  /* blob: the export's name; the harness records it, the reply is the failure to return */
    OP_CRASH = 3,        /* args: exception code, address; sent from the unhandled-exception filter */
    OP_IDLE = 4,         /* args: idle kind (enum wsasim_idle), timeout ms (or -1) */
    OP_RETRIEVED = 5,    /* one-way; args: hwnd, message, wparam, lparam of a socket message the program took */

    /* forwarded Winsock calls (the prototype's subset; the real shim covers the simulated stack's set) */
    OP_WSAStartup = 100,       /* args: version, WSADATA*; writes WSADATA */
    OP_WSACleanup,
    OP_socket,                 /* args: af, type, protocol */
    OP_closesocket,            /* args: s */
    OP_connect,                /* args: s, name*, namelen; blob: the sockaddr */
    OP_WSAAsyncSelect,         /* args: s, hwnd, message, events, IsWindow(hwnd) as the shim saw it */
    OP_WSAEventSelect,         /* args: s, event, events */
    OP_WSAEnumNetworkEvents,   /* args: s, event, WSANETWORKEVENTS*; writes it */
    OP_WSACreateEvent,         /* args: the real event the shim created */
    OP_WSACloseEvent,          /* args: event (the shim closes the real handle after the reply) */
    OP_WSAWaitForMultipleEvents, /* args: count, waitAll, timeout, alertable; blob: the handles (u64 each) */
    OP_recv,                   /* args: s, buf*, len, flags; writes buf */
    OP_send,                   /* args: s, buf*, len, flags; blob: the bytes */
    OP_ioctlsocket,            /* args: s, cmd, argp*, *argp; writes *argp */
};

enum wsasim_idle
{
    IDLE_GETMESSAGE = 1,   /* GetMessage would block: the queue has nothing matching its filter */
    IDLE_PEEKMESSAGE = 2,  /* PeekMessage found nothing */
    IDLE_MSGWAIT = 3,      /* MsgWaitForMultipleObjects(Ex) would block */
    IDLE_WAIT = 4,         /* WaitForSingleObject / WaitForMultipleObjects on nothing signaled yet */
};

/* OP_IDLE's result: what the shim does next. */
enum wsasim_idle_verdict
{
    IDLE_DELIVERED = 0,    /* the harness delivered something (its effects are applied): look again */
    IDLE_NOTHING = 1,      /* nothing to deliver now: let the call do what it would (block, or return empty) */
    IDLE_TIMED_OUT = 2,    /* virtual time: the wait's timeout elapsed; return the timeout result at once */
};

enum wsasim_effect
{
    EFFECT_POST = 1,       /* PostMessageW(a = hwnd, b = message, c = wparam, d = lparam) */
    EFFECT_SET_EVENT = 2,  /* SetEvent(a) */
    EFFECT_RESET_EVENT = 3,/* ResetEvent(a) */
    EFFECT_TERMINATE = 4,  /* the run is over: TerminateProcess(self, a) */
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
