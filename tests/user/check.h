// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/check.h: the checks of the user-space test programs.  Each
// check prints "ok - what" or "not ok - what: errno N (text)"; a check that
// cannot mean anything where it runs prints "ok - what # SKIP why" (TAP's
// form, so a runner counting "not ok" lines needs nothing new).  A program
// exits 0 only when nothing failed (done()), so a runner needs no parsing.
// Programs run unmodified under our kernel, on Linux and under qemu-i386.
#ifndef USER_CHECK_H
#define USER_CHECK_H
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int failures, checks;

// the monotonic clock in ms, and a sleep of ms, for the timing checks
static inline long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static inline void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

// cond first, errno after it (as arguments their order would be unspecified),
// so a failing call's errno is what the line shows
#define CHECK(cond, what) do { int ok_ = (cond) != 0; check(ok_, what, errno); } while (0)

static inline void check(int ok, const char *what, int err)
{
    checks++;
    if (ok) {
        printf("ok - %s\n", what);
    } else {
        printf("not ok - %s: errno %d (%s)\n", what, err, strerror(err));
        failures++;
    }
    fflush(stdout);                     // before any fork, so no line is printed twice
}

static inline void skip(const char *what, const char *why)
{
    checks++;
    printf("ok - %s # SKIP %s\n", what, why);
    fflush(stdout);
}

// the last line and the exit status: 0 only when every check passed (a count
// of failures would wrap at 256)
static inline int done(const char *prog)
{
    printf("%s: %d checks, %d failed\n", prog, checks, failures);
    return failures != 0;
}
#endif
