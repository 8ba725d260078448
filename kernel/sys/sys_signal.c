// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_signal.c: system calls about signals: sending (kill to a
// process, tkill and tgkill to one thread), dispositions (rt_sigaction and
// the old sigaction), masks, the blocked ones pending (rt_sigpending),
// waiting for one (rt_sigsuspend, pause), and the returns from handlers.
#include <stdint.h>
#include <string.h>
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall.h"

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

// kill's targets: one process (pid > 0: any of its threads' ids names it),
// the caller's group (0), a group (-pgid), or every process but init and
// the caller's (-1).  si_code tells the handler which call sent it (SI_USER
// for kill, SI_TKILL for tkill/tgkill).  As on Linux, an invalid signal is
// -EINVAL only once a target is found: with none, the answer is -ESRCH.
static int send_to(int pid, int sig)
{
    struct ksiginfo info = { SI_USER, 0, 0 };
    struct proc *p;
    int i, sent = 0, bad = sig < 0 || sig >= NSIG;

    info.pid = proc_pid(current);
    if (pid > 0) {
        p = proc_find(pid);
        if (!p || !p->group->live || (p->state == P_ZOMBIE && p != p->group->leader))
            return -ESRCH;
        if (bad)
            return -EINVAL;
        if (sig)
            signal_send_info(p, sig, &info);
        return 0;
    }
    for (i = 0; i < NPROC; i++) {
        struct group *g;
        p = proc_slot(i);
        g = p->group;
        if (p->state == P_FREE || p != g->leader || !g->live)
            continue;                   // one sending a process: to its leader
        if ((pid == 0 && g->pgid == current->group->pgid) || (pid < -1 && g->pgid == -pid) ||
            (pid == -1 && p->pid != 1 && g != current->group)) {
            if (bad)
                return -EINVAL;
            if (sig)
                signal_send_info(p, sig, &info);
            sent = 1;
        }
    }
    return sent ? 0 : -ESRCH;
}

int32_t sys_kill(uint32_t pid, uint32_t sig)
{
    return send_to((int32_t)pid, (int32_t)sig);
}

// one thread, by its id (and, for tgkill, its process's: tgid 0 is any);
// a tid of 0 or below names no thread (-EINVAL); an invalid signal is
// -EINVAL once the thread is found, as for kill
static int send_thread(int tgid, int tid, int sig)
{
    struct ksiginfo info = { SI_TKILL, 0, 0 };
    struct proc *t;

    if (tid <= 0)
        return -EINVAL;
    t = proc_find(tid);
    if (!t || t->state == P_ZOMBIE || (tgid && proc_pid(t) != tgid))
        return -ESRCH;
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    info.pid = proc_pid(current);
    if (sig)
        signal_send_thread(t, sig, &info);
    return 0;
}

int32_t sys_tkill(uint32_t tid, uint32_t sig)
{
    return send_thread(0, (int32_t)tid, (int32_t)sig);
}

int32_t sys_tgkill(uint32_t tgid, uint32_t tid, uint32_t sig)
{
    if ((int32_t)tgid <= 0)
        return -EINVAL;
    return send_thread((int32_t)tgid, (int32_t)tid, (int32_t)sig);
}

// Linux's do_sigaction, the new action already copied in (NULL: none):
// the old one into *old, then the new one set
static int set_action(uint32_t sig, const struct ksigaction *k, struct ksigaction *old)
{
    if (sig < 1 || sig >= NSIG || (k && (sig == SIGKILL || sig == SIGSTOP)))
        return -EINVAL;
    *old = current->group->sigactions[sig];
    if (!k)
        return 0;
    current->group->sigactions[sig] = *k;
    if (k->handler == SIG_IGN) {        // what was pending for the process (a thread's is dropped when due)
        current->group->sig_pending &= ~SIGBIT(sig);
        current->sig_pending &= ~SIGBIT(sig);
    }
    return 0;
}

// Linux's order: the mask size, the new action copied in, the signal,
// then the old action copied out (the new one set even when that fails)
int32_t sys_rt_sigaction(uint32_t sig, uint32_t act, uint32_t oldact, uint32_t size)
{
    struct ksigaction k, old;
    int err;

    if (size != 8)
        return -EINVAL;
    if (act && copy_from_user(current->mem, &k, act, sizeof k) < 0)
        return -EFAULT;
    if ((err = set_action(sig, act ? &k : NULL, &old)) < 0)
        return err;
    return oldact && copy_to_user(current->mem, oldact, &old, sizeof old) < 0 ? -EFAULT : 0;
}

