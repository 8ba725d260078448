// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/console.c: kprintf and panic.  Output goes to COM1, the VGA screen
// or both, as the command line's console= option says (default both).
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "console.h"
#include "power.h"
#include "serial.h"
#include "trap.h"
#include "vga.h"
#include "x86.h"

static int to_serial = 1, to_vga = 0;
static int panicking;

void console_init(const char *mode)
{
    serial_init();
    if (!strcmp(mode, "serial")) {
        to_vga = 0;
    } else {
        to_vga = 1;
        to_serial = strcmp(mode, "vga") != 0;
        vga_init();
    }
}

void console_write(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (to_serial)
            serial_putc(s[i]);
        if (to_vga)
            vga_putc(s[i]);
    }
}

static int console_vprintf(const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    console_write(buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
    return n;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = console_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

// Prints the reason and where it came from, then powers off with a failure
// status (a test harness sees it as a non-zero exit).  A panic inside a panic
// only halts.
void panic(const char *fmt, ...)
{
    va_list ap;
    uint32_t *frame;

    cli();
    if (panicking++) {
        for (;;)
            hlt();
    }
    kprintf("\nkernel panic: ");
    va_start(ap, fmt);
    console_vprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    frame = (uint32_t *)read_ebp();     // panic's own frame: saved ebp, return address
    backtrace(frame[1], frame[0]);
    power_off(POWER_PANIC);
}
