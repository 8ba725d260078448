// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/flock_test.c [DIR]: flock(2)'s advisory locks as Linux keeps
// them (autom4te locks its cache with them): one exclusive or any number
// of shared locks on a file, each held by an open file description, so a
// second open of the same file conflicts (LOCK_NB: EWOULDBLOCK) and a dup
// does not; LOCK_UN and the last close let go; a blocked LOCK_EX waits
// until the holder lets go, and a signal (handler without SA_RESTART) cuts
// the wait short with EINTR; EBADF and EINVAL.  It writes DIR/flock-file
// (default /tmp).
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static char path[4096];

static int open_file(void)
{
    return open(path, O_RDWR | O_CREAT, 0644);
}

static void on_usr1(int sig)
{
    (void)sig;
}

static void test_conflicts(void)
{
    int a = open_file(), b = open_file(), c = open_file(), d;

    CHECK(a >= 0 && b >= 0 && c >= 0, "three opens of one file");
    CHECK(flock(a, LOCK_EX) == 0, "LOCK_EX on the first");
    CHECK(flock(b, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK, "LOCK_EX|LOCK_NB on the second: EWOULDBLOCK");
    CHECK(flock(b, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK, "LOCK_SH|LOCK_NB on the second: EWOULDBLOCK");
    d = dup(a);
    CHECK(flock(d, LOCK_EX | LOCK_NB) == 0, "a dup shares the lock: LOCK_EX|LOCK_NB on it succeeds");
    CHECK(flock(a, LOCK_UN) == 0 && flock(b, LOCK_SH | LOCK_NB) == 0 && flock(c, LOCK_SH | LOCK_NB) == 0,
          "after LOCK_UN, two shared locks at once");
    CHECK(flock(a, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK, "LOCK_EX beside shared locks: EWOULDBLOCK");
    close(b);
    CHECK(flock(a, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK, "one shared lock left: still EWOULDBLOCK");
    close(c);
    CHECK(flock(a, LOCK_EX | LOCK_NB) == 0, "the last close let go: LOCK_EX|LOCK_NB succeeds");
    CHECK(flock(a, LOCK_SH) == 0, "an exclusive lock turned shared");
    close(a);
    CHECK(flock(d, LOCK_UN) == 0, "LOCK_UN on the dup that still holds it");
    close(d);
    CHECK(flock(999, LOCK_SH) == -1 && errno == EBADF, "a descriptor not open: EBADF");
    a = open_file();
    CHECK(flock(a, LOCK_SH | LOCK_EX) == -1 && errno == EINVAL, "LOCK_SH|LOCK_EX: EINVAL");
    CHECK(flock(a, 0) == -1 && errno == EINVAL, "no operation: EINVAL");
    close(a);
}

// the parent holds LOCK_EX; a child's LOCK_EX waits until it lets go
static void test_wait(void)
{
    int a = open_file(), p[2], status;
    char c;
    pid_t pid;

    CHECK(a >= 0 && pipe(p) == 0 && flock(a, LOCK_EX) == 0, "the parent's LOCK_EX");
    if ((pid = fork()) == 0) {
        int b = open_file();
        close(p[0]);
        if (flock(b, LOCK_EX) == 0)
            write(p[1], "L", 1);
        _exit(0);
    }
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    sleep_ms(200);
    CHECK(read(p[0], &c, 1) == -1 && errno == EAGAIN, "the child waits while the parent holds the lock");
    CHECK(flock(a, LOCK_UN) == 0, "the parent lets go");
    fcntl(p[0], F_SETFL, 0);
    CHECK(read(p[0], &c, 1) == 1 && c == 'L', "then the child has the lock");
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status), "the child exits");
    close(p[0]);
    close(a);
}

// a signal with a handler installed without SA_RESTART ends the wait: EINTR
static void test_signal(void)
{
    int a = open_file(), p[2], status;
    struct sigaction sa;
    char c;
    pid_t pid;

    CHECK(a >= 0 && pipe(p) == 0 && flock(a, LOCK_EX) == 0, "the parent's LOCK_EX again");
    if ((pid = fork()) == 0) {
        int b = open_file();
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_usr1;
        sigaction(SIGUSR1, &sa, NULL);
        close(p[0]);
        write(p[1], "w", 1);
        c = flock(b, LOCK_EX) == -1 && errno == EINTR ? 'I' : 'x';
        write(p[1], &c, 1);
        _exit(0);
    }
    close(p[1]);
    CHECK(read(p[0], &c, 1) == 1 && c == 'w', "the child is about to wait");
    sleep_ms(200);
    kill(pid, SIGUSR1);
    CHECK(read(p[0], &c, 1) == 1 && c == 'I', "SIGUSR1 cuts the child's wait short: EINTR");
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status), "that child exits");
    close(p[0]);
    close(a);
}

int main(int argc, char **argv)
{
    snprintf(path, sizeof path, "%s/flock-file", argc > 1 ? argv[1] : "/tmp");
    test_conflicts();
    test_wait();
    test_signal();
    unlink(path);
    return done("flock_test");
}
