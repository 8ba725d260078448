// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/proc.c: the thread table, the scheduler, sleep and wakeup, and
// the lives of threads and processes: clone (fork, vfork, pthread_create),
// exit of one thread or of a whole process, execve's ending of the other
// threads, and wait.  A thread (struct proc) is what the scheduler runs; a
// process (struct group) is what its threads share, and ends with its last
// thread.  One CPU; the kernel runs with interrupts off (traps come
// in through interrupt gates) except in the idle loop, so kernel code is
// never preempted and needs no locks.  A thread gives up the CPU when it
// sleeps, or on its way back to user mode after the timer asked for a
// reschedule (round robin, one tick per turn).
//
// Like xv6, the scheduler runs on the boot stack; threads switch to it and
// it switches to the next one, saving and restoring each one's FPU/SSE state.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/gdt.h"
#include "arch/x86.h"
#include "dev/timer.h"
#include "exec.h"
#include "fs/disk.h"
#include "fs/ext2.h"
#include "futex.h"
#include "jobctl.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "proc.h"
#include "rseq.h"
#include "signal.h"

void swtch(uint32_t *save_esp, uint32_t new_esp);
extern char trap_return[];

struct proc *current;
int need_resched;

static struct proc procs[NPROC];
static struct group groups[NPROC];      // never more than threads: each has one at least
static uint8_t *fpu_areas[NPROC];       // 512-byte fxsave images, 16-byte aligned
static uint32_t scheduler_context;
static int next_pid = 1;
static struct group *init_group;
static void (*init_exited)(int status);
static const struct proc_file_ops *file_ops;
static uint8_t fpu_initial[512 + 16];

static uint8_t *fpu_of(const struct proc *p)
{
    return fpu_areas[p - procs];
}

static void proc_timer_tick(uint32_t ticks);

void proc_init(void)
{
    uint8_t *initial = (uint8_t *)(((uint32_t)fpu_initial + 15) & ~15u);
    int i;

    fpu_enable();
    fpu_save(initial);                  // a freshly initialised FPU, for every new program
    for (i = 0; i < NPROC; i++) {
        uint8_t *raw = kmalloc(512 + 16);
        if (!raw)
            panic("proc_init: no memory for FPU state");
        fpu_areas[i] = (uint8_t *)(((uint32_t)raw + 15) & ~15u);
    }
    timer_on_tick(proc_timer_tick);
}

void proc_fpu_reset(struct proc *p)
{
    memcpy(fpu_of(p), (uint8_t *)(((uint32_t)fpu_initial + 15) & ~15u), 512);
    if (p == current)
        fpu_restore(fpu_of(p));
}

// a new, empty process for p to lead; there is always a free slot, since
// every group in use has a thread
static struct group *group_alloc(struct proc *p)
{
    struct group *g = groups;

    while (g->refs)
        g++;
    memset(g, 0, sizeof *g);
    g->refs = g->live = 1;
    g->leader = p;
    g->exit_signal = SIGCHLD;
    p->group = g;
    return g;
}

// The working directory is an inode in use (ext2_ref), as on Linux: one
// removed meanwhile stays, empty, until the process leaves it, instead of
// its number going to another file.
static void cwd_let_go(struct group *g)
{
    if (root_fs && g->cwd)
        ext2_unref(root_fs, g->cwd);
    g->cwd = 0;
}

int proc_set_cwd(struct group *g, uint32_t ino)
{
    int err;
    if (root_fs && (err = ext2_ref(root_fs, ino)) < 0)
        return err;
    cwd_let_go(g);
    g->cwd = ino;
    return 0;
}

// what an ended process still holds: its descriptors, its working directory
static void group_release(struct group *g)
{
    int fd;
    for (fd = 0; fd < NOFILE; fd++)
        if (g->files[fd]) {
            file_ops->close(g->files[fd]);
            g->files[fd] = NULL;
        }
    cwd_let_go(g);
    kfree(g->exe);
    g->exe = NULL;
}

