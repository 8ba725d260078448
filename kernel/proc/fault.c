// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/fault.c: trap(), where every interrupt, exception and system
// call arrives (from kernel/arch/vectors.asm), seen from the process that
// was running.  The kernel's part is kernel/arch/trap.c's trap_dispatch; an
// exception of a user program comes back here and becomes what Linux makes
// of it: a page given, or a signal.  Around it, a trap from user mode is
// accounted to the process as system time, and on the way back the process
// takes its pending signals.
#include <stdint.h>
#include "arch/console.h"
#include "arch/trap.h"
#include "arch/x86.h"
#include "lib/errno.h"
#include "proc.h"
#include "signal.h"
#include "uvm.h"

// What each exception of a user program becomes, as Linux sends it
// (arch/x86/kernel/traps.c): the signal, its si_code, and whether si_addr is
// the faulting instruction.  Vectors not listed are SIGSEGV, SI_KERNEL; the
// page fault's code and address are worked out in user_fault.  x87 and SIMD
// errors (16, 19) get SI_KERNEL, not the FPE_FLT* code Linux reads from the
// FPU's status word.
static const struct {
    uint8_t sig;
    uint8_t at_eip;
    int16_t code;
} fault_signals[32] = {
    [0] = { SIGFPE, 1, FPE_INTDIV },    // divide error
    [1] = { SIGTRAP, 1, TRAP_TRACE },   // debug: a single step (no breakpoints are set)
    [3] = { SIGTRAP, 0, SI_KERNEL },    // int3
    [6] = { SIGILL, 1, ILL_ILLOPN },    // invalid opcode
    [9] = { SIGFPE, 0, SI_KERNEL },     // coprocessor segment overrun
    [11] = { SIGBUS, 0, SI_KERNEL },    // segment not present
    [12] = { SIGBUS, 0, SI_KERNEL },    // stack segment fault
    [16] = { SIGFPE, 1, SI_KERNEL },    // x87 error
    [17] = { SIGBUS, 0, BUS_ADRALN },   // alignment check
    [19] = { SIGFPE, 1, SI_KERNEL },    // SIMD error
};

// RLIMIT_STACK: a page not there yet in the stack's area, further below
// its top than the limit, is not given (Linux refuses to grow the stack)
static int beyond_stack_limit(uint32_t va, uint32_t err)
{
    uint32_t page = va & ~0xfffu;
    return !(err & 1) && page >= USER_STACK_TOP - USER_STACK_SIZE && page < USER_STACK_TOP &&
           USER_STACK_TOP - page > proc_rlimit(RLIMIT_STACK);
}

// An exception in a user program: a page fault may just need the page;
// anything else becomes a signal, which by default ends the program (its
// parent sees which signal in the wait status).  The kernel goes on.
static void user_fault(struct trapframe *tf)
{
    uint32_t v = tf->trapno, addr = 0, cr2 = rcr2();
    int sig = SIGSEGV, code = SI_KERNEL, err;

    if (v == T_PAGE_FAULT && !beyond_stack_limit(cr2, tf->err) && (err = uvm_fault(current->mem, cr2, (tf->err & 2) != 0)) != -EFAULT) {
        if (err == -ENOMEM) {           // no page left for it: this program ends, the kernel goes on
            kprintf("pid %d (%s): out of memory at %08x; killed\n", current->pid, current->name, cr2);
            signal_force(current, SIGKILL, SI_KERNEL, 0);
        }
        return;
    }
    if (v == T_PAGE_FAULT) {            // no area there at all, or one that forbids this access
        code = uvm_range_free(current->mem, cr2 & ~0xfffu, 0x1000) ? SEGV_MAPERR : SEGV_ACCERR;
        addr = current->fault_addr = cr2;
    } else if (fault_signals[v].sig) {
        sig = fault_signals[v].sig;
        code = fault_signals[v].code;
        addr = fault_signals[v].at_eip ? tf->eip : 0;
    }
    if (current->group->sigactions[sig].handler == 0)
        kprintf("pid %d (%s): %s at eip %08x%s, signal %d\n", current->pid, current->name,
                trap_name(v), tf->eip,
                v == T_PAGE_FAULT ? (tf->err & 2 ? " writing" : " reading") : "", sig);
    signal_force(current, sig, code, addr);
}

void trap(struct trapframe *tf)
{
    int user = (tf->cs & 3) == 3 && current;
    int outcome;

    if (user)
        proc_enter_kernel();
    outcome = trap_dispatch(tf, user);
    if (outcome == TRAP_SPURIOUS)
        return;
    if (outcome == TRAP_USER_EXCEPTION)
        user_fault(tf);
    if (user) {
        proc_return_to_user(tf);
        proc_leave_kernel();
    }
}
