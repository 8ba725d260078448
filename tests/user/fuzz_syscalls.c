// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/fuzz_syscalls.c: a system-call fuzzer in trinity's manner, run
// under our kernel (tests/qemu/fuzz_syscalls_test.sh, `make fuzz-syscalls`).
//
//   fuzz_syscalls [-s SEED] [-n COUNT] [-w WORKERS] [-k PER_WORKER]
//                 [-t SECONDS] [-r WORKER] DIR
//   fuzz_syscalls -l          (the rules table below, with the reasons)
//
// The parent forks WORKERS workers at a time; worker i draws its calls from
// a PRNG seeded with SEED + i, so any worker replays alone with -r i (same
// SEED and -k).  A worker makes PER_WORKER calls of numbers 0..450, each
// argument drawn from typed pools (integers, descriptors, good and bad
// pointers, lengths, flags, paths), some of them from two extra threads.
// Each call's number and arguments are written into the worker's slot of
// DIR/fuzz.log before it is made (a file, not a shared page: our kernel maps
// MAP_SHARED privately), so a hung or dying worker leaves its last
// call behind; the parent kills a worker past its time budget and prints
// that call.  A worker checks a canary of its own memory (never passed to
// any call) every 64 calls and at the end; a changed canary is the one
// failure (exit 1): the kernel wrote where nobody asked it to.  Workers
// killed by signals are expected (they may kill themselves) and are
// replaced until COUNT calls are made.
//
// The pools are fuzz_pools.h's, shared with fuzz_errno.c (the compare mode).
// Paths point only under DIR/s (or nowhere); the rules table below says
// which calls are never made, made only in a throw-away child, or have an
// argument constrained, and why.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "fuzz_pools.h"

#define NCALLS 451
#define CANARY ((uint32_t *)0x53a5b000) // never passed to a call; not a round number
#define CANARY_PAGES 4
#define NERRNO 136                      // counts[0]: success; counts[NERRNO - 1]: other
#define THREADS 3                       // the main thread and two more, in some workers

// ---- the rules --------------------------------------------------------------
enum {
    SKIP = 1,   // never made
    CHILD,      // made in a throw-away child (fork, then the call, then _exit)
    PID,        // argument `arg` is our own pid or tid or an unused pid
    SIG,        // argument `arg`: a stop signal becomes SIGUSR1
    ADDR,       // argument `arg` is an address in the arena's first half
    LEN,        // argument `arg` is a length of at most half the arena
    MODE,       // argument `arg`: the file type is regular or FIFO
    RESTORE,    // after the call, the harness's signals and timer are set again
    SIGSET,     // argument `arg` points to a signal mask that leaves SIGALRM and SIGUSR1 free
    MASK,       // argument `arg` is such a mask itself (the old calls' form)
};

struct rule {
    short nr;
    char kind, arg;
    const char *why;
};

