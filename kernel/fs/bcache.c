// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/bcache.c: a block cache with write-back.  Buffers are found by a
// hash on the block number and recycled least-recently-used first; a dirty
// buffer is written before it is reused, so a write is only guaranteed on disk
// after bcache_sync (the step runner syncs at every step boundary).  Dirty
// blocks that follow each other on disk go out as one request of up to 128 KiB
// (one ATA DMA command instead of thirty-two of 4 KiB).  No locks: the kernel
// runs one filesystem operation at a time.
//
// A reader that misses the block right after its last miss reads ahead: the
// blocks that follow, not cached yet, in the same request, twice as many at
// each such miss up to 128 KiB; a miss elsewhere reads one block again.  A
// block read ahead takes only a clean unheld buffer, never a write-back.
//
// With a log attached (bcache_set_log, kernel/fs/blocklog.c) a sync is atomic,
// and dirty buffers are not written back when evicted ("no steal"), since
// such a write would put a half-done operation on disk between syncs; the
// owner syncs often enough to leave clean buffers to evict (ext2_commit_if_due).
//
// Sized to the machine: a cache has headers for its limit, but memory (whole
// pages a buffer, from the top of the direct map) only for the buffers it
// has used.  A miss takes a new buffer while the page allocator has spare
// pages (pmm_spare_pages), else evicts.  When the allocator runs short it
// calls bcache_shrink, which gives back clean unheld buffers, least
// recently used first, down to the cache's minimum; a dirty buffer stays
// (no steal), and so does the minimum, which the mount sizes to hold the
// dirty blocks between two syncs.
//
// Blocks the owner marks fresh (bcache_fresh: unused in the synced state)
// skip the log: a sync writes them in place before the log's commit point,
// where a power cut leaves them as unused garbage, so they are written once.
#include <stddef.h>
#include <string.h>
#include "arch/console.h"
#include "arch/power.h"
#include "bcache.h"
#include "blocklog.h"
#include "dev/rtc.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"

#define BCACHE_RUN_BYTES 131072    // largest write or read-ahead request: one ATA DMA command
#define BCACHE_RUN_MAX (BCACHE_RUN_BYTES / BLK_SECTOR_SIZE)
#define BCACHE_SHRINK_PAGES 256    // given back at least at a time: 1 MiB, not a page a fault
#define BCACHE_SAY_SECONDS 10      // a line about shrinking after this long,
#define BCACHE_SAY_MIB 64          // or after this much more was given back
#define MIB_PAGES (1048576 / PAGE_SIZE)

struct bcache {
    struct blkdev *dev;
    uint32_t block_size, sectors_per_block;
    uint32_t nbufs, nhash;     // headers: the limit
    uint32_t nmin, nmem;       // buffers never given back; buffers with memory
    uint32_t buf_pages;        // pages a buffer's data takes
    struct bbuf *bufs;
    struct bbuf *spare;        // headers without memory, linked by hash_next
    int busy;                  // in bcache_get: its lists may be mid-change, no shrinking
    uint32_t shrunk;           // pages given back since the last line said so
    uint32_t said_at;          // when that line was printed (seconds)
    struct bcache *next;       // every cache, for bcache_shrink
    uint8_t *run;              // bounce buffer gathering a run of blocks to write
    uint32_t run_blocks;
    struct bbuf **hash;
    struct bbuf lru;           // list head: lru.lru_next is the most recent
    int error;                 // first write-back error seen during eviction
    uint32_t ndirty;           // dirty buffers
    uint32_t nfresh;           // of them, marked fresh (bcache_fresh)
    struct blocklog *log;      // makes syncs atomic; NULL: writes go in place
    int warned;                // the no-steal rule was broken once, and said so
    uint32_t ra_next;          // the block a sequential reader misses next
    uint32_t ra_blocks;        // blocks that miss reads (1 .. run_blocks)
    struct bcache_stats stats; // stats.syncs also dates bcache_fresh's marks
};

