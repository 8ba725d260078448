// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/signal.c: sending signals (each pending one keeps who sent it and
// why, for an SA_SIGINFO handler's siginfo_t), their default actions, and
// running a handler: on the way back to user mode the kernel pushes a frame
// shaped like Linux i386's (struct sigframe, or struct rt_sigframe for
// SA_SIGINFO) holding the interrupted registers, and returns into it; the
// handler returns through sa_restorer (or the frame's own retcode) into
// sigreturn/rt_sigreturn, which puts the registers back.
//
// A signal is pending for the process (kill: in its group, taken by the
// first of its threads that does not block it on its way to user mode) or
// for one thread (tkill, faults).  Dispositions are the process's; masks
// are each thread's.  A signal whose default is to end the program ends
// the whole process; one whose default is to stop it stops all its threads
// (kernel/proc/jobctl.c).
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/gdt.h"
#include "arch/x86.h"
#include "jobctl.h"
#include "lib/errno.h"
#include "proc.h"
#include "signal.h"

// struct sigcontext, i386 (arch/x86/include/uapi/asm/sigcontext.h)
struct sigcontext {
    uint32_t gs, fs, es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip, cs, eflags, esp_at_signal, ss, fpstate, oldmask, cr2;
};

struct sigframe {               // the classic frame (no SA_SIGINFO)
    uint32_t pretcode;
    int32_t sig;
    struct sigcontext sc;
    uint32_t extramask;         // the upper half of the blocked mask
    uint8_t retcode[8];
    uint8_t pad[8];             // fpu at offset 116: 16-byte aligned when the frame is at 12 mod 16
    uint8_t fpu[512];           // fxsave image
};

struct rt_sigframe {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo, puc;
    uint8_t info[128];          // siginfo_t: si_signo, si_errno, si_code, ...
    uint32_t uc_flags, uc_link, ss_sp, ss_flags, ss_size;
    struct sigcontext sc;
    uint64_t uc_sigmask;
    uint8_t retcode[8];
    uint8_t pad[8];             // fpu at offset 276, aligned likewise
    uint8_t fpu[512];
};

_Static_assert(offsetof(struct sigframe, fpu) % 16 == 4, "sigframe fpu alignment");
_Static_assert(offsetof(struct rt_sigframe, fpu) % 16 == 4, "rt_sigframe fpu alignment");

// Below the interrupted stack (and a 128-byte red zone), at 12 mod 16: the
// handler then starts with esp + 4 16-byte aligned, as the i386 ABI wants,
// and the fxsave image in the frame is 16-byte aligned.
static uint32_t frame_address(uint32_t sp, uint32_t size)
{
    return ((sp - size - 128) & ~15u) - 4;
}

enum { ACT_TERM, ACT_CORE, ACT_IGNORE, ACT_STOP };

static int default_action(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
        return ACT_IGNORE;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return ACT_STOP;
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
    case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return ACT_CORE;
    default:
        return ACT_TERM;
    }
}

static int ignored(const struct proc *p, int sig)
{
    uint32_t h = p->group->sigactions[sig].handler;
    return sig != SIGKILL && (h == SIG_IGN || (h == SIG_DFL && default_action(sig) == ACT_IGNORE));
}

static int blocks(const struct proc *t, int sig)
{
    return sig != SIGKILL && (t->sig_blocked & SIGBIT(sig));
}

// a sleeping thread that can take sig wakes: its sleep loop sees the
// signal and returns -EINTR
static void wake_for(struct proc *t, int sig)
{
    if (t->state == P_SLEEPING && !blocks(t, sig))
        t->state = P_RUNNABLE;
}

// A second instance of a pending signal merges into the first and, as on
// Linux for signals 1-31, the first one's information is what the handler
// sees.  Of a process's threads, the first that can take the signal is
// woken if it sleeps; one that runs takes it on its way to user mode.
void signal_send_info(struct proc *p, int sig, const struct ksiginfo *info)
{
    struct group *g;
    int i;

    if (sig <= 0 || sig >= NSIG || p->state == P_FREE || !p->group->live || jobctl_sent(p, sig, 0) ||
        ignored(p, sig))
        return;
    g = p->group;
    if (!(g->sig_pending & SIGBIT(sig)))
        g->sig_info[sig] = *info;
    g->sig_pending |= SIGBIT(sig);
    for (i = 0; i < NPROC; i++) {
        struct proc *t = proc_slot(i);
        if (t->state != P_FREE && t->state != P_ZOMBIE && t->group == g && !blocks(t, sig)) {
            wake_for(t, sig);
            return;
        }
    }
}

