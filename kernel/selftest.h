// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/selftest.h: checks the kernel runs on itself at boot (kernel/selftest.c).
#ifndef SELFTEST_H
#define SELFTEST_H
int selftest_run(void);             // the number of failed checks
void selftest_fault(const char *what);   // test=pagefault and friends
#endif
