// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/trap.c: the interrupt descriptor table and trap(), where every
// interrupt, exception and system call arrives (from kernel/arch/vectors.asm).
// Hardware interrupts are acknowledged and passed to their handler; an
// exception with no handler in the kernel is fatal: it prints the registers
// and a backtrace on every console, then panics.  Faults of user programs
// will be turned into signals by the process code through the same handler
// table, so the kernel never dies of a user program's mistake.
#include <stdint.h>
#include "console.h"
#include "lib/errno.h"
#include "gdt.h"
#include "pic.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "trap.h"
#include "proc/uvm.h"
#include "x86.h"

extern const uint32_t vector_table[256];
extern char boot_stack[];

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
                exception_names[v] ? exception_names[v] : "exception", tf->eip,
                v == T_PAGE_FAULT ? (tf->err & 2 ? " writing" : " reading") : "", sig);
    signal_force(current, sig, code, addr);
}

void trap(struct trapframe *tf)
{
    uint32_t v = tf->trapno;
    int from_user = (tf->cs & 3) == 3;

    if (from_user && current)
        proc_enter_kernel();
    if (v >= T_IRQ0 && v < T_IRQ0 + 16) {
        if (pic_spurious(v - T_IRQ0))
            return;
        pic_eoi(v - T_IRQ0);
    }
    if (handlers[v]) {
        handlers[v](tf);
    } else if (v < 32 && from_user && current) {
        user_fault(tf);
    } else if (v < 32) {
        kprintf("\n");
        trap_dump(tf);
        panic("unhandled %s in %s mode", exception_names[v] ? exception_names[v] : "exception",
              from_user ? "user" : "kernel");
    } else if (!unexpected_seen[v]) {
        unexpected_seen[v] = 1;
        kprintf("trap: unexpected interrupt vector %u (ignored from now on)\n", v);
    }
    if (from_user && current) {
        proc_return_to_user(tf);
        proc_leave_kernel();
    }
}
