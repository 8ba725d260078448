// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/blocklog.c: a write-ahead log that makes a block cache sync atomic,
// so that a power cut leaves the ext2 volume as it was at one sync or the
// next, never in between.  Without it a sync writes its dirty blocks in
// place in ascending order, and a cut partway leaves, say, a directory entry
// written but not its inode, or the step journal's "done" line on disk
// before the files of the step (low block numbers first).
//
// The log lives in ordinary blocks that the caller names (the ext2 layer
// uses the blocks of a preallocated file, /log/commit-area).  A sync is:
//   1. the list of the dirty blocks' numbers, then their contents, into the
//      log after its header block; flush;
//   2. the header's first sector: magic, block count (the commit point: one
//      sector is written whole or not at all); flush;
//   3. the blocks in place; flush; 4. the header's count back to 0; flush.
// A cut before 2 loses the sync (the volume is as at the last one); after
// 2, blocklog_replay at the next mount does 3 and 4.  Step 4 matters: the
// next sync overwrites the log, which must not then look committed.
//
// The cache writes blocks unused in the last synced state in place just
// before step 1 (bcache.c, "fresh"), so step 1's flush covers them too.
//
// Log block 0 is the header, blocks 1..L the list (uint32 block numbers),
// then one block per listed block.
#include <stddef.h>
#include <string.h>
#include "arch/console.h"
#include "bcache.h"
#include "blocklog.h"
#include "lib/errno.h"
#include "mm/kheap.h"

#define BLOCKLOG_MAGIC "SEEDLOG1"
#define BLOCKLOG_RUN_BYTES 131072    // largest write request, as bcache's

struct blocklog_header {             // the first sector of log block 0
    char magic[8];
    uint32_t count;                  // blocks of the committed sync; 0: none
    uint32_t seq;                    // syncs committed since mount, for messages
};

struct blocklog {
    struct blkdev *dev;
    uint32_t bs, spb;                // block size, sectors per block
    uint32_t *area;                  // the device block of each log block
    uint32_t capacity, list_blocks;
    uint32_t *list;                  // list_blocks blocks: the listed block numbers
    uint32_t seq;
    int committed;                   // the header may say committed: clear it before reuse
    uint8_t *run;                    // a run of log blocks on consecutive device blocks
    uint32_t run_first, run_n, run_max;
    uint8_t sector[BLK_SECTOR_SIZE];
};

// The list blocks that n block numbers fill.
static uint32_t list_blocks_of(const struct blocklog *lg, uint32_t n)
{
    return (n * 4 + lg->bs - 1) / lg->bs;
}

struct blocklog *blocklog_create(struct blkdev *dev, uint32_t block_size,
                                 const uint32_t *area, uint32_t n)
{
    struct blocklog *lg;
    uint32_t cap;
    if (n < 3)
        return NULL;
    // cap blocks need cap * 4 bytes of list and cap blocks of data
    cap = (uint32_t)(((uint64_t)(n - 1) * block_size) / (block_size + 4));
    lg = kzalloc(sizeof(*lg));
    if (!lg)
        return NULL;
    lg->dev = dev;
    lg->bs = block_size;
    lg->spb = block_size / BLK_SECTOR_SIZE;
    lg->capacity = cap;
    lg->list_blocks = list_blocks_of(lg, cap);
    lg->run_max = block_size < BLOCKLOG_RUN_BYTES ? BLOCKLOG_RUN_BYTES / block_size : 1;
    lg->area = kmalloc(n * sizeof(uint32_t));
    lg->list = kzalloc((size_t)lg->list_blocks * block_size);
    lg->run = kmalloc((size_t)lg->run_max * block_size);
    if (!lg->area || !lg->list || !lg->run) {
        blocklog_destroy(lg);
        return NULL;
    }
    memcpy(lg->area, area, n * sizeof(uint32_t));
    return lg;
}

void blocklog_destroy(struct blocklog *lg)
{
    if (!lg)
        return;
    kfree(lg->area);
    kfree(lg->list);
    kfree(lg->run);
    kfree(lg);
}

uint32_t blocklog_capacity(const struct blocklog *lg)
{
    return lg->capacity;
}

static int run_flush(struct blocklog *lg)
{
    int r = 0;
    if (lg->run_n)
        r = blk_write(lg->dev, (uint64_t)lg->area[lg->run_first] * lg->spb,
                      lg->run_n * lg->spb, lg->run);
    lg->run_n = 0;
    return r;
}

