// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/rlimit_test.c DIR: resource limits as a static glibc program
// sees them (issue 31).  Every one of the 16 limits set and read back
// through prlimit64, setrlimit (75), ugetrlimit (191, RLIM_INFINITY as
// 0xffffffff) and the old getrlimit (76, clamped to 0x7fffffff); soft above
// hard is EINVAL, a hard NOFILE beyond nr_open EPERM, root raising a hard
// limit allowed; prlimit64 on another process, a thread sharing the
// process's limits, fork and execve keeping them (the "-exec" mode is what
// it execs: it exits 0 when it sees the limits its parent set); `ulimit -c
// 1000` stored.  Enforced: NOFILE (open, dup, pipe EMFILE, dup2 beyond it
// EBADF, F_DUPFD EINVAL, poll EINVAL), FSIZE (a short write up to the limit,
// then SIGXFSZ and EFBIG, truncate too; pipes and devices unlimited), CPU
// (SIGXCPU at the soft limit, which Linux raises by a second each time,
// SIGKILL at the hard one), STACK (growth beyond it is SIGSEGV), AS and
// DATA (mmap, mremap and brk fail with ENOMEM).  DIR is left empty.
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define INF64 (~0ull)
#define NLIMITS 16

struct lim64 {
    uint64_t cur, max;
};

struct lim32 {
    uint32_t cur, max;
};

static char what[160];

static long raw_prlimit(pid_t pid, int r, const struct lim64 *new, struct lim64 *old)
{
    return syscall(SYS_prlimit64, pid, r, new, old);
}

static struct lim64 get64(int r)
{
    struct lim64 l = { 0, 0 };
    raw_prlimit(0, r, NULL, &l);
    return l;
}

static int set64(int r, uint64_t cur, uint64_t max)
{
    struct lim64 l = { cur, max };
    return (int)raw_prlimit(0, r, &l, NULL);
}

static int status_of(pid_t pid)
{
    int st = -1;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return st;
}

static uint32_t clamp(uint64_t v, uint32_t top)
{
    return v > top ? top : (uint32_t)v;
}

// each limit: a new soft one (below the hard one, so that it can be put
// back) read back by every call, then one through the 32-bit setrlimit
static void test_round_trips(void)
{
    int r;
    for (r = 0; r < NLIMITS; r++) {
        struct lim64 saved = get64(r), l, back, old;
        struct lim32 l32, u32, o32;
        uint64_t v = saved.max == INF64 ? ((uint64_t)r + 1) << 24 : saved.max / 2;
        int set, ok;

        l.cur = v;
        l.max = saved.max;
        set = (int)raw_prlimit(0, r, &l, &old);
        back = get64(r);
        memset(&u32, 0xaa, sizeof u32);
        memset(&o32, 0xaa, sizeof o32);
        syscall(SYS_ugetrlimit, r, &u32);
        syscall(SYS_getrlimit, r, &o32);
        ok = set == 0 && old.cur == saved.cur && old.max == saved.max && back.cur == v &&
             back.max == saved.max && u32.cur == clamp(v, 0xffffffffu) &&
             u32.max == clamp(saved.max, 0xffffffffu) && o32.cur == clamp(v, 0x7fffffffu) &&
             o32.max == clamp(saved.max, 0x7fffffffu);
        snprintf(what, sizeof what, "limit %d: prlimit64 sets %llu and ugetrlimit, getrlimit read it back", r,
                 (unsigned long long)v);
        CHECK(ok, what);
        l32.cur = (uint32_t)v / 2;
        l32.max = clamp(saved.max, 0xffffffffu);
        set = (int)syscall(SYS_setrlimit, r, &l32);
        back = get64(r);
        snprintf(what, sizeof what, "limit %d: setrlimit (75) sets %u", r, l32.cur);
        CHECK(set == 0 && back.cur == (uint32_t)v / 2 && back.max == saved.max, what);
        raw_prlimit(0, r, &saved, NULL);
        back = get64(r);
        snprintf(what, sizeof what, "limit %d: put back", r);
        CHECK(back.cur == saved.cur && back.max == saved.max, what);
    }
}

