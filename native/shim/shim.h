/* The shim's internal interface: the channel to the harness, the idle hooks, and the few Winsock types the calls
 * need. Nothing here decides Winsock behaviour: every answer comes from the harness's simulated stack. */
#ifndef WSASIM_SHIM_H
#define WSASIM_SHIM_H

/* No winsock2.h: its dllimport declarations would clash with the exports defined here (the .def exports them). */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdint.h>
#include "protocol.h"

typedef UINT_PTR SOCKET;
#define WSAAPI WINAPI
#define SOCKET_ERROR (-1)
#define INVALID_SOCKET (~(SOCKET)0)
#define SHIM_WSAEFAULT 10014
#define SHIM_WSAEINVAL 10022
#define SHIM_WSAEOPNOTSUPP 10045
#define SHIM_WSASYSNOTREADY 10091
#define SHIM_WSA_INVALID_PARAMETER 87
#define A(x) ((uint64_t)(uintptr_t)(x))

/* One request's reply, as the caller sees it once the writes and effects are applied. */
struct shim_reply
{
    int64_t result;
    uint32_t error;
    int sets_error;
};

/* Sends one request and applies the reply (writes, effects). Returns 0 when there is no harness (WSASIM_CHANNEL
 * unset). The thread's last error is left as it was: the caller decides (shim_forward sets the harness's). */
int shim_call(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length,
              struct shim_reply *reply);

/* A one-way notice (no reply). */
void shim_notice(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length);

/* The result of a forwarded call, with the thread's last error set when the harness says the call set it; without
 * a harness, `no_harness_result` and WSASYSNOTREADY. */
int64_t shim_forward(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length,
                     int64_t no_harness_result);

/* Records an unsupported export (stderr, OutputDebugString, the harness, which stops the run) and sets WSAEOPNOTSUPP. */
void shim_unsupported(const char *name);

/* Installs the import-table hooks that report idleness (GetMessage & co.) in the program's own modules. */
void shim_install_idle_hooks(void);

/* Remembers a (window, message) pair that WSAAsyncSelect registered, so its retrievals are reported. */
void shim_note_socket_message(HWND hwnd, UINT message);

/* A thread's scratch storage for results Winsock returns by pointer: one per slot (SHIM_SLOT_*), SHIM_SLOT_SIZE bytes. */
#define SHIM_SLOT_HOSTENT 0
#define SHIM_SLOT_NTOA 1
#define SHIM_SLOTS 2
#define SHIM_SLOT_SIZE 1024
void *shim_thread_buffer(int slot);

#endif
