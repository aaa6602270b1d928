#include <windows.h>
int main(void) {
  HWND h = CreateWindowExA(0, "STATIC", "x", 0, 0,0,0,0, HWND_MESSAGE, NULL, NULL, NULL);
  PostMessageA(h, WM_USER, 1, 2);
  MSG m; GetMessageA(&m, NULL, 0, 0);
  return m.message == WM_USER ? 0 : 1;
}
