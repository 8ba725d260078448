// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/bcache_test.c: kernel/fs/bcache.c over a memory disk: reads,
// write-back only on eviction or sync, eviction least recently used first,
// neighbouring dirty blocks written in one request, sync in ascending order,
// forgetting freed blocks, held buffers never evicted, I/O errors passed up;
// read-ahead: a sequential reader's requests grow, blocks already cached or
// dirty are left alone, nothing past the end of the disk is asked for;
// sized to the machine: the cache grows to its limit while pages are spare,
// shrinks when asked, never below its minimum and never giving back a
// dirty or held buffer, and reads the right bytes after a shrink.
// With a log: fresh blocks written once, in place before the log, the
// mark ending at the sync.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fs/bcache.h"
#include "fs/blocklog.h"
#include "lib/errno.h"
#include "fake_blk.h"
#include "fake_hw.h"

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

static uint32_t nreads, read_lba[NBLK], read_count[NBLK];
static int (*mem_read)(struct blkdev *, uint64_t, uint32_t, void *);

// Records each read request, then reads from memory.
static int log_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    if (nreads < NBLK) {
        read_lba[nreads] = (uint32_t)lba;
        read_count[nreads] = count;
    }
    nreads++;
    return mem_read(dev, lba, count, buf);
}

// Reads blocks first .. last one by one; 1 if each holds its own number.
static int read_blocks(struct bcache *bc, uint32_t first, uint32_t last)
{
    struct bbuf *b;
    int ok = 1;
    for (uint32_t i = first; i <= last; i++) {
        if (bcache_get(bc, i, 0, &b) < 0)
            return 0;
        ok &= b->data[0] == (uint8_t)i && b->data[BS - 1] == (uint8_t)i;
        bcache_put(bc, b);
    }
    return ok;
}

