// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_test_util.h: see ext2_test_util.c (and test_util.h, which it includes).
#ifndef EXT2_TEST_UTIL_H
#define EXT2_TEST_UTIL_H
#include <stdint.h>
#include "fs/ext2.h"
#include "test_util.h"

// Exits 77 when mke2fs, e2fsck or debugfs is missing.
void tu_need_e2fsprogs(void);
// Compares the tree below ext2 directory ino with the host directory path:
// names, types, permission bits, sizes, bytes, symlink targets, and with
// nlink set, link counts.  lost+found at the top is ignored.
void tu_compare_tree(struct ext2_fs *fs, uint32_t ino, const char *path, int nlink);
// Compares two host trees (expected, and extracted with debugfs rdump).
void tu_compare_host(const char *want, const char *got);
#endif
