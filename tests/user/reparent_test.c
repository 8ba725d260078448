// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/reparent_test.c [DIR]: an orphan's exit signal.  A child made by
// clone() with exit signal 32 (glibc's SIGCANCEL, which kills by default)
// outlives its parent and goes to init; when it ends, init must get SIGCHLD,
// not signal 32, as Linux's reparent_leader makes it.  Before the fix the
// fuzzer (fuzz_syscalls, seed 28) found, init (busybox sh) was killed by
// signal 32 and the whole run stopped: a run of every test program under
// busybox (tests/qemu/userprogs_test.sh) sees that as its own failure.
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
    int p[2], st = -1;
    char c;
    pid_t mid;

    CHECK(pipe(p) == 0, "pipe");
    mid = fork();
    if (mid == 0) {
        // the orphan-to-be: a plain copy (no CLONE_VM), exit signal 32
        if (syscall(SYS_clone, 32, 0, 0, 0, 0) == 0) {
            close(p[0]);
            sleep_ms(200);              // its parent has ended by now
            _exit(0);                   // closes p[1]: the test sees end of file
        }
        _exit(0);
    }
    close(p[1]);
    CHECK(waitpid(mid, &st, 0) == mid && WIFEXITED(st), "the middle process ends first");
    CHECK(read(p[0], &c, 1) == 0, "the orphan ends later");
    sleep_ms(100);                      // time for init to be signalled
    CHECK(getppid() > 0, "init still runs its script");
    return done("reparent_test");
}
