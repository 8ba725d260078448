// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_proc.c: system calls about processes and threads: clone and
// its variants (fork, vfork, clone3), execve, exit and exit_group, wait,
// ids, process groups, TLS, limits, uname.  There is one user, root: every
// uid and gid is 0 and changing them succeeds.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "dev/timer.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "proc/exec.h"
#include "proc/jobctl.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall.h"

// one thread ends (pthread_exit); the process with its last one
int32_t sys_exit(uint32_t code)
{
    proc_exit_thread((code & 0xff) << 8);
}

int32_t sys_exit_group(uint32_t code)
{
    proc_exit((code & 0xff) << 8);
}

#define CSIGNAL 0xff                    // clone: the signal the parent gets at the end
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_DETACHED 0x400000         // ignored, as by Linux
#define CLONE_CHILD_SETTID 0x1000000
#define CLONE_SYSVSEM 0x40000           // no System V semaphores: nothing to share
// what this kernel does: a thread shares everything but the address space's
// fate with its process (so CLONE_THREAD needs VM, FS, FILES and SIGHAND), a
// process shares at most its address space (CLONE_VM, vfork)
#define CLONE_SHARE (CLONE_FS | CLONE_FILES | CLONE_SIGHAND)
#define CLONE_KNOWN (CLONE_VM | CLONE_SHARE | CLONE_VFORK | CLONE_THREAD | CLONE_SYSVSEM | \
                     CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | \
                     CLONE_CHILD_SETTID)

static int32_t set_tls(struct tls_desc tls[GDT_TLS_COUNT], uint32_t uinfo);
static void drop_cleared(struct trapframe *tf, const struct tls_desc tls[GDT_TLS_COUNT]);

// v written at addr in p's address space (not the current one after a fork:
// the scheduler has not switched to it, so it is made current for the write)
static void put_tid(struct proc *p, uint32_t addr, int32_t v)
{
    if (p->mem != current->mem)
        uvm_activate(p->mem);
    copy_to_user(p->mem, addr, &v, 4);
    if (p->mem != current->mem)
        uvm_activate(current->mem);
}

// clone and clone3: the child starts from the caller's registers with
// eax 0, on stack when one is given; tls is a struct user_desc
static int32_t do_clone(uint32_t flags, int exit_signal, uint32_t stack, uint32_t parent_tid, uint32_t tls,
                        uint32_t child_tid)
{
    struct tls_desc t[GDT_TLS_COUNT];
    struct proc *p;
    int32_t tid, err;

    if ((flags & ~CLONE_KNOWN) || exit_signal < 0 || exit_signal >= NSIG)
        return -EINVAL;
    if ((flags & CLONE_THREAD) ? (flags & (CLONE_VM | CLONE_SHARE)) != (CLONE_VM | CLONE_SHARE)
                               : (flags & CLONE_SHARE) != 0)
        return -EINVAL;
    memcpy(t, current->tls, sizeof t);
    if ((flags & CLONE_SETTLS) && (err = set_tls(t, tls)) < 0)
        return err;
    if (!(p = proc_clone(flags, exit_signal)))
        return -EAGAIN;
    tid = p->pid;
    memcpy(p->tls, t, sizeof t);
    drop_cleared(p->tf, t);
    if (stack)
        p->tf->esp = stack;
    if (flags & CLONE_PARENT_SETTID)
        copy_to_user(current->mem, parent_tid, &tid, 4);
    if (flags & CLONE_CHILD_SETTID)
        put_tid(p, child_tid, tid);
    if (flags & CLONE_CHILD_CLEARTID)
        p->clear_child_tid = child_tid;
    if (flags & CLONE_VFORK)
        proc_vfork_wait(p);
    return tid;
}

int32_t sys_clone(uint32_t flags, uint32_t stack, uint32_t parent_tid, uint32_t tls, uint32_t child_tid)
{
    return do_clone(flags & ~CSIGNAL, flags & CSIGNAL, stack, parent_tid, tls, child_tid);
}

