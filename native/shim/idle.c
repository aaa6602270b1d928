/* Idle detection and simulated time: the program's imports of the user32/kernel32 functions where a message loop
 * blocks or reads the clock are redirected (import address tables of the program's own modules, not the system DLLs'
 * nor the shim's) to wrappers that ask the harness first. When the program would block with nothing to retrieve, the
 * harness gets OP_IDLE and may deliver the next peer action (its effects post the message or set the event) before
 * the real call runs: lock-step, so deterministic. Sleep and the tick counts are the harness's simulated clock. */
#include "shim.h"
#define PSAPI_VERSION 2
#include <psapi.h>

typedef BOOL (WINAPI *get_message_fn)(MSG *, HWND, UINT, UINT);
typedef BOOL (WINAPI *peek_message_fn)(MSG *, HWND, UINT, UINT, UINT);
typedef BOOL (WINAPI *wait_message_fn)(void);
typedef DWORD (WINAPI *msg_wait_fn)(DWORD, const HANDLE *, DWORD, DWORD, DWORD);
typedef DWORD (WINAPI *wait_multiple_fn)(DWORD, const HANDLE *, BOOL, DWORD, BOOL);
typedef DWORD (WINAPI *tick_fn)(void);
typedef ULONGLONG (WINAPI *tick64_fn)(void);

static get_message_fn s_get_message_a, s_get_message_w;
static peek_message_fn s_peek_message_a, s_peek_message_w;
static wait_message_fn s_wait_message;
static msg_wait_fn s_msg_wait;
static wait_multiple_fn s_wait_multiple;
static tick_fn s_tick;
static tick64_fn s_tick64;

/* Socket messages WSAAsyncSelect registered (window, message): their retrieval is reported. */
static struct { HWND hwnd; UINT message; } s_registered[64];
static LONG s_registered_count;

void shim_note_socket_message(HWND hwnd, UINT message)
{
    for (LONG i = 0; i < s_registered_count; i++)
        if (s_registered[i].hwnd == hwnd && s_registered[i].message == message) return;
    if (s_registered_count < 64) {
        s_registered[s_registered_count].hwnd = hwnd;
        s_registered[s_registered_count].message = message;
        s_registered_count++;
    }
}

static void report_retrieved(const MSG *m, int api)
{
    for (LONG i = 0; i < s_registered_count; i++) {
        if (s_registered[i].hwnd == m->hwnd && s_registered[i].message == m->message) {
            uint64_t args[] = { A(m->hwnd), m->message, m->wParam, (uint64_t)m->lParam, (uint64_t)api };
            shim_notice(OP_RETRIEVED, args, 5, NULL, 0);
            return;
        }
    }
}

/* Asks the harness what to do at an idle point; returns its verdict. */
static int64_t idle(enum wsasim_idle kind, DWORD timeout)
{
    uint64_t args[] = { kind, (uint64_t)(int64_t)(int32_t)timeout };
    struct shim_reply reply;
    if (!shim_call(OP_IDLE, args, 2, NULL, 0, &reply)) return IDLE_NOTHING;
    return reply.result;
}

static BOOL get_message(get_message_fn real, peek_message_fn peek, MSG *m, HWND hwnd, UINT min, UINT max)
{
    MSG probe;
    /* PM_NOREMOVE with the caller's own filter: exactly "would GetMessage block now?" */
    while (!peek(&probe, hwnd, min, max, PM_NOREMOVE)) {
        if (idle(IDLE_GETMESSAGE, INFINITE) != IDLE_DELIVERED) break;
    }
    BOOL result = real(m, hwnd, min, max);
    if (result > 0) report_retrieved(m, 1);
    return result;
}

static BOOL WINAPI hook_GetMessageA(MSG *m, HWND hwnd, UINT min, UINT max) { return get_message(s_get_message_a, s_peek_message_a, m, hwnd, min, max); }
static BOOL WINAPI hook_GetMessageW(MSG *m, HWND hwnd, UINT min, UINT max) { return get_message(s_get_message_w, s_peek_message_w, m, hwnd, min, max); }

static BOOL peek_message(peek_message_fn real, MSG *m, HWND hwnd, UINT min, UINT max, UINT remove)
{
    BOOL found = real(m, hwnd, min, max, remove);
    if (!found && idle(IDLE_PEEKMESSAGE, 0) == IDLE_DELIVERED) found = real(m, hwnd, min, max, remove);
    if (found && (remove & PM_REMOVE)) report_retrieved(m, 2);
    return found;
}

