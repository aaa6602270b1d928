/* Experiment 2a: a MinGW DLL that starts a self-contained .NET 10 runtime inside the program that
 * loaded it (through hostfxr, from an app-local published folder) and calls an [UnmanagedCallersOnly]
 * C# function. The folder comes from INPROC_CORE_DIR (a Windows path). Timings go to stderr. */
#include <windows.h>
#include <stdio.h>
#include <stdint.h>
#include <hostfxr.h>
#include <coreclr_delegates.h>

typedef int64_t (*core_call_fn)(int32_t operation, int64_t first, int64_t second);
typedef int32_t (*model_scenario_fn)(const wchar_t *path);
static core_call_fn s_call;
static model_scenario_fn s_model_scenario;

static double now_ms(void)
{
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return 1000.0 * (double)c.QuadPart / (double)f.QuadPart;
}

__declspec(dllexport) int inproc_start(void)
{
    wchar_t dir[MAX_PATH], fxr[MAX_PATH], app[MAX_PATH];
    if (!GetEnvironmentVariableW(L"INPROC_CORE_DIR", dir, MAX_PATH)) { fprintf(stderr, "INPROC_CORE_DIR unset\n"); return 1; }
    swprintf(fxr, MAX_PATH, L"%ls\\hostfxr.dll", dir);
    swprintf(app, MAX_PATH, L"%ls\\InProcessCore.dll", dir);
    double t0 = now_ms();
    HMODULE lib = LoadLibraryW(fxr);
    if (!lib) { fprintf(stderr, "LoadLibrary hostfxr failed: %lu\n", GetLastError()); return 2; }
    hostfxr_initialize_for_dotnet_command_line_fn init =
        (hostfxr_initialize_for_dotnet_command_line_fn)(void *)GetProcAddress(lib, "hostfxr_initialize_for_dotnet_command_line");
    hostfxr_get_runtime_delegate_fn get_delegate =
        (hostfxr_get_runtime_delegate_fn)(void *)GetProcAddress(lib, "hostfxr_get_runtime_delegate");
    double t1 = now_ms();
    const wchar_t *argv[] = { app };
    hostfxr_handle context = NULL;
    int rc = init(1, argv, NULL, &context);
    double t2 = now_ms();
    if (rc != 0 || !context) { fprintf(stderr, "init failed: 0x%x\n", rc); return 3; }
    get_function_pointer_fn get_function_pointer = NULL;
    rc = get_delegate(context, hdt_get_function_pointer, (void **)&get_function_pointer);
    double t3 = now_ms();
    if (rc != 0) { fprintf(stderr, "get_runtime_delegate failed: 0x%x\n", rc); return 4; }
    rc = get_function_pointer(L"ShimPrototype.InProcessCore.Entry, InProcessCore", L"Call",
                              UNMANAGEDCALLERSONLY_METHOD, NULL, NULL, (void **)&s_call);
    double t4 = now_ms();
    if (rc != 0) { fprintf(stderr, "get_function_pointer failed: 0x%x\n", rc); return 5; }
    rc = get_function_pointer(L"ShimPrototype.InProcessCore.Entry, InProcessCore", L"ModelScenario",
                              UNMANAGEDCALLERSONLY_METHOD, NULL, NULL, (void **)&s_model_scenario);
    if (rc != 0) { fprintf(stderr, "get_function_pointer (ModelScenario) failed: 0x%x\n", rc); return 6; }
    int64_t first = s_call(1, 40, 2);
    double t5 = now_ms();
    fprintf(stderr, "load hostfxr %.1f ms, initialize %.1f ms, runtime delegate (starts coreclr) %.1f ms, "
                    "function pointer %.1f ms, first call %.1f ms (= %lld); total %.1f ms\n",
            t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, (long long)first, t5 - t0);
    return 0;
}

/* Steps the model through a scenario file twice: the first pays the JIT of the model and the reader. */
__declspec(dllexport) void inproc_model(const wchar_t *scenario)
{
    double t0 = now_ms();
    int steps = s_model_scenario(scenario);
    double t1 = now_ms();
    int again = s_model_scenario(scenario);
    double t2 = now_ms();
    fprintf(stderr, "model over a scenario (%d steps): first %.1f ms (JIT), second %.2f ms (%d steps)\n", steps, t1 - t0, t2 - t1, again);
}

__declspec(dllexport) void inproc_bench(int calls)
{
    double t0 = now_ms();
    int64_t sum = 0;
    for (int i = 0; i < calls; i++) sum += s_call(1, i, 1);
    double t1 = now_ms();
    fprintf(stderr, "%d calls in %.1f ms: %.0f ns per call (sum %lld)\n", calls, t1 - t0, 1e6 * (t1 - t0) / calls, (long long)sum);
}
