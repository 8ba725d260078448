// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/check.h: the checks of the user-space test programs.  Each
// check prints "ok - what" or "not ok - what (errno text)"; the program's exit
// status is the number of failures (0: all passed), so a runner needs no
// parsing.  Programs run unmodified under our kernel and on Linux.
#ifndef USER_CHECK_H
#define USER_CHECK_H
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond, what) check((cond) != 0, what, errno)

static inline void check(int ok, const char *what, int err)
{
    if (ok) {
        printf("ok - %s\n", what);
    } else {
        printf("not ok - %s (errno %d: %s)\n", what, err, strerror(err));
        failures++;
    }
    fflush(stdout);
}
#endif