// root with CAP_SYS_RESOURCE (a container's root may lack it); where
// there is no /proc/self/status (our kernel) root has every capability
static int may_raise(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    unsigned long long caps = ~0ull;
    char line[128];

    if (getuid() != 0)
        return 0;
    if (!f)
        return 1;
    while (fgets(line, sizeof line, f))
        sscanf(line, "CapEff: %llx", &caps);
    fclose(f);
    return (caps >> 24) & 1;
}

// RLIM_INFINITY through the 32-bit calls; soft above hard; the hard limit
// lowered and raised again by root; NOFILE's ceiling
static void test_rules(void)
{
    struct lim64 saved = get64(RLIMIT_FSIZE), l, big = { 1ull << 30, 1ull << 30 };
    struct lim32 l32 = { 0xffffffffu, 0xffffffffu }, u32, o32;

    if (saved.max != INF64) {
        skip("RLIM_INFINITY through the 32-bit calls", "the hard FSIZE limit is finite here");
    } else {
        CHECK(syscall(SYS_setrlimit, RLIMIT_FSIZE, &l32) == 0, "setrlimit (75) takes 0xffffffff");
        l = get64(RLIMIT_FSIZE);
        CHECK(l.cur == INF64 && l.max == INF64, "0xffffffff from setrlimit is RLIM_INFINITY");
        syscall(SYS_ugetrlimit, RLIMIT_FSIZE, &u32);
        syscall(SYS_getrlimit, RLIMIT_FSIZE, &o32);
        CHECK(u32.cur == 0xffffffffu && u32.max == 0xffffffffu, "ugetrlimit: RLIM_INFINITY is 0xffffffff");
        CHECK(o32.cur == 0x7fffffffu && o32.max == 0x7fffffffu, "old getrlimit: RLIM_INFINITY is 0x7fffffff");
        raw_prlimit(0, RLIMIT_FSIZE, &saved, NULL);
    }
    errno = 0;
    CHECK(set64(RLIMIT_CORE, 2000, 1000) < 0 && errno == EINVAL, "prlimit64: soft above hard is EINVAL");
    l32.cur = 2000;
    l32.max = 1000;
    errno = 0;
    CHECK(syscall(SYS_setrlimit, RLIMIT_CORE, &l32) < 0 && errno == EINVAL,
          "setrlimit: soft above hard is EINVAL");
    errno = 0;
    CHECK(raw_prlimit(0, NLIMITS, NULL, &l) < 0 && errno == EINVAL, "prlimit64: resource 16 is EINVAL");
    errno = 0;
    CHECK(syscall(SYS_ugetrlimit, NLIMITS, &u32) < 0 && errno == EINVAL, "ugetrlimit: resource 16 is EINVAL");
    errno = 0;
    CHECK(raw_prlimit(0, RLIMIT_NOFILE, &big, NULL) < 0 && errno == EPERM,
          "a hard NOFILE limit above nr_open is EPERM");
    saved = get64(RLIMIT_MSGQUEUE);
    if (!may_raise() || saved.max < 1000) {
        skip("root lowers and raises a hard limit", "no CAP_SYS_RESOURCE here");
    } else {
        CHECK(set64(RLIMIT_MSGQUEUE, 1000, 1000) == 0 && get64(RLIMIT_MSGQUEUE).max == 1000,
              "root lowers a hard limit");
        CHECK(raw_prlimit(0, RLIMIT_MSGQUEUE, &saved, NULL) == 0 && get64(RLIMIT_MSGQUEUE).max == saved.max,
              "root raises a hard limit");
    }
}

// `ulimit -c 1000` (blocks of 1024 bytes in busybox) then `ulimit -c`
static void test_core(void)
{
    struct rlimit saved, r = { 1000 * 1024, RLIM_INFINITY }, back;
    getrlimit(RLIMIT_CORE, &saved);
    r.rlim_max = saved.rlim_max;
    if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max < r.rlim_cur)
        r.rlim_cur = saved.rlim_max;
    CHECK(setrlimit(RLIMIT_CORE, &r) == 0, "setrlimit(RLIMIT_CORE, 1000 KiB)");
    CHECK(getrlimit(RLIMIT_CORE, &back) == 0 && back.rlim_cur == r.rlim_cur && back.rlim_max == r.rlim_max,
          "getrlimit(RLIMIT_CORE) reads it back");
    setrlimit(RLIMIT_CORE, &saved);
}

