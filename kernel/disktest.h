// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/disktest.h: the storage check the QEMU tests run (kernel/disktest.c).
#ifndef DISKTEST_H
#define DISKTEST_H
#include "fs/ext2.h"
int disktest_run(struct blkdev *dev, struct ext2_fs **fs, uint32_t big_mib);  // failed checks
uint8_t disktest_byte(uint32_t file, uint64_t offset);      // the content rule
#endif
