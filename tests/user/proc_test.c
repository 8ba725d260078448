// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/proc_test.c [DIR]: processes, pipes and signals as a static glibc
// program sees them: fork, vfork, exec (arguments, environment, #! scripts,
// errors), wait statuses of children that exit, fault or are killed, WNOHANG;
// pipes with end of file, EPIPE and SIGPIPE, O_NONBLOCK, redirection and a
// megabyte checked byte for byte; signal handlers, masks, default actions,
// SIGCHLD, and registers and the FPU surviving signals that arrive in the
// middle of a computation (sigreturn; USERTEST_QEMU_USER in the environment
// skips the x87 part, which qemu-user gets wrong); CPU time (times,
// getrusage, wait4's rusage).  The program is also its
// own child: the "-exit", "-env", "-echo", "-closed" and "-script" modes are
// what it execs.
// DIR (default /tmp/usertest) holds the only file it writes, the script.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t got_usr1, got_chld, usr2_depth, usr2_max_depth, usr2_count, ticks;
static volatile int info_signo, info_code, info_pid;
static int *volatile nowhere = (int *)16;  // an address no program maps

static void on_usr1(int sig) { got_usr1 = sig; }
static void on_chld(int sig) { got_chld = sig; }

static int status_of(pid_t pid)
{
    int st = -1;
    waitpid(pid, &st, 0);
    return st;
}

static int exited_with(pid_t pid, int code)
{
    int st = status_of(pid);
    return WIFEXITED(st) && WEXITSTATUS(st) == code;
}

static int killed_by(pid_t pid, int sig)
{
    int st = status_of(pid);
    return WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

static void test_wait_statuses(void)
{
    pid_t pid, me = getpid(), got = 0;
    int st = -1;

    if ((pid = fork()) == 0)
        _exit(42);
    CHECK(pid > 0 && exited_with(pid, 42), "fork: the child's exit status reaches waitpid");
    if ((pid = fork()) == 0)
        _exit(255);
    CHECK(exited_with(pid, 255), "exit status 255 arrives whole");
    if ((pid = fork()) == 0)
        _exit(getppid() == me ? 0 : 1);
    CHECK(exited_with(pid, 0), "getppid in the child is the parent's pid");
    if ((pid = fork()) == 0)
        *nowhere = 1;                   // a fault in the child
    CHECK(killed_by(pid, SIGSEGV), "a faulting child dies of SIGSEGV (WIFSIGNALED)");
    if ((pid = fork()) == 0) {
        pause();
        _exit(0);
    }
    CHECK(waitpid(pid, &st, WNOHANG) == 0, "waitpid WNOHANG on a running child returns 0");
    CHECK(kill(pid, SIGTERM) == 0 && killed_by(pid, SIGTERM), "kill(SIGTERM) ends a child with that signal");
    if ((pid = fork()) == 0)
        _exit(6);
    for (int i = 0; i < 500 && got == 0; i++) {   // up to 5 s for it to become a zombie
        got = waitpid(pid, &st, WNOHANG);
        if (got == 0)
            sleep_ms(10);
    }
    CHECK(got == pid && WIFEXITED(st) && WEXITSTATUS(st) == 6, "waitpid WNOHANG reaps a child that has exited");
    CHECK(waitpid(-1, &st, 0) == -1 && errno == ECHILD, "no children left: ECHILD");
    CHECK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "WNOHANG with no children: ECHILD");
}