void signal_send_thread(struct proc *t, int sig, const struct ksiginfo *info)
{
    if (sig <= 0 || sig >= NSIG || t->state == P_FREE || t->state == P_ZOMBIE || jobctl_sent(t, sig, 1) ||
        ignored(t, sig))
        return;
    if (!(t->sig_pending & SIGBIT(sig)))
        t->sig_info[sig] = *info;
    t->sig_pending |= SIGBIT(sig);
    wake_for(t, sig);
}

void signal_send(struct proc *p, int sig)
{
    struct ksiginfo info = { SI_USER, 0, 0 };
    info.pid = current ? proc_pid(current) : 0;
    signal_send_info(p, sig, &info);
}

// A fault's own information replaces that of a pending instance sent by
// someone else: the handler must learn about the fault.
void signal_force(struct proc *p, int sig, int code, uint32_t addr)
{
    if (p->group->sigactions[sig].handler == SIG_IGN || (p->sig_blocked & SIGBIT(sig)))
        p->group->sigactions[sig].handler = SIG_DFL;
    p->sig_blocked &= ~SIGBIT(sig);
    p->sig_pending |= SIGBIT(sig);
    p->sig_info[sig].code = code;
    p->sig_info[sig].pid = 0;
    p->sig_info[sig].value = addr;
}

// the signals p could take now: its own and its process's, less those it blocks
static uint64_t deliverable(const struct proc *p)
{
    return (p->sig_pending | p->group->sig_pending) & ~(p->sig_blocked & ~SIGBIT(SIGKILL));
}

int signal_interrupts(const struct proc *p)
{
    return deliverable(p) != 0;
}

int signal_killed(const struct proc *p)
{
    return ((p->sig_pending | p->group->sig_pending) & SIGBIT(SIGKILL)) != 0;
}

static void save_context(struct sigcontext *sc, const struct trapframe *tf, uint64_t blocked)
{
    sc->gs = tf->gs; sc->fs = tf->fs; sc->es = tf->es; sc->ds = tf->ds;
    sc->edi = tf->edi; sc->esi = tf->esi; sc->ebp = tf->ebp; sc->esp = tf->esp;
    sc->ebx = tf->ebx; sc->edx = tf->edx; sc->ecx = tf->ecx; sc->eax = tf->eax;
    sc->trapno = tf->trapno; sc->err = tf->err; sc->eip = tf->eip; sc->cs = tf->cs;
    sc->eflags = tf->eflags; sc->esp_at_signal = tf->esp; sc->ss = tf->ss;
    sc->oldmask = (uint32_t)blocked;
    sc->cr2 = current->fault_addr;      // as Linux (thread.cr2): CR2 may be another process's by now
}

// a user-chosen data selector is kept only if it is a ring-3 GDT selector we hand out
static uint32_t user_selector(uint32_t sel)
{
    const struct tls_desc *tls = gdt_tls_entry(current->tls, sel);
    if ((sel & 7) == 7 || (sel & 3) != 3)
        return 0;
    if (((sel & 0xffff) >> 3) == (SEG_UDATA >> 3))
        return sel & 0xffff;
    // a TLS entry only when set: popping an empty one into gs on the way
    // out faulted in the kernel, a panic (fuzz_syscalls, sigreturn)
    if (tls && (tls->flags & TLS_PRESENT))
        return sel & 0xffff;
    return 0;
}

