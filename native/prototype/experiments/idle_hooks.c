/* Does Wine 8 call WH_FOREGROUNDIDLE / WH_GETMESSAGE when a thread waits in GetMessage? And what does the
 * PeekMessage(PM_NOREMOVE) probe the IAT hook adds to every GetMessage cost? */
#include <windows.h>
#include <stdio.h>
static int s_idle_calls, s_getmsg_calls;
static LRESULT CALLBACK on_idle(int code, WPARAM w, LPARAM l) { s_idle_calls++; return CallNextHookEx(NULL, code, w, l); }
static LRESULT CALLBACK on_getmsg(int code, WPARAM w, LPARAM l) { s_getmsg_calls++; return CallNextHookEx(NULL, code, w, l); }
static DWORD WINAPI poster(void *p) { for (int i = 0; i < 5; i++) { Sleep(100); PostMessageA((HWND)p, WM_USER, i, 0); } PostMessageA((HWND)p, WM_QUIT, 0, 0); return 0; }
int main(void)
{
    HWND hwnd = CreateWindowExA(0, "STATIC", "t", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    HHOOK a = SetWindowsHookExA(WH_FOREGROUNDIDLE, on_idle, NULL, GetCurrentThreadId());
    HHOOK b = SetWindowsHookExA(WH_GETMESSAGE, on_getmsg, NULL, GetCurrentThreadId());
    printf("hooks installed: foregroundidle %p getmessage %p\n", (void *)a, (void *)b);
    CreateThread(NULL, 0, poster, hwnd, 0, NULL);
    MSG m; int got = 0;
    while (GetMessageA(&m, NULL, 0, 0) > 0) got++;
    printf("messages %d, WH_FOREGROUNDIDLE calls %d, WH_GETMESSAGE calls %d\n", got, s_idle_calls, s_getmsg_calls);
    UnhookWindowsHookEx(a); UnhookWindowsHookEx(b);
    LARGE_INTEGER f, t0, t1; QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&t0);
    for (int i = 0; i < 100000; i++) PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE);
    QueryPerformanceCounter(&t1);
    printf("PeekMessage(PM_NOREMOVE) on an empty queue: %.2f us per call\n", 1e6 * (double)(t1.QuadPart - t0.QuadPart) / (double)f.QuadPart / 100000);
    QueryPerformanceCounter(&t0);
    for (int i = 0; i < 100000; i++) PeekMessageA(&m, NULL, 0, 0, PM_NOREMOVE | PM_NOYIELD);
    QueryPerformanceCounter(&t1);
    printf("PeekMessage(PM_NOREMOVE | PM_NOYIELD): %.2f us per call\n", 1e6 * (double)(t1.QuadPart - t0.QuadPart) / (double)f.QuadPart / 100000);
    QueryPerformanceCounter(&t0);
    for (int i = 0; i < 100000; i++) GetQueueStatus(QS_ALLINPUT);
    QueryPerformanceCounter(&t1);
    printf("GetQueueStatus(QS_ALLINPUT): %.2f us per call\n", 1e6 * (double)(t1.QuadPart - t0.QuadPart) / (double)f.QuadPart / 100000);
    return 0;
}