static const struct rule rules[] = {
    {88, SKIP, 0, "reboot: would end the run"},
    {21, SKIP, 0, "mount: could cover the scratch dir or the root"},
    {22, SKIP, 0, "umount"}, {52, SKIP, 0, "umount2"},
    {101, SKIP, 0, "ioperm: port access reaches the disk and isa-debug-exit"},
    {110, SKIP, 0, "iopl: the same"},
    {25, SKIP, 0, "stime: the clock is global"}, {79, SKIP, 0, "settimeofday"},
    {264, SKIP, 0, "clock_settime"}, {124, SKIP, 0, "adjtimex"}, {343, SKIP, 0, "clock_adjtime"},
    {26, SKIP, 0, "ptrace: could stop or poke the parent"},
    {347, SKIP, 0, "process_vm_readv"}, {348, SKIP, 0, "process_vm_writev: writes other processes"},
    {87, SKIP, 0, "swapon"}, {115, SKIP, 0, "swapoff"}, {217, SKIP, 0, "pivot_root"},
    {128, SKIP, 0, "init_module"}, {129, SKIP, 0, "delete_module"}, {350, SKIP, 0, "finit_module"},
    {283, SKIP, 0, "kexec_load"}, {51, SKIP, 0, "acct: writes a file named by the call forever after"},
    {1, CHILD, 0, "exit: ends the caller"}, {252, CHILD, 0, "exit_group"},
    {2, CHILD, 0, "fork: the copy would fuzz on unchecked"}, {190, CHILD, 0, "vfork: shares the stack"},
    {120, CHILD, 0, "clone: odd flags and stacks"}, {435, CHILD, 0, "clone3"},
    {11, CHILD, 0, "execve: would replace the worker"}, {358, CHILD, 0, "execveat"},
    {119, CHILD, 0, "sigreturn: loads registers from the stack"}, {173, CHILD, 0, "rt_sigreturn"},
    {243, CHILD, 0, "set_thread_area: replaces glibc's %gs"}, {123, CHILD, 0, "modify_ldt"},
    {66, CHILD, 0, "setsid: detaches from the session"}, {61, CHILD, 0, "chroot: every path would move"},
    {45, CHILD, 0, "brk: may take back malloc's heap"},
    {90, CHILD, 0, "old mmap: its addresses come from memory, not the arena"},
    {310, CHILD, 0, "unshare"}, {136, CHILD, 0, "personality"},
    {23, CHILD, 0, "setuid: root lost, the scratch dir closed"}, {46, CHILD, 0, "setgid"},
    {70, CHILD, 0, "setreuid"}, {71, CHILD, 0, "setregid"}, {138, CHILD, 0, "setfsuid"},
    {139, CHILD, 0, "setfsgid"}, {164, CHILD, 0, "setresuid"}, {170, CHILD, 0, "setresgid"},
    {203, CHILD, 0, "setreuid32"}, {204, CHILD, 0, "setregid32"}, {208, CHILD, 0, "setresuid32"},
    {210, CHILD, 0, "setresgid32"}, {213, CHILD, 0, "setuid32"}, {214, CHILD, 0, "setgid32"},
    {215, CHILD, 0, "setfsuid32"}, {216, CHILD, 0, "setfsgid32"}, {185, CHILD, 0, "capset"},
    {81, CHILD, 0, "setgroups"}, {206, CHILD, 0, "setgroups32"},
    {37, PID, 0, "kill: pid -1, 0 or the parent's would hit the harness"}, {37, SIG, 1, "kill: stopped worker"},
    {238, PID, 0, "tkill"}, {238, SIG, 1, "tkill"},
    {270, PID, 0, "tgkill"}, {270, PID, 1, "tgkill"}, {270, SIG, 2, "tgkill"},
    {178, PID, 0, "rt_sigqueueinfo"}, {335, PID, 0, "rt_tgsigqueueinfo"}, {335, PID, 1, "rt_tgsigqueueinfo"},
    {57, PID, 0, "setpgid: moving another process's group"}, {57, PID, 1, "setpgid"},
    {340, PID, 0, "prlimit64: limits of the parent or init"}, {434, PID, 0, "pidfd_open"},
    {154, PID, 0, "sched_setparam"}, {156, PID, 0, "sched_setscheduler"},
    {241, PID, 0, "sched_setaffinity"}, {289, PID, 0, "ioprio_set"},
    {91, ADDR, 0, "munmap: our code, stack and canary stay"}, {91, LEN, 1, "munmap"},
    {125, ADDR, 0, "mprotect"}, {125, LEN, 1, "mprotect"},
    {192, ADDR, 0, "mmap2: MAP_FIXED lands in the arena"}, {192, LEN, 1, "mmap2"},
    {163, ADDR, 0, "mremap"}, {163, LEN, 1, "mremap"}, {163, LEN, 2, "mremap"}, {163, ADDR, 4, "mremap"},
    {219, ADDR, 0, "madvise: DONTNEED zeroes"}, {219, LEN, 1, "madvise"},
    {144, ADDR, 0, "msync"}, {144, LEN, 1, "msync"}, {257, ADDR, 0, "remap_file_pages"},
    {257, LEN, 1, "remap_file_pages"}, {150, ADDR, 0, "mlock"}, {151, ADDR, 0, "munlock"},
    {14, MODE, 1, "mknod: a device node would open the disk itself"}, {297, MODE, 2, "mknodat"},
    {48, RESTORE, 0, "signal: SIGALRM interrupts blocked calls"}, {67, RESTORE, 0, "sigaction"},
    {174, RESTORE, 0, "rt_sigaction"}, {126, RESTORE, 0, "sigprocmask"},
    {175, RESTORE, 0, "rt_sigprocmask"}, {27, RESTORE, 0, "alarm: the timer interrupts"},
    {104, RESTORE, 0, "setitimer"}, {186, RESTORE, 0, "sigaltstack: handlers on a bad stack"},
    {179, SIGSET, 0, "rt_sigsuspend: blocking SIGALRM too would wait forever"},
    {72, MASK, 2, "sigsuspend"}, {309, SIGSET, 3, "ppoll: its mask holds during the wait"},
};