// struct clone_args: 64-bit flags, pidfd, child_tid, parent_tid,
// exit_signal, stack, stack_size, tls, then set_tid, set_tid_size and
// cgroup, which must be unused (pidfd is read only with CLONE_PIDFD, which
// is not implemented; glibc fills it in all the same)
int32_t sys_clone3(uint32_t uargs, uint32_t size)
{
    uint64_t a[11];

    if (size < 64 || size > PAGE_SIZE)
        return -EINVAL;
    memset(a, 0, sizeof a);
    if (copy_from_user(current->mem, a, uargs, size < sizeof a ? size : sizeof a) < 0)
        return -EFAULT;
    if (a[0] >> 32 || (a[0] & CSIGNAL) || a[4] >= NSIG || !a[5] != !a[6] ||
        a[5] + a[6] > USER_TOP || a[9] || a[10])
        return -EINVAL;
    return do_clone((uint32_t)a[0], (int)a[4], (uint32_t)(a[5] + a[6]), (uint32_t)a[3], (uint32_t)a[7],
                    (uint32_t)a[2]);
}

int32_t sys_fork(void)
{
    return do_clone(0, SIGCHLD, 0, 0, 0, 0);
}

// the child runs in the parent's memory, on its stack, while the parent
// sleeps until the child execs or exits
int32_t sys_vfork(void)
{
    return do_clone(CLONE_VM | CLONE_VFORK, SIGCHLD, 0, 0, 0, 0);
}

// argv or envp from user memory into one kernel block: pointers, then strings
static char **copy_vector(uint32_t uvec, char **block, uint32_t *used, int *err)
{
    uint32_t n = 0, ptr, i, max;
    char **vec;
    int len;

    for (; uvec; n++) {
        if (copy_from_user(current->mem, &ptr, uvec + n * 4, 4) < 0) {
            *err = -EFAULT;
            return NULL;
        }
        if (!ptr)
            break;
        if (n >= EXEC_ARGS_MAX) {
            *err = -E2BIG;
            return NULL;
        }
    }
    if (!(vec = kmalloc((n + 1) * sizeof *vec))) {
        *err = -ENOMEM;
        return NULL;
    }
    for (i = 0; i < n; i++) {
        copy_from_user(current->mem, &ptr, uvec + i * 4, 4);
        max = EXEC_ARG_MAX - *used;
        len = copy_string_from_user(current->mem, *block + *used, ptr,
                                    max < EXEC_ARG_STRLEN ? max : EXEC_ARG_STRLEN);
        if (len < 0) {
            *err = len == -ENAMETOOLONG ? -E2BIG : len;
            kfree(vec);
            return NULL;
        }
        vec[i] = *block + *used;
        *used += len + 1;
    }
    vec[n] = NULL;
    return vec;
}

int32_t sys_execve(uint32_t upath, uint32_t uargv, uint32_t uenvp)
{
    char *path, *strings = NULL, **argv = NULL, **envp = NULL;
    uint32_t used = 0;
    int err = 0;

    if (!(path = path_from_user(upath, &err)))
        return err;
    if (!(strings = kmalloc(EXEC_ARG_MAX)))
        err = -ENOMEM;
    else if ((argv = copy_vector(uargv, &strings, &used, &err)) &&
             (envp = copy_vector(uenvp, &strings, &used, &err)))
        err = exec_program(current, path, argv, envp);
    kfree(argv);
    kfree(envp);
    kfree(strings);
    kfree(path);
    return err < 0 ? err : (int32_t)current->tf->eax;
}

// struct rusage (i386: 72 bytes) at uaddr: user and system time; the other
// fields (page faults, context switches...) are not counted: 0
static int32_t put_rusage(uint32_t uaddr, const struct cpu_time *t)
{
    uint32_t r[18];
    memset(r, 0, sizeof r);
    r[0] = (uint32_t)(t->user_us / 1000000);
    r[1] = (uint32_t)(t->user_us % 1000000);
    r[2] = (uint32_t)(t->sys_us / 1000000);
    r[3] = (uint32_t)(t->sys_us % 1000000);
    return copy_to_user(current->mem, uaddr, r, sizeof r) < 0 ? -EFAULT : 0;
}

