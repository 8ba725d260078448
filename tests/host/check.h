// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/check.h: the tiny assertion kit of the host tests.  CHECK keeps
// going after a failure so one run shows every broken case; check_summary
// prints `NAME: N checks, M failed` and gives the exit status.
#ifndef CHECK_H
#define CHECK_H
#include <stdio.h>

static int checks_run, checks_failed;

#define CHECK(cond) check_one((cond), #cond, __FILE__, __LINE__)

static inline int check_one(int ok, const char *text, const char *file, int line)
{
    checks_run++;
    if (!ok) {
        checks_failed++;
        printf("%s:%d: check failed: %s\n", file, line, text);
    }
    return ok;
}

static inline int check_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, checks_run, checks_failed);
    return checks_failed != 0;
}
#endif
