// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/fake_blk.h: see fake_blk.c.
#ifndef FAKE_BLK_H
#define FAKE_BLK_H
#include <stddef.h>
#include "dev/blk.h"
// A blkdev on an image file (pread/pwrite); NULL on failure.  rw=0 refuses writes.
struct blkdev *fake_blk_open(const char *path, int rw);
// A blkdev on size bytes of memory at mem (not copied, not freed).
struct blkdev *fake_blk_mem(void *mem, size_t size);
void fake_blk_close(struct blkdev *dev);
extern unsigned long fake_blk_reads, fake_blk_writes;   // sector transfers, for tests
// Image files: sectors still written before a simulated power cut; those
// after it are dropped (a request cut partway is written in part).  -1: no cut.
extern long fake_blk_cut;
#endif