static void *thread_sets(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)set64(RLIMIT_RTTIME, 777, get64(RLIMIT_RTTIME).max);
}

// prlimit64 on a child waiting on a pipe; a thread's setrlimit is its
// process's; fork and execve keep the limits
static void test_processes(const char *self)
{
    struct lim64 saved = get64(RLIMIT_CORE), l = { 4096, saved.max }, old, nofile = get64(RLIMIT_NOFILE);
    int fds[2], st;
    pthread_t t;
    void *ret;
    pid_t pid;
    char c;

    if (l.max != INF64 && l.max < l.cur)
        l.cur = l.max;
    pipe(fds);
    if ((pid = fork()) == 0) {
        read(fds[0], &c, 1);
        _exit(get64(RLIMIT_CORE).cur == l.cur ? 0 : 1);
    }
    CHECK(raw_prlimit(pid, RLIMIT_CORE, &l, &old) == 0 && old.cur == saved.cur, "prlimit64 on another process");
    CHECK(get64(RLIMIT_CORE).cur == saved.cur, "prlimit64 on another process leaves ours");
    write(fds[1], "x", 1);
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the other process sees its new limit");
    errno = 0;
    CHECK(raw_prlimit(pid, RLIMIT_CORE, NULL, &old) < 0 && errno == ESRCH, "prlimit64 on a reaped pid is ESRCH");
    close(fds[0]);
    close(fds[1]);

    pthread_create(&t, NULL, thread_sets, NULL);
    pthread_join(t, &ret);
    CHECK(ret == 0 && get64(RLIMIT_RTTIME).cur == 777, "a thread's setrlimit is its process's");
    set64(RLIMIT_RTTIME, get64(RLIMIT_RTTIME).max, get64(RLIMIT_RTTIME).max);

    raw_prlimit(0, RLIMIT_CORE, &l, NULL);
    set64(RLIMIT_NOFILE, 100, nofile.max);
    if ((pid = fork()) == 0)
        _exit(get64(RLIMIT_CORE).cur == l.cur && get64(RLIMIT_NOFILE).cur == 100 ? 0 : 1);
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork keeps the limits");
    if ((pid = fork()) == 0) {
        execl(self, self, "-exec", (char *)0);
        _exit(99);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "execve keeps the limits");
    raw_prlimit(0, RLIMIT_CORE, &saved, NULL);
    raw_prlimit(0, RLIMIT_NOFILE, &nofile, NULL);
}

static int exec_mode(void)
{
    struct lim64 core = get64(RLIMIT_CORE);
    return !(core.cur == 4096 || (core.max < 4096 && core.cur == core.max)) || get64(RLIMIT_NOFILE).cur != 100;
}

// NOFILE 6: no descriptor at or above it, though those open stay usable
static void test_nofile(const char *dir)
{
    struct lim64 saved = get64(RLIMIT_NOFILE);
    int fds[16], n = 0, high, i, p[2], err;
    struct pollfd pfd[8];

    high = dup2(1, 20);
    CHECK(set64(RLIMIT_NOFILE, 6, saved.max) == 0, "NOFILE set to 6");
    while (n < 16 && (fds[n] = open(dir, O_RDONLY | O_DIRECTORY)) >= 0)
        n++;
    err = errno;
    for (i = 0; i < n && fds[i] < 6; i++)
        ;
    errno = err;
    CHECK(n < 16 && i == n && err == EMFILE, "open: EMFILE with no descriptor below 6");
    errno = 0;
    CHECK(dup(0) < 0 && errno == EMFILE, "dup: EMFILE");
    errno = 0;
    CHECK(pipe(p) < 0 && errno == EMFILE, "pipe: EMFILE");
    errno = 0;
    CHECK(dup2(0, 10) < 0 && errno == EBADF, "dup2 to 10: EBADF");
    errno = 0;
    CHECK(dup3(0, 6, 0) < 0 && errno == EBADF, "dup3 to 6: EBADF");
    errno = 0;
    CHECK(fcntl(0, F_DUPFD, 10) < 0 && errno == EINVAL, "fcntl F_DUPFD 10: EINVAL");
    errno = 0;
    CHECK(fcntl(0, F_DUPFD_CLOEXEC, 6) < 0 && errno == EINVAL, "fcntl F_DUPFD_CLOEXEC 6: EINVAL");
    CHECK(high == 20 && write(20, "", 0) == 0 && close(20) == 0, "a descriptor above the limit stays usable");
    memset(pfd, 0, sizeof pfd);
    for (i = 0; i < 8; i++)
        pfd[i].fd = -1;
    errno = 0;
    CHECK(poll(pfd, 8, 0) < 0 && errno == EINVAL, "poll of more than NOFILE descriptors: EINVAL");
    for (i = 0; i < n; i++)
        close(fds[i]);
    CHECK(set64(RLIMIT_NOFILE, saved.cur, saved.max) == 0 && dup2(0, 10) == 10 && close(10) == 0,
          "NOFILE put back: dup2 to 10");
}