static struct bcache *caches;
static uint32_t cut_at_commit;     // logged syncs until a test's power cut; 0: none

void bcache_cut_at_commit(uint32_t n)
{
    cut_at_commit = n;
}

static void bcache_unlink_lru(struct bbuf *b)
{
    b->lru_prev->lru_next = b->lru_next;
    b->lru_next->lru_prev = b->lru_prev;
}

static void bcache_push_front(struct bcache *bc, struct bbuf *b)
{
    b->lru_next = bc->lru.lru_next;
    b->lru_prev = &bc->lru;
    bc->lru.lru_next->lru_prev = b;
    bc->lru.lru_next = b;
}

// A header from the spare list given memory, as the most recent buffer; NULL
// when no header or page is left.
static struct bbuf *bcache_add(struct bcache *bc)
{
    struct bbuf *b = bc->spare;
    if (!b || !(b->data = kpages_alloc(bc->buf_pages)))
        return NULL;
    bc->spare = b->hash_next;
    b->valid = b->dirty = b->refs = 0;
    bc->nmem++;
    bcache_push_front(bc, b);
    return b;
}

// Gives b's memory back; b, unhashed and off the LRU, goes to the spare list.
static void bcache_release(struct bcache *bc, struct bbuf *b)
{
    kpages_free(b->data, bc->buf_pages);
    b->data = NULL;
    b->hash_next = bc->spare;
    bc->spare = b;
    bc->nmem--;
}

// Frees the cache's memory, leaving every dirty block unwritten.
static void bcache_free(struct bcache *bc)
{
    struct bcache **pp = &caches;
    uint32_t i;
    while (*pp && *pp != bc)
        pp = &(*pp)->next;
    if (*pp)
        *pp = bc->next;
    for (i = 0; bc->bufs && i < bc->nbufs; i++)
        if (bc->bufs[i].data)
            kpages_free(bc->bufs[i].data, bc->buf_pages);
    kfree(bc->bufs);
    kfree(bc->hash);
    kfree(bc->run);
    kfree(bc);
}

struct bcache *bcache_create(struct blkdev *dev, uint32_t block_size, uint32_t nmin, uint32_t nmax)
{
    struct bcache *bc = kzalloc(sizeof(*bc));
    uint32_t i;
    if (!bc)
        return NULL;
    bc->dev = dev;
    bc->block_size = block_size;
    bc->sectors_per_block = block_size / BLK_SECTOR_SIZE;
    bc->buf_pages = (block_size + PAGE_SIZE - 1) / PAGE_SIZE;
    bc->nbufs = nmax;
    bc->nmin = nmin < nmax ? nmin : nmax;
    bc->nhash = nmax | 1;
    bc->bufs = kzalloc(nmax * sizeof(struct bbuf));
    bc->hash = kzalloc(bc->nhash * sizeof(struct bbuf *));
    bc->run_blocks = block_size < BCACHE_RUN_BYTES ? BCACHE_RUN_BYTES / block_size : 1;
    bc->run = kmalloc(bc->run_blocks * block_size);
    bc->ra_next = UINT32_MAX;
    bc->ra_blocks = 1;
    bc->lru.lru_next = bc->lru.lru_prev = &bc->lru;
    bc->next = caches;
    caches = bc;
    if (!bc->bufs || !bc->hash || !bc->run) {
        bcache_free(bc);
        return NULL;
    }
    for (i = nmax; i-- > 0;) {            // bufs[0] first off the spare list
        bc->bufs[i].hash_next = bc->spare;
        bc->spare = &bc->bufs[i];
    }
    for (i = 0; i < bc->nmin; i++)
        if (!bcache_add(bc)) {
            bcache_free(bc);
            return NULL;
        }
    return bc;
}

static int bcache_read(struct bcache *bc, struct bbuf *b)
{
    uint64_t lba = (uint64_t)b->block * bc->sectors_per_block;
    int r = blk_read(bc->dev, lba, bc->sectors_per_block, b->data);
    if (r < 0)
        kprintf("bcache: read of block %u on %s failed (%d)\n", b->block, bc->dev->name, r);
    return r;
}

