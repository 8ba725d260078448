// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc.c: the process table, the scheduler, sleep and wakeup, fork,
// exit and wait.  One CPU; the kernel runs with interrupts off (traps come
// in through interrupt gates) except in the idle loop, so kernel code is
// never preempted and needs no locks.  A process gives up the CPU when it
// sleeps, or on its way back to user mode after the timer asked for a
// reschedule (round robin, one tick per turn).
//
// Like xv6, the scheduler runs on the boot stack; processes switch to it and
// it switches to the next one, saving and restoring each one's FPU/SSE state.
#include <stdint.h>
#include <string.h>
#include "console.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "gdt.h"
#include "kheap.h"
#include "pmm.h"
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "vm.h"
#include "x86.h"

void swtch(uint32_t *save_esp, uint32_t new_esp);
extern char trap_return[];

struct proc *current;
int need_resched;

static struct proc procs[NPROC];
static uint8_t *fpu_areas[NPROC];       // 512-byte fxsave images, 16-byte aligned
static uint32_t scheduler_context;
static int next_pid = 1;
static struct proc *init_proc;
static uint8_t fpu_initial[512 + 16];

static uint8_t *fpu_of(const struct proc *p)
{
    return fpu_areas[p - procs];
}

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
}

void proc_fpu_reset(struct proc *p)
{
    memcpy(fpu_of(p), (uint8_t *)(((uint32_t)fpu_initial + 15) & ~15u), 512);
    if (p == current)
        fpu_restore(fpu_of(p));
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

static void proc_free(struct proc *p)
{
    kpages_free(p->kstack, KSTACK_SIZE / PAGE_SIZE);
    p->state = P_FREE;
}

struct proc *proc_find(int pid)
{
    int i;
    for (i = 0; i < NPROC; i++)
        if (procs[i].state != P_FREE && procs[i].pid == pid)
            return &procs[i];
    return NULL;
}

// a process with no parent, running path; its descriptors 0, 1 and 2 are
// out (shared), or the console when out is NULL
struct proc *proc_spawn(const char *path, char *const argv[], char *const envp[], struct file *out,
                        int *err)
{
    struct proc *p = proc_alloc();

    if (!p) {
        *err = -ENOMEM;
        return NULL;
    }
    p->cwd = FILE_ROOT_INO;
    p->umask = 022;
    p->pgid = p->sid = p->pid;
    if (out) {
        p->files[0] = file_dup(out);
        p->files[1] = file_dup(out);
        p->files[2] = file_dup(out);
        *err = 0;
    } else {
        *err = file_open_console(p);
    }
    if (*err < 0 || (*err = exec_program(p, path, argv, envp)) < 0) {
        int fd;
        for (fd = 0; fd < 3; fd++)
            if (p->files[fd])
                file_close(p->files[fd]);
        uvm_destroy(&p->mem);
        proc_free(p);
        return NULL;
    }
    p->state = P_RUNNABLE;
    return p;
}

int proc_spawn_init(const char *path, char *const argv[], char *const envp[])
{
    int err;
    struct proc *p = proc_spawn(path, argv, envp, NULL, &err);
    if (p)
        init_proc = p;
    return err;
}

// runs one process for a while (or waits for an interrupt when none can
// run); a finished process nobody will wait for is freed here, off its stack
static void schedule_once(const struct proc *keep)
{
    static int i;
    int tried;

    for (tried = 0; tried < NPROC; tried++, i = (i + 1) % NPROC) {
        struct proc *p = &procs[i];
        if (p->state == P_ZOMBIE && !p->parent && p != keep)
            proc_free(p);
        if (p->state != P_RUNNABLE)
            continue;
        current = p;
        p->state = P_RUNNING;
        gdt_set_kernel_stack((uint32_t)p->kstack + KSTACK_SIZE);
        gdt_set_tls(p->tls);
        gdt_set_user_code_base(p->mem.code_base);
        uvm_activate(&p->mem);
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

void proc_cpu_time(const struct proc *p, int children, struct cpu_time *t)
{
    t->user_us = timer_tsc_to_us(children ? p->child_user_tsc : p->user_tsc);
    t->sys_us = timer_tsc_to_us(children ? p->child_sys_tsc : p->sys_tsc);
}

// p's own time and its waited-for children's
static void cpu_time_all(const struct proc *p, struct cpu_time *t)
{
    t->user_us = timer_tsc_to_us(p->user_tsc + p->child_user_tsc);
    t->sys_us = timer_tsc_to_us(p->sys_tsc + p->child_sys_tsc);
}

int proc_run(struct proc *p, struct cpu_time *cpu)
{
    int status;
    while (p->state != P_ZOMBIE)
        schedule_once(p);
    status = p->exit_status;
    if (cpu)
        cpu_time_all(p, cpu);
    proc_free(p);
    return status;
}

void sched(void)
{
    current->sys_tsc += rdtsc() - current->mark_tsc;
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

// An alarm that is due sends SIGALRM (from the kernel, as Linux's itimer
// does) and, when it repeats, is set again for its next period after now:
// periods missed meanwhile give one signal, as on Linux.
static void ring_alarm(struct proc *p, uint64_t now)
{
    static const struct ksiginfo info = { SI_KERNEL, 0, 0 };

    signal_send_info(p, SIGALRM, &info);
    if (!p->alarm_interval_ns)
        p->alarm_ns = 0;
    else
        p->alarm_ns += ((now - p->alarm_ns) / p->alarm_interval_ns + 1) * p->alarm_interval_ns;
}

void proc_timer_tick(uint32_t ticks)
{
    uint64_t now = 0;
    int i;

    for (i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->state == P_SLEEPING && p->wake_tick && (int32_t)(ticks - p->wake_tick) >= 0)
            p->state = P_RUNNABLE;
        if (p->alarm_ns && p->state != P_FREE && p->state != P_ZOMBIE) {
            if (!now)
                now = timer_uptime_us() * 1000;
            if (now >= p->alarm_ns)
                ring_alarm(p, now);
        }
    }
    need_resched = 1;
}

int proc_group_session(int pgid)
{
    int i;
    for (i = 0; i < NPROC; i++)
        if (procs[i].state != P_FREE && procs[i].state != P_ZOMBIE && procs[i].pgid == pgid)
            return procs[i].sid;
    return -1;
}

struct proc *proc_fork(void)
{
    struct proc *p = proc_alloc();
    int fd;

    if (!p)
        return NULL;
    if (uvm_fork(&p->mem, &current->mem) < 0) {
        proc_free(p);
        return NULL;
    }
    *p->tf = *current->tf;
    p->tf->eax = 0;
    p->parent = current;
    memcpy(p->name, current->name, sizeof p->name);
    p->cwd = current->cwd;
    p->umask = current->umask;
    p->pgid = current->pgid;
    p->sid = current->sid;
    p->sig_blocked = current->sig_blocked;
    memcpy(p->sigactions, current->sigactions, sizeof p->sigactions);
    memcpy(p->tls, current->tls, sizeof p->tls);
    fpu_save(fpu_of(p));                // current's live registers are the child's too
    for (fd = 0; fd < NOFILE; fd++) {
        if (current->files[fd])
            p->files[fd] = file_dup(current->files[fd]);
        p->cloexec[fd] = current->cloexec[fd];
    }
    p->state = P_RUNNABLE;
    return p;
}

void proc_exit(int status)
{
    struct proc *p = current;
    struct ksiginfo child_info = { CLD_EXITED, 0, 0 };     // what the parent's SIGCHLD says
    int i, fd;

    child_info.pid = p->pid;
    if (status & 0x7f) {                // ended by that signal; the core bit makes it CLD_DUMPED
        child_info.code = status & 0x80 ? CLD_DUMPED : CLD_KILLED;
        child_info.value = status & 0x7f;
    } else {
        child_info.value = (status >> 8) & 0xff;    // CLD_EXITED: the exit code
    }

    for (fd = 0; fd < NOFILE; fd++)
        if (p->files[fd]) {
            file_close(p->files[fd]);
            p->files[fd] = NULL;
        }
    lcr3(vm_kernel_pgdir());
    uvm_destroy(&p->mem);
    if (p == init_proc)
        exec_init_exited(status);       // syncs the volume and powers off
    for (i = 0; i < NPROC; i++)
        if (procs[i].state != P_FREE && procs[i].parent == p) {
            procs[i].parent = init_proc;
            if (procs[i].state == P_ZOMBIE && init_proc)
                wakeup(init_proc);
        }
    p->exit_status = status;
    p->state = P_ZOMBIE;
    if (p->parent) {
        signal_send_info(p->parent, SIGCHLD, &child_info);
        wakeup(p->parent);
    }
    sched();
    panic("a zombie ran");
}

static int wait_matches(const struct proc *child, int pid)
{
    if (pid > 0)
        return child->pid == pid;
    if (pid == 0)
        return child->pgid == current->pgid;
    if (pid < -1)
        return child->pgid == -pid;
    return 1;
}

int proc_wait(int pid, uint32_t status_ptr, int options, struct cpu_time *child_cpu)
{
    int i, found, status, child_pid;

    for (;;) {
        found = 0;
        for (i = 0; i < NPROC; i++) {
            struct proc *c = &procs[i];
            if (c->state == P_FREE || c->parent != current || !wait_matches(c, pid))
                continue;
            found = 1;
            if (c->state != P_ZOMBIE)
                continue;
            status = c->exit_status;
            child_pid = c->pid;
            if (status_ptr && copy_to_user(&current->mem, status_ptr, &status, 4) < 0)
                return -EFAULT;
            current->child_user_tsc += c->user_tsc + c->child_user_tsc;
            current->child_sys_tsc += c->sys_tsc + c->child_sys_tsc;
            if (child_cpu)
                cpu_time_all(c, child_cpu);
            proc_free(c);
            return child_pid;
        }
        if (!found)
            return -ECHILD;
        if (options & 1)                // WNOHANG
            return 0;
        if (signal_interrupts(current))
            return -EINTR;
        sleep_on(current);
    }
}

// the last thing before a trap returns to ring 3: a pending reschedule,
// then signals (which may end the process here)
void proc_return_to_user(struct trapframe *tf)
{
    if (need_resched) {
        need_resched = 0;
        yield();
    }
    signal_deliver(tf);
}