static BOOL WINAPI hook_PeekMessageA(MSG *m, HWND hwnd, UINT min, UINT max, UINT remove) { return peek_message(s_peek_message_a, m, hwnd, min, max, remove); }
static BOOL WINAPI hook_PeekMessageW(MSG *m, HWND hwnd, UINT min, UINT max, UINT remove) { return peek_message(s_peek_message_w, m, hwnd, min, max, remove); }

static BOOL WINAPI hook_WaitMessage(void)
{
    MSG probe;
    while (!s_peek_message_w(&probe, NULL, 0, 0, PM_NOREMOVE)) {
        if (idle(IDLE_GETMESSAGE, INFINITE) != IDLE_DELIVERED) return s_wait_message();
    }
    return TRUE;
}

static DWORD WINAPI hook_MsgWaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, DWORD timeout, DWORD wake, DWORD flags)
{
    for (;;) {
        DWORD now = s_msg_wait(count, handles, 0, wake, flags);
        if (now != WAIT_TIMEOUT) return now;
        int64_t verdict = idle(IDLE_MSGWAIT, timeout);
        if (verdict == IDLE_TIMED_OUT || (verdict == IDLE_NOTHING && timeout == 0)) return WAIT_TIMEOUT;
        if (verdict != IDLE_DELIVERED) return s_msg_wait(count, handles, timeout, wake, flags);
    }
}

static DWORD WINAPI hook_MsgWaitForMultipleObjects(DWORD count, const HANDLE *handles, BOOL all, DWORD timeout, DWORD wake)
{
    return hook_MsgWaitForMultipleObjectsEx(count, handles, timeout, wake, all ? MWMO_WAITALL : 0);
}

/* kernel32 waits (an event-mode program waiting on its WSAEVENTs directly): the same probe-then-ask loop. */
static DWORD wait_objects(DWORD count, const HANDLE *handles, BOOL all, DWORD timeout, BOOL alertable)
{
    for (;;) {
        DWORD now = s_wait_multiple(count, handles, all, 0, alertable);
        if (now != WAIT_TIMEOUT) return now;
        int64_t verdict = idle(IDLE_WAIT, timeout);
        if (verdict == IDLE_TIMED_OUT || (verdict == IDLE_NOTHING && timeout == 0)) return WAIT_TIMEOUT;
        if (verdict != IDLE_DELIVERED) return s_wait_multiple(count, handles, all, timeout, alertable);
    }
}

static DWORD WINAPI hook_WaitForSingleObject(HANDLE h, DWORD timeout) { return wait_objects(1, &h, FALSE, timeout, FALSE); }
static DWORD WINAPI hook_WaitForSingleObjectEx(HANDLE h, DWORD timeout, BOOL alertable) { return wait_objects(1, &h, FALSE, timeout, alertable); }
static DWORD WINAPI hook_WaitForMultipleObjects(DWORD n, const HANDLE *h, BOOL all, DWORD timeout) { return wait_objects(n, h, all, timeout, FALSE); }
static DWORD WINAPI hook_WaitForMultipleObjectsEx(DWORD n, const HANDLE *h, BOOL all, DWORD timeout, BOOL alertable) { return wait_objects(n, h, all, timeout, alertable); }

/* Simulated time: the peer may act while the program sleeps; the sleep itself takes no real time. */
static void WINAPI hook_Sleep(DWORD ms) { idle(IDLE_SLEEP, ms); }
static DWORD WINAPI hook_SleepEx(DWORD ms, BOOL alertable) { (void)alertable; idle(IDLE_SLEEP, ms); return 0; }

static ULONGLONG ticks(void)
{
    struct shim_reply reply;
    if (!shim_call(OP_GetTickCount, NULL, 0, NULL, 0, &reply)) return s_tick64();
    return (ULONGLONG)reply.result;
}

static DWORD WINAPI hook_GetTickCount(void) { return (DWORD)ticks(); }
static ULONGLONG WINAPI hook_GetTickCount64(void) { return ticks(); }

/* Rewrites every import slot of `module` that holds `real` so it calls `hook` instead. Matching by the resolved
 * address, not the name, also catches imports through api-ms-win-* sets and forwarders. */