static void bcache_unhash(struct bcache *bc, struct bbuf *b)
{
    struct bbuf **pp = &bc->hash[b->block % bc->nhash];
    while (*pp && *pp != b)
        pp = &(*pp)->hash_next;
    if (*pp)
        *pp = b->hash_next;
    b->valid = 0;
}

static struct bbuf *bcache_lookup(struct bcache *bc, uint32_t block)
{
    struct bbuf *b = bc->hash[block % bc->nhash];
    while (b && b->block != block)
        b = b->hash_next;
    return b;
}

static int bcache_is_fresh(const struct bcache *bc, const struct bbuf *b)
{
    return b->fresh == bc->stats.syncs + 1;
}

// The one way a dirty buffer becomes clean, keeping the counts.
static void bcache_clean(struct bcache *bc, struct bbuf *b)
{
    if (!b->dirty)
        return;
    b->dirty = 0;
    bc->ndirty--;
    bc->nfresh -= bcache_is_fresh(bc, b);
}

// Writes dirty buffer b together with the dirty, unheld buffers of the
// blocks right after it (fresh_only: the fresh ones), in one request; all
// of them are clean afterwards.
static int bcache_write_run(struct bcache *bc, struct bbuf *b, int fresh_only)
{
    struct bbuf *v = b;
    uint32_t n = 0, i;
    int r;
    while (n < bc->run_blocks && v && v->dirty && (!fresh_only || bcache_is_fresh(bc, v)) &&
           b->block + n >= b->block) {
        memcpy(bc->run + (size_t)n * bc->block_size, v->data, bc->block_size);
        n++;
        v = bcache_lookup(bc, b->block + n);
        if (v && v->refs)
            break;
    }
    r = blk_write(bc->dev, (uint64_t)b->block * bc->sectors_per_block,
                  n * bc->sectors_per_block, bc->run);
    if (r < 0)
        kprintf("bcache: write of blocks %u+%u on %s failed (%d)\n", b->block, n,
                bc->dev->name, r);
    bcache_clean(bc, b);
    for (i = 1; i < n; i++)
        bcache_clean(bc, bcache_lookup(bc, b->block + i));
    return r;
}

// A buffer that holds no block, or NULL.  Those wait at the LRU's tail: the
// ones made empty go there (bcache_create, bcache_forget), and every buffer
// that takes a block moves to the head.  Else a new buffer, while the cache
// is under its limit and the page allocator has pages to spare.
static struct bbuf *bcache_empty(struct bcache *bc)
{
    struct bbuf *b;
    for (b = bc->lru.lru_prev; b != &bc->lru && !b->valid; b = b->lru_prev)
        if (!b->refs)
            return b;             // past the few held ones (a block being read)
    if (pmm_spare_pages() < bc->buf_pages)
        return NULL;
    return bcache_add(bc);
}

// An empty buffer, else the least recently used unheld clean buffer,
// unhashed, or NULL: what a block read ahead may take, and all a volume
// with a log may evict.
static struct bbuf *bcache_clean_victim(struct bcache *bc)
{
    struct bbuf *b = bcache_empty(bc);
    if (b)
        return b;
    for (b = bc->lru.lru_prev; b != &bc->lru; b = b->lru_prev)
        if (!b->refs && !(b->valid && b->dirty)) {
            if (b->valid)
                bcache_unhash(bc, b);
            return b;
        }
    return NULL;
}

