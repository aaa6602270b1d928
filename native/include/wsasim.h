/* wsasim.h: a native test program's own verdict and notes on the simulated Winsock (./conformance simulate), the C
 * counterpart of Sim.Assert and Sim.Note (docs/testing-wrappers.md). Header-only; needs kernel32 only.
 *
 * Under the simulator the ws2_32 shim is loaded (as ws2_32.dll through the DLL override, or as wsasim.dll when the
 * program is linked against it), and these call its WSASim* exports: a failed wsasim_assert fails the run with
 * SIM-ASSERT at that point, with its message; wsasim_note adds a line to the run's record. On a real stack the exports
 * are not there: a failed assertion prints its message on stderr and exits with code 1, a note goes to stdout. So the
 * same program runs on both, unchanged. */
#ifndef WSASIM_H
#define WSASIM_H

#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef void (WINAPI *wsasim_assert_function)(int condition, const char *message);
typedef void (WINAPI *wsasim_note_function)(const char *text);

static inline FARPROC wsasim_export(const char *name)
{
    HMODULE shim = GetModuleHandleA("wsasim.dll");
    if (!shim) shim = GetModuleHandleA("ws2_32.dll");
    return shim ? GetProcAddress(shim, name) : NULL;
}

/* Whether the program runs on the simulated Winsock. */
static inline int wsasim_is_simulated(void)
{
    return wsasim_export("WSASimAssert") != NULL && GetEnvironmentVariableA("WSASIM_CHANNEL", NULL, 0) != 0;
}

/* Fails the run (SIM-ASSERT) with a printf-style message when condition is 0; elsewhere prints it and exits with 1. */
static inline void wsasim_assert(int condition, const char *format, ...)
{
    if (condition) return;
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    wsasim_assert_function shim = (wsasim_assert_function)(void (*)(void))wsasim_export("WSASimAssert");
    if (shim && GetEnvironmentVariableA("WSASIM_CHANNEL", NULL, 0)) shim(0, message);
    fprintf(stderr, "assertion failed: %s\n", message);
    fflush(stderr);
    exit(1);
}

/* A printf-style line in the run's record (on a real stack: on stdout). */
static inline void wsasim_note(const char *format, ...)
{
    char text[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    wsasim_note_function shim = (wsasim_note_function)(void (*)(void))wsasim_export("WSASimNote");
    if (shim && GetEnvironmentVariableA("WSASIM_CHANNEL", NULL, 0)) shim(text);
    else { printf("%s\n", text); fflush(stdout); }
}

#endif
