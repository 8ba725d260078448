// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_test_util.h: see ext2_test_util.c.
#ifndef EXT2_TEST_UTIL_H
#define EXT2_TEST_UTIL_H
#include <stdint.h>
#include "fs/ext2.h"

extern int tu_checks, tu_failed;
// Counts a check; prints the message when it failed.  Returns ok.
int tu_check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// Runs a shell command (formatted); returns its exit status.
int tu_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
// Exits 77 when mke2fs, e2fsck or debugfs is missing.
void tu_need_e2fsprogs(void);
// Prints "name: N checks, M failed" and returns the exit code.
int tu_report(const char *name);
uint32_t tu_rand(uint64_t *state);
void tu_fill(uint8_t *buf, size_t n, uint64_t seed);   // deterministic bytes
// Compares the tree below ext2 directory ino with the host directory path:
// names, types, permission bits, sizes, bytes, symlink targets, and with
// nlink set, link counts.  lost+found at the top is ignored.
void tu_compare_tree(struct ext2_fs *fs, uint32_t ino, const char *path, int nlink);
// Compares two host trees (expected, and extracted with debugfs rdump).
void tu_compare_host(const char *want, const char *got);
#endif