// An empty buffer, else the least recently used unheld buffer, written back
// if dirty; with a log, the least recently used clean one, unless every
// unheld buffer is dirty.
static struct bbuf *bcache_victim(struct bcache *bc)
{
    struct bbuf *b;
    if (bc->log) {
        if ((b = bcache_clean_victim(bc)))
            return b;
        if (!bc->warned)
            kprintf("bcache: %s: every buffer is dirty; writing back in place, so a power cut "
                    "before the next sync can leave the volume inconsistent\n", bc->dev->name);
        bc->warned = 1;
    } else if ((b = bcache_empty(bc))) {
        return b;
    }
    for (b = bc->lru.lru_prev; b != &bc->lru; b = b->lru_prev) {
        if (b->refs)
            continue;
        if (b->valid && b->dirty) {
            int r = bcache_write_run(bc, b, 0);
            if (r < 0 && !bc->error)
                bc->error = r;
        }
        if (b->valid)
            bcache_unhash(bc, b);
        return b;
    }
    return NULL;
}

static void bcache_hash(struct bcache *bc, struct bbuf *b)
{
    b->valid = 1;
    b->hash_next = bc->hash[b->block % bc->nhash];
    bc->hash[b->block % bc->nhash] = b;
}

// Reads b's block, which missed, and the blocks a sequential reader wants
// next (above); a failed read-ahead reads the block alone.
static int bcache_fill(struct bcache *bc, struct bbuf *b)
{
    struct bbuf *ahead[BCACHE_RUN_MAX];
    uint64_t dev_blocks = bc->dev->sectors / bc->sectors_per_block;
    uint32_t want, n = 1, i;
    int r;
    if (b->block == bc->ra_next)
        bc->ra_blocks = bc->ra_blocks * 2 < bc->run_blocks ? bc->ra_blocks * 2 : bc->run_blocks;
    else
        bc->ra_blocks = 1;
    want = bc->ra_blocks;
    if (b->block >= dev_blocks)
        want = 1;                         // blk_read refuses it
    else if (b->block + (uint64_t)want > dev_blocks)
        want = (uint32_t)(dev_blocks - b->block);
    b->refs = 1;                          // not a victim for its own read-ahead
    while (n < want && !bcache_lookup(bc, b->block + n) && (ahead[n] = bcache_clean_victim(bc))) {
        ahead[n]->refs = 1;
        n++;
    }
    for (i = 1; i < n; i++)
        ahead[i]->refs = 0;
    b->refs = 0;
    bc->ra_next = b->block + n;
    if (n == 1)
        return bcache_read(bc, b);
    r = blk_read(bc->dev, (uint64_t)b->block * bc->sectors_per_block, n * bc->sectors_per_block,
                 bc->run);
    if (r < 0)
        return bcache_read(bc, b);
    memcpy(b->data, bc->run, bc->block_size);
    for (i = n - 1; i >= 1; i--) {        // block + 1 ends up the most recent of them
        ahead[i]->block = b->block + i;
        ahead[i]->dirty = 0;
        ahead[i]->fresh = 0;
        memcpy(ahead[i]->data, bc->run + (size_t)i * bc->block_size, bc->block_size);
        bcache_hash(bc, ahead[i]);
        bcache_unlink_lru(ahead[i]);
        bcache_push_front(bc, ahead[i]);
    }
    return 0;
}

// The miss of bcache_get: a buffer for block, read unless flags say not.
static int bcache_miss(struct bcache *bc, uint32_t block, int flags, struct bbuf **out)
{
    struct bbuf *b = bcache_victim(bc);
    if (!b) {
        kprintf("bcache: all %u buffers are held\n", bc->nmem);
        return -ENOMEM;
    }
    b->block = block;
    b->dirty = 0;
    b->fresh = 0;
    if (flags & BCACHE_NOREAD) {
        memset(b->data, 0, bc->block_size);
    } else {
        int r = bcache_fill(bc, b);
        if (r < 0)
            return r;
    }
    bcache_hash(bc, b);
    *out = b;
    return 0;
}

