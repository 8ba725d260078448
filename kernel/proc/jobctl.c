// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/jobctl.c: job control's side of signals: SIGSTOP, SIGTSTP, SIGTTIN
// and SIGTTOU stopping a process (all its threads: the scheduler passes
// them), SIGCONT continuing it, what the parent learns of both (SIGCHLD
// with CLD_STOPPED or CLD_CONTINUED, and its waits), and Linux's rules for
// orphaned process groups.  Signals themselves are signal.c's; the
// scheduler and wait are proc.c's.
//
// A stop signal whose action is the default stops the process when it is
// sent, if a thread that could take it does not block it: a thread asleep
// in a system call sleeps on, and finishes the call after SIGCONT, which is
// what Linux's restarts amount to.  One that every thread blocks waits,
// pending, and stops the process when it is delivered (signal_deliver).
#include <stddef.h>
#include <stdint.h>
#include "jobctl.h"
#include "proc.h"
#include "signal.h"

#define STOP_SIGNALS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

// the process whose leader is in slot i, if it has not ended
static struct group *process_at(int i)
{
    struct proc *p = proc_slot(i);
    return p->state != P_FREE && p == p->group->leader && p->group->live ? p->group : NULL;
}

// the pending instances of the signals in set, of g and of its threads, go
static void discard(struct group *g, uint64_t set)
{
    int i;

    g->sig_pending &= ~set;
    for (i = 0; i < NPROC; i++)
        if (proc_slot(i)->state != P_FREE && proc_slot(i)->group == g)
            proc_slot(i)->sig_pending &= ~set;
}

// Linux's will_become_orphaned_pgrp: no process of group pgid has its
// parent in another group of the same session, the one link to a shell
// that could continue it.  A parent that has ended links nothing, nor does
// init (pid 1), as on Linux.
static int orphaned(int pgid)
{
    int i;

    for (i = 0; i < NPROC; i++) {
        struct group *g = process_at(i), *parent;
        if (!g || g->pgid != pgid || !(parent = g->parent) || !parent->live || parent->leader->pid == 1)
            continue;
        if (parent->pgid != pgid && parent->sid == g->sid)
            return 0;
    }
    return 1;
}

// the parent's SIGCHLD (unless it asked for none with SA_NOCLDSTOP), and
// its waits look again
static void notify_parent(struct group *g, int code, int status)
{
    struct ksiginfo info = { 0, 0, 0 };
    struct group *parent = g->parent;

    g->wait_report = code;
    if (!parent)
        return;
    info.code = code;
    info.pid = g->leader->pid;
    info.value = status;
    if (!(parent->sigactions[SIGCHLD].flags & SA_NOCLDSTOP))
        signal_send_info(parent->leader, SIGCHLD, &info);
    wakeup(parent);
}

static void resume(struct group *g)
{
    if (!g->stopped)
        return;
    g->stopped = 0;
    notify_parent(g, CLD_CONTINUED, SIGCONT);
}

// A process with no parent does not stop: the first process, which Linux
// keeps from stop signals too (init is SIGNAL_UNKILLABLE), and a step the
// runner started, which nobody could continue (the chain would hang).  An
// exiting one does not either.  SIGTSTP, SIGTTIN and SIGTTOU are discarded
// in an orphaned process group, as Linux does: no shell would continue it.
// Stopped again, a process reports nothing new.
int jobctl_stop(struct group *g, int sig)
{
    if (!g->parent || g->exiting || (sig != SIGSTOP && orphaned(g->pgid)))
        return 0;
    if (!g->stopped) {
        g->stopped = 1;
        g->stop_signal = sig;
        notify_parent(g, CLD_STOPPED, sig);
    }
    return 1;
}

// whether a thread could take sig now (t alone when thread)
static int can_take(struct proc *t, int sig, int thread)
{
    int i;

    if (thread)
        return !(t->sig_blocked & SIGBIT(sig));
    for (i = 0; i < NPROC; i++) {
        struct proc *p = proc_slot(i);
        if (p->state != P_FREE && p->state != P_ZOMBIE && p->group == t->group &&
            !(p->sig_blocked & SIGBIT(sig)))
            return 1;
    }
    return 0;
}

// SIGCONT continues the process and discards pending stop signals, and a
// stop signal discards a pending SIGCONT, whatever their dispositions
// (Linux's prepare_signal); SIGCONT is then queued, or dropped if ignored,
// as any other signal.
int jobctl_sent(struct proc *t, int sig, int thread)
{
    struct group *g = t->group;

    if (sig == SIGCONT) {
        discard(g, STOP_SIGNALS);
        resume(g);
        return 0;
    }
    if (!(SIGBIT(sig) & STOP_SIGNALS))
        return 0;
    discard(g, SIGBIT(SIGCONT));
    if (g->sigactions[sig].handler != SIG_DFL || !can_take(t, sig, thread))
        return 0;
    jobctl_stop(g, sig);
    return 1;
}

int jobctl_held(const struct proc *p)
{
    return p->group->stopped && !signal_killed(p);
}

// the wait status of a stopped child is 0x7f | signal << 8, of a continued
// one 0xffff; waitid's si_status is the signal, SIGCONT for a continue
int jobctl_wait(struct group *c, int options, int *status, struct ksiginfo *info)
{
    int code = c->wait_report;

    if (!(code == CLD_STOPPED && (options & WUNTRACED)) && !(code == CLD_CONTINUED && (options & WCONTINUED)))
        return 0;
    info->code = code;
    info->pid = c->leader->pid;
    info->value = code == CLD_STOPPED ? c->stop_signal : SIGCONT;
    *status = code == CLD_STOPPED ? 0x7f | c->stop_signal << 8 : 0xffff;
    if (!(options & WNOWAIT))
        c->wait_report = 0;
    return 1;
}

// Linux's kill_orphaned_pgrp.  A child adopted by nobody (the runner's
// steps have no init) is continued: it has no parent now, and a process
// without one does not stay stopped (jobctl_stop).
void jobctl_unlinked(struct group *from, struct group *g)
{
    static const struct ksiginfo info = { SI_KERNEL, 0, 0 };
    int i, any_stopped = 0;

    if (!g->parent && g->live)
        resume(g);
    if (!from || from->pgid == g->pgid || from->sid != g->sid || !orphaned(g->pgid))
        return;
    for (i = 0; i < NPROC; i++) {
        struct group *m = process_at(i);
        if (m && m->pgid == g->pgid && m->stopped)
            any_stopped = 1;
    }
    for (i = 0; i < NPROC && any_stopped; i++) {
        struct group *m = process_at(i);
        if (m && m->pgid == g->pgid) {
            signal_send_info(m->leader, SIGHUP, &info);
            signal_send_info(m->leader, SIGCONT, &info);
        }
    }
}
