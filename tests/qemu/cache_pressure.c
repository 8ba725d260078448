// SPDX-License-Identifier: GPL-3.0-or-later
// tests/qemu/cache_pressure.c FILE MIB: the guest side of
// tests/qemu/cache_pressure_test.sh.  Reads FILE, whose 16-byte records
// are their own numbers ("%015u\n"), so the block cache fills with it; then
// allocates and touches MIB MiB, which fits only if the cache gives pages
// back, and checks every page kept what was stored; then reads FILE again.
// A record in every 512 bytes is checked, so a block read into the wrong
// place or a page given back while in use shows.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK (1 << 20)

// 0 when every checked record of FILE is right; prints the MiB read
static int read_file(const char *path, const char *what)
{
    static char buf[CHUNK];
    char want[17];
    unsigned long long off = 0;
    long n, i;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        return 1;
    }
    while ((n = read(fd, buf, CHUNK)) > 0) {
        for (i = 0; i + 16 <= n; i += 512) {
            snprintf(want, sizeof want, "%015llu\n", (off + i) / 16);
            if (memcmp(buf + i, want, 16)) {
                printf("cache_pressure: %s: the record at byte %llu is wrong\n", what, off + i);
                return 1;
            }
        }
        off += n;
    }
    close(fd);
    printf("cache_pressure: %s: %llu MiB, every record right\n", what, off >> 20);
    return n < 0;
}

int main(int argc, char **argv)
{
    unsigned long mib, pages, i;
    unsigned char *p;
    if (argc != 3)
        return 2;
    mib = strtoul(argv[2], NULL, 10);
    pages = mib << 8;
    if (read_file(argv[1], "first read"))
        return 1;
    p = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (i = 0; i < pages; i++)
        memcpy(p + (i << 12), &i, sizeof i);
    for (i = 0; i < pages; i++)
        if (memcmp(p + (i << 12), &i, sizeof i)) {
            printf("cache_pressure: page %lu of %lu MiB lost its bytes\n", i, mib);
            return 1;
        }
    printf("cache_pressure: %lu MiB allocated and touched\n", mib);
    munmap(p, mib << 20);
    if (read_file(argv[1], "second read"))
        return 1;
    printf("cache_pressure: ok\n");
    return 0;
}