// a free slot with a kernel stack whose top holds a trap frame that
// trap_return will take to user mode
static struct proc *proc_alloc(void)
{
    struct proc *p;
    uint32_t *sp;
    int i;

    for (i = 0; i < NPROC && procs[i].state != P_FREE; i++)
        ;
    if (i == NPROC)
        return NULL;
    p = &procs[i];
    memset(p, 0, sizeof *p);
    if (!(p->kstack = kpages_alloc(KSTACK_SIZE / PAGE_SIZE)))
        return NULL;
    p->pid = next_pid++;
    p->tf = (struct trapframe *)(p->kstack + KSTACK_SIZE) - 1;
    memset(p->tf, 0, sizeof *p->tf);
    p->tf->cs = SEG_UCODE;
    p->tf->ds = p->tf->es = p->tf->fs = p->tf->gs = p->tf->ss = SEG_UDATA;
    p->tf->eflags = 0x202;
    sp = (uint32_t *)p->tf;
    *--sp = (uint32_t)trap_return;      // where swtch's ret goes
    sp -= 4;                            // ebp, ebx, esi, edi
    memset(sp, 0, 16);
    p->context = (uint32_t)sp;
    p->start_tsc = rdtsc();
    proc_fpu_reset(p);
    return p;
}

// p is not running and never will again; its process goes with its last thread
static void proc_free(struct proc *p)
{
    kpages_free(p->kstack, KSTACK_SIZE / PAGE_SIZE);
    if (p->group)
        p->group->refs--;
    p->state = P_FREE;
}

struct proc *proc_find(int tid)
{
    int i;
    for (i = 0; i < NPROC; i++)
        if (procs[i].state != P_FREE && procs[i].pid == tid)
            return &procs[i];
    return NULL;
}

struct proc *proc_slot(int i)
{
    return &procs[i];
}

// what a process the kernel starts may use: a stack of USER_STACK_SIZE,
// NOFILE descriptors (neither can grow: the stack's area and the table
// are that big), everything else unlimited
static void rlimit_defaults(struct group *g)
{
    int r;
    for (r = 0; r < RLIM_NLIMITS; r++)
        g->rlim[r].cur = g->rlim[r].max = RLIM_INFINITY;
    g->rlim[RLIMIT_STACK].cur = g->rlim[RLIMIT_STACK].max = USER_STACK_SIZE;
    g->rlim[RLIMIT_NOFILE].cur = g->rlim[RLIMIT_NOFILE].max = NOFILE;
}

void proc_set_file_ops(const struct proc_file_ops *ops)
{
    file_ops = ops;
}

void proc_file_close(struct file *f)
{
    file_ops->close(f);
}

struct proc *proc_spawn(const char *path, char *const argv[], char *const envp[], struct file *std[3],
                        int *err)
{
    struct proc *p = proc_alloc();
    struct group *g;
    int fd;

    if (!p) {
        for (fd = 0; fd < 3; fd++)
            file_ops->close(std[fd]);
        *err = -ENOMEM;
        return NULL;
    }
    g = group_alloc(p);
    g->parent = NULL;
    g->umask = 022;
    rlimit_defaults(g);
    g->pgid = g->sid = p->pid;
    for (fd = 0; fd < 3; fd++)
        g->files[fd] = std[fd];
    *err = proc_set_cwd(g, EXT2_ROOT_INO);
    if (*err < 0 || (*err = exec_program(p, path, argv, envp)) < 0) {
        group_release(g);
        if (p->mem)
            uvm_put(p->mem);
        proc_free(p);
        return NULL;
    }
    p->state = P_RUNNABLE;
    return p;
}

void proc_make_init(struct proc *p, void (*exited)(int status))
{
    init_group = p->group;
    init_exited = exited;
}

// A thread that ended is freed at once (nobody waits for threads); a
// process, once its parent waited, or at once when it has none.  keep: a
// process proc_run still has to read.
static int unwanted(const struct proc *p, const struct group *keep)
{
    const struct group *g = p->group;
    return p != g->leader || (!g->live && !g->parent && g != keep);
}