static const char *kind_names[] = {"", "SKIP", "CHILD", "PID", "SIG", "ADDR", "LEN", "MODE",
                                   "RESTORE", "SIGSET", "MASK"};
static unsigned short rule_kind_mask[NCALLS];    // bit per kind: quick test before the scan

// ---- the pools (fuzz_pools.h) drawn at random ----------------------------------
static pid_t self_pid;

static int in_canary(uint32_t v)
{
    return v >= (uint32_t)CANARY && v < (uint32_t)CANARY + CANARY_PAGES * PAGE;
}

static uint32_t any_int(struct rng *r)
{
    uint32_t v;

    switch (below(r, 4)) {
    case 0: return ints[below(r, COUNT_OF(ints))];
    case 1: return below(r, 64);
    case 2: return 1u << below(r, 32);
    }
    do
        v = rnd(r);
    while (in_canary(v));
    return v;
}

static uint32_t pointer(struct rng *r)
{
    switch (below(r, 6)) {
    case 0: return bad_pointers[below(r, COUNT_OF(bad_pointers))];
    case 1: return (uint32_t)RO + below(r, 2 * PAGE);                      // read-only
    case 2: return (uint32_t)ARENA + ARENA_MAPPED * PAGE - 1 - below(r, 16); // straddles a page end
    }
    return (uint32_t)ARENA + below(r, ARENA_MAPPED * PAGE);
}

static uint32_t length(struct rng *r)
{
    return below(r, 2) ? lens[below(r, COUNT_OF(lens))] : below(r, 2 * PAGE);
}

static uint32_t flags(struct rng *r)
{
    switch (below(r, 3)) {
    case 0: return 1u << below(r, 32);
    case 1: return rnd(r) & 0xfff;
    }
    return rnd(r);
}

static uint32_t argument(struct rng *r)
{
    switch (below(r, 7)) {
    case 0: case 1: return any_int(r);
    case 2: return fds[below(r, NFDS)];
    case 3: return pointer(r);
    case 4: return (uint32_t)paths[below(r, NPATHS)];
    case 5: return length(r);
    }
    return flags(r);
}

// ---- the worker's world ---------------------------------------------------------
static char scratch[256];
static int log_fd;

static void on_signal(int sig)
{
    (void)sig;
}

// the harness's signals: SIGALRM every 20 ms interrupts a blocked call
static void harness_signals(void)
{
    struct sigaction sa;
    struct itimerval it = {{0, 20000}, {0, 20000}};
    sigset_t set;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;          // no SA_RESTART: blocked calls end with EINTR
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
}

static void fill_canary(uint32_t seed)
{
    int i;
    for (i = 0; i < CANARY_PAGES * PAGE / 4; i++)
        CANARY[i] = seed * 2654435761u + i;
}

static int canary_ok(uint32_t seed)
{
    int i;
    for (i = 0; i < CANARY_PAGES * PAGE / 4; i++)
        if (CANARY[i] != seed * 2654435761u + i)
            return 0;
    return 1;
}

// ---- the log slot ---------------------------------------------------------------
struct last_call {
    uint32_t index, nr, args[6];
};

struct slot {                           // one per worker, at worker * sizeof in DIR/fuzz.log
    uint32_t seed, done, canary_bad, calls;
    struct last_call last[THREADS];
    uint32_t counts[NERRNO];
};

// ---- one call ---------------------------------------------------------------------
static int has_rule(int nr, int kind, int arg)
{
    unsigned i;

    if (!(rule_kind_mask[nr] & (1 << kind)))
        return 0;
    for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].nr == nr && rules[i].kind == kind && rules[i].arg == arg)
            return 1;
    return 0;
}

static void constrain(struct rng *r, int nr, uint32_t *a, uint32_t mask[2])
{
    int i;

    for (i = 0; i < 6; i++) {
        if (has_rule(nr, PID, i)) {
            uint32_t pids[] = {self_pid, (uint32_t)syscall(SYS_gettid), 0x7ffffff0};
            a[i] = pids[below(r, 3)];
        }
        if (has_rule(nr, SIG, i) && a[i] >= SIGSTOP && a[i] <= SIGTTOU && a[i] != SIGCONT)
            a[i] = SIGUSR1;
        if (has_rule(nr, ADDR, i))
            a[i] = (uint32_t)ARENA + below(r, ARENA_PAGES / 2) * PAGE + (below(r, 8) ? 0 : below(r, PAGE));
        if (has_rule(nr, LEN, i))
            a[i] = below(r, ARENA_PAGES / 2 * PAGE);
        if (has_rule(nr, MODE, i))
            a[i] = (a[i] & 07777) | (below(r, 2) ? S_IFREG : S_IFIFO);
        if (has_rule(nr, MASK, i) || has_rule(nr, SIGSET, i)) {
            mask[0] = rnd(r) & ~(1u << (SIGALRM - 1) | 1u << (SIGUSR1 - 1));
            mask[1] = rnd(r);
            a[i] = has_rule(nr, MASK, i) ? mask[0] : (uint32_t)mask;
        }
    }
}

