#include <stdio.h>
int main(void){ printf("about to crash\n"); fflush(stdout); *(volatile int*)0 = 1; return 0; }