// runs one thread for a while (or waits for an interrupt when none can
// run); an ended thread, or a finished process nobody will wait for, is
// freed here, off its stack
static void schedule_once(const struct group *keep)
{
    static int i;
    int tried;

    for (tried = 0; tried < NPROC; tried++, i = (i + 1) % NPROC) {
        struct proc *p = &procs[i];
        if (p->state == P_ZOMBIE && unwanted(p, keep))
            proc_free(p);
        if (p->state != P_RUNNABLE || jobctl_held(p))
            continue;
        current = p;
        p->state = P_RUNNING;
        gdt_set_kernel_stack((uint32_t)p->kstack + KSTACK_SIZE);
        gdt_set_tls(p->tls);
        gdt_set_user_code_base(p->mem->code_base);
        uvm_activate(p->mem);
        fpu_restore(fpu_of(p));
        p->mark_tsc = rdtsc();          // its time runs from here (proc_leave_kernel, sched)
        swtch(&scheduler_context, p->context);
        fpu_save(fpu_of(p));
        lcr3(vm_kernel_pgdir());
        current = NULL;
        i = (i + 1) % NPROC;
        cli();
        return;
    }
    sti_hlt();                          // nothing to run: wait for an interrupt
    cli();
}

void scheduler(void)
{
    for (;;)
        schedule_once(NULL);
}

void proc_enter_kernel(void)
{
    uint64_t now = rdtsc();
    current->user_tsc += now - current->mark_tsc;
    current->mark_tsc = now;
}

void proc_leave_kernel(void)
{
    uint64_t now = rdtsc();
    current->sys_tsc += now - current->mark_tsc;
    current->mark_tsc = now;
}

// the time of g's threads (an ended one's is in its leader's)
static void group_time(const struct group *g, uint64_t *user, uint64_t *sys)
{
    int i;
    *user = *sys = 0;
    for (i = 0; i < NPROC; i++)
        if (procs[i].state != P_FREE && procs[i].group == g) {
            *user += procs[i].user_tsc;
            *sys += procs[i].sys_tsc;
        }
}

void proc_cpu_time(const struct proc *p, int children, struct cpu_time *t)
{
    uint64_t user = p->group->child_user_tsc, sys = p->group->child_sys_tsc;
    if (!children)
        group_time(p->group, &user, &sys);
    t->user_us = timer_tsc_to_us(user);
    t->sys_us = timer_tsc_to_us(sys);
}

// an ended process's own time and its waited-for children's
static void cpu_time_all(const struct group *g, struct cpu_time *t)
{
    t->user_us = timer_tsc_to_us(g->leader->user_tsc + g->child_user_tsc);
    t->sys_us = timer_tsc_to_us(g->leader->sys_tsc + g->child_sys_tsc);
}

// p's process, whose leader may change (execve from another thread)
int proc_run(struct proc *p, struct cpu_time *cpu)
{
    struct group *g = p->group;
    int status;
    while (g->live)
        schedule_once(g);
    status = g->exit_status;
    if (cpu)
        cpu_time_all(g, cpu);
    proc_free(g->leader);
    return status;
}

void sched(void)
{
    current->sys_tsc += rdtsc() - current->mark_tsc;
    current->rseq.resume = 1;           // a critical section it is in has been interleaved
    swtch(&current->context, scheduler_context);
}

void yield(void)
{
    current->state = P_RUNNABLE;
    sched();
}

void sleep_on(void *chan)
{
    current->chan = chan;
    current->state = P_SLEEPING;
    sched();
    current->chan = NULL;
}

void wakeup(void *chan)
{
    int i;
    for (i = 0; i < NPROC; i++)
        if (procs[i].state == P_SLEEPING && procs[i].chan == chan)
            procs[i].state = P_RUNNABLE;
}

