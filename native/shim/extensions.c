/* The shim's own exports beside ws2_32's: a native test program's verdict and notes, as Sim.Assert and Sim.Note are
 * for a managed one. include/wsasim.h finds them with GetProcAddress, so the same program runs on a real stack too. */
#include <string.h>
#include "shim.h"

void WINAPI WSASimAssert(int condition, const char *message)
{
    if (condition) return;
    struct shim_reply reply;
    const char *text = message ? message : "(no message)";
    shim_call(OP_ASSERT, NULL, 0, text, (uint32_t)strnlen(text, 4000), &reply);
}

void WINAPI WSASimNote(const char *text)
{
    if (text) shim_notice(OP_NOTE, NULL, 0, text, (uint32_t)strnlen(text, 4000));
}

int WINAPI WSASimIsSimulated(void)
{
    return GetEnvironmentVariableW(L"WSASIM_CHANNEL", NULL, 0) != 0;
}
