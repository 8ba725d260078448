// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/prctl_test.c [DIR]: the prctl options programs use, answered
// as Linux does: the thread's name (truncated to 15 bytes, EFAULT for a bad
// pointer); the parent-death signal (sent when the parent ends, cleared by
// fork); dumpable (0 or 1, EINVAL else, 1 again after exec); no_new_privs
// (only ever set, kept across fork and exec); the capability bounding set
// (a valid number answers 0 or 1, past the last EINVAL); an unknown option
// EINVAL.  The "--after-exec" mode is what it execs: it prints two numbers.
// DIR is not written.
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static int report_fd;

static void on_parent_death(int sig)
{
    char c = (char)sig;
    write(report_fd, &c, 1);
    _exit(0);
}

static void test_name(void)
{
    char name[32];

    CHECK(prctl(PR_SET_NAME, "short-name") == 0 && prctl(PR_GET_NAME, name) == 0 &&
          strcmp(name, "short-name") == 0, "PR_SET_NAME, then PR_GET_NAME gives it");
    CHECK(prctl(PR_SET_NAME, "a-name-of-twenty-bytes") == 0 && prctl(PR_GET_NAME, name) == 0 &&
          strcmp(name, "a-name-of-twent") == 0, "a longer name is cut to 15 bytes");
    CHECK(prctl(PR_SET_NAME, (char *)16) == -1 && errno == EFAULT, "PR_SET_NAME from a bad pointer: EFAULT");
    CHECK(prctl(PR_GET_NAME, (char *)16) == -1 && errno == EFAULT, "PR_GET_NAME to a bad pointer: EFAULT");
}

// a grandchild asks for SIGUSR1 when its parent ends; the parent ends
static void test_parent_death(void)
{
    int report[2], ready[2], sig = -1, status;
    char got = 0;
    pid_t middle;

    pipe(report);
    pipe(ready);
    middle = fork();
    if (middle == 0) {
        pid_t child = fork();
        if (child == 0) {
            report_fd = report[1];
            signal(SIGUSR1, on_parent_death);
            prctl(PR_SET_PDEATHSIG, SIGUSR1);
            write(ready[1], "r", 1);
            for (;;)
                pause();
        }
        read(ready[0], &got, 1);
        _exit(0);                       // the child's parent ends
    }
    close(report[1]);
    waitpid(middle, &status, 0);
    alarm(5);                           // a signal that never comes fails the read, not the run
    CHECK(read(report[0], &got, 1) == 1 && got == SIGUSR1, "the parent-death signal arrives when the parent ends");
    alarm(0);
    close(report[0]);
    close(ready[0]);
    close(ready[1]);

    CHECK(prctl(PR_SET_PDEATHSIG, SIGTERM) == 0 && prctl(PR_GET_PDEATHSIG, &sig) == 0 && sig == SIGTERM,
          "PR_GET_PDEATHSIG gives what was set");
    middle = fork();
    if (middle == 0) {
        prctl(PR_GET_PDEATHSIG, &sig);
        _exit(sig);
    }
    waitpid(middle, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "fork clears it in the child");
    prctl(PR_SET_PDEATHSIG, 0);
    CHECK(prctl(PR_SET_PDEATHSIG, 65) == -1 && errno == EINVAL, "signal 65: EINVAL");
    CHECK(prctl(PR_GET_PDEATHSIG, (int *)16) == -1 && errno == EFAULT, "PR_GET_PDEATHSIG to a bad pointer: EFAULT");
}

static void test_flags(const char *self)
{
    int status, p[2];
    char out[16] = "";
    pid_t pid;

    CHECK(prctl(PR_GET_DUMPABLE) == 1, "dumpable at start");
    CHECK(prctl(PR_SET_DUMPABLE, 2) == -1 && errno == EINVAL, "PR_SET_DUMPABLE 2: EINVAL");
    CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0, "no_new_privs not set at start");
    CHECK(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0) == -1 && errno == EINVAL, "PR_SET_NO_NEW_PRIVS 2: EINVAL");
    CHECK(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 && errno == EINVAL, "PR_GET_NO_NEW_PRIVS with an argument: EINVAL");
    pipe(p);
    pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        prctl(PR_SET_DUMPABLE, 0);
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (prctl(PR_GET_DUMPABLE) != 0 || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
            _exit(3);
        execl(self, self, "--after-exec", (char *)NULL);
        _exit(4);
    }
    close(p[1]);
    read(p[0], out, sizeof out - 1);
    close(p[0]);
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 && strcmp(out, "1 1\n") == 0,
          "after PR_SET_DUMPABLE 0 and PR_SET_NO_NEW_PRIVS, exec: dumpable 1, no_new_privs 1");

    int r = prctl(PR_CAPBSET_READ, 0);
    CHECK(r == 0 || r == 1, "PR_CAPBSET_READ of capability 0: 0 or 1");
    CHECK(prctl(PR_CAPBSET_READ, 41) == -1 && errno == EINVAL, "PR_CAPBSET_READ past the last capability: EINVAL");
    CHECK(prctl(12345) == -1 && errno == EINVAL, "an unknown option: EINVAL");
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--after-exec") == 0) {
        printf("%d %d\n", prctl(PR_GET_DUMPABLE), prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
        return 0;
    }
    test_name();
    test_parent_death();
    test_flags(argv[0]);
    return done("prctl_test");
}
