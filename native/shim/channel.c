/* The channel to the harness: two FIFOs reached through Wine's Z: drive (WSASIM_CHANNEL names the directory holding
 * "req" and "rsp"), or one duplex Windows named pipe (WSASIM_CHANNEL = \\.\pipe\NAME) on Windows. Plain
 * CreateFileW/ReadFile/WriteFile: the shim needs no socket API of its own. */
#include <stdio.h>
#include <string.h>
#include "shim.h"

static INIT_ONCE s_once = INIT_ONCE_STATIC_INIT;
static CRITICAL_SECTION s_lock;
static HANDLE s_out = INVALID_HANDLE_VALUE, s_in = INVALID_HANDLE_VALUE;
static int s_connected;
static uint8_t *s_buffer;
static size_t s_capacity;
static DWORD s_tls = TLS_OUT_OF_INDEXES;

static void say(const char *line)
{
    DWORD put;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)strlen(line), &put, NULL);
    OutputDebugStringA(line);
}

static void die(const char *what)
{
    char line[256];
    snprintf(line, sizeof line, "ws2_32 shim: %s (error %lu); the harness is gone, ending the program\n", what, GetLastError());
    say(line);
    TerminateProcess(GetCurrentProcess(), 0xDEAD);
}

static void write_all(const void *data, size_t length)
{
    const uint8_t *p = data;
    while (length) {
        DWORD put = 0;
        if (!WriteFile(s_out, p, (DWORD)length, &put, NULL) || put == 0) die("writing to the harness failed");
        p += put;
        length -= put;
    }
}

static void read_all(void *data, size_t length)
{
    uint8_t *p = data;
    while (length) {
        DWORD got = 0;
        if (!ReadFile(s_in, p, (DWORD)length, &got, NULL) || got == 0) die("reading from the harness failed");
        p += got;
        length -= got;
    }
}

static uint8_t *reserve(size_t length)
{
    if (length > s_capacity) {
        s_capacity = length * 2;
        s_buffer = s_buffer ? HeapReAlloc(GetProcessHeap(), 0, s_buffer, s_capacity) : HeapAlloc(GetProcessHeap(), 0, s_capacity);
        if (!s_buffer) die("out of memory");
    }
    return s_buffer;
}

static void send_request(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length)
{
    size_t total = sizeof(struct wsasim_request_header) + 8u * argc + blob_length;
    uint8_t *p = reserve(total);
    struct wsasim_request_header h = { (uint32_t)(total - 4), op, argc, blob_length, GetCurrentThreadId() };
    memcpy(p, &h, sizeof h);
    if (argc) memcpy(p + sizeof h, args, 8u * argc);
    if (blob_length) memcpy(p + sizeof h + 8u * argc, blob, blob_length);
    write_all(p, total);
}

static void apply(const uint8_t *p, const struct wsasim_reply_header *h)
{
    const uint8_t *effects = p;
    const uint8_t *writes = p + h->effect_count * sizeof(struct wsasim_effect_record);
    for (unsigned i = 0; i < h->write_count; i++) {
        struct wsasim_write_header w;
        memcpy(&w, writes, sizeof w);
        writes += sizeof w;
        memcpy((void *)(uintptr_t)w.address, writes, w.length);
        writes += (w.length + 7u) & ~7u;
    }
    for (unsigned i = 0; i < h->effect_count; i++) {
        struct wsasim_effect_record e;
        memcpy(&e, effects + i * sizeof e, sizeof e);
        switch (e.kind) {
        case EFFECT_POST: PostMessageW((HWND)(uintptr_t)e.a, (UINT)e.b, (WPARAM)e.c, (LPARAM)e.d); break;
        case EFFECT_SET_EVENT: SetEvent((HANDLE)(uintptr_t)e.a); break;
        case EFFECT_RESET_EVENT: ResetEvent((HANDLE)(uintptr_t)e.a); break;
        case EFFECT_TERMINATE: TerminateProcess(GetCurrentProcess(), (UINT)e.a); break;
        default: die("the harness sent an unknown effect");
        }
    }
}

static void transact(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length,
                     struct shim_reply *reply)
{
    EnterCriticalSection(&s_lock);
    send_request(op, args, argc, blob, blob_length);
    struct wsasim_reply_header h;
    read_all(&h, sizeof h);
    size_t rest = h.length + 4 - sizeof h;
    uint8_t *p = reserve(rest);
    read_all(p, rest);
    apply(p, &h);
    reply->result = h.result;
    reply->error = h.error;
    reply->sets_error = (h.flags & REPLY_SETS_ERROR) != 0;
    LeaveCriticalSection(&s_lock);
}