// the call in a child of its own, which alarm ends if it blocks
static long in_child(int nr, uint32_t *a)
{
    int status;
    long waited = 0;
    pid_t pid = fork();

    if (pid == 0) {
        signal(SIGALRM, SIG_DFL);
        alarm(1);
        syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        syscall(SYS_exit_group, 0);
    }
    if (pid < 0)
        return -1;
    while (waitpid(pid, &status, 0) != pid) {
        if (errno != EINTR)
            return -1;
        if (++waited == 150)            // 3 s of 20 ms ticks: the alarm failed
            kill(pid, SIGKILL);
    }
    errno = 0;
    return 0;
}

struct thread_job {
    struct rng r;
    int thread, calls, tid;
    volatile int finished;
    uint32_t counts[NERRNO], mask[2];
    pthread_t id;
};

static struct slot *slot_template;
static long slot_off;

static void one_call(struct thread_job *j, int index)
{
    struct last_call *l = &slot_template->last[j->thread];
    int nr = below(&j->r, NCALLS), i, e;
    long ret;

    for (i = 0; i < 6; i++)
        l->args[i] = argument(&j->r);
    constrain(&j->r, nr, l->args, j->mask);
    l->index = index;
    l->nr = nr;
    pwrite(log_fd, l, sizeof *l, slot_off + offsetof(struct slot, last) + j->thread * sizeof *l);
    if (has_rule(nr, SKIP, 0))
        return;
    errno = 0;
    if (has_rule(nr, CHILD, 0))
        ret = in_child(nr, l->args);
    else
        ret = syscall(nr, l->args[0], l->args[1], l->args[2], l->args[3], l->args[4], l->args[5]);
    e = ret == -1 ? errno : 0;
    j->counts[e < NERRNO - 1 ? e : NERRNO - 1]++;
    if (has_rule(nr, RESTORE, 0))
        harness_signals();
}

static void *thread_main(void *arg)
{
    struct thread_job *j = arg;
    int i;

    j->tid = syscall(SYS_gettid);
    for (i = 0; i < j->calls; i++)
        one_call(j, i);
    j->finished = 1;
    return NULL;
}

// a thread blocked in a call may never get the process's SIGALRM: poke it.
// No pthread_join: a fuzzed set_tid_address moves the word it waits on.
static void finish_thread(struct thread_job *j)
{
    struct timespec nap = {0, 20000000};

    while (!j->finished) {
        if (j->tid)
            syscall(SYS_tgkill, self_pid, j->tid, SIGUSR1);
        nanosleep(&nap, NULL);
    }
}

