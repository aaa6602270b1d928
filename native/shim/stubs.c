/* The unsupported exports. On x64 the caller owns the argument space, so a stub needs no parameter list
 * to return safely whatever the real signature is. */
#include "shim.h"

#define FAILURE_MINUS1 ((INT_PTR)-1)
#define FAILURE_NULL_ ((INT_PTR)0)
#define FAILURE_CODE ((INT_PTR)SHIM_WSAEOPNOTSUPP)

#define STUB(name, failure) \
    INT_PTR WINAPI stub_##name(void); \
    INT_PTR WINAPI stub_##name(void) { shim_unsupported(#name); return FAILURE_##failure; }
#include "stubs.h"
#undef STUB