// __WNOTHREAD, __WALL, __WCLONE: accepted, as every thread of a process
// waits for its children and every child is waited for alike
#define WAIT_LINUX_ONLY 0xe0000000u

// wait4 and waitpid wait for ended children, and for stopped and continued
// ones when asked (WUNTRACED, WCONTINUED); the rusage is written only for
// a child found, as Linux (a bad one with no child to wait for: -ECHILD)
int32_t sys_wait4(uint32_t pid, uint32_t status, uint32_t options, uint32_t rusage)
{
    struct cpu_time child;
    int32_t r;
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WAIT_LINUX_ONLY))
        return -EINVAL;
    r = proc_wait((int32_t)pid, status, options | WEXITED, NULL, &child);
    if (r > 0 && rusage && put_rusage(rusage, &child) < 0)
        return -EFAULT;
    return r;
}

int32_t sys_waitpid(uint32_t pid, uint32_t status, uint32_t options)
{
    return sys_wait4(pid, status, options, 0);
}

#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define P_PIDFD 3

// what waitid(idtype, id) waits for, as a wait4 pid in *pid; 0 or a
// negative errno (Linux's kernel_waitid: the options first; P_ALL takes
// any id; no descriptor here is a pidfd, which Linux answers with EBADF)
static int waitid_pid(uint32_t idtype, int32_t id, uint32_t options, int32_t *pid)
{
    uint32_t wanted = WEXITED | WUNTRACED | WCONTINUED;

    if (!(options & wanted) || (options & ~(wanted | WNOHANG | WNOWAIT | WAIT_LINUX_ONLY)))
        return -EINVAL;
    if (idtype != P_ALL && (idtype > P_PIDFD || id < 0 || (idtype == P_PID && id == 0)))
        return -EINVAL;
    if (idtype == P_PIDFD)
        return -EBADF;
    *pid = idtype == P_ALL ? -1 : idtype == P_PID ? id : -id;  // P_PGID 0: the caller's group
    return 0;
}

// waitid(idtype, id, infop, options, rusage): what it waits for is said by
// options (WEXITED, WSTOPPED, WCONTINUED: one at least), what it found goes
// to the siginfo_t at infop (si_signo SIGCHLD, si_code CLD_*, si_pid,
// si_status), all zero when WNOHANG finds nothing.  As Linux, those fields
// are written whatever the answer, an error too, and the rusage only for a
// child found.  The result is 0.
int32_t sys_waitid(uint32_t idtype, uint32_t id, uint32_t infop, uint32_t options, uint32_t rusage)
{
    struct ksiginfo info = { 0, 0, 0 };
    struct cpu_time child;
    int32_t si[6], r, pid;

    if ((r = waitid_pid(idtype, (int32_t)id, options, &pid)) == 0)
        r = proc_wait(pid, 0, options, &info, &child);
    if (r > 0 && rusage && put_rusage(rusage, &child) < 0)
        return -EFAULT;
    memset(si, 0, sizeof si);
    if (r > 0) {
        si[0] = SIGCHLD;
        si[2] = info.code;
        si[3] = info.pid;               // si_uid (si[4]) is 0: everyone is root
        si[5] = (int32_t)info.value;
    }
    if (infop && (!user_range_ok(infop, 128) || copy_to_user(current->mem, infop, si, sizeof si) < 0))
        return -EFAULT;
    return r < 0 ? r : 0;
}

