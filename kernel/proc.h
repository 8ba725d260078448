// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc.h: processes (kernel/proc.c), their files and signals.
#ifndef PROC_H
#define PROC_H
#include <stdint.h>
#include "gdt.h"
#include "signal.h"
#include "trap.h"
#include "uvm.h"

#define NPROC 256
#define NOFILE 1024             // Linux's default soft limit; mescc keeps every header open
#define NSIG 65                 // signals 1..64
#define KSTACK_SIZE 16384

enum proc_state { P_FREE, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

struct file;

// a signal's disposition, as rt_sigaction's struct (Linux i386 k_sigaction)
struct ksigaction {
    uint32_t handler;           // SIG_DFL 0, SIG_IGN 1, or an address
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask;
};


struct proc {
    int pid;
    enum proc_state state;
    struct proc *parent;
    char name[16];
    struct uvm mem;
    uint8_t *kstack;
    uint32_t context;           // saved kernel esp (swtch)
    struct trapframe *tf;       // the user registers, at the top of kstack
    void *chan;                 // what a sleeping process waits for
    uint32_t wake_tick;         // nanosleep: wake at this tick (0: not sleeping on time)
    // ITIMER_REAL (alarm, setitimer): SIGALRM when the monotonic clock
    // reaches alarm_ns (0: not set), then every alarm_interval_ns (0: once).
    // fork does not copy it, exec keeps it.
    uint64_t alarm_ns, alarm_interval_ns;
    int exit_status;            // a wait status: code << 8, or the signal (| 0x80 core)
    int pgid, sid;
    uint32_t cwd;               // inode of the working directory
    uint32_t umask;
    struct file *files[NOFILE];
    uint8_t cloexec[NOFILE];
    uint64_t sig_pending, sig_blocked;
    uint64_t saved_mask;        // rt_sigsuspend: the mask a handler's return restores
    int mask_saved;
    struct ksigaction sigactions[NSIG];
    struct ksiginfo sig_info[NSIG];     // of each pending signal: who sent it, why
    uint32_t fault_addr;        // the last user page fault's address (sigcontext cr2)
    uint32_t clear_child_tid;
    struct tls_desc tls[3];
    uint64_t start_tsc;
    // CPU time in TSC cycles: charged to user or system at each crossing
    // between user mode and the kernel, and when the process is switched out
    // (a timer tick could not tell: system calls run with interrupts off);
    // its children's once waited for
    uint64_t user_tsc, sys_tsc, child_user_tsc, child_sys_tsc;
    uint64_t mark_tsc;          // since when the time not yet charged runs
};

struct cpu_time {
    uint64_t user_us, sys_us;
};

extern struct proc *current;

void proc_init(void);
// the first process: runs path with argv/envp (NULL-terminated kernel arrays)
int proc_spawn_init(const char *path, char *const argv[], char *const envp[]);
struct proc *proc_spawn(const char *path, char *const argv[], char *const envp[], struct file *out,
                        int *err);
// schedules until p exits; its wait status.  cpu, when not NULL, gets the
// CPU time of p and of the children it waited for.
int proc_run(struct proc *p, struct cpu_time *cpu);
void scheduler(void) __attribute__((noreturn));
void sched(void);                        // give up the CPU (state already set)
void yield(void);
void sleep_on(void *chan);
void wakeup(void *chan);
void proc_exit(int status) __attribute__((noreturn));   // status: a wait status
struct proc *proc_find(int pid);
struct proc *proc_fork(void);            // a copy of current, runnable; NULL: -ENOMEM/-EAGAIN
// waits for a child as wait4 does; child_cpu, when not NULL, gets the CPU
// time of the child reaped (with its own waited-for children's)
int proc_wait(int pid, uint32_t status_ptr, int options, struct cpu_time *child_cpu);
void proc_timer_tick(uint32_t ticks);    // wakes timed sleeps, rings alarms
int proc_group_session(int pgid);        // the session of a live process of group pgid, or -1
// the current process enters the kernel from user mode, or returns to it: the
// time since the last crossing is charged to user or system time
void proc_enter_kernel(void);
void proc_leave_kernel(void);
// p's CPU time, or (children) that of the children it waited for
void proc_cpu_time(const struct proc *p, int children, struct cpu_time *t);
void proc_return_to_user(struct trapframe *tf);
void proc_fpu_reset(struct proc *p);     // a fresh FPU state (exec)
extern int need_resched;
#endif