static LONG WINAPI on_crash(EXCEPTION_POINTERS *info)
{
    /* The program is about to die of an unhandled exception: tell the harness what and where (module and offset,
     * the same in every run), then end it at once (no debugger start-up), so the report names the crash. */
    void *address = info->ExceptionRecord->ExceptionAddress;
    HMODULE module = NULL;
    char path[MAX_PATH] = "?";
    GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, address, &module);
    if (module) GetModuleFileNameA(module, path, sizeof path);
    const char *name = strrchr(path, '\\') ? strrchr(path, '\\') + 1 : path;
    uint64_t args[2] = { info->ExceptionRecord->ExceptionCode, (uint64_t)((uintptr_t)address - (uintptr_t)module) };
    struct shim_reply reply;
    transact(OP_CRASH, args, 2, name, (uint32_t)strlen(name), &reply);
    TerminateProcess(GetCurrentProcess(), info->ExceptionRecord->ExceptionCode);
    return EXCEPTION_EXECUTE_HANDLER;
}

static BOOL CALLBACK open_channel(INIT_ONCE *once, void *parameter, void **context)
{
    (void)once; (void)parameter; (void)context;
    InitializeCriticalSection(&s_lock);
    s_tls = TlsAlloc();
    wchar_t where[MAX_PATH], path[MAX_PATH];
    if (!GetEnvironmentVariableW(L"WSASIM_CHANNEL", where, MAX_PATH)) {
        say("ws2_32 shim: WSASIM_CHANNEL is not set: no simulated stack to answer; every call fails (run the program with ./conformance simulate)\n");
        return TRUE;
    }
    if (wcsncmp(where, L"\\\\.\\pipe\\", 9) == 0) {
        s_out = s_in = CreateFileW(where, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    } else {
        _snwprintf(path, MAX_PATH, L"%ls\\req", where);
        s_out = CreateFileW(path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        _snwprintf(path, MAX_PATH, L"%ls\\rsp", where);
        s_in = CreateFileW(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    }
    if (s_out == INVALID_HANDLE_VALUE || s_in == INVALID_HANDLE_VALUE) die("opening WSASIM_CHANNEL failed");
    s_connected = 1;

    char program[MAX_PATH * 3];
    wchar_t wide[MAX_PATH];
    GetModuleFileNameW(NULL, wide, MAX_PATH);
    int length = WideCharToMultiByte(CP_UTF8, 0, wide, -1, program, sizeof program, NULL, NULL);
    uint64_t args[2] = { WSASIM_PROTOCOL_VERSION, GetCurrentProcessId() };
    struct shim_reply reply;
    SetUnhandledExceptionFilter(on_crash);
    shim_install_idle_hooks();
    transact(OP_HELLO, args, 2, program, length > 0 ? (uint32_t)length - 1 : 0, &reply);
    return TRUE;
}

int shim_call(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length,
              struct shim_reply *reply)
{
    /* The channel's own kernel32 calls (ReadFile, WriteFile, PostMessage) must not show through as the program's
     * last error: what the program sees is what the harness said, or what it had before. */
    DWORD saved = GetLastError();
    InitOnceExecuteOnce(&s_once, open_channel, NULL, NULL);
    if (!s_connected) { SetLastError(saved); return 0; }
    transact(op, args, argc, blob, blob_length, reply);
    SetLastError(saved);
    return 1;
}

void shim_notice(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length)
{
    DWORD saved = GetLastError();
    InitOnceExecuteOnce(&s_once, open_channel, NULL, NULL);
    if (s_connected) {
        EnterCriticalSection(&s_lock);
        send_request(op, args, argc, blob, blob_length);
        LeaveCriticalSection(&s_lock);
    }
    SetLastError(saved);
}

int64_t shim_forward(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length,
                     int64_t no_harness_result)
{
    struct shim_reply reply;
    if (!shim_call(op, args, argc, blob, blob_length, &reply)) {
        SetLastError(SHIM_WSASYSNOTREADY);
        return no_harness_result;
    }
    /* Winsock's last error is the thread's last error (WSAGetLastError is GetLastError). */
    if (reply.sets_error) SetLastError(reply.error);
    return reply.result;
}

void shim_unsupported(const char *name)
{
    char line[160];
    snprintf(line, sizeof line, "ws2_32 shim: unsupported call %s\n", name);
    say(line);
    struct shim_reply reply;
    shim_call(OP_UNSUPPORTED, NULL, 0, name, (uint32_t)strlen(name), &reply);
    SetLastError(SHIM_WSAEOPNOTSUPP);
}

void *shim_thread_buffer(int slot)
{
    InitOnceExecuteOnce(&s_once, open_channel, NULL, NULL);
    uint8_t *slots = TlsGetValue(s_tls);
    if (!slots) {
        slots = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, SHIM_SLOTS * SHIM_SLOT_SIZE);
        if (!slots) die("out of memory");
        TlsSetValue(s_tls, slots);
    }
    return slots + slot * SHIM_SLOT_SIZE;
}
