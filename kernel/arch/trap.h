// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/trap.h: interrupts, exceptions and the trap frame (kernel/arch/trap.c).
#ifndef TRAP_H
#define TRAP_H
#include <stdint.h>

// what kernel/arch/vectors.asm leaves on the stack, lowest address first
struct trapframe {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, pushad_esp, ebx, edx, ecx, eax;
    uint32_t trapno, err;
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;           // only when the trap came from ring 3
};

#define T_BREAKPOINT 3          // int3
#define T_OVERFLOW 4            // into
#define T_PAGE_FAULT 14
#define T_IRQ0 32               // IRQ n arrives as vector T_IRQ0 + n
#define T_SYSCALL 0x80

typedef void (*trap_handler)(struct trapframe *tf);

void trap_init(void);
void trap_set_handler(int vector, trap_handler fn);
void trap_dump(const struct trapframe *tf);     // registers and a backtrace
void backtrace(uint32_t eip, uint32_t ebp);
#endif
