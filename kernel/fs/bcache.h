// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/bcache.h: a write-back block cache over a blkdev (kernel/fs/bcache.c).
#ifndef BCACHE_H
#define BCACHE_H
#include <stdint.h>
#include "dev/blk.h"

struct bcache;

struct bbuf {
    uint32_t block;            // block number, in units of the cache's block size
    uint8_t *data;             // block_size bytes; NULL while the header is spare
    int dirty;                 // set by bcache_dirty; cleared once written
    int refs;                  // holders; a held buffer is never evicted
    int valid;                 // data holds the block's contents
    uint32_t fresh;            // bcache_fresh's mark: the cache's syncs + 1 then
    struct bbuf *lru_prev, *lru_next;   // most recently released at the head
    struct bbuf *hash_next;
};

// A cache of nmin to nmax blocks of block_size bytes (a multiple of 512);
// nmin are allocated now and never given back, the rest as the cache needs
// them and the page allocator spares them.  Each buffer takes whole pages:
// a volume of 1 KiB blocks uses 4 KiB a block.
struct bcache *bcache_create(struct blkdev *dev, uint32_t block_size, uint32_t nmin, uint32_t nmax);
// Writes dirty blocks back (bcache_sync), then frees everything; returns the
// first write error, the cache is freed regardless.
int bcache_destroy(struct bcache *bc);

// Holds block and returns it in *out.  BCACHE_NOREAD skips the read when the
// caller overwrites the whole block or it was just allocated: the data is then
// zero-filled, even when the block was cached (unless someone holds it).
#define BCACHE_NOREAD 1
int bcache_get(struct bcache *bc, uint32_t block, int flags, struct bbuf **out);
void bcache_dirty(struct bcache *bc, struct bbuf *b);
void bcache_put(struct bcache *bc, struct bbuf *b);
// Writes every dirty block in ascending block order and flushes the device.
int bcache_sync(struct bcache *bc);
// Drops a block from the cache without writing it (the block was freed).
void bcache_forget(struct bcache *bc, uint32_t block);
uint32_t bcache_dirty_count(const struct bcache *bc);
// Gives back at least pages pages (or 1 MiB, if more) of clean, unheld
// buffers of every cache, least recently used first, if there are; returns
// the pages given back.  The page allocator's reclaim hook (pmm_set_reclaim).
uint32_t bcache_shrink(uint32_t pages);
uint32_t bcache_pages(const struct bcache *bc);   // pages the buffers' data holds now
// The dirty blocks the next sync puts through the log: those not fresh.
uint32_t bcache_logged_count(const struct bcache *bc);
// Block was free in the state the last sync left on disk and was not freed
// since (so nothing there refers to it): the next sync may write it in
// place before the log's commit point, once, instead of through the log.
// Holds and releases its buffer, zeroed as BCACHE_NOREAD does; the mark
// ends at the next sync.  A mark lost to eviction only costs the log.
int bcache_fresh(struct bcache *bc, uint32_t block);
struct bcache_stats {
    uint32_t syncs;
    uint64_t blocks, fresh;    // blocks synced; of them written in place only
};
const struct bcache_stats *bcache_stats(const struct bcache *bc);
// A test's power cut at a known point (the cut-at-commit=N option): the
// machine turns off right after the Nth sync that goes through a log has
// committed, before any of its logged blocks is written in place, so the
// next mount must write them from the log.  0: never.
void bcache_cut_at_commit(uint32_t n);
struct blocklog;
// From now on syncs go through log (kernel/fs/blocklog.c) and dirty buffers are
// not evicted; the caller keeps log, and detaches it (NULL) before freeing it.
void bcache_set_log(struct bcache *bc, struct blocklog *log);
#endif
