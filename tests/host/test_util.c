// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/test_util.c: what host tests that run tools share: check
// counting with messages, running a shell command, deterministic data,
// reading a host file whole.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64     // 64-bit off_t in the -m32 build
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test_util.h"

int tu_checks, tu_failed;

int tu_check(int ok, const char *fmt, ...)
{
    va_list ap;
    tu_checks++;
    if (ok)
        return 1;
    tu_failed++;
    printf("FAIL: ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    return 0;
}

int tu_sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    int st;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    fflush(stdout);
    st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int tu_report(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, tu_checks, tu_failed);
    return tu_failed ? 1 : 0;
}

uint32_t tu_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 16);
}

void tu_fill(uint8_t *buf, size_t n, uint64_t seed)
{
    uint64_t s = seed * 2654435761u + 88172645463325252ull;
    size_t i;
    for (i = 0; i < n; i++)
        buf[i] = (uint8_t)(tu_rand(&s) >> 3);
}

uint8_t *tu_slurp(const char *path, size_t *n)
{
    struct stat st;
    uint8_t *buf;
    int fd = open(path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) < 0)
        return NULL;
    buf = malloc(st.st_size + 1);
    *n = pread(fd, buf, st.st_size, 0) == st.st_size ? (size_t)st.st_size : (size_t)-1;
    close(fd);
    return buf;
}