static volatile sig_atomic_t xfsz;

static void on_xfsz(int sig)
{
    (void)sig;
    xfsz++;
}

// FSIZE 1000: a write reaching past it is cut short, one starting at it is
// SIGXFSZ and EFBIG; truncate grows a file only up to it.  The answers are
// printed once the limit is lifted: stdout may be a file longer than 1000.
static void test_fsize(const char *dir)
{
    static const char *const names[] = {
        "FSIZE set to 1000", "write 600 bytes", "write 600 more: 400 written, no signal",
        "write of 0 bytes at the limit: 0, no signal", "write at the limit: SIGXFSZ, EFBIG",
        "pwrite beyond it: SIGXFSZ, EFBIG", "pwrite across it: short", "ftruncate beyond it: SIGXFSZ, EFBIG",
        "ftruncate within it", "truncate beyond it: SIGXFSZ, EFBIG", "a device has no size limit",
        "SIGXFSZ ignored: EFBIG",
    };
    struct lim64 saved = get64(RLIMIT_FSIZE);
    char path[256], buf[600];
    int fd, st, devnull, ok[12], i;
    pid_t pid;

    memset(buf, 'x', sizeof buf);
    snprintf(path, sizeof path, "%s/big", dir);
    signal(SIGXFSZ, on_xfsz);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    devnull = open("/dev/null", O_WRONLY);
    ok[0] = set64(RLIMIT_FSIZE, 1000, saved.max) == 0;
    ok[1] = write(fd, buf, 600) == 600;
    ok[2] = write(fd, buf, 600) == 400 && xfsz == 0;
    ok[3] = write(fd, buf, 0) == 0 && xfsz == 0;
    errno = 0;
    ok[4] = write(fd, buf, 1) < 0 && errno == EFBIG && xfsz == 1;
    errno = 0;
    ok[5] = pwrite(fd, buf, 10, 5000) < 0 && errno == EFBIG && xfsz == 2;
    ok[6] = pwrite(fd, buf, 10, 995) == 5;
    errno = 0;
    ok[7] = ftruncate(fd, 5000) < 0 && errno == EFBIG && xfsz == 3;
    ok[8] = ftruncate(fd, 500) == 0 && ftruncate(fd, 1000) == 0 && xfsz == 3;
    errno = 0;
    ok[9] = truncate(path, 1001) < 0 && errno == EFBIG && xfsz == 4;
    ok[10] = write(devnull, buf, 600) == 600 && write(devnull, buf, 600) == 600 && xfsz == 4;
    signal(SIGXFSZ, SIG_IGN);
    lseek(fd, 0, SEEK_END);
    errno = 0;
    ok[11] = write(fd, buf, 1) < 0 && errno == EFBIG;
    signal(SIGXFSZ, SIG_DFL);
    if ((pid = fork()) == 0) {
        write(fd, buf, 1);
        _exit(0);
    }
    st = status_of(pid);
    CHECK(set64(RLIMIT_FSIZE, saved.cur, saved.max) == 0 && write(fd, buf, 1) == 1, "FSIZE put back");
    for (i = 0; i < 12; i++)
        check(ok[i], names[i], 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ, "SIGXFSZ's default action ends the writer");
    close(fd);
    close(devnull);
    unlink(path);
}

