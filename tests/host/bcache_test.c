// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/bcache_test.c: kernel/fs/bcache.c over a memory disk: reads,
// write-back only on eviction or sync, eviction least recently used first,
// neighbouring dirty blocks written in one request, sync in ascending order,
// forgetting freed blocks, held buffers never evicted, I/O errors passed up.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fs/bcache.h"
#include "lib/errno.h"
#include "fake_blk.h"

#define BS 1024
#define NBLK 64

static int checks, failed;
static uint32_t order[NBLK * 4], norder;
static int (*mem_write)(struct blkdev *, uint64_t, uint32_t, const void *);

static void check(int ok, const char *what)
{
    checks++;
    if (!ok) {
        failed++;
        printf("FAIL: %s\n", what);
    }
}

// Records the block order of writes, then writes to memory.
static int log_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    order[norder++] = (uint32_t)(lba / (BS / 512));
    return mem_write(dev, lba, count, buf);
}

static void dirty_block(struct bcache *bc, uint32_t blk, uint8_t val)
{
    struct bbuf *b;
    if (bcache_get(bc, blk, BCACHE_NOREAD, &b) == 0) {
        memset(b->data, val, BS);
        bcache_dirty(bc, b);
        bcache_put(bc, b);
    }
}

int main(void)
{
    uint8_t *disk = calloc(NBLK, BS);
    struct blkdev *dev = fake_blk_mem(disk, NBLK * BS);
    struct bcache *bc = bcache_create(dev, BS, 4);
    struct bbuf *b, *held[4];
    uint32_t i, sorted = 1;
    mem_write = dev->write;
    dev->write = log_write;
    disk[5 * BS] = 0x55;
    check(bcache_get(bc, 5, 0, &b) == 0 && b->data[0] == 0x55, "read");
    bcache_put(bc, b);
    for (i = 10; i < 14; i++)
        dirty_block(bc, i, (uint8_t)i);
    check(norder == 0 && disk[10 * BS] == 0, "no write before eviction or sync");
    dirty_block(bc, 20, 20);             // 13 evicted block 5 (clean); this evicts 10
    check(norder == 1 && order[0] == 10 && disk[10 * BS] == 10 && disk[13 * BS] == 13,
          "LRU dirty block written, with the dirty blocks after it in one request");
    dirty_block(bc, 21, 21);
    check(norder == 1, "clean block evicted without a write");
    dirty_block(bc, 40, 40);
    bcache_forget(bc, 40);               // freed: must not be written
    dirty_block(bc, 2, 2);
    dirty_block(bc, 22, 22);
    norder = 0;
    check(bcache_sync(bc) == 0, "sync");
    for (i = 1; i < norder; i++)
        sorted &= order[i - 1] < order[i];
    check(sorted && norder == 2 && disk[2 * BS] == 2 && disk[22 * BS] == 22 &&
          disk[21 * BS] == 21 && disk[40 * BS] == 0, "sync: ascending runs, forgotten skipped");
    norder = 0;
    check(bcache_sync(bc) == 0 && norder == 0, "second sync writes nothing");
    for (i = 0; i < 4; i++)
        check(bcache_get(bc, 40 + i, 0, &held[i]) == 0, "hold");
    check(bcache_get(bc, 50, 0, &b) == -ENOMEM, "all held");
    for (i = 0; i < 4; i++)
        bcache_put(bc, held[i]);
    check(bcache_get(bc, NBLK, 0, &b) == -EIO, "read past the end");
    check(bcache_get(bc, 3, 0, &b) == 0, "usable after an error");
    bcache_put(bc, b);
    check(bcache_destroy(bc) == 0, "destroy");
    fake_blk_close(dev);
    free(disk);
    printf("bcache_test: %d checks, %d failed\n", checks, failed);
    return failed ? 1 : 0;
}