static void patch_module(HMODULE module, const void *real, const void *hook)
{
    uint8_t *base = (uint8_t *)module;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY dir = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    if (!dir.VirtualAddress || !real) return;
    for (IMAGE_IMPORT_DESCRIPTOR *d = (IMAGE_IMPORT_DESCRIPTOR *)(base + dir.VirtualAddress); d->Name; d++) {
        for (IMAGE_THUNK_DATA *t = (IMAGE_THUNK_DATA *)(base + d->FirstThunk); t->u1.Function; t++) {
            if ((const void *)(uintptr_t)t->u1.Function != real) continue;
            DWORD old;
            VirtualProtect(&t->u1.Function, sizeof t->u1.Function, PAGE_READWRITE, &old);
            t->u1.Function = (ULONG_PTR)hook;
            VirtualProtect(&t->u1.Function, sizeof t->u1.Function, old, &old);
        }
    }
}

static const struct { const wchar_t *dll; const char *name; void *hook; void **real; } s_hooks[] = {
    { L"user32.dll", "GetMessageA", (void *)hook_GetMessageA, (void **)&s_get_message_a },
    { L"user32.dll", "GetMessageW", (void *)hook_GetMessageW, (void **)&s_get_message_w },
    { L"user32.dll", "PeekMessageA", (void *)hook_PeekMessageA, (void **)&s_peek_message_a },
    { L"user32.dll", "PeekMessageW", (void *)hook_PeekMessageW, (void **)&s_peek_message_w },
    { L"user32.dll", "WaitMessage", (void *)hook_WaitMessage, (void **)&s_wait_message },
    { L"user32.dll", "MsgWaitForMultipleObjectsEx", (void *)hook_MsgWaitForMultipleObjectsEx, (void **)&s_msg_wait },
    { L"user32.dll", "MsgWaitForMultipleObjects", (void *)hook_MsgWaitForMultipleObjects, NULL },
    { L"kernel32.dll", "WaitForMultipleObjectsEx", (void *)hook_WaitForMultipleObjectsEx, (void **)&s_wait_multiple },
    { L"kernel32.dll", "WaitForMultipleObjects", (void *)hook_WaitForMultipleObjects, NULL },
    { L"kernel32.dll", "WaitForSingleObject", (void *)hook_WaitForSingleObject, NULL },
    { L"kernel32.dll", "WaitForSingleObjectEx", (void *)hook_WaitForSingleObjectEx, NULL },
    { L"kernel32.dll", "Sleep", (void *)hook_Sleep, NULL },
    { L"kernel32.dll", "SleepEx", (void *)hook_SleepEx, NULL },
    { L"kernel32.dll", "GetTickCount", (void *)hook_GetTickCount, (void **)&s_tick },
    { L"kernel32.dll", "GetTickCount64", (void *)hook_GetTickCount64, (void **)&s_tick64 },
};

/* The program's own modules: everything loaded so far except the system directory's DLLs and the shim. */
static int is_program_module(HMODULE module, const wchar_t *system, size_t system_length)
{
    wchar_t path[MAX_PATH];
    HMODULE self = NULL;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (const wchar_t *)(void *)is_program_module, &self);
    if (module == self || !GetModuleFileNameW(module, path, MAX_PATH)) return 0;
    return _wcsnicmp(path, system, system_length) != 0;
}

void shim_install_idle_hooks(void)
{
    for (size_t i = 0; i < sizeof s_hooks / sizeof *s_hooks; i++)
        if (s_hooks[i].real) *s_hooks[i].real = (void *)GetProcAddress(GetModuleHandleW(s_hooks[i].dll), s_hooks[i].name);
    wchar_t system[MAX_PATH];
    size_t system_length = GetSystemDirectoryW(system, MAX_PATH);
    HMODULE modules[256];
    DWORD bytes = 0;
    if (!K32EnumProcessModules(GetCurrentProcess(), modules, sizeof modules, &bytes)) return;
    for (DWORD m = 0; m < bytes / sizeof *modules && m < 256; m++) {
        if (!is_program_module(modules[m], system, system_length)) continue;
        for (size_t i = 0; i < sizeof s_hooks / sizeof *s_hooks; i++)
            patch_module(modules[m], (void *)GetProcAddress(GetModuleHandleW(s_hooks[i].dll), s_hooks[i].name), s_hooks[i].hook);
    }
}