// An alarm that is due sends SIGALRM to its process (from the kernel, as
// Linux's itimer does) and, when it repeats, is set again for its next
// period after now: periods missed meanwhile give one signal, as on Linux.
static void ring_alarm(struct group *g, uint64_t now)
{
    static const struct ksiginfo info = { SI_KERNEL, 0, 0 };

    signal_send_info(g->leader, SIGALRM, &info);
    if (!g->alarm_interval_ns)
        g->alarm_ns = 0;
    else
        g->alarm_ns += ((now - g->alarm_ns) / g->alarm_interval_ns + 1) * g->alarm_interval_ns;
}

// RLIMIT_CPU of the running process, at each tick (Linux's
// check_process_timers): with a soft limit, SIGKILL at the hard one, else
// SIGXCPU at the soft one, which then moves a second on so that the
// signal comes again each second
static void cpu_limit(struct group *g)
{
    static const struct ksiginfo info = { SI_KERNEL, 0, 0 };
    struct rlimit64 *l = &g->rlim[RLIMIT_CPU];
    uint64_t user, sys, secs;

    if (l->cur == RLIM_INFINITY || !g->live)
        return;
    group_time(g, &user, &sys);
    secs = timer_tsc_to_us(user + sys) / 1000000;
    if (l->max != RLIM_INFINITY && secs >= l->max) {
        signal_send_info(g->leader, SIGKILL, &info);
    } else if (secs >= l->cur) {
        signal_send_info(g->leader, SIGXCPU, &info);
        l->cur++;
    }
}

static void proc_timer_tick(uint32_t ticks)
{
    uint64_t now = 0;
    int i;

    if (current)
        cpu_limit(current->group);

    for (i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        struct group *g = &groups[i];
        if (p->state == P_SLEEPING && p->wake_tick && (int32_t)(ticks - p->wake_tick) >= 0)
            p->state = P_RUNNABLE;
        if (g->alarm_ns && g->live) {
            if (!now)
                now = timer_uptime_us() * 1000;
            if (now >= g->alarm_ns)
                ring_alarm(g, now);
        }
    }
    need_resched = 1;
}

int proc_group_session(int pgid)
{
    int i;
    for (i = 0; i < NPROC; i++)
        if (groups[i].live && groups[i].pgid == pgid)
            return groups[i].sid;
    return -1;
}

// the thread p's new process: a copy of the current one's ids, working
// directory, signal handlers and descriptors; -ENOMEM before any is copied
static int group_copy(struct proc *p, int exit_signal)
{
    struct group *g = group_alloc(p), *from = current->group;
    int fd;

    if (proc_set_cwd(g, from->cwd) < 0)
        return -ENOMEM;
    g->parent = from;
    g->exit_signal = exit_signal;
    g->pgid = from->pgid;
    g->sid = from->sid;
    g->umask = from->umask;
    g->undumpable = from->undumpable;
    g->no_new_privs = from->no_new_privs;
    g->exe = from->exe ? kstrdup(from->exe) : NULL;
    g->exe_dir = from->exe_dir;
    g->arg_vec = from->arg_vec;
    memcpy(g->rlim, from->rlim, sizeof g->rlim);
    memcpy(g->sigactions, from->sigactions, sizeof g->sigactions);
    for (fd = 0; fd < NOFILE; fd++) {
        if (from->files[fd])
            g->files[fd] = file_ops->dup(from->files[fd]);
        g->cloexec[fd] = from->cloexec[fd];
    }
    return 0;
}

struct proc *proc_clone(uint32_t flags, int exit_signal)
{
    struct proc *p = proc_alloc();

