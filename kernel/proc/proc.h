// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/proc.h: threads and processes (kernel/proc/proc.c), their files and signals.
#ifndef PROC_H
#define PROC_H
#include <stdint.h>
#include "arch/gdt.h"
#include "arch/trap.h"
#include "signal.h"
#include "uvm.h"

#define UNAME_RELEASE "6.1.0-seedstrap"      // uname and /proc/sys/kernel/osrelease
#define NPROC 256
#define NOFILE 1024             // Linux's default soft limit; mescc keeps every header open
#define NSIG 65                 // signals 1..64
#define KSTACK_SIZE 16384
#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_VFORK 0x4000
#define CLONE_THREAD 0x10000

// resource limits (setrlimit), Linux's numbers; RLIM_INFINITY: none
#define RLIMIT_CPU 0            // seconds of CPU time: SIGXCPU at soft, SIGKILL at hard
#define RLIMIT_FSIZE 1          // bytes a file may grow to: SIGXFSZ and EFBIG beyond
#define RLIMIT_DATA 2           // bytes of heap (brk)
#define RLIMIT_STACK 3          // bytes the stack may grow to
#define RLIMIT_NOFILE 7         // descriptors: one above the highest a process may open
#define RLIMIT_AS 9             // bytes of address space (every area)
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0ull)

struct rlimit64 {
    uint64_t cur, max;          // soft (enforced) and hard (the soft one's ceiling)
};

