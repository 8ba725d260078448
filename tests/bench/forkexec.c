// SPDX-License-Identifier: GPL-3.0-or-later
// tests/bench/forkexec.c N: forks, execs itself (with "-x", which exits at
// once) and waits, N times, and prints the time taken: the cost of process
// creation, for `make bench`.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int n, i, status;

    if (argc > 1 && !strcmp(argv[1], "-x"))
        return 0;
    struct timespec t0, t1;
    n = argc > 1 ? atoi(argv[1]) : 1000;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            execl(argv[0], argv[0], "-x", (char *)0);
            _exit(127);
        }
        if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
            return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("forkexec: %d fork+exec+wait in %ld ms\n", n,
           (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
    return 0;
}
