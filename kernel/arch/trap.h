// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/trap.h: interrupts, exceptions and the trap frame (kernel/arch/trap.c,
// kernel/proc/fault.c).
#ifndef TRAP_H
#define TRAP_H
#include <stdint.h>
#include "pic.h"              // T_IRQ0

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
#define T_SYSCALL 0x80

typedef void (*trap_handler)(struct trapframe *tf);

void trap_init(void);
void trap_set_handler(int vector, trap_handler fn);
void trap_dump(const struct trapframe *tf);     // registers and a backtrace
const char *trap_name(uint32_t vector);         // "page fault", ...; "exception" past 31

// What trap_dispatch made of a trap: handled (by a handler, or ignored), a
// spurious interrupt (nothing else is to be done), or an exception of the
// user program (user: the trap came from user mode with a process
// running), which the caller turns into a signal.
enum trap_outcome { TRAP_HANDLED, TRAP_SPURIOUS, TRAP_USER_EXCEPTION };
int trap_dispatch(struct trapframe *tf, int user);
// called from kernel/arch/vectors.asm; kernel/proc/fault.c's
void trap(struct trapframe *tf);
#endif
