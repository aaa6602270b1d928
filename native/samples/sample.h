/* The C sample wrappers (native/samples): the same five wrappers as samples/Wrappers in C#, each with its known bug and
 * the fixed variant, run by samples/samples.jsonl's catalogue both ways. Each program talks to a server on 127.0.0.1
 * at the sample port (7, as the peer scripts say; on a real stack, the third argument). */
#ifndef SAMPLE_H
#define SAMPLE_H

#include <winsock2.h>
#include <windows.h>
#include "wsasim.h"

enum variant { VARIANT_BUGGY, VARIANT_FIXED };

/* The server's port: 7 (the peer scripts'), or the program's third argument. */
extern unsigned short sample_port;

/* A message-only window of its own class with this window procedure (DefWindowProcA when NULL). */
HWND sample_window(const char *class_name, WNDPROC procedure);

/* connect() to 127.0.0.1:sample_port: 0, or SOCKET_ERROR (WSAEWOULDBLOCK for a registered socket). */
int sample_connect(SOCKET s);

/* The pattern the peer scripts' "bytes" send and expect: abcdefghijklmnopqrstuvwxyz0123456789 repeated. */
void sample_pattern(char *buffer, int length);

int data_loss(enum variant variant);
int stale_handle(enum variant variant);
int write_wait(enum variant variant);
int reregister_connect(enum variant variant);
int error_word(enum variant variant);

#endif
