// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/console.c: kprintf, panic and the backtrace both panic and
// kernel/arch/trap.c's register dump print.  Output goes to COM1, the VGA screen
// or both, as the command line's console= option says (default both).
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "console.h"
#include "power.h"
#include "serial.h"
#include "vga.h"
#include "x86.h"

static int to_serial = 1, to_vga = 0;
static int panicking;

void console_init(const char *mode)
{
    serial_init();
    if (!strcmp(mode, "serial")) {
        to_serial = 1;      // also when seedstrap.cfg changes console=vga to serial
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

// the status line of a run (kernel/chain/status.c) lives on the VGA screen
// only: a serial console keeps one progress line a step
void console_status(const char *line)
{
    if (to_vga)
        vga_status(line);
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

struct ksym {
    uint32_t addr;
    const char *name;
};
extern const uint32_t ksyms_count;
extern const struct ksym ksyms_table[];

// one backtrace line: the address and the function it falls in
static void print_frame(int depth, uint32_t addr)
{
    uint32_t lo = 0, hi = ksyms_count;

    while (hi - lo > 1) {               // the last symbol at or below addr
        uint32_t mid = (lo + hi) / 2;
        if (ksyms_table[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (ksyms_count && ksyms_table[lo].addr <= addr)
        kprintf("  #%-2d %08x %s+0x%x\n", depth, addr, ksyms_table[lo].name, addr - ksyms_table[lo].addr);
    else
        kprintf("  #%-2d %08x\n", depth, addr);
}

// Walks the chain of saved frame pointers (every kernel file is compiled
// with them).  A frame pointer outside the kernel's half, or not moving up
// the stack, ends the walk: a corrupt stack must not fault again here.
void backtrace(uint32_t eip, uint32_t ebp)
{
    int depth;

    kprintf("backtrace:\n");
    print_frame(0, eip);
    for (depth = 1; depth < 16 && ebp >= 0xc0000000u && ebp < 0xfffffff0u && !(ebp & 3); depth++) {
        uint32_t *frame = (uint32_t *)ebp;
        if (frame[1] == 0)
            break;
        print_frame(depth, frame[1]);
        if (frame[0] <= ebp)
            break;
        ebp = frame[0];
    }
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
