// SPDX-License-Identifier: GPL-3.0-or-later
// tests/bench/readbyte.c FILE: reads up to a million bytes of FILE, one per
// read(2), writing each with one write(2) to /dev/null, as stage0-posix's
// tools do, and prints the time taken: the cost of a system call.
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char c;
    int in = open(argc > 1 ? argv[1] : "/dev/zero", O_RDONLY), out = open("/dev/null", O_WRONLY);
    long n = 0;
    struct timespec t0, t1;

    if (in < 0 || out < 0)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (n < 1000000 && read(in, &c, 1) == 1) {
        if (write(out, &c, 1) != 1)
            return 1;
        n++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("readbyte: %ld one-byte reads and writes in %ld ms\n", n,
           (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
    return 0;
}
