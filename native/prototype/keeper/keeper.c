/* Keeps a Wine session warm between program runs. Wine starts explorer.exe (the desktop) for the first
 * process that touches user32 and ends it about a second after the last such process exits: without a
 * keeper every run pays the desktop's start-up, and explorer, inheriting the run's stdio, holds the
 * harness's pipes open for that second. The keeper is such a process that never exits; the harness
 * starts it once (stdio on /dev/null) and kills it at the end. */
#include <windows.h>

int main(void)
{
    CreateWindowExA(0, "STATIC", "wsasim-keeper", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    Sleep(INFINITE);
    return 0;
}
