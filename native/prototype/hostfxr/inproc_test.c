/* Experiment 2a driver: start the in-process core, time 1,000,000 calls, then the model over a scenario (argv[1]). */
#include <windows.h>
#include <stdio.h>
__declspec(dllimport) int inproc_start(void);
__declspec(dllimport) void inproc_bench(int calls);
__declspec(dllimport) void inproc_model(const wchar_t *scenario);
int wmain(int argc, wchar_t **argv)
{
    int rc = inproc_start();
    if (rc) return rc;
    inproc_bench(1000000);
    if (argc > 1) inproc_model(argv[1]);
    return 0;
}