static void test_exec(const char *self)
{
    char *env[] = { "USERTEST=passed through", NULL };
    pid_t pid;

    if ((pid = fork()) == 0) {
        execl(self, self, "-exit", "7", (char *)0);
        _exit(99);
    }
    CHECK(exited_with(pid, 7), "execve passes the arguments");
    if ((pid = fork()) == 0) {
        execle(self, self, "-env", (char *)0, env);
        _exit(99);
    }
    CHECK(exited_with(pid, 0), "execve passes the environment");
    if ((pid = vfork()) == 0)
        _exit(3);
    CHECK(exited_with(pid, 3), "vfork, then _exit");
    if ((pid = vfork()) == 0) {
        execl(self, self, "-exit", "5", (char *)0);
        _exit(99);
    }
    CHECK(exited_with(pid, 5), "vfork, then execve");
    // one string of at most 128 KiB with its NUL (Linux's MAX_ARG_STRLEN),
    // though all of them together may be more
    static char big[128 * 1024 + 1];
    memset(big, 'x', sizeof big - 2);
    if ((pid = fork()) == 0) {
        execl(self, self, "-exit", "9", big, (char *)0);
        _exit(99);
    }
    CHECK(exited_with(pid, 9), "execve with an argument of 128 KiB - 1 bytes");
    big[sizeof big - 2] = 'x';
    // each in a child: an exec the kernel lets through would end this test
    if ((pid = fork()) == 0)
        _exit(execl(self, self, "-exit", "9", big, (char *)0) == -1 && errno == E2BIG ? 0 : 1);
    CHECK(exited_with(pid, 0), "execve with an argument of 128 KiB: E2BIG");
    if ((pid = fork()) == 0)
        _exit(execle(self, self, "-exit", "9", (char *)0, (char *[]){ big, NULL }) == -1 &&
              errno == E2BIG ? 0 : 1);
    CHECK(exited_with(pid, 0), "execve with an environment string of 128 KiB: E2BIG");
    CHECK(execl("/no/such/program", "x", (char *)0) == -1 && errno == ENOENT, "execve of a missing file: ENOENT");
    CHECK(execl("/", "/", (char *)0) == -1 && errno == EACCES, "execve of a directory: EACCES");
}

// The script's interpreter is this program in "-script" mode, which checks
// the argument vector Linux builds: interpreter, its one argument, the
// script's path, then the arguments execve was given.
static void test_script(const char *dir, const char *self)
{
    char path[512], text[600];
    pid_t pid;
    int fd;

    snprintf(path, sizeof path, "%s/script", dir);
    snprintf(text, sizeof text, "#!%s -script\n", self);
    fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);
    CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text), "write a #! script");
    close(fd);
    chmod(path, 0755);                  // whatever the umask
    if ((pid = fork()) == 0) {
        execl(path, path, "extra", (char *)0);
        _exit(99);
    }
    CHECK(exited_with(pid, 17), "execve of a #! script: interpreter, its argument, the script, the rest");
    chmod(path, 0644);
    CHECK(execl(path, path, (char *)0) == -1 && errno == EACCES, "execve of a file without x: EACCES");
    unlink(path);
}

static int script_mode(int argc, char **argv)
{
    return argc == 4 && !strcmp(argv[1], "-script") && strstr(argv[2], "/script") &&
           !strcmp(argv[3], "extra") ? 17 : 1;
}