    if (!p)
        return NULL;
    p->mem = flags & CLONE_VM ? uvm_get(current->mem) : uvm_fork(current->mem);
    if (!p->mem) {
        proc_free(p);
        return NULL;
    }
    if (flags & CLONE_THREAD) {
        p->group = current->group;
        p->group->refs++;
        p->group->live++;
    } else if (group_copy(p, exit_signal) < 0) {
        uvm_put(p->mem);
        proc_free(p);
        return NULL;
    }
    *p->tf = *current->tf;
    p->tf->eax = 0;
    memcpy(p->name, current->name, sizeof p->name);
    p->sig_blocked = current->sig_blocked;
    memcpy(p->tls, current->tls, sizeof p->tls);
    if (!(flags & CLONE_VM))            // a copy of the address space keeps the rseq area (Linux)
        p->rseq = current->rseq;
    fpu_save(fpu_of(p));                // current's live registers are the child's too
    p->state = P_RUNNABLE;
    return p;
}

// The parent of a vfork child sleeps until the child no longer uses its
// address space (and stack): the child's exec or exit.  Only SIGKILL cuts
// this short, as on Linux; other signals wait for the parent to go on.
void proc_vfork_wait(struct proc *child)
{
    child->vfork_parent = current;
    while (child->vfork_parent == current && !signal_killed(current))
        sleep_on(child);
}

void proc_vfork_release(struct proc *p)
{
    if (p->vfork_parent) {
        p->vfork_parent = NULL;
        wakeup(p);
    }
}

// every other thread of g gets SIGKILL, and ends on its way to user mode
static void kill_others(struct group *g)
{
    struct ksiginfo info = { SI_KERNEL, 0, 0 };
    int i;
    for (i = 0; i < NPROC; i++)
        if (procs[i].group == g && &procs[i] != current && procs[i].state != P_FREE &&
            procs[i].state != P_ZOMBIE)
            signal_send_thread(&procs[i], SIGKILL, &info);
}

// what the parent's SIGCHLD and waitid say of ended process g
static void exit_info(const struct group *g, struct ksiginfo *info)
{
    int status = g->exit_status;

    info->pid = g->leader->pid;
    if (status & 0x7f) {                // ended by that signal; the core bit makes it CLD_DUMPED
        info->code = status & 0x80 ? CLD_DUMPED : CLD_KILLED;
        info->value = status & 0x7f;
    } else {
        info->code = CLD_EXITED;
        info->value = (status >> 8) & 0xff;     // the exit code
    }
}

// The last thread of g has exited: the process ends.  Its descriptors
// close, its children go to init (or to nobody), process groups it was the
// link of may be orphaned (jobctl.c), and its parent learns the wait status.
static void group_end(struct group *g)
{
    struct ksiginfo child_info;
    int i;

    exit_info(g, &child_info);
    group_release(g);
    if (g == init_group)
        init_exited(g->exit_status);    // main.c's: syncs the volume and powers off
    for (i = 0; i < NPROC; i++)
        if (groups[i].refs && groups[i].parent == g) {
            if (groups[i].pdeath_signal && groups[i].live)
                signal_send(groups[i].leader, groups[i].pdeath_signal);
            groups[i].parent = init_group;
            // a clone child's odd exit signal would kill init (busybox sh
            // has no handler for signal 32): Linux's reparent_leader too
            // makes it SIGCHLD ("we don't want people slaying init")
            groups[i].exit_signal = SIGCHLD;
            if (!groups[i].live && init_group)
                wakeup(init_group);
            if (groups[i].live)
                jobctl_unlinked(g, &groups[i]);
        }
    jobctl_unlinked(g->parent, g);
    if (g->parent) {
        if (g->exit_signal)
            signal_send_info(g->parent->leader, g->exit_signal, &child_info);
        wakeup(g->parent);
    }
}