static void restore_context(struct trapframe *tf, const struct sigcontext *sc)
{
    tf->gs = user_selector(sc->gs);
    tf->fs = user_selector(sc->fs);
    tf->es = tf->ds = SEG_UDATA;
    tf->edi = sc->edi; tf->esi = sc->esi; tf->ebp = sc->ebp; tf->esp = sc->esp;
    tf->ebx = sc->ebx; tf->edx = sc->edx; tf->ecx = sc->ecx; tf->eax = sc->eax;
    tf->eip = sc->eip;
    tf->cs = SEG_UCODE;
    tf->ss = SEG_UDATA;
    tf->eflags = (tf->eflags & ~0x40dd5u) | (sc->eflags & 0x40dd5u) | FL_IF;
}

// fxsave and fxrstor need a 16-byte aligned kernel buffer; frames copy it
static uint8_t fpu_raw[512 + 16];

static uint8_t *fpu_buffer(void)
{
    return (uint8_t *)(((uint32_t)fpu_raw + 15) & ~15u);
}

static void fpu_to_frame(uint8_t *area)
{
    fpu_save(fpu_buffer());
    memcpy(area, fpu_buffer(), 512);
}

static void fpu_from_frame(const uint8_t *area)
{
    memcpy(fpu_buffer(), area, 512);
    *(uint32_t *)(fpu_buffer() + 24) &= 0xffbf;  // MXCSR: reserved bits would make fxrstor fault
    fpu_restore(fpu_buffer());
}

// the mask the handler's return restores: the one sigsuspend replaced, if any
static uint64_t mask_to_restore(void)
{
    return current->mask_saved ? current->saved_mask : current->sig_blocked;
}

// siginfo_t (i386): si_signo at 0, si_errno 4, si_code 8, then by kind: kill
// and SIGCHLD si_pid 12, si_uid 16, SIGCHLD si_status 20; faults si_addr 12
static void fill_siginfo(uint8_t *b, int sig, const struct ksiginfo *info)
{
    int32_t *w = (int32_t *)b;

    w[0] = sig;
    w[2] = info->code;
    if (info->code <= 0 || sig == SIGCHLD) {    // from a process (code SI_USER, SI_TKILL, ...) or a child
        w[3] = info->pid;
        w[5] = sig == SIGCHLD ? (int32_t)info->value : 0;
    } else if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) {
        w[3] = (int32_t)info->value;
    }
}

static int push_frame(struct trapframe *tf, int sig, const struct ksigaction *act,
                      const struct ksiginfo *info)
{
    static struct rt_sigframe rt;
    static struct sigframe classic;
    static const uint8_t rt_code[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };   // mov eax,173; int 0x80
    static const uint8_t code[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };   // pop eax; mov eax,119; int 0x80
    uint32_t sp = tf->esp;

    if (act->flags & SA_SIGINFO) {
        memset(&rt, 0, sizeof rt);
        sp = frame_address(sp, sizeof rt);
        rt.pretcode = act->flags & SA_RESTORER ? act->restorer : sp + offsetof(struct rt_sigframe, retcode);
        rt.sig = sig;
        rt.pinfo = sp + offsetof(struct rt_sigframe, info);
        rt.puc = sp + offsetof(struct rt_sigframe, uc_flags);
        fill_siginfo(rt.info, sig, info);
        save_context(&rt.sc, tf, mask_to_restore());
        rt.sc.fpstate = sp + offsetof(struct rt_sigframe, fpu);
        rt.uc_sigmask = mask_to_restore();
        memcpy(rt.retcode, rt_code, 8);
        fpu_to_frame(rt.fpu);
        if (copy_to_user(current->mem, sp, &rt, sizeof rt) < 0)
            return -EFAULT;
        tf->eax = sig;
        tf->edx = rt.pinfo;
        tf->ecx = rt.puc;
    } else {
        memset(&classic, 0, sizeof classic);
        sp = frame_address(sp, sizeof classic);
        classic.pretcode = act->flags & SA_RESTORER ? act->restorer : sp + offsetof(struct sigframe, retcode);
        classic.sig = sig;
        save_context(&classic.sc, tf, mask_to_restore());
        classic.sc.fpstate = sp + offsetof(struct sigframe, fpu);
        classic.extramask = (uint32_t)(mask_to_restore() >> 32);
        memcpy(classic.retcode, code, 8);
        fpu_to_frame(classic.fpu);
        if (copy_to_user(current->mem, sp, &classic, sizeof classic) < 0)
            return -EFAULT;
        tf->eax = sig;
    }
    tf->esp = sp;
    tf->eip = act->handler;
    tf->ds = tf->es = SEG_UDATA;
    tf->cs = SEG_UCODE;
    tf->ss = SEG_UDATA;
    // The handler starts as a function call does, as on Linux: no
    // single-step (TF), no resume flag (RF), and DF clear as the ABI
    // expects; the program's own flags come back from the frame at sigreturn.
    tf->eflags &= ~(0x100u | 0x400u | 0x10000u);
    return 0;
}