// 1 MiB of a pattern, written in 1000-byte pieces and read in 4096-byte
// ones, so the pipe's buffer wraps at every place
static void test_pipe_megabyte(void)
{
    static char buf[4096];
    const long total = 1 << 20;
    long got = 0, bad = 0;
    int p[2];
    ssize_t n;
    pid_t pid;

    CHECK(pipe(p) == 0, "pipe");
    if ((pid = fork()) == 0) {
        close(p[0]);
        for (long off = 0; off < total; off += 1000) {
            long len = total - off < 1000 ? total - off : 1000;
            for (long i = 0; i < len; i++)
                buf[i] = (char)((off + i) % 251);
            if (write(p[1], buf, len) != len)
                _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    while ((n = read(p[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            bad += buf[i] != (char)((got + i) % 251);
        got += n;
    }
    CHECK(n == 0 && got == total, "1 MiB between processes through a pipe, then end of file");
    CHECK(bad == 0, "every byte of it arrives in order");
    close(p[0]);
    CHECK(exited_with(pid, 0), "the writer finished");
}

static void test_pipe_ends(const char *self)
{
    char buf[64];
    int p[2];
    ssize_t n;
    pid_t pid;

    CHECK(pipe(p) == 0, "pipe again");
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE, "write with no reader, SIGPIPE ignored: EPIPE");
    signal(SIGPIPE, SIG_DFL);
    if ((pid = fork()) == 0) {
        write(p[1], "x", 1);
        _exit(0);
    }
    CHECK(killed_by(pid, SIGPIPE), "write with no reader kills with SIGPIPE");
    close(p[1]);

    CHECK(pipe2(p, O_NONBLOCK) == 0 && read(p[0], buf, 1) == -1 && errno == EAGAIN,
          "pipe2 O_NONBLOCK: an empty pipe reads EAGAIN");
    CHECK(write(p[1], "ab", 2) == 2 && close(p[1]) == 0 && read(p[0], buf, sizeof buf) == 2 &&
          read(p[0], buf, sizeof buf) == 0, "data, then end of file once the writer is closed");
    close(p[0]);

    CHECK(pipe2(p, O_CLOEXEC) == 0 && (fcntl(p[0], F_GETFD) & FD_CLOEXEC), "pipe2 O_CLOEXEC");
    if ((pid = fork()) == 0) {
        dup2(p[1], 1);
        execl(self, self, "-echo", "through dup2", (char *)0);
        _exit(99);
    }
    close(p[1]);
    n = read(p[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    CHECK(!strcmp(buf, "through dup2\n") && read(p[0], buf, 1) == 0,
          "a child's stdout dup2'd into a pipe, then end of file");
    status_of(pid);
    if ((pid = fork()) == 0) {
        snprintf(buf, sizeof buf, "%d", p[0]);
        execl(self, self, "-closed", buf, (char *)0);
        _exit(99);
    }
    CHECK(exited_with(pid, 0), "execve closes an O_CLOEXEC descriptor");
    close(p[0]);
}

static void on_usr2(int sig)
{
    usr2_count++;
    if (++usr2_depth > usr2_max_depth)
        usr2_max_depth = usr2_depth;
    if (usr2_count == 1)
        kill(getpid(), sig);            // blocked until this handler returns
    usr2_depth--;
}

static void test_signal_basics(void)
{
    struct sigaction sa;
    sigset_t set, old, now;
    pid_t pid;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
    CHECK(kill(getpid(), SIGUSR1) == 0 && got_usr1 == SIGUSR1, "a handler runs for a signal sent to oneself");
    got_usr1 = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    kill(getpid(), SIGUSR1);
    CHECK(got_usr1 == 0, "a blocked signal waits");
    sigprocmask(SIG_SETMASK, &old, NULL);
    CHECK(got_usr1 == SIGUSR1, "it arrives on unblocking");

    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    CHECK(usr2_count == 2 && usr2_max_depth == 1, "a signal is blocked in its own handler, delivered after it");
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK(!sigismember(&now, SIGUSR2), "sigreturn restores the mask");

    sa.sa_handler = on_chld;
    sigaction(SIGCHLD, &sa, NULL);
    if ((pid = fork()) == 0)
        _exit(0);
    status_of(pid);
    CHECK(got_chld == SIGCHLD, "SIGCHLD reaches the parent");
    signal(SIGCHLD, SIG_DFL);
    signal(SIGUSR2, SIG_IGN);
    CHECK(kill(getpid(), SIGUSR2) == 0, "an ignored signal does nothing");
    if ((pid = fork()) == 0) {
        signal(SIGUSR1, SIG_DFL);
        kill(getpid(), SIGUSR1);
        _exit(0);
    }
    CHECK(killed_by(pid, SIGUSR1), "SIGUSR1's default action ends the process");
    if ((pid = fork()) == 0) {
        kill(getpid(), SIGCHLD);        // default: ignored
        _exit(8);
    }
    CHECK(exited_with(pid, 8), "SIGCHLD's default action is to ignore it");
    signal(SIGUSR2, SIG_DFL);
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    info_signo = si->si_signo == sig ? sig : -1;
    info_code = si->si_code;
    info_pid = si->si_pid;
    (void)uc;
}

// SA_SIGINFO: glibc's restorer for such a handler is rt_sigreturn (for the
// others it is sigreturn)
static void test_siginfo(void)
{
    struct sigaction sa;
    sigset_t set;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0 && kill(getpid(), SIGUSR1) == 0 && info_signo == SIGUSR1 &&
          info_code == SI_USER && info_pid == getpid(), "an SA_SIGINFO handler: si_signo, si_code SI_USER, si_pid");
    sigprocmask(SIG_BLOCK, NULL, &set);
    CHECK(!sigismember(&set, SIGUSR1) && !sigismember(&set, SIGUSR2), "rt_sigreturn restores the mask sa_mask widened");
    signal(SIGUSR1, SIG_DFL);
}

// A handler that dirties the integer registers, the flags and the FPU stack.
static void on_tick(int sig)
{
    volatile double d = sig;
    volatile uint32_t u = 12345;

    for (int i = 0; i < 50; i++) {
        d = d * 1.0001 + 0.5;
        u = u * 1103515245u + 12345u;
    }
    ticks++;
}

// Computes without system calls until n rounds or *stop reaches 20 signals;
// a signal arriving between any two instructions must change nothing.
static __attribute__((noinline)) uint32_t churn(long n, volatile sig_atomic_t *stop, long *rounds, double *f)
{
    uint32_t a = 1, b = 2, c = 3, d = 4;
    double x = 1.0;
    long i;

    for (i = 0; i < n && *stop < 20; i++) {
        a += b ^ (uint32_t)i;
        b = ((b << 3) | (b >> 29)) + c;
        c ^= a * 2654435761u;
        d += c >> 7;
        x = x * 0.999 + (double)(a & 255);
    }
    *rounds = i;
    *f = x;
    return a ^ b ^ c ^ d;
}

static void test_signal_registers(void)
{
    static volatile sig_atomic_t never;
    struct sigaction sa;
    long rounds, again;
    double f1, f2;
    uint32_t r1, r2;
    pid_t pid, parent = getpid();

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sigaction(SIGUSR1, &sa, NULL);
    if ((pid = fork()) == 0) {
        for (;;) {                      // until killed
            kill(parent, SIGUSR1);
            sleep_ms(2);
        }
    }
    r1 = churn(400000000L, &ticks, &rounds, &f1);
    kill(pid, SIGKILL);
    status_of(pid);
    CHECK(ticks > 0, "signals from another process arrive during a computation without system calls");
    r2 = churn(rounds, &never, &again, &f2);
    CHECK(again == rounds && r1 == r2, "integer registers and flags survive them (sigreturn)");
    if (getenv("USERTEST_QEMU_USER"))
        skip("the x87 register stack survives them", "qemu-user (7.2) loses it across a signal handler");
    else
        CHECK(f1 == f2, "the x87 register stack survives them");
    signal(SIGUSR1, SIG_DFL);
}

// computes for n clock ticks of the wall clock (times' return value), with
// a system call every `work` steps of the loop
static void spin_ticks(clock_t n, int work)
{
    struct tms t;
    clock_t end = times(&t) + n;
    volatile unsigned long x = 0;
    while (times(&t) < end)
        for (int i = 0; i < work; i++)
            x++;
}

static long usec(struct timeval tv)
{
    return tv.tv_sec * 1000000L + tv.tv_usec;
}

// A computation is user time, a loop of system calls mostly system time; a
// child's time reaches its parent once waited for: wait4's rusage,
// RUSAGE_CHILDREN and times' cutime.  Half of each spin is the margin for
// the other kind of time.
static void test_cpu_times(void)
{
    long hz = sysconf(_SC_CLK_TCK), sys_before;
    struct tms t;
    struct rusage ru;
    pid_t pid;
    int st;

    spin_ticks(hz / 2, 100000);
    CHECK(times(&t) != (clock_t)-1 && t.tms_utime >= hz / 4, "times: half a second's computation is user time");
    CHECK(getrusage(RUSAGE_SELF, &ru) == 0 && usec(ru.ru_utime) >= 250000, "getrusage(RUSAGE_SELF): the same");
    sys_before = usec(ru.ru_stime);
    spin_ticks(hz / 2, 0);
    CHECK(getrusage(RUSAGE_SELF, &ru) == 0 && usec(ru.ru_stime) - sys_before >= 100000,
          "half a second of system calls (times) is system time, at least a fifth of it");
    if ((pid = fork()) == 0) {
        spin_ticks(hz / 2, 100000);
        _exit(0);
    }
    CHECK(wait4(pid, &st, 0, &ru) == pid && usec(ru.ru_utime) >= 250000, "wait4's rusage: the child's user time");
    CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0 && usec(ru.ru_utime) >= 250000,
          "getrusage(RUSAGE_CHILDREN) counts the child waited for");
    CHECK(times(&t) != (clock_t)-1 && t.tms_cutime >= hz / 4, "times: the children's user time");
    CHECK(getrusage(7, &ru) == -1 && errno == EINVAL, "getrusage: an unknown who is EINVAL");
}

static volatile int old_signal_runs, old_signal_blocked;

static void on_old_signal(int sig)
{
    sigset_t now;

    old_signal_runs++;
    sigprocmask(SIG_BLOCK, NULL, &now);
    old_signal_blocked = sigismember(&now, sig);
}

// signal(48) itself, as Mes's C library calls it (glibc's signal() is
// rt_sigaction): System V semantics, the old handler as the result
static void test_old_signal(void)
{
    struct sigaction now;

    signal(SIGUSR1, SIG_DFL);
    CHECK(syscall(SYS_signal, SIGUSR1, on_old_signal) == (long)SIG_DFL, "signal(48) answers the old handler");
    CHECK(syscall(SYS_signal, SIGUSR1, on_old_signal) == (long)on_old_signal, "and again the one it set");
    kill(getpid(), SIGUSR1);
    CHECK(old_signal_runs == 1, "its handler runs");
    CHECK(!old_signal_blocked, "without the signal blocked inside it");
    sigaction(SIGUSR1, NULL, &now);
    CHECK(now.sa_handler == SIG_DFL, "and is reset to SIG_DFL when it runs");
    CHECK(syscall(SYS_signal, SIGKILL, SIG_IGN) == -1 && errno == EINVAL, "signal(48) of SIGKILL: EINVAL");
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/usertest";

    if (argc > 2 && !strcmp(argv[1], "-exit"))
        return atoi(argv[2]);
    if (argc > 1 && !strcmp(argv[1], "-env"))
        return !(getenv("USERTEST") && !strcmp(getenv("USERTEST"), "passed through"));
    if (argc > 2 && !strcmp(argv[1], "-echo"))
        return printf("%s\n", argv[2]) < 0;
    if (argc > 2 && !strcmp(argv[1], "-closed"))
        return !(fcntl(atoi(argv[2]), F_GETFD) == -1 && errno == EBADF);
    if (argc > 1 && !strcmp(argv[1], "-script"))
        return script_mode(argc, argv);
    mkdir(dir, 0755);
    test_wait_statuses();
    test_exec(argv[0]);
    test_script(dir, argv[0]);
    test_pipe_megabyte();
    test_pipe_ends(argv[0]);
    test_signal_basics();
    test_old_signal();
    test_siginfo();
    test_signal_registers();
    test_cpu_times();
    return done("proc_test");
}