int32_t sys_getpid(void) { return proc_pid(current); }
int32_t sys_gettid(void) { return current->pid; }
int32_t sys_getppid(void) { return current->group->parent ? current->group->parent->leader->pid : 0; }
int32_t sys_getuid(void) { return 0; }
int32_t sys_geteuid(void) { return 0; }
int32_t sys_getgid(void) { return 0; }
int32_t sys_getegid(void) { return 0; }
int32_t sys_getuid32(void) { return 0; }
int32_t sys_geteuid32(void) { return 0; }
int32_t sys_getgid32(void) { return 0; }
int32_t sys_getegid32(void) { return 0; }
int32_t sys_setuid(void) { return 0; }
int32_t sys_setgid(void) { return 0; }
int32_t sys_setuid32(void) { return 0; }
int32_t sys_setgid32(void) { return 0; }
int32_t sys_setresuid32(void) { return 0; }
int32_t sys_setresgid32(void) { return 0; }
// no supplementary groups: their number, 0, for any size but a negative one
int32_t sys_getgroups(uint32_t size) { return (int32_t)size < 0 ? -EINVAL : 0; }
int32_t sys_getgroups32(uint32_t size) { return (int32_t)size < 0 ? -EINVAL : 0; }

static int32_t three_zeros(uint32_t a, uint32_t b, uint32_t c)
{
    static const uint32_t zero;
    if (copy_to_user(current->mem, a, &zero, 4) < 0 || copy_to_user(current->mem, b, &zero, 4) < 0 ||
        copy_to_user(current->mem, c, &zero, 4) < 0)
        return -EFAULT;
    return 0;
}

int32_t sys_getresuid32(uint32_t r, uint32_t e, uint32_t s) { return three_zeros(r, e, s); }
int32_t sys_getresgid32(uint32_t r, uint32_t e, uint32_t s) { return three_zeros(r, e, s); }

int32_t sys_umask(uint32_t mask)
{
    uint32_t old = current->group->umask;
    current->group->umask = mask & 0777;
    return old;
}

// a process by pid (any of its threads' ids names it, as on Linux), while
// it has not ended
static struct group *process(uint32_t pid)
{
    struct proc *p = pid ? proc_find(pid) : current;
    return p && p->group->live && (p->state != P_ZOMBIE || p == p->group->leader) ? p->group : NULL;
}

// Linux's checks, in its order: a negative pgid, the process (the caller
// or its child), a group to join that is not in the caller's session
// (EPERM).  Not Linux's EPERM for a session leader: the processes the
// kernel starts lead sessions here, and Linux's init does not.
int32_t sys_setpgid(uint32_t pid, uint32_t pgid)
{
    struct group *g = process(pid);
    if ((int32_t)(pgid ? pgid : pid) < 0)  // pgid 0 is pid's own
        return -EINVAL;
    if (!g || (g != current->group && g->parent != current->group))
        return -ESRCH;
    if (!pgid)
        pgid = g->leader->pid;
    if ((int)pgid != g->leader->pid && proc_group_session(pgid) != current->group->sid)
        return -EPERM;
    g->pgid = pgid;
    return 0;
}

int32_t sys_getpgid(uint32_t pid)
{
    struct group *g = process(pid);
    return g ? g->pgid : -ESRCH;
}

int32_t sys_getpgrp(void) { return current->group->pgid; }

int32_t sys_setsid(void)
{
    struct group *g = current->group;
    if (g->pgid == proc_pid(current))
        return -EPERM;
    g->sid = g->pgid = proc_pid(current);
    return g->sid;
}

int32_t sys_getsid(uint32_t pid)
{
    struct group *g = process(pid);
    return g ? g->sid : -ESRCH;
}

int32_t sys_set_tid_address(uint32_t tidptr)
{
    current->clear_child_tid = tidptr;
    return current->pid;
}