enum proc_state { P_FREE, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

struct file;

// a signal's disposition, as rt_sigaction's struct (Linux i386 k_sigaction)
struct ksigaction {
    uint32_t handler;           // SIG_DFL 0, SIG_IGN 1, or an address
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask;
};


// A thread group: what Linux calls a process, and what its threads share
// (CLONE_THREAD here implies CLONE_FILES, CLONE_FS and CLONE_SIGHAND: the
// file table, working directory and umask, and the signal handlers).  Its
// pid is its leader's; the leader's struct proc stays (a zombie if it
// exited first) until the whole group has ended and its parent waited.
// The address space is not here: a vfork child shares it with another
// group (struct uvm counts its users).
struct group {
    int refs;                   // threads pointing here, zombies included; 0: a free slot
    int live;                   // threads that have not exited
    struct proc *leader;
    struct group *parent;       // NULL: nobody waits (spawned by the kernel, or orphaned without init)
    int exit_signal;            // what the parent is sent at the end: SIGCHLD, or 0
    int exiting;                // exit_group, a fatal signal or execve is ending the other threads
    int exit_status;            // the wait status: the leader's exit, or the group's
    // ITIMER_REAL (alarm, setitimer): SIGALRM when the monotonic clock
    // reaches alarm_ns (0: not set), then every alarm_interval_ns (0: once).
    // fork does not copy it, exec keeps it.
    uint64_t alarm_ns, alarm_interval_ns;
    int pgid, sid;
    uint32_t cwd;               // inode of the working directory
    uint32_t umask;
    struct file *files[NOFILE];
    uint8_t cloexec[NOFILE];
    struct ksigaction sigactions[NSIG];
    uint64_t sig_pending;       // sent to the process (kill): any thread not blocking it takes it
    struct ksiginfo sig_info[NSIG];
    uint64_t child_user_tsc, child_sys_tsc;     // of the children waited for
    // prctl (kernel/sys/sys_prctl.c): the signal this process gets when its
    // parent ends (fork clears it, exec keeps it); PR_SET_DUMPABLE 0 (exec
    // ends it); no_new_privs (kept across fork and exec, never cleared)
    int pdeath_signal;
    int undumpable, no_new_privs;
    // job control (kernel/proc/jobctl.c): stopped by stop_signal, its threads
    // are not scheduled until SIGCONT (or SIGKILL); wait_report is what
    // the parent's wait has yet to learn: CLD_STOPPED, CLD_CONTINUED or 0
    int stopped, stop_signal, wait_report;
    // for /proc/PID: the path execve was given and the directory it started
    // from (exe; kmalloc'd, or NULL), and the initial stack's argc, where
    // argv and envp follow (cmdline, environ)
    char *exe;
    uint32_t exe_dir;
    uint32_t arg_vec;
    struct rlimit64 rlim[RLIM_NLIMITS];         // fork copies them, exec keeps them
};

// A thread: what the scheduler runs.
struct proc {
    int pid;                    // the thread id (gettid); the process's is group->leader->pid
    enum proc_state state;
    struct group *group;
    char name[16];
    struct uvm *mem;            // shared with the other threads, or a vfork parent
    uint8_t *kstack;
    uint32_t context;           // saved kernel esp (swtch)
    struct trapframe *tf;       // the user registers, at the top of kstack
    uint32_t syscall_nr;        // the call this thread made last: eax, to restart it
    void *chan;                 // what a sleeping thread waits for
    uint32_t wake_tick;         // nanosleep, futex: wake at this tick (0: not sleeping on time)
    struct proc *vfork_parent;  // asleep in vfork until this child execs or exits
    uint64_t sig_pending;       // sent to this thread (tkill, faults)
    uint64_t sig_blocked;
    uint64_t saved_mask;        // rt_sigsuspend: the mask a handler's return restores
    int mask_saved;
    struct ksiginfo sig_info[NSIG];     // of each pending signal: who sent it, why
    uint32_t fault_addr;        // the last user page fault's address (sigcontext cr2)
    uint32_t clear_child_tid;   // at exit: 0 written there and a futex wake (pthread_join)
    uint32_t robust_list;       // set_robust_list: the robust mutexes held, marked at exit
    struct tls_desc tls[3];
    struct {                    // rseq(2) (kernel/proc/rseq.c)
        uint32_t area, sig;     // the registered struct rseq (0: none), and its abort signature
        int resume;             // switched out since: its fields and section to be seen to
    } rseq;
    struct {                    // a FUTEX_WAIT (kernel/proc/futex.c)
        struct uvm *mem;
        uint32_t addr, bits;
        int woken;
        struct proc *next;
    } futex;
    uint64_t start_tsc;
    // CPU time in TSC cycles: charged to user or system at each crossing
    // between user mode and the kernel, and when the thread is switched out
    // (a timer tick could not tell: system calls run with interrupts off).
    // A thread that ends adds its time to its group leader's.
    uint64_t user_tsc, sys_tsc;
    uint64_t mark_tsc;          // since when the time not yet charged runs
};

struct cpu_time {
    uint64_t user_us, sys_us;
};

extern struct proc *current;

void proc_init(void);
// Open files belong to the layer above (kernel/file/); what a process's
// descriptors need when it forks, execs and ends, that layer registers here
// (file_init).
struct proc_file_ops {
    struct file *(*dup)(struct file *f);        // one more reference to f
    void (*close)(struct file *f);              // one reference fewer
};
void proc_set_file_ops(const struct proc_file_ops *ops);
void proc_file_close(struct file *f);
// A process with no parent, running path with argv/envp (NULL-terminated
// kernel arrays), with std as its descriptors 0, 1 and 2 (references it
// takes over, closed when it cannot start).
struct proc *proc_spawn(const char *path, char *const argv[], char *const envp[], struct file *std[3],
                        int *err);
// p becomes init: the parent of orphans; when it ends, exited is called
// with its wait status (and does not return: the machine stops)
void proc_make_init(struct proc *p, void (*exited)(int status));
// schedules until p's process ends; its wait status.  cpu, when not NULL,
// gets the CPU time of the process and of the children it waited for.
int proc_run(struct proc *p, struct cpu_time *cpu);
void scheduler(void) __attribute__((noreturn));
void sched(void);                        // give up the CPU (state already set)
void yield(void);
void sleep_on(void *chan);
void wakeup(void *chan);
// the whole process ends (exit_group, a fatal signal); status: a wait status
void proc_exit(int status) __attribute__((noreturn));
struct proc *proc_find(int tid);         // a thread by its id, any state but free
struct proc *proc_slot(int i);           // the table's slot i (0 <= i < NPROC), to walk it
// a new thread of the current process (CLONE_THREAD, which needs CLONE_VM),
// or a new process copying it, in the same address space (CLONE_VM) or a
// copy-on-write copy; runnable, returning 0 from the call.  NULL: no room.
struct proc *proc_clone(uint32_t flags, int exit_signal);
void proc_vfork_wait(struct proc *child);       // until child execs or exits
void proc_vfork_release(struct proc *p);        // p execs or exits: its vfork parent goes on
// the current thread ends; its process ends with its last thread
void proc_exit_thread(int status) __attribute__((noreturn));
// execve's point of no return: the other threads of the caller's process
// end, and the caller takes the process's pid.  -EINTR: it is being killed.
int proc_exec_alone(void);
// makes ino (a directory) g's working directory, held in use; 0 or -ENOMEM
int proc_set_cwd(struct group *g, uint32_t ino);
// the current process's soft limit on resource (RLIMIT_*)
static inline uint64_t proc_rlimit(int resource)
{
    return current->group->rlim[resource].cur;
}
// the descriptors the current process may open: those below this
static inline uint32_t proc_nofile(void)
{
    uint64_t n = proc_rlimit(RLIMIT_NOFILE);
    return n < NOFILE ? (uint32_t)n : NOFILE;
}
static inline int proc_pid(const struct proc *p)  // the process id (getpid)
{
    return p->group->leader->pid;
}
// waits for a child process as wait4 and waitid do (options: jobctl.h),
// from any thread of its parent; its pid, 0 (WNOHANG) or -errno.  The wait
// status goes to status_ptr (when not 0); info, when not NULL, gets what
// waitid tells (si_code, si_pid, si_status); child_cpu, when not NULL, the
// CPU time of the child reaped (with its own waited-for children's)
int proc_wait(int pid, uint32_t status_ptr, int options, struct ksiginfo *info, struct cpu_time *child_cpu);
int proc_group_session(int pgid);        // the session of a live process of group pgid, or -1
// the current thread enters the kernel from user mode, or returns to it:
// the time since the last crossing is charged to user or system time
void proc_enter_kernel(void);
void proc_leave_kernel(void);
// p's process's CPU time (all its threads), or (children) that of the
// children it waited for
void proc_cpu_time(const struct proc *p, int children, struct cpu_time *t);
void proc_return_to_user(struct trapframe *tf);
void proc_fpu_reset(struct proc *p);     // a fresh FPU state (exec)
extern int need_resched;
#endif
