// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/blocklog.h: see blocklog.c.
#ifndef BLOCKLOG_H
#define BLOCKLOG_H
#include <stdint.h>
#include "dev/blk.h"

struct blocklog;
struct bbuf;

// A log in the blocks area[0..n) of dev (numbers in units of block_size);
// area is copied.  NULL when it is too small to hold one block or out of memory.
struct blocklog *blocklog_create(struct blkdev *dev, uint32_t block_size,
                                 const uint32_t *area, uint32_t n);
void blocklog_destroy(struct blocklog *lg);
uint32_t blocklog_capacity(const struct blocklog *lg);   // blocks one commit may hold
// Puts the n buffers' contents in the log and marks them committed (flushing
// before and after); from then a power cut is repaired by blocklog_replay.
int blocklog_commit(struct blocklog *lg, struct bbuf **v, uint32_t n);
// After the committed blocks are in place and flushed: the log is empty again.
int blocklog_done(struct blocklog *lg);
// Writes a committed transaction's blocks in place (a sync cut off after its
// commit); returns how many, 0 when the log is empty, or a negative errno.
int blocklog_replay(struct blocklog *lg);
#endif
