// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/proc_test.c DIR: processes, pipes and signals, as a static
// glibc program sees them: fork, exec (also of a #! script), wait statuses
// of children that exit, fault or are killed, pipes with end of file, EPIPE
// and a megabyte through them, signal handlers, masks, SIGCHLD, and
// registers (and the FPU) that survive a handler.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t got_usr1, got_chld;
static int *volatile nowhere = (int *)16;  // an address no program maps

static void on_usr1(int sig) { got_usr1 = sig; }
static void on_chld(int sig) { got_chld = sig; }

static int status_of(pid_t pid)
{
    int st = -1;
    waitpid(pid, &st, 0);
    return st;
}

static void test_fork_wait(const char *self)
{
    pid_t pid;
    int st;

    if ((pid = fork()) == 0)
        _exit(42);
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "fork: the child's exit status reaches waitpid");
    if ((pid = fork()) == 0)
        *nowhere = 1;                   // a fault in the child
    st = status_of(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "a faulting child dies of SIGSEGV");
    if ((pid = fork()) == 0) {
        pause();
        _exit(0);
    }
    CHECK(waitpid(pid, &st, WNOHANG) == 0, "waitpid WNOHANG on a running child returns 0");
    kill(pid, SIGTERM);
    st = status_of(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "kill(SIGTERM) ends a child with that signal");
    CHECK(waitpid(-1, &st, 0) == -1 && errno == ECHILD, "no children left: ECHILD");
    if ((pid = fork()) == 0) {
        execl(self, self, "-exit", "7", (char *)0);
        _exit(99);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "execve of a program with arguments");
    if ((pid = vfork()) == 0)
        _exit(3);
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "vfork");
    CHECK(execl("/no/such/program", "x", (char *)0) == -1 && errno == ENOENT, "execve of a missing file: ENOENT");
}

static void test_script(const char *dir, const char *self)
{
    char path[512], text[600];
    pid_t pid;
    int fd, st;

    snprintf(path, sizeof path, "%s/script", dir);
    snprintf(text, sizeof text, "#!%s -exit\n", self);
    fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);
    CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text), "write a #! script");
    close(fd);
    if ((pid = fork()) == 0) {
        execl(path, path, (char *)0);    // runs "self -exit path": exit status = atoi(path) = 0
        _exit(99);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "execve of a #! script runs its interpreter");
    chmod(path, 0644);
    CHECK(execl(path, path, (char *)0) == -1 && errno == EACCES, "execve of a file without x: EACCES");
}

static void test_pipes(const char *self)
{
    static char buf[65536];
    int p[2], st;
    long total = 0;
    ssize_t n;
    pid_t pid;

    CHECK(pipe(p) == 0, "pipe");
    if ((pid = fork()) == 0) {
        close(p[0]);
        memset(buf, 'x', sizeof buf);
        for (int i = 0; i < 16; i++)
            if (write(p[1], buf, sizeof buf) != sizeof buf)
                _exit(1);
        _exit(0);
    }
    close(p[1]);
    while ((n = read(p[0], buf, sizeof buf)) > 0)
        total += n;
    CHECK(n == 0 && total == 16 * 65536, "1 MiB through a pipe, then end of file");
    close(p[0]);
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the writer finished");

    CHECK(pipe(p) == 0, "pipe again");
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE, "write with no reader: EPIPE");
    signal(SIGPIPE, SIG_DFL);
    if ((pid = fork()) == 0) {
        write(p[1], "x", 1);
        _exit(0);
    }
    st = status_of(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "write with no reader kills with SIGPIPE");
    close(p[1]);

    CHECK(pipe2(p, O_CLOEXEC) == 0 && (fcntl(p[0], F_GETFD) & FD_CLOEXEC), "pipe2 O_CLOEXEC");
    if ((pid = fork()) == 0) {
        dup2(p[1], 1);
        execl(self, self, "-echo", "through dup2", (char *)0);
        _exit(99);
    }
    close(p[1]);
    n = read(p[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    status_of(pid);
    CHECK(!strcmp(buf, "through dup2\n"), "a child's stdout redirected into a pipe");
    close(p[0]);
}

static void test_signals(void)
{
    struct sigaction sa;
    sigset_t set, old;
    volatile double x = 1.5;
    pid_t pid;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
    kill(getpid(), SIGUSR1);
    CHECK(got_usr1 == SIGUSR1, "a handler runs for a signal sent to oneself");
    got_usr1 = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    kill(getpid(), SIGUSR1);
    CHECK(got_usr1 == 0, "a blocked signal waits");
    x = x * 3.0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    CHECK(got_usr1 == SIGUSR1 && x == 4.5, "it arrives on unblocking; the FPU state survives");
    sa.sa_handler = on_chld;
    sigaction(SIGCHLD, &sa, NULL);
    if ((pid = fork()) == 0)
        _exit(0);
    status_of(pid);
    CHECK(got_chld == SIGCHLD, "SIGCHLD reaches the parent");
    signal(SIGUSR2, SIG_IGN);
    kill(getpid(), SIGUSR2);
    CHECK(1, "an ignored signal does nothing");
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";

    if (argc > 2 && !strcmp(argv[1], "-exit"))
        return atoi(argv[2]);
    if (argc > 2 && !strcmp(argv[1], "-echo"))
        return printf("%s\n", argv[2]) < 0;
    if (argc > 1 && !strcmp(argv[1], "-exit"))
        return 0;
    mkdir(dir, 0755);
    test_fork_wait(argv[0]);
    test_script(dir, argv[0]);
    test_pipes(argv[0]);
    test_signals();
    printf("proc_test: %d failed\n", failures);
    return failures;
}