int bcache_get(struct bcache *bc, uint32_t block, int flags, struct bbuf **out)
{
    struct bbuf *b = bcache_lookup(bc, block);
    *out = NULL;
    if (!b) {
        int r;
        bc->busy = 1;
        r = bcache_miss(bc, block, flags, &b);
        bc->busy = 0;
        if (r < 0)
            return r;
    } else if ((flags & BCACHE_NOREAD) && !b->refs) {
        memset(b->data, 0, bc->block_size);   // as if read fresh: no stale bytes
    }
    b->refs++;
    bcache_unlink_lru(b);
    bcache_push_front(bc, b);
    *out = b;
    return 0;
}

void bcache_dirty(struct bcache *bc, struct bbuf *b)
{
    if (!b->dirty) {
        bc->ndirty++;
        bc->nfresh += bcache_is_fresh(bc, b);
    }
    b->dirty = 1;
}

uint32_t bcache_dirty_count(const struct bcache *bc)
{
    return bc->ndirty;
}

uint32_t bcache_logged_count(const struct bcache *bc)
{
    return bc->ndirty - bc->nfresh;
}

int bcache_fresh(struct bcache *bc, uint32_t block)
{
    struct bbuf *b;
    int r = bcache_get(bc, block, BCACHE_NOREAD, &b);
    if (r < 0)
        return r;
    if (b->dirty && !bcache_is_fresh(bc, b))
        bc->nfresh++;
    b->fresh = bc->stats.syncs + 1;
    bcache_put(bc, b);
    return 0;
}

const struct bcache_stats *bcache_stats(const struct bcache *bc)
{
    return &bc->stats;
}

void bcache_set_log(struct bcache *bc, struct blocklog *log)
{
    bc->log = log;
}

void bcache_put(struct bcache *bc, struct bbuf *b)
{
    if (b && b->refs > 0)
        b->refs--;
}

void bcache_forget(struct bcache *bc, uint32_t block)
{
    struct bbuf *b = bcache_lookup(bc, block);
    if (b && !b->refs) {
        bcache_clean(bc, b);
        bcache_unhash(bc, b);
        bcache_unlink_lru(b);             // to the tail, taken first (bcache_empty)
        b->lru_prev = bc->lru.lru_prev;
        b->lru_next = &bc->lru;
        bc->lru.lru_prev->lru_next = b;
        bc->lru.lru_prev = b;
    }
}

// Dirty buffers are collected and sorted so the disk sees ascending writes.
static void bcache_sort(struct bbuf **v, uint32_t n)
{
    uint32_t gap, i, j;
    for (gap = n / 2; gap > 0; gap /= 2)
        for (i = gap; i < n; i++) {
            struct bbuf *t = v[i];
            for (j = i; j >= gap && v[j - gap]->block > t->block; j -= gap)
                v[j] = v[j - gap];
            v[j] = t;
        }
}

// Writes v[0..n)'s dirty buffers in place (fresh_only: the fresh ones) in
// runs; returns the first error, or 0.
static int bcache_write_all(struct bcache *bc, struct bbuf **v, uint32_t n, int fresh_only)
{
    uint32_t i;
    int r, err = 0;
    for (i = 0; i < n; i++) {
        if (!v[i]->dirty || (fresh_only && !bcache_is_fresh(bc, v[i])))
            continue;             // written with the run of an earlier block, or not now
        r = bcache_write_run(bc, v[i], fresh_only);
        if (r < 0 && !err)
            err = r;
    }
    return err;
}