static void test_readahead(void)
{
    uint8_t *disk = calloc(NBLK, BS);
    struct blkdev *dev = fake_blk_mem(disk, NBLK * BS);
    struct bcache *bc = bcache_create(dev, BS, 40, 40);
    struct bbuf *b;
    uint32_t i, past_end = 0, lost = 0;
    for (i = 0; i < NBLK; i++)
        memset(disk + i * BS, (int)i, BS);
    mem_read = dev->read;
    dev->read = log_read;
    nreads = 0;
    check(read_blocks(bc, 0, 30), "read-ahead: a sequential read gets every block right");
    // 0; 1-2; 3-6; 7-14; 15-30 (16 blocks); the window doubles per request
    check(nreads == 5 && read_count[1] == 2 * (BS / 512) && read_count[4] == 16 * (BS / 512),
          "read-ahead: 31 blocks read sequentially in 5 requests, each twice the last");
    nreads = 0;
    check(read_blocks(bc, 0, 30) && nreads == 0, "read-ahead: what it read is cached");
    // a miss away from the last one reads one block; then block 36 is cached
    // and 33's read-ahead stops before it
    check(read_blocks(bc, 36, 36) && nreads == 1 && read_count[0] == BS / 512,
          "read-ahead: a miss elsewhere reads one block");
    nreads = 0;
    check(read_blocks(bc, 31, 34) && read_blocks(bc, 35, 35), "read-ahead: blocks right again");
    for (i = 0; i < nreads && i < NBLK; i++)
        past_end |= read_lba[i] + read_count[i] > 36 * (BS / 512);
    check(!past_end, "read-ahead stops at a cached block");
    // dirty buffers are never taken for a block read ahead: with all but
    // one dirty, sequential reads lose none of them
    for (i = 0; i < 39; i++)
        if (bcache_get(bc, i, BCACHE_NOREAD, &b) == 0) {
            memset(b->data, (int)(0xa0 ^ i), BS);
            bcache_dirty(bc, b);
            bcache_put(bc, b);
        }
    check(read_blocks(bc, 50, 53), "read-ahead among dirty buffers: blocks right");
    check(bcache_sync(bc) == 0, "sync");
    for (i = 0; i < 39; i++)
        lost |= disk[i * BS] != (uint8_t)(0xa0 ^ i) || disk[i * BS + BS - 1] != (uint8_t)(0xa0 ^ i);
    check(!lost, "read-ahead among dirty buffers: every dirty block reaches the disk");
    // the end of the disk: the requests stop there
    nreads = 0;
    past_end = 0;
    check(read_blocks(bc, 54, NBLK - 1), "read-ahead up to the last block");
    for (i = 0; i < nreads && i < NBLK; i++)
        past_end |= read_lba[i] + read_count[i] > NBLK * (BS / 512);
    check(!past_end, "read-ahead asks for nothing past the end of the disk");
    bcache_destroy(bc);
    fake_blk_close(dev);
    free(disk);
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

static void test_grow_shrink(void)
{
    uint8_t *disk = calloc(NBLK, BS);
    struct blkdev *dev = fake_blk_mem(disk, NBLK * BS);
    uint32_t pages = fake_pages, i, lost = 0, held_ok = 1;
    struct bcache *bc = bcache_create(dev, BS, 8, 32);
    struct bbuf *b, *held[4];
    for (i = 0; i < NBLK; i++)
        memset(disk + i * BS, (int)i, BS);
    mem_read = dev->read;
    dev->read = log_read;
    check(bc && bcache_pages(bc) == 8 && fake_pages - pages == 8,
          "sized to the machine: a new cache holds its minimum");
    check(read_blocks(bc, 0, 3) && bcache_pages(bc) == 8,
          "sized to the machine: its empty buffers are used before it grows");
    check(read_blocks(bc, 0, 47) && bcache_pages(bc) == 32,
          "sized to the machine: reads grow the cache to its limit, no further");
    fake_spare_pages = 0;
    check(bcache_destroy(bcache_create(dev, BS, 8, 32)) == 0 && fake_pages - pages == 32,
          "sized to the machine: the minimum is had even with no pages to spare, and given back");
    fake_spare_pages = 1u << 20;
    for (i = 0; i < 6; i++)
        dirty_block(bc, 50 + i, (uint8_t)(0xd0 ^ i));
    for (i = 0; i < 4; i++)
        check(bcache_get(bc, 40 + i, 0, &held[i]) == 0, "shrink: hold");
    // 32 buffers: 6 dirty, 4 held; the other 22 go, least recently used first
    check(bcache_shrink(1) == 22 && bcache_pages(bc) == 10,
          "shrink: every clean unheld buffer given back, no dirty or held one");
    for (i = 0; i < 4; i++)
        held_ok &= held[i]->data[0] == 40 + i && held[i]->data[BS - 1] == 40 + i;
    check(held_ok, "shrink: held buffers keep their bytes");
    nreads = 0;
    for (i = 0; i < 6; i++)
        if (bcache_get(bc, 50 + i, 0, &b) == 0) {
            lost |= b->data[0] != (0xd0 ^ i) || b->data[BS - 1] != (0xd0 ^ i);
            bcache_put(bc, b);
        }
    check(!lost && nreads == 0, "shrink: dirty buffers stay cached with their bytes");
    for (i = 0; i < 4; i++)
        bcache_put(bc, held[i]);
    check(read_blocks(bc, 0, 47), "shrink: reads after it get the right bytes");
    check(bcache_sync(bc) == 0 && bcache_shrink(1) == 24 && bcache_pages(bc) == 8 &&
              bcache_shrink(1) == 0,
          "shrink: synced, all but the minimum given back, then nothing");
    fake_spare_pages = 0;
    check(read_blocks(bc, 0, 47) && bcache_pages(bc) == 8,
          "no pages to spare: the cache evicts instead of growing");
    fake_spare_pages = 1u << 20;
    check(bcache_destroy(bc) == 0 && fake_pages == pages,
          "destroy gives every page back");
    for (i = 0; i < 6; i++)
        lost |= disk[(50 + i) * BS] != (0xd0 ^ i);
    check(!lost, "shrink: the dirty blocks reach the disk at the sync");
    fake_blk_close(dev);
    free(disk);
}

// Blocks 48..63 are the log; 30 and 31 fresh, 5 not.
static void test_fresh(void)
{
    uint8_t *disk = calloc(NBLK, BS);
    struct blkdev *dev = fake_blk_mem(disk, NBLK * BS);
    struct bcache *bc = bcache_create(dev, BS, 8, 8);
    uint32_t area[16], i, log_at = 0, five_at = 0, thirty = 0;
    struct blocklog *lg;
    for (i = 0; i < 16; i++)
        area[i] = 48 + i;
    lg = blocklog_create(dev, BS, area, 16);
    mem_write = dev->write;
    dev->write = log_write;
    bcache_set_log(bc, lg);
    check(bcache_fresh(bc, 30) == 0 && bcache_fresh(bc, 31) == 0 && bcache_fresh(bc, 33) == 0,
          "mark fresh");
    dirty_block(bc, 30, 30);
    dirty_block(bc, 31, 31);
    dirty_block(bc, 5, 5);
    dirty_block(bc, 33, 33);
    bcache_forget(bc, 33);               // freed again: off both counts
    check(bcache_dirty_count(bc) == 3 && bcache_logged_count(bc) == 1,
          "fresh blocks are dirty but not logged");
    norder = 0;
    check(bcache_sync(bc) == 0, "sync with a log");
    for (i = 0; i < norder; i++) {
        thirty += order[i] == 30 || order[i] == 31;
        if (order[i] >= 48 && !log_at)
            log_at = i;
        if (order[i] == 5)
            five_at = i;
    }
    check(norder > 0 && order[0] == 30 && thirty == 1 && disk[31 * BS] == 31,
          "fresh blocks first, in one request, and only once");
    check(log_at > 0 && five_at > log_at && disk[5 * BS] == 5, "the other block after the log");
    dirty_block(bc, 30, 130);
    check(bcache_logged_count(bc) == 1, "the sync ends the mark");
    bcache_set_log(bc, NULL);
    bcache_destroy(bc);
    blocklog_destroy(lg);
    fake_blk_close(dev);
    free(disk);
}

int main(void)
{
    uint8_t *disk = calloc(NBLK, BS);
    struct blkdev *dev = fake_blk_mem(disk, NBLK * BS);
    struct bcache *bc = bcache_create(dev, BS, 4, 4);
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
    test_readahead();
    test_grow_shrink();
    test_fresh();
    printf("bcache_test: %d checks, %d failed\n", checks, failed);
    return failed ? 1 : 0;
}
