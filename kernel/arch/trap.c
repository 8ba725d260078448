// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/trap.c: the interrupt descriptor table, the handler table and
// the kernel's part of every trap (trap_dispatch).  Every interrupt,
// exception and system call arrives in trap() (kernel/proc/fault.c, from
// kernel/arch/vectors.asm), which passes it here: hardware interrupts are
// acknowledged and given to their handler; an exception with no handler in
// the kernel is fatal: it prints the registers and a backtrace on every
// console, then panics.  An exception of a user program is left to the
// process layer, which makes a signal of it, so the kernel never dies of a
// user program's mistake.
#include <stdint.h>
#include "console.h"
#include "gdt.h"
#include "pic.h"
#include "trap.h"
#include "x86.h"

extern const uint32_t vector_table[256];

static uint64_t idt[256];
static trap_handler handlers[256];
static uint8_t unexpected_seen[256];

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
    "invalid opcode", "device not available", "double fault", "coprocessor overrun",
    "invalid TSS", "segment not present", "stack fault", "general protection",
    "page fault", "reserved", "x87 error", "alignment check", "machine check",
    "SIMD error", "virtualization", "control protection",
};

// an interrupt gate (interrupts off on entry) callable from ring `dpl`
static uint64_t gate(uint32_t handler, int dpl)
{
    uint64_t g = (handler & 0xffff) | (uint32_t)SEG_KCODE << 16;
    g |= (uint64_t)(0x8e | dpl << 5) << 40;
    g |= (uint64_t)(handler >> 16) << 48;
    return g;
}

void trap_init(void)
{
    struct dtr d;
    int i;

    // Ring 3 may raise only int 0x80, int3 (#BP) and into (#OF) itself, as
    // on Linux: with DPL 0 a user's int3 would arrive as a general
    // protection fault (SIGSEGV) instead of a breakpoint (SIGTRAP).
    for (i = 0; i < 256; i++)
        idt[i] = gate(vector_table[i], i == T_SYSCALL || i == T_BREAKPOINT || i == T_OVERFLOW ? 3 : 0);
    d.limit = sizeof idt - 1;
    d.base = (uint32_t)idt;
    lidt(&d);
}

void trap_set_handler(int vector, trap_handler fn)
{
    handlers[vector] = fn;
}

void trap_dump(const struct trapframe *tf)
{
    int user = (tf->cs & 3) != 0;
    const char *name = tf->trapno < 32 && exception_names[tf->trapno] ? exception_names[tf->trapno] : "interrupt";

    kprintf("trap %u (%s), error code 0x%x, in %s mode\n", tf->trapno, name, tf->err,
            user ? "user" : "kernel");
    if (tf->trapno == T_PAGE_FAULT)
        kprintf("page fault address cr2=%08x: %s, %s, %s\n", rcr2(),
                tf->err & 1 ? "protection violation" : "page not present",
                tf->err & 2 ? "write" : "read", tf->err & 4 ? "user" : "kernel");
    kprintf("eip=%08x eflags=%08x cs=%04x ds=%04x es=%04x fs=%04x gs=%04x\n",
            tf->eip, tf->eflags, tf->cs, tf->ds, tf->es, tf->fs, tf->gs);
    kprintf("eax=%08x ebx=%08x ecx=%08x edx=%08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    kprintf("esi=%08x edi=%08x ebp=%08x esp=%08x", tf->esi, tf->edi, tf->ebp,
            user ? tf->esp : (uint32_t)&tf->esp);
    if (user)
        kprintf(" ss=%04x", tf->ss);
    kprintf("\ncr0=%08x cr2=%08x cr3=%08x cr4=%08x\n", rcr0(), rcr2(), rcr3(), rcr4());
    if (!user)
        backtrace(tf->eip, tf->ebp);
}

const char *trap_name(uint32_t vector)
{
    return vector < 32 && exception_names[vector] ? exception_names[vector] : "exception";
}

int trap_dispatch(struct trapframe *tf, int user)
{
    uint32_t v = tf->trapno;

    if (v >= T_IRQ0 && v < T_IRQ0 + 16) {
        if (pic_spurious(v - T_IRQ0))
            return TRAP_SPURIOUS;
        pic_eoi(v - T_IRQ0);
    }
    if (handlers[v]) {
        handlers[v](tf);
    } else if (v < 32 && user) {
        return TRAP_USER_EXCEPTION;
    } else if (v < 32) {
        kprintf("\n");
        trap_dump(tf);
        panic("unhandled %s in %s mode", trap_name(v), (tf->cs & 3) == 3 ? "user" : "kernel");
    } else if (!unexpected_seen[v]) {
        unexpected_seen[v] = 1;
        kprintf("trap: unexpected interrupt vector %u (ignored from now on)\n", v);
    }
    return TRAP_HANDLED;
}