// signal(48), the oldest form, which Mes's C library still calls (make,
// bash and the rest of stage 3 set their handlers with it): the handler
// with System V's semantics, as Linux's sys_signal gives them (reset to
// SIG_DFL when it runs, the signal not blocked inside it, no mask); the
// old handler is the result.
int32_t sys_signal(uint32_t sig, uint32_t handler)
{
    struct ksigaction *k;
    uint32_t old;

    if (sig < 1 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP)
        return -EINVAL;
    k = &current->group->sigactions[sig];
    old = k->handler;
    k->handler = handler;
    k->mask = 0;
    k->flags = SA_RESETHAND | SA_NODEFER;
    k->restorer = 0;
    if (handler == SIG_IGN) {
        current->group->sig_pending &= ~SIGBIT(sig);
        current->sig_pending &= ~SIGBIT(sig);
    }
    return (int32_t)old;
}

// the old sigaction: handler, a 32-bit mask, flags, restorer; in
// rt_sigaction's order
int32_t sys_sigaction(uint32_t sig, uint32_t act, uint32_t oldact)
{
    struct ksigaction k, old;
    uint32_t o[4];
    int err;

    if (act) {
        if (copy_from_user(current->mem, o, act, sizeof o) < 0)
            return -EFAULT;
        k.handler = o[0];
        k.mask = o[1];
        k.flags = o[2];
        k.restorer = o[3];
    }
    if ((err = set_action(sig, act ? &k : NULL, &old)) < 0 || !oldact)
        return err;
    o[0] = old.handler;
    o[1] = (uint32_t)old.mask;
    o[2] = old.flags;
    o[3] = old.restorer;
    return copy_to_user(current->mem, oldact, o, sizeof o) < 0 ? -EFAULT : 0;
}

static int change_mask(uint32_t how, uint64_t set)
{
    if (how == 0)                       // SIG_BLOCK
        current->sig_blocked |= set;
    else if (how == 1)                  // SIG_UNBLOCK
        current->sig_blocked &= ~set;
    else if (how == 2)                  // SIG_SETMASK
        current->sig_blocked = set;
    else
        return -EINVAL;
    current->sig_blocked &= ~UNBLOCKABLE;
    return 0;
}

int32_t sys_rt_sigprocmask(uint32_t how, uint32_t set, uint32_t oldset, uint32_t size)
{
    uint64_t old = current->sig_blocked, s;

    if (size != 8)
        return -EINVAL;
    if (set) {
        if (copy_from_user(current->mem, &s, set, 8) < 0)
            return -EFAULT;
        if (change_mask(how, s) < 0)
            return -EINVAL;
    }
    if (oldset && copy_to_user(current->mem, oldset, &old, 8) < 0)
        return -EFAULT;
    return 0;
}

int32_t sys_sigprocmask(uint32_t how, uint32_t set, uint32_t oldset)
{
    uint32_t old = (uint32_t)current->sig_blocked, s;

    if (set) {
        if (copy_from_user(current->mem, &s, set, 4) < 0)
            return -EFAULT;
        if (change_mask(how, how == 2 ? (current->sig_blocked & ~0xffffffffull) | s : s) < 0)
            return -EINVAL;
    }
    if (oldset && copy_to_user(current->mem, oldset, &old, 4) < 0)
        return -EFAULT;
    return 0;
}

// the signals pending for the caller (its own and its process's) that it
// blocks: those waiting to be unblocked
static uint64_t pending_blocked(void)
{
    return (current->sig_pending | current->group->sig_pending) & current->sig_blocked;
}

int32_t sys_rt_sigpending(uint32_t set, uint32_t size)
{
    uint64_t pending = pending_blocked();

    if (size > 8)
        return -EINVAL;
    return copy_to_user(current->mem, set, &pending, size) < 0 ? -EFAULT : 0;
}

int32_t sys_sigpending(uint32_t set)
{
    return sys_rt_sigpending(set, 4);
}

// Sleeps with the given mask until a signal is delivered; the old mask comes
// back when the handler returns (the frame saved it), as Linux.
int32_t sys_rt_sigsuspend(uint32_t set, uint32_t size)
{
    uint64_t mask, old = current->sig_blocked;

    if (size != 8)
        return -EINVAL;
    if (copy_from_user(current->mem, &mask, set, 8) < 0)
        return -EFAULT;
    current->sig_blocked = mask & ~UNBLOCKABLE;
    while (!signal_interrupts(current))
        sleep_on(&current->sig_pending);
    current->saved_mask = old;
    current->mask_saved = 1;            // signal_deliver restores it
    return -EINTR;
}

int32_t sys_pause(void)
{
    while (!signal_interrupts(current))
        sleep_on(&current->sig_pending);
    return -EINTR;
}

int32_t sys_sigreturn(void)
{
    return signal_sigreturn(current->tf, 0);
}

int32_t sys_rt_sigreturn(void)
{
    return signal_sigreturn(current->tf, 1);
}