// A system call a signal cut short (-ERESTARTSYS) is made again when no
// handler runs or the handler asked for it (SA_RESTART): eax holds the call's
// number again and eip goes back over its int 0x80 (2 bytes), so that the
// handler's frame saves, and sigreturn brings back, the call about to be made.
static void restart_or_eintr(struct trapframe *tf, int handler_runs, uint32_t flags)
{
    if (tf->trapno != T_SYSCALL || tf->eax != (uint32_t)-ERESTARTSYS)
        return;
    if (handler_runs && !(flags & SA_RESTART)) {
        tf->eax = -EINTR;
        return;
    }
    tf->eax = current->syscall_nr;
    tf->eip -= 2;
}

void signal_deliver(struct trapframe *tf)
{
    int sig;

    while (signal_interrupts(current)) {
        uint64_t can = deliverable(current);
        struct ksiginfo info;
        struct ksigaction *act;

        for (sig = 1; !(can & SIGBIT(sig)); sig++)
            ;
        if (current->sig_pending & SIGBIT(sig)) {       // the thread's own instance first
            current->sig_pending &= ~SIGBIT(sig);
            info = current->sig_info[sig];
        } else {
            current->group->sig_pending &= ~SIGBIT(sig);
            info = current->group->sig_info[sig];
        }
        act = &current->group->sigactions[sig];
        if (sig == SIGKILL || act->handler == SIG_DFL) {
            int what = sig == SIGKILL ? ACT_TERM : default_action(sig);
            if (what == ACT_IGNORE)
                continue;
            if (what == ACT_STOP) {     // it was blocked when sent (jobctl.c)
                if (jobctl_stop(current->group, sig))
                    yield();            // until SIGCONT or SIGKILL
                continue;
            }
            proc_exit(sig | (what == ACT_CORE ? 0x80 : 0));
        }
        if (act->handler == SIG_IGN)
            continue;
        restart_or_eintr(tf, 1, act->flags);
        if (push_frame(tf, sig, act, &info) < 0)
            proc_exit(SIGSEGV);         // no room for the frame: as Linux, a SIGSEGV death
        current->sig_blocked |= act->mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
        if (!(act->flags & SA_NODEFER))
            current->sig_blocked |= SIGBIT(sig);
        if (act->flags & SA_RESETHAND)
            act->handler = SIG_DFL;
        current->mask_saved = 0;
        return;                         // one handler at a time
    }
    restart_or_eintr(tf, 0, 0);
    if (current->mask_saved) {          // sigsuspend woke for nothing it handles
        current->sig_blocked = current->saved_mask;
        current->mask_saved = 0;
    }
}

int signal_sigreturn(struct trapframe *tf, int rt)
{
    static struct rt_sigframe rtf;
    static struct sigframe cf;
    uint64_t mask;

    if (rt) {
        if (copy_from_user(current->mem, &rtf, tf->esp - 4, sizeof rtf) < 0)
            proc_exit(SIGSEGV);
        restore_context(tf, &rtf.sc);
        mask = rtf.uc_sigmask;
        fpu_from_frame(rtf.fpu);
    } else {
        if (copy_from_user(current->mem, &cf, tf->esp - 8, sizeof cf) < 0)
            proc_exit(SIGSEGV);
        restore_context(tf, &cf.sc);
        mask = cf.sc.oldmask | (uint64_t)cf.extramask << 32;
        fpu_from_frame(cf.fpu);
    }
    current->sig_blocked = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    return tf->eax;
}