static int cpu_pipe;

static void on_xcpu(int sig)
{
    uint32_t soft = (uint32_t)get64(RLIMIT_CPU).cur;
    (void)sig;
    write(cpu_pipe, &soft, 4);
}

// a child spinning for at most 6 s of real time: 0 if it got there
static int spin(void)
{
    long end = now_ms() + 6000;
    while (now_ms() < end)
        ;
    return 0;
}

// CPU 1 s soft, 2 s hard: SIGXCPU at 1 s (the soft limit becoming 2),
// SIGKILL at 2 s; with no hard limit SIGXCPU's default action ends it
static void test_cpu(void)
{
    int p[2], st, n = 0;
    uint32_t soft[4] = { 0, 0, 0, 0 };
    pid_t pid, pid2;

    pipe(p);
    if ((pid = fork()) == 0) {
        close(p[0]);
        cpu_pipe = p[1];
        signal(SIGXCPU, on_xcpu);
        set64(RLIMIT_CPU, 1, 2);
        _exit(spin());
    }
    if ((pid2 = fork()) == 0) {
        set64(RLIMIT_CPU, 1, INF64);
        _exit(spin());
    }
    close(p[1]);
    st = status_of(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "CPU: SIGKILL at the hard limit");
    n = (int)read(p[0], soft, sizeof soft);
    CHECK(n >= 4 && soft[0] == 2, "CPU: SIGXCPU at the soft limit, which becomes 2");
    close(p[0]);
    st = status_of(pid2);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU, "CPU: SIGXCPU's default action ends the process");
}

static int deep(int n)
{
    volatile char page[4096];
    page[0] = (char)n;
    page[4095] = (char)n;
    return n ? deep(n - 1) + page[0] : page[4095];
}

// STACK 256 KiB: 2 MiB of stack ends in SIGSEGV; 64 KiB is fine
static void test_stack(void)
{
    int st;
    pid_t pid;
    if ((pid = fork()) == 0) {
        set64(RLIMIT_STACK, 256 << 10, get64(RLIMIT_STACK).max);
        deep(16);
        _exit(deep(512) == -1);
    }
    st = status_of(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "STACK: growth beyond it is SIGSEGV");
}

// AS 64 MiB: a 128 MiB mmap, an mremap to it and a 128 MiB brk fail;
// DATA 64 MiB: a 128 MiB brk fails; small ones pass.  In a child: its
// address space is what changes.
static void test_memory(void)
{
    int st;
    pid_t pid;
    if ((pid = fork()) == 0) {
        void *p, *q;
        set64(RLIMIT_AS, 64 << 20, INF64);
        errno = 0;
        p = mmap(NULL, 128 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(p == MAP_FAILED && errno == ENOMEM, "AS: a 128 MiB mmap is ENOMEM");
        p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(p != MAP_FAILED, "AS: a 1 MiB mmap passes");
        errno = 0;
        q = mremap(p, 1 << 20, 128 << 20, MREMAP_MAYMOVE);
        CHECK(q == MAP_FAILED && errno == ENOMEM, "AS: mremap to 128 MiB is ENOMEM");
        errno = 0;
        CHECK(sbrk(128 << 20) == (void *)-1 && errno == ENOMEM, "AS: a 128 MiB brk fails");
        set64(RLIMIT_AS, INF64, INF64);
        set64(RLIMIT_DATA, 64 << 20, INF64);
        errno = 0;
        CHECK(sbrk(128 << 20) == (void *)-1 && errno == ENOMEM, "DATA: a 128 MiB brk fails");
        CHECK(sbrk(64 << 10) != (void *)-1, "DATA: a 64 KiB brk passes");
        _exit(failures != 0);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "AS and DATA checks in a child");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "-exec"))
        return exec_mode();
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    test_round_trips();
    test_rules();
    test_core();
    test_processes(argv[0]);
    test_nofile(argv[1]);
    test_fsize(argv[1]);
    test_stack();
    test_memory();
    test_cpu();
    return done("rlimit_test");
}