// struct user_desc at uinfo (entry_number, base_addr, limit, then the flag
// bits) into a thread's TLS entries: set_thread_area, and clone's CLONE_SETTLS
static int32_t set_tls(struct tls_desc tls[GDT_TLS_COUNT], uint32_t uinfo)
{
    uint32_t d[4];
    int index;

    if (copy_from_user(current->mem, d, uinfo, sizeof d) < 0)
        return -EFAULT;
    if (d[0] == 0xffffffffu) {
        for (index = 0; index < GDT_TLS_COUNT && (tls[index].flags & TLS_PRESENT); index++)
            ;
        if (index == GDT_TLS_COUNT)
            return -ESRCH;
        d[0] = GDT_TLS_FIRST + index;
        if (copy_to_user(current->mem, uinfo, d, 4) < 0)
            return -EFAULT;
    }
    if (d[0] < GDT_TLS_FIRST || d[0] >= GDT_TLS_FIRST + GDT_TLS_COUNT)
        return -EINVAL;
    index = d[0] - GDT_TLS_FIRST;
    if ((d[3] & 0x28) == 0x28 && d[1] == 0 && d[2] == 0) {   // read_exec_only + not present: clear
        tls[index].flags = 0;
        return 0;
    }
    // only present data segments, as Linux's tls_desc_okay: a not-present
    // or execute-only one in gs made the kernel's own `pop gs` fault on the
    // way back to user mode, a panic (found by fuzz_syscalls)
    if ((d[3] & 0x20) || (d[3] & 6) > 2)
        return -EINVAL;
    tls[index].base = d[1];
    tls[index].limit = d[2];
    tls[index].flags = (d[3] & 0x7f) | TLS_PRESENT;
    return 0;
}

// a selector of fs or gs naming a TLS entry just cleared becomes 0, as
// Linux's reload of the segment does, so returning to user mode loads none
static void drop_cleared(struct trapframe *tf, const struct tls_desc tls[GDT_TLS_COUNT])
{
    uint32_t *sel[2] = { &tf->fs, &tf->gs };
    const struct tls_desc *entry;
    int i;

    for (i = 0; i < 2; i++)
        if ((entry = gdt_tls_entry(tls, *sel[i])) && !(entry->flags & TLS_PRESENT))
            *sel[i] = 0;
}

int32_t sys_set_thread_area(uint32_t uinfo)
{
    int32_t err = set_tls(current->tls, uinfo);
    if (err == 0) {
        gdt_set_tls(current->tls);
        drop_cleared(current->tf, current->tls);
    }
    return err;
}

int32_t sys_get_thread_area(uint32_t uinfo)
{
    uint32_t d[4];
    if (copy_from_user(current->mem, d, uinfo, 4) < 0)
        return -EFAULT;
    if (d[0] < GDT_TLS_FIRST || d[0] >= GDT_TLS_FIRST + GDT_TLS_COUNT)
        return -EINVAL;
    d[1] = current->tls[d[0] - GDT_TLS_FIRST].base;
    d[2] = current->tls[d[0] - GDT_TLS_FIRST].limit;
    d[3] = current->tls[d[0] - GDT_TLS_FIRST].flags & 0x7f;
    return copy_to_user(current->mem, uinfo, d, sizeof d) < 0 ? -EFAULT : 0;
}

// Resource limits, per process (threads share them), 64-bit as on a
// 64-bit Linux running i386 programs.  Every caller is root: it may raise a
// hard limit, but never NOFILE's beyond the descriptor table (nr_open).
// new (when not NULL) replaces the limit after old is given what it was.
static int32_t set_limit(struct group *g, uint32_t resource, const struct rlimit64 *new, struct rlimit64 *old)
{
    if (resource >= RLIM_NLIMITS)
        return -EINVAL;
    if (new && new->cur > new->max)
        return -EINVAL;
    if (new && resource == RLIMIT_NOFILE && new->max > NOFILE)
        return -EPERM;
    if (old)
        *old = g->rlim[resource];
    if (new)
        g->rlim[resource] = *new;
    return 0;
}

int32_t sys_prlimit64(uint32_t pid, uint32_t resource, uint32_t new_limit, uint32_t old_limit)
{
    struct group *g = process(pid);
    struct rlimit64 new, old;
    int32_t err;

    if (new_limit && copy_from_user(current->mem, &new, new_limit, sizeof new) < 0)
        return -EFAULT;                 // before the pid, as Linux
    if (!g)
        return -ESRCH;
    if ((err = set_limit(g, resource, new_limit ? &new : NULL, &old)) < 0)
        return err;
    return old_limit && copy_to_user(current->mem, old_limit, &old, sizeof old) < 0 ? -EFAULT : 0;
}

