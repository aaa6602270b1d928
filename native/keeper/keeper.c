/* Keeps a Wine session warm between program runs. Wine starts explorer.exe (the desktop) for the first
 * process that touches user32 and ends it about a second after the last such process exits: without a
 * keeper every run pays the desktop's start-up, and explorer, inheriting the run's stdio, holds the
 * harness's pipes open for that second. The keeper is such a process that never exits; the harness
 * starts it once, waits for its "ready" line (the desktop is up: runs started before that raced the
 * session's own start-up and failed), and kills it at the end. */
#include <windows.h>
#include <stdio.h>

int main(void)
{
    HWND hwnd = CreateWindowExA(0, "STATIC", "wsasim-keeper", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    printf(hwnd ? "ready\n" : "failed %lu\n", GetLastError());
    fflush(stdout);
    Sleep(INFINITE);
    return 0;
}