// Queues log block i with data; consecutive device blocks go out as one request.
static int run_put(struct blocklog *lg, uint32_t i, const uint8_t *data)
{
    int r;
    if (lg->run_n && (lg->run_n == lg->run_max || i != lg->run_first + lg->run_n ||
                      lg->area[i] != lg->area[lg->run_first] + lg->run_n))
        if ((r = run_flush(lg)) < 0)
            return r;
    if (!lg->run_n)
        lg->run_first = i;
    memcpy(lg->run + (size_t)lg->run_n * lg->bs, data, lg->bs);
    lg->run_n++;
    return 0;
}

static int write_header(struct blocklog *lg, uint32_t count)
{
    struct blocklog_header *h = (struct blocklog_header *)lg->sector;
    int r;
    memset(lg->sector, 0, sizeof(lg->sector));
    memcpy(h->magic, BLOCKLOG_MAGIC, sizeof(h->magic));
    h->count = count;
    h->seq = lg->seq;
    r = blk_write(lg->dev, (uint64_t)lg->area[0] * lg->spb, 1, lg->sector);
    return r < 0 ? r : blk_flush(lg->dev);
}

int blocklog_commit(struct blocklog *lg, struct bbuf **v, uint32_t n)
{
    uint32_t i;
    int r;
    if (n > lg->capacity)
        return -ENOSPC;
    if (lg->committed && (r = blocklog_done(lg)) < 0)
        return r;
    memset(lg->list, 0, (size_t)lg->list_blocks * lg->bs);
    for (i = 0; i < n; i++)
        lg->list[i] = v[i]->block;
    for (i = 0; i < list_blocks_of(lg, n); i++)
        if ((r = run_put(lg, 1 + i, (uint8_t *)lg->list + (size_t)i * lg->bs)) < 0)
            return r;
    for (i = 0; i < n; i++)
        if ((r = run_put(lg, 1 + lg->list_blocks + i, v[i]->data)) < 0)
            return r;
    if ((r = run_flush(lg)) < 0 || (r = blk_flush(lg->dev)) < 0)
        return r;
    lg->seq++;
    lg->committed = 1;
    return write_header(lg, n);
}

int blocklog_done(struct blocklog *lg)
{
    int r = write_header(lg, 0);
    if (r >= 0)
        lg->committed = 0;
    return r;
}

int blocklog_replay(struct blocklog *lg)
{
    struct blocklog_header *h = (struct blocklog_header *)lg->sector;
    uint64_t dev_blocks = lg->dev->sectors / lg->spb;
    uint32_t i, count;
    uint8_t *buf;
    int r;
    if ((r = blk_read(lg->dev, (uint64_t)lg->area[0] * lg->spb, 1, lg->sector)) < 0)
        return r;
    // a log never committed to holds whatever its file was made with
    if (memcmp(h->magic, BLOCKLOG_MAGIC, sizeof(h->magic)) != 0 || h->count == 0)
        return 0;
    count = h->count;
    if (count > lg->capacity) {
        kprintf("blocklog: %s: header claims %u blocks, the log holds %u: not replayed\n",
                lg->dev->name, count, lg->capacity);
        return -EUCLEAN;
    }
    for (i = 0; i < list_blocks_of(lg, count); i++)
        if ((r = blk_read(lg->dev, (uint64_t)lg->area[1 + i] * lg->spb, lg->spb,
                          (uint8_t *)lg->list + (size_t)i * lg->bs)) < 0)
            return r;
    for (i = 0; i < count; i++)
        if (lg->list[i] >= dev_blocks) {
            kprintf("blocklog: %s: logged block %u is past the device's end: not replayed\n",
                    lg->dev->name, lg->list[i]);
            return -EUCLEAN;
        }
    if (!(buf = kmalloc(lg->bs)))
        return -ENOMEM;
    for (i = 0; i < count && r >= 0; i++) {
        r = blk_read(lg->dev, (uint64_t)lg->area[1 + lg->list_blocks + i] * lg->spb, lg->spb, buf);
        if (r >= 0)
            r = blk_write(lg->dev, (uint64_t)lg->list[i] * lg->spb, lg->spb, buf);
    }
    kfree(buf);
    if (r < 0 || (r = blk_flush(lg->dev)) < 0 || (r = blocklog_done(lg)) < 0)
        return r;
    return (int)count;
}
