/* Internal interface of the ws2_32 shim prototype: the channel to the harness and the idle hooks.
 * Nothing here decides Winsock behaviour: every answer comes from the harness's simulated stack. */
#ifndef WSASIM_SHIM_H
#define WSASIM_SHIM_H

/* No winsock2.h: its dllimport declarations would clash with the exports defined here. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdint.h>
#include "protocol.h"

/* WSAEOPNOTSUPP and WSASYSNOTREADY without winsock2.h (its dllimport declarations clash with our exports). */
#define SHIM_WSAEOPNOTSUPP 10045
#define SHIM_WSASYSNOTREADY 10091

struct shim_reply
{
    int64_t result;
    uint32_t error;
    int sets_error;
};

/* Sends one request and applies the reply (writes, effects, last error). Returns 0 when there is no
 * harness (WSASIM_CHANNEL unset): the caller then fails with WSASYSNOTREADY. */
int shim_call(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length,
              struct shim_reply *reply);

/* A one-way notice (no reply). */
void shim_notice(uint16_t op, const uint64_t *args, uint16_t argc);

/* The result of a forwarded call, with the thread's last error set as the harness said. */
int64_t shim_forward(uint16_t op, const uint64_t *args, uint16_t argc, const void *blob, uint32_t blob_length,
                     int64_t no_harness_result);

/* Records an unsupported export (stderr, OutputDebugString, the harness) and sets WSAEOPNOTSUPP. */
void shim_unsupported(const char *name);

/* Installs the import-table hooks that report idleness (GetMessage & co.) in the program's own module. */
void shim_install_idle_hooks(void);

/* Remembers a (window, message) pair that WSAAsyncSelect registered, so retrievals can be reported. */
void shim_note_socket_message(HWND hwnd, UINT message);

#endif
