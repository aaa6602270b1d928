/* Linux side of experiment 2b: creates DIR/req and DIR/rsp, answers each message with its counter + 1. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char req_path[4096], rsp_path[4096];
    snprintf(req_path, sizeof req_path, "%s/req", argv[1]);
    snprintf(rsp_path, sizeof rsp_path, "%s/rsp", argv[1]);
    int size = atoi(argv[2]);
    unlink(req_path); unlink(rsp_path);
    mkfifo(req_path, 0600); mkfifo(rsp_path, 0600);
    /* Both ends open before the Windows side opens: Wine's server opens the path itself and must not block. */
    int req = open(req_path, O_RDONLY | O_NONBLOCK);
    int rsp = open(rsp_path, O_RDWR);
    fcntl(req, F_SETFL, 0);
    char *buf = calloc(1, size);
    fprintf(stderr, "ready\n");
    for (;;) {
        int have = 0;
        while (have < size) {
            ssize_t r = read(req, buf + have, size - have);
            if (r == 0) { /* no writer yet, or the writer closed */
                if (have == 0) { usleep(1000); continue; }
            }
            if (r < 0) return 1;
            have += r;
        }
        (*(int *)buf)++;
        if (write(rsp, buf, size) != size) return 1;
    }
}