// worker: `calls` calls from seed; exit 0, or 3 when the canary changed
static int worker(const char *dir, uint32_t seed, int index, int calls)
{
    static struct slot s;
    struct thread_job jobs[THREADS];
    int nthreads = seed % 4 == 0 ? THREADS : 1, i, t, sink;
    char name[300];

    self_pid = getpid();
    snprintf(scratch, sizeof scratch, "%s/s", dir);
    snprintf(name, sizeof name, "%s/sink", scratch);
    sink = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (i = 0; i < 3; i++)             // fuzzed writes to 0-2 land in the sink, not the console
        dup2(sink, i);
    close(sink);
    slot_template = &s;
    slot_off = (long)index * sizeof s;
    s.seed = seed;
    map_at(CANARY, CANARY_PAGES, PROT_READ | PROT_WRITE);
    fill_canary(seed);
    map_at(ARENA, ARENA_MAPPED, PROT_READ | PROT_WRITE);
    memset(ARENA, 0x5a, ARENA_MAPPED * PAGE);
    make_paths(scratch);
    make_fds(scratch);
    harness_signals();
    memset(jobs, 0, sizeof jobs);
    for (t = 0; t < nthreads; t++) {
        jobs[t].r.s = ((uint64_t)seed << 32 | (seed ^ 0x9e3779b9)) + t * 0x1234567ULL + 1;
        jobs[t].thread = t;
        jobs[t].calls = calls / nthreads + (t == 0 ? calls % nthreads : 0);
        if (t > 0 && pthread_create(&jobs[t].id, NULL, thread_main, &jobs[t]) != 0)
            jobs[0].calls += jobs[t].calls, jobs[t].calls = 0;
    }
    for (i = 0; i < jobs[0].calls; i++) {
        one_call(&jobs[0], i);
        if (i % 64 == 63 && !canary_ok(seed))
            break;
    }
    for (t = 1; t < nthreads; t++)
        if (jobs[t].calls)
            finish_thread(&jobs[t]);
    for (t = 0; t < nthreads; t++)
        for (i = 0; i < NERRNO; i++)
            s.counts[i] += jobs[t].counts[i];
    s.canary_bad = !canary_ok(seed);
    for (i = 0; i < NERRNO; i++)
        s.calls += s.counts[i];
    s.done = 1;
    pwrite(log_fd, &s, offsetof(struct slot, last), slot_off);
    pwrite(log_fd, s.counts, sizeof s.counts, slot_off + offsetof(struct slot, counts));
    return s.canary_bad ? 3 : 0;
}

// ---- the parent -------------------------------------------------------------------
struct run {
    uint32_t seed;
    long count, per_worker, workers, budget, replay;
    long calls, started, killed, hung, canary_bad, counts[NERRNO];
};

struct running {
    pid_t pid;
    int index;
    long start_ms;
};

static long ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void print_last(int index)
{
    struct slot s;
    int t, i;

    memset(&s, 0, sizeof s);            // a killed worker wrote only its last calls
    if (pread(log_fd, &s, sizeof s, (long)index * sizeof s) <= 0)
        return;
    for (t = 0; t < THREADS; t++) {
        if (!s.last[t].nr && !s.last[t].index)
            continue;
        printf("  thread %d call %u: syscall(%u", t, s.last[t].index, s.last[t].nr);
        for (i = 0; i < 6; i++)
            printf(", %#x", s.last[t].args[i]);
        printf(")\n");
    }
}

static void reaped(struct run *run, struct running *w, int status)
{
    struct slot s;
    int i;

    memset(&s, 0, sizeof s);
    pread(log_fd, &s, sizeof s, (long)w->index * sizeof s);
    if (s.done) {
        run->calls += s.calls;
        for (i = 0; i < NERRNO; i++)
            run->counts[i] += s.counts[i];
    } else {                            // killed: its calls up to the last one logged
        for (i = 0; i < THREADS; i++)
            run->calls += s.last[i].index + (s.last[i].nr || s.last[i].index);
    }
    if (WIFSIGNALED(status))
        run->killed++;
    if (s.canary_bad || (WIFEXITED(status) && WEXITSTATUS(status) == 3)) {
        run->canary_bad++;
        printf("CANARY CHANGED: worker %d seed %u (replay: -s %u -r %d -k %ld)\n", w->index,
               run->seed + w->index, run->seed, w->index, run->per_worker);
        print_last(w->index);
    }
    w->pid = 0;
}

static void start(struct run *run, struct running *w, const char *dir)
{
    int index = run->replay >= 0 ? run->replay : run->started;

    w->index = index;
    w->start_ms = ms();
    fflush(stdout);
    w->pid = fork();
    if (w->pid == 0)
        _exit(worker(dir, run->seed + index, index, run->per_worker));
    run->started++;
    printf("worker %d pid %d seed %u\n", index, w->pid, run->seed + index);
    fflush(stdout);
}

static void watch(struct run *run, struct running *w)
{
    if (w->pid && ms() - w->start_ms > run->budget * 1000) {
        printf("HUNG: worker %d seed %u pid %d after %ld s; its last calls:\n", w->index,
               run->seed + w->index, w->pid, run->budget);
        print_last(w->index);
        fflush(stdout);
        kill(w->pid, SIGKILL);
        w->start_ms = ms() + 1000000000L;   // killed once; reaped below
        run->hung++;
    }
}

