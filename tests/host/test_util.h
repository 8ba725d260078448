// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/test_util.h: see test_util.c.
#ifndef TEST_UTIL_H
#define TEST_UTIL_H
#include <stddef.h>
#include <stdint.h>

extern int tu_checks, tu_failed;
// Counts a check; prints the message when it failed.  Returns ok.
int tu_check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// Runs a shell command (formatted); returns its exit status.
int tu_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
// Prints "name: N checks, M failed" and returns the exit code.
int tu_report(const char *name);
uint32_t tu_rand(uint64_t *state);
void tu_fill(uint8_t *buf, size_t n, uint64_t seed);   // deterministic bytes
// A whole host file, malloc'ed (one spare byte at the end), its size in *n
// ((size_t)-1 when short); NULL when it cannot be opened.
uint8_t *tu_slurp(const char *path, size_t *n);
#endif