// the 32-bit struct rlimit: values above top read as top
static int32_t get_limit32(uint32_t resource, uint32_t ulim, uint32_t top)
{
    struct rlimit64 l;
    uint32_t lim32[2];
    if (set_limit(current->group, resource, NULL, &l) < 0)
        return -EINVAL;
    lim32[0] = l.cur > top ? top : (uint32_t)l.cur;
    lim32[1] = l.max > top ? top : (uint32_t)l.max;
    return copy_to_user(current->mem, ulim, lim32, sizeof lim32) < 0 ? -EFAULT : 0;
}

int32_t sys_ugetrlimit(uint32_t resource, uint32_t ulim)
{
    return get_limit32(resource, ulim, 0xffffffffu);        // RLIM_INFINITY's 32-bit value
}

// the old call, from when RLIM_INFINITY was 0x7fffffff (Linux's old_getrlimit)
int32_t sys_getrlimit(uint32_t resource, uint32_t ulim)
{
    return get_limit32(resource, ulim, 0x7fffffffu);
}

// 0xffffffff is RLIM_INFINITY
int32_t sys_setrlimit(uint32_t resource, uint32_t ulim)
{
    uint32_t lim32[2];
    struct rlimit64 l;
    if (copy_from_user(current->mem, lim32, ulim, sizeof lim32) < 0)
        return -EFAULT;
    l.cur = lim32[0] == 0xffffffffu ? RLIM_INFINITY : lim32[0];
    l.max = lim32[1] == 0xffffffffu ? RLIM_INFINITY : lim32[1];
    return set_limit(current->group, resource, &l, NULL);
}

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1                 // answered as RUSAGE_SELF: the whole process's time

int32_t sys_getrusage(uint32_t who, uint32_t usage)
{
    struct cpu_time t;
    if ((int32_t)who != RUSAGE_SELF && (int32_t)who != RUSAGE_THREAD && (int32_t)who != RUSAGE_CHILDREN)
        return -EINVAL;
    proc_cpu_time(current, (int32_t)who == RUSAGE_CHILDREN, &t);
    return put_rusage(usage, &t);
}

int32_t sys_uname(uint32_t buf)
{
    static char u[6 * 65];
    static const char *const fields[6] = { "Linux", "seedstrap", UNAME_RELEASE, "#1 seedstrap",
                                           "i686", "(none)" };
    int i;
    memset(u, 0, sizeof u);
    for (i = 0; i < 6; i++)
        strlcpy(u + 65 * i, fields[i], 65);
    return copy_to_user(current->mem, buf, u, sizeof u) < 0 ? -EFAULT : 0;
}

int32_t sys_sysinfo(uint32_t buf)
{
    uint32_t info[16];
    memset(info, 0, sizeof info);
    info[0] = (uint32_t)(timer_uptime_ms() / 1000);
    info[4] = pmm_total_pages();        // totalram, in mem_unit units
    info[5] = pmm_free_pages();
    info[13] = PAGE_SIZE;               // mem_unit
    return copy_to_user(current->mem, buf, info, 64) < 0 ? -EFAULT : 0;
}

// the next runnable thread in the table gets the CPU first (round robin)
int32_t sys_sched_yield(void)
{
    yield();
    return 0;
}

// One CPU: a mask with bit 0 (glibc clears the rest of the caller's set,
// so nproc prints 1); a mask without CPU 0 leaves nothing to run on.
int32_t sys_sched_getaffinity(uint32_t pid, uint32_t len, uint32_t umask)
{
    uint32_t mask = 1;
    if (len < sizeof mask || (len & (sizeof mask - 1)))     // before the pid, as Linux
        return -EINVAL;
    if (pid && !proc_find((int32_t)pid))
        return -ESRCH;
    return copy_to_user(current->mem, umask, &mask, sizeof mask) < 0 ? -EFAULT : (int32_t)sizeof mask;
}

int32_t sys_sched_setaffinity(uint32_t pid, uint32_t len, uint32_t umask)
{
    uint8_t first = 0;
    if (len && copy_from_user(current->mem, &first, umask, 1) < 0)
        return -EFAULT;
    if (pid && !proc_find((int32_t)pid))
        return -ESRCH;
    return first & 1 ? 0 : -EINVAL;
}