void proc_exit_thread(int status)
{
    struct proc *p = current;
    struct group *g = p->group;
    static const uint32_t zero;

    futex_robust_release(p);
    // pthread_join waits on this word: cleared, then a futex wake
    if (p->clear_child_tid && copy_to_user(p->mem, p->clear_child_tid, &zero, 4) == 0)
        futex_wake(p->mem, p->clear_child_tid, 1, FUTEX_BITSET_ANY);
    proc_vfork_release(p);
    uvm_put(p->mem);                    // the last user frees it (leaving it first)
    p->mem = NULL;
    lcr3(vm_kernel_pgdir());
    if (p == g->leader && !g->exiting)
        g->exit_status = status;        // the process's status, if no exit_group comes
    if (p != g->leader) {               // the process's time, in the leader that waits to be reaped
        g->leader->user_tsc += p->user_tsc;
        g->leader->sys_tsc += p->sys_tsc;
        p->user_tsc = p->sys_tsc = 0;
    }
    p->state = P_ZOMBIE;
    wakeup(&g->live);                   // an execve waiting for the other threads
    if (--g->live == 0)
        group_end(g);
    sched();
    panic("a zombie ran");
}

void proc_exit(int status)
{
    struct group *g = current->group;

    if (!g->exiting) {                  // else someone else's exit_group or a fatal signal came first
        g->exiting = 1;
        g->exit_status = status;
        kill_others(g);
    }
    proc_exit_thread(status);
}

int proc_exec_alone(void)
{
    struct proc *p = current, *old;
    struct group *g = p->group;

    if (g->exiting)
        return -EINTR;                  // SIGKILL is on its way
    if (g->live > 1) {
        g->exiting = 1;
        kill_others(g);
        while (g->live > 1 && !signal_killed(p))
            sleep_on(&g->live);
        g->exiting = 0;
        if (g->live > 1)
            return -EINTR;
    }
    if (p != g->leader) {               // the old leader has ended: the caller takes its place
        old = g->leader;
        p->pid = old->pid;
        p->user_tsc += old->user_tsc;
        p->sys_tsc += old->sys_tsc;
        g->leader = p;
        proc_free(old);
    }
    return 0;
}

static int wait_matches(const struct group *child, int pid)
{
    if (pid > 0)
        return child->leader->pid == pid;
    if (pid == 0)
        return child->pgid == current->group->pgid;
    if (pid < -1)
        return child->pgid == -pid;
    return 1;
}

// A child process is there to wait for once all its threads have ended
// (WEXITED), or when it stopped or continued (jobctl_wait).  Its parent's
// threads all wait on the parent's group.  WNOWAIT leaves what was found
// to be found again.
int proc_wait(int pid, uint32_t status_ptr, int options, struct ksiginfo *info, struct cpu_time *child_cpu)
{
    struct group *self = current->group;
    struct ksiginfo dummy;
    int i, found, status = 0;

    if (!info)
        info = &dummy;
    for (;;) {
        found = 0;
        for (i = 0; i < NPROC; i++) {
            struct group *c = &groups[i];
            if (!c->refs || c->parent != self || !wait_matches(c, pid))
                continue;
            found = 1;
            if (c->live ? !jobctl_wait(c, options, &status, info) : !(options & WEXITED))
                continue;
            if (!c->live) {
                status = c->exit_status;
                exit_info(c, info);
            }
            if (status_ptr && copy_to_user(current->mem, status_ptr, &status, 4) < 0)
                return -EFAULT;
            if (c->live || (options & WNOWAIT))
                return info->pid;
            self->child_user_tsc += c->leader->user_tsc + c->child_user_tsc;
            self->child_sys_tsc += c->leader->sys_tsc + c->child_sys_tsc;
            if (child_cpu)
                cpu_time_all(c, child_cpu);
            c->parent = NULL;           // its other threads' slots go when the scheduler passes
            proc_free(c->leader);
            return info->pid;
        }
        if (!found)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        if (signal_interrupts(current))
            return -ERESTARTSYS;
        sleep_on(self);
    }
}

// the last thing before a trap returns to ring 3: a pending reschedule
// (or a stop), then signals (which may end the process here)
void proc_return_to_user(struct trapframe *tf)
{
    if (need_resched || jobctl_held(current)) {     // held: its process was stopped (by itself)
        need_resched = 0;
        yield();
    }
    // before a handler's frame is built, so that the frame holds the abort address
    rseq_return_to_user(tf, signal_interrupts(current));
    signal_deliver(tf);
}