// With a log: fresh blocks in place, then the rest through the log (its
// first flush makes both durable before the commit point), then in place.
int bcache_sync(struct bcache *bc)
{
    // a pointer per dirty buffer, not per buffer of the limit: 760 KiB in
    // one piece for a 745 MiB cache could fail where a few KiB do not
    uint32_t max = bc->ndirty ? bc->ndirty : 1, i, n = 0, rest = 0;
    struct bbuf **v = kmalloc(max * sizeof(struct bbuf *));
    int r, logged, err = bc->error;
    if (!v)
        return -ENOMEM;
    for (i = 0; i < bc->nbufs && n < max; i++)
        if (bc->bufs[i].valid && bc->bufs[i].dirty)
            v[n++] = &bc->bufs[i];
    bcache_sort(v, n);
    bc->stats.blocks += n;
    r = bc->log ? bcache_write_all(bc, v, n, 1) : 0;
    for (i = 0; i < n; i++)
        if (v[i]->dirty)
            v[rest++] = v[i];     // still sorted
    bc->stats.fresh += n - rest;
    bc->stats.syncs++;            // ends every fresh mark
    bc->nfresh = 0;
    n = rest;
    if (r < 0) {                  // the new state would refer to blocks not written
        kprintf("bcache: %s: writing fresh blocks failed (%d); nothing committed\n",
                bc->dev->name, r);
        kfree(v);
        return r;
    }
    logged = bc->log && n > 0 && n <= blocklog_capacity(bc->log);
    if (bc->log && n > blocklog_capacity(bc->log))
        kprintf("bcache: %s: a sync of %u blocks is more than the log's %u; written in place, "
                "not atomically\n", bc->dev->name, n, blocklog_capacity(bc->log));
    if (logged && (r = blocklog_commit(bc->log, v, n)) < 0) {
        kprintf("bcache: %s: writing the log failed (%d); nothing written in place\n",
                bc->dev->name, r);
        kfree(v);
        return r;
    }
    if (logged && cut_at_commit && --cut_at_commit == 0) {
        kprintf("bcache: %s: turning the machine off after this sync's commit point, before its "
                "%u logged blocks go in place (cut-at-commit)\n", bc->dev->name, n);
        power_off(POWER_OK);
    }
    if ((r = bcache_write_all(bc, v, n, 0)) < 0 && !err)
        err = r;
    kfree(v);
    r = blk_flush(bc->dev);
    if (r >= 0 && !err && logged)
        r = blocklog_done(bc->log);
    bc->error = 0;
    return err ? err : r;
}

int bcache_destroy(struct bcache *bc)
{
    int r = bcache_sync(bc);
    bcache_free(bc);
    return r;
}

// A process that faults in hundreds of MiB makes the cache shrink hundreds
// of times: a line for the first, then one for each BCACHE_SAY_MIB given
// back, or after BCACHE_SAY_SECONDS.
static void bcache_say_shrunk(struct bcache *bc, uint32_t pages)
{
    uint32_t now = rtc_unix_time();
    bc->shrunk += pages;
    if (bc->said_at && now - bc->said_at < BCACHE_SAY_SECONDS &&
        bc->shrunk < BCACHE_SAY_MIB * MIB_PAGES)
        return;
    kprintf("bcache: %s: gave %u MiB back to the page allocator; the cache holds %u MiB now\n",
            bc->dev->name, bc->shrunk / MIB_PAGES, bcache_pages(bc) / MIB_PAGES);
    bc->shrunk = 0;
    bc->said_at = now;
}

static uint32_t bcache_shrink_one(struct bcache *bc, uint32_t pages)
{
    struct bbuf *b, *prev;
    uint32_t freed = 0;
    if (bc->busy)
        return 0;
    for (b = bc->lru.lru_prev; b != &bc->lru && freed < pages && bc->nmem > bc->nmin; b = prev) {
        prev = b->lru_prev;
        if (b->refs || (b->valid && b->dirty))
            continue;
        if (b->valid)
            bcache_unhash(bc, b);
        bcache_unlink_lru(b);
        bcache_release(bc, b);
        freed += bc->buf_pages;
    }
    if (freed)
        bcache_say_shrunk(bc, freed);
    return freed;
}

uint32_t bcache_shrink(uint32_t pages)
{
    struct bcache *bc;
    uint32_t freed = 0;
    if (pages < BCACHE_SHRINK_PAGES)
        pages = BCACHE_SHRINK_PAGES;
    for (bc = caches; bc && freed < pages; bc = bc->next)
        freed += bcache_shrink_one(bc, pages - freed);
    return freed;
}

uint32_t bcache_pages(const struct bcache *bc)
{
    return bc->nmem * bc->buf_pages;
}
