// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/fake_hw.c: the host's stand-ins for the kernel services that
// hardware-free kernel code calls, so that code builds and runs on the host:
// console output goes to stdout, the clock is fixed, pages come from malloc.
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "arch/power.h"
#include "fake_hw.h"

uint32_t fake_time = 1700000000;

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "panic: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    abort();
}

// the machine turned off (a test's cut-at-commit, kernel/fs/bcache.c): the
// program ends there, as the machine would
void power_off(int status)
{
    fflush(stdout);
    exit(status);
}

uint32_t rtc_unix_time(void)
{
    return fake_time;
}