static void run_all(struct run *run, const char *dir)
{
    struct running w[64];
    long i, busy;
    int status;
    pid_t pid;
    struct timespec nap = {0, 20000000};

    memset(w, 0, sizeof w);
    for (;;) {
        busy = 0;
        for (i = 0; i < run->workers; i++) {
            if (!w[i].pid && (run->replay >= 0 ? run->started == 0 : run->calls + busy * run->per_worker < run->count))
                start(run, &w[i], dir);
            busy += w[i].pid != 0;
            watch(run, &w[i]);
        }
        if (!busy)
            return;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
            for (i = 0; i < run->workers; i++)
                if (w[i].pid == pid)
                    reaped(run, &w[i], status);
        nanosleep(&nap, NULL);
    }
}

static void summary(const struct run *run, long elapsed)
{
    static const char *names[NERRNO] = {[0] = "ok", [EPERM] = "EPERM", [ENOENT] = "ENOENT",
        [ESRCH] = "ESRCH", [EINTR] = "EINTR", [EBADF] = "EBADF", [ECHILD] = "ECHILD",
        [ENOMEM] = "ENOMEM", [EFAULT] = "EFAULT", [EEXIST] = "EEXIST", [ENOTDIR] = "ENOTDIR",
        [EISDIR] = "EISDIR", [EINVAL] = "EINVAL", [ENOSYS] = "ENOSYS", [ENAMETOOLONG] = "ENAMETOOLONG",
        [ESPIPE] = "ESPIPE", [ENOTTY] = "ENOTTY", [EACCES] = "EACCES", [ERANGE] = "ERANGE"};
    int i;

    printf("fuzz_syscalls: seed %u, %ld calls in %ld workers, %ld.%ld s\n", run->seed, run->calls,
           run->started, elapsed / 1000, elapsed / 100 % 10);
    printf("errno counts:");
    for (i = 0; i < NERRNO; i++)
        if (run->counts[i]) {
            if (names[i])
                printf(" %s %ld", names[i], run->counts[i]);
            else
                printf(" %d:%ld", i, run->counts[i]);
        }
    printf("\nworkers killed by signals %ld, hung %ld, canary failures %ld\n", run->killed,
           run->hung, run->canary_bad);
}

int main(int argc, char **argv)
{
    struct run run = {.seed = (uint32_t)time(NULL), .count = 10000, .per_worker = 500,
                      .workers = 4, .budget = 60, .replay = -1};
    char name[300];
    long t0;
    unsigned i;
    int opt;

    while ((opt = getopt(argc, argv, "s:n:w:k:t:r:l")) != -1) {
        long v = optarg ? strtol(optarg, NULL, 0) : 0;
        switch (opt) {
        case 'l':
            for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
                printf("%3d %-8s arg %d  %s\n", rules[i].nr, kind_names[(int)rules[i].kind],
                       rules[i].arg, rules[i].why);
            return 0;
        case 's': run.seed = (uint32_t)v; break;
        case 'n': run.count = v; break;
        case 'w': run.workers = v < 1 ? 1 : v > 64 ? 64 : v; break;
        case 'k': run.per_worker = v < 1 ? 1 : v; break;
        case 't': run.budget = v; break;
        case 'r': run.replay = v; run.workers = 1; break;
        default:
            fprintf(stderr, "usage: fuzz_syscalls [-s SEED] [-n COUNT] [-w WORKERS] [-k PER_WORKER] "
                            "[-t SECONDS] [-r WORKER] DIR | -l\n");
            return 2;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "fuzz_syscalls: name the scratch DIR\n");
        return 2;
    }
    for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
        rule_kind_mask[rules[i].nr] |= 1 << rules[i].kind;
    printf("fuzz_syscalls: seed %u (reproduce: -s %u -n %ld -w %ld -k %ld)\n", run.seed, run.seed,
           run.count, run.workers, run.per_worker);
    mkdir(argv[optind], 0755);
    snprintf(name, sizeof name, "%s/s", argv[optind]);
    mkdir(name, 0755);
    snprintf(name, sizeof name, "%s/fuzz.log", argv[optind]);
    log_fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (log_fd < 0 || fcntl(log_fd, F_DUPFD, 900) != 900) {
        fprintf(stderr, "fuzz_syscalls: %s: %s\n", name, strerror(errno));
        return 2;
    }
    close(log_fd);
    log_fd = 900;                       // out of reach of the small descriptors the pools name
    map_at(CANARY, CANARY_PAGES, PROT_READ | PROT_WRITE);
    fill_canary(run.seed);
    t0 = ms();
    run_all(&run, argv[optind]);
    summary(&run, ms() - t0);
    if (!canary_ok(run.seed)) {
        printf("CANARY CHANGED in the parent\n");
        run.canary_bad++;
    }
    return run.canary_bad != 0;
}
