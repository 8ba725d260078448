// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/ext2.c: the ext2 volume: mount (superblock and group-descriptor
// checks, feature policy), sync and umount, and the block and inode bitmaps
// that allocate and free space while keeping the free counts in the group
// descriptors and the superblock equal to the bitmaps.  Inodes and file data
// are in ext2_inode.c, directories in ext2_dir.c, namespace calls in ext2_ops.c.
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "arch/console.h"
#include "blocklog.h"
#include "dev/rtc.h"
#include "ext2_int.h"
#include "lib/errno.h"
#include "mm/kheap.h"

#define EXT2_CACHE_MIN (4u << 20)      // a smaller block cache than asked, if memory is short
// What a block cache keeps when processes want its pages: at least twice the
// dirty blocks between two syncs (commit_at: half of the 16 MiB log), so
// the cache is never all dirty (the no-steal rule, kernel/fs/bcache.c)
#define EXT2_CACHE_FLOOR (32u << 20)
// The most dirty data a mount keeps before it syncs (fresh blocks, which
// skip the log, let a large write run this far ahead of the disk): memory
// processes cannot have back until the sync, since bcache_shrink gives back
// only clean buffers.  Syncs of 64 MiB cost four flushes per 64 MiB.
#define EXT2_DIRTY_MAX (64u << 20)

uint32_t ext2_cache_bytes = 32u << 20;

struct ext2_feature {
    uint32_t bit;
    const char *name;
};

// Incompatible features we understand; any other set bit refuses the mount.
static const struct ext2_feature ext2_incompat_ok[] = {
    { 0x0002, "filetype" }, { 0x0200, "flex_bg" }, { 0, NULL } };
static const struct ext2_feature ext2_incompat_names[] = {
    { 0x0001, "compression" }, { 0x0004, "needs_recovery" }, { 0x0008, "journal_dev" },
    { 0x0010, "meta_bg" }, { 0x0040, "extent" }, { 0x0080, "64bit" }, { 0x0100, "mmp" },
    { 0x0400, "ea_inode" }, { 0x1000, "dirdata" }, { 0x2000, "metadata_csum_seed" },
    { 0x4000, "large_dir" }, { 0x8000, "inline_data" }, { 0x10000, "encrypt" },
    { 0x20000, "casefold" }, { 0, NULL } };
// Read-only-compatible features we can write with; others mean read-only.
static const struct ext2_feature ext2_ro_compat_ok[] = {
    { 0x0001, "sparse_super" }, { 0x0002, "large_file" }, { 0x0040, "extra_isize" },
    { 0, NULL } };
static const struct ext2_feature ext2_ro_compat_names[] = {
    { 0x0004, "btree_dir" }, { 0x0008, "huge_file" }, { 0x0010, "uninit_bg" },
    { 0x0020, "dir_nlink" }, { 0x0080, "snapshot" }, { 0x0100, "quota" },
    { 0x0200, "bigalloc" }, { 0x0400, "metadata_csum" }, { 0x0800, "replica" },
    { 0x1000, "read-only" }, { 0x2000, "project" }, { 0x8000, "verity" }, { 0, NULL } };
// Compatible features that still make writing unsafe for us.
static const struct ext2_feature ext2_compat_ro[] = {
    { 0x0004, "has_journal" }, { 0, NULL } };

static uint32_t ext2_ok_bits(const struct ext2_feature *t)
{
    uint32_t m = 0;
    for (; t->name; t++)
        m |= t->bit;
    return m;
}

// Prints the features in bits, by name where known.
static void ext2_print_features(struct ext2_fs *fs, const char *what, uint32_t bits,
                                const struct ext2_feature *t)
{
    kprintf("ext2: %s: %s:", fs->dev->name, what);
    for (; t->name; t++)
        if (bits & t->bit) {
            kprintf(" %s", t->name);
            bits &= ~t->bit;
        }
    if (bits)
        kprintf(" unknown(0x%x)", bits);
    kprintf("\n");
}

// Applies the feature policy: 0, or -EINVAL to refuse; may set fs->ro.
static int ext2_check_features(struct ext2_fs *fs)
{
    struct ext2_super *sb = &fs->sb;
    uint32_t bad;
    if (sb->s_rev_level == 0)
        return 0;                 // revision 0 has no feature fields
    bad = sb->s_feature_incompat & ~ext2_ok_bits(ext2_incompat_ok);
    if (bad) {
        ext2_print_features(fs, "unsupported incompatible features, not mounting", bad,
                            ext2_incompat_names);
        return -EINVAL;
    }
    bad = sb->s_feature_ro_compat & ~ext2_ok_bits(ext2_ro_compat_ok);
    if (bad && !fs->ro) {
        ext2_print_features(fs, "features unsafe to write, mounting read-only", bad,
                            ext2_ro_compat_names);
        fs->ro = 1;
    }
    bad = sb->s_feature_compat & ext2_ok_bits(ext2_compat_ro);
    if (bad && !fs->ro) {
        ext2_print_features(fs, "ext3 journal present, mounting read-only", bad, ext2_compat_ro);
        fs->ro = 1;
    }
    fs->filetype = (sb->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) != 0;
    return 0;
}

static int ext2_bad_super(struct blkdev *dev, const char *why)
{
    kprintf("ext2: %s: bad superblock: %s\n", dev->name, why);
    return -EUCLEAN;
}

// Checks the superblock geometry and derives the sizes kept in fs.
static int ext2_check_super(struct ext2_fs *fs, struct blkdev *dev)
{
    struct ext2_super *sb = &fs->sb;
    uint64_t groups;
    if (sb->s_magic != EXT2_MAGIC)
        return -EINVAL;           // not ext2 at all: no message, callers probe
    if (sb->s_log_block_size > 2)
        return ext2_bad_super(dev, "block size above 4096");
    fs->bs_log = 10 + sb->s_log_block_size;
    fs->bs = 1u << fs->bs_log;
    fs->apb = fs->bs / 4;
    fs->apb_log = fs->bs_log - 2;
    if (sb->s_first_data_block != (fs->bs == 1024 ? 1u : 0u))
        return ext2_bad_super(dev, "first data block");
    if (sb->s_blocks_count <= sb->s_first_data_block + 1)
        return ext2_bad_super(dev, "block count");
    if ((uint64_t)sb->s_blocks_count << fs->bs_log > dev->sectors * BLK_SECTOR_SIZE)
        return ext2_bad_super(dev, "volume larger than its device");
    if (sb->s_blocks_per_group == 0 || sb->s_blocks_per_group > 8 * fs->bs ||
        sb->s_inodes_per_group == 0 || sb->s_inodes_per_group > 8 * fs->bs)
        return ext2_bad_super(dev, "blocks or inodes per group");
    groups = (sb->s_blocks_count - sb->s_first_data_block + sb->s_blocks_per_group - 1) /
             sb->s_blocks_per_group;
    fs->ngroups = (uint32_t)groups;
    if (sb->s_inodes_count == 0 || sb->s_inodes_count > groups * sb->s_inodes_per_group)
        return ext2_bad_super(dev, "inode count");
    fs->inode_size = sb->s_rev_level == 0 ? EXT2_GOOD_OLD_INODE_SIZE : sb->s_inode_size;
    fs->first_ino = sb->s_rev_level == 0 ? 11 : sb->s_first_ino;
    if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || fs->inode_size > fs->bs ||
        (fs->inode_size & (fs->inode_size - 1)))
        return ext2_bad_super(dev, "inode size");
    if (fs->first_ino <= EXT2_ROOT_INO || fs->first_ino >= sb->s_inodes_count)
        return ext2_bad_super(dev, "first inode");
    fs->itb_per_group = (uint32_t)(((uint64_t)sb->s_inodes_per_group * fs->inode_size +
                                    fs->bs - 1) >> fs->bs_log);
    if (fs->itb_per_group >= sb->s_blocks_count)
        return ext2_bad_super(dev, "inode tables larger than the volume");
    fs->gdt_blocks = (fs->ngroups * sizeof(struct ext2_gd) + fs->bs - 1) >> fs->bs_log;
    if (fs->gdt_blocks >= sb->s_blocks_per_group)
        return ext2_bad_super(dev, "group descriptor table larger than a group");
    return 0;
}

// Blocks in group g (the last group may be short).
static uint32_t ext2_group_blocks(struct ext2_fs *fs, uint32_t g)
{
    uint32_t first = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
    uint32_t left = fs->sb.s_blocks_count - first;
    return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

static int ext2_check_groups(struct ext2_fs *fs)
{
    uint32_t g, nb = fs->sb.s_blocks_count;
    for (g = 0; g < fs->ngroups; g++) {
        struct ext2_gd *d = &fs->gd[g];
        if (d->bg_block_bitmap < fs->sb.s_first_data_block || d->bg_block_bitmap >= nb ||
            d->bg_inode_bitmap < fs->sb.s_first_data_block || d->bg_inode_bitmap >= nb ||
            d->bg_inode_table < fs->sb.s_first_data_block ||
            d->bg_inode_table > nb - fs->itb_per_group ||
            d->bg_free_blocks_count > ext2_group_blocks(fs, g) ||
            d->bg_free_inodes_count > fs->sb.s_inodes_per_group ||
            d->bg_used_dirs_count > fs->sb.s_inodes_per_group) {
            kprintf("ext2: %s: group descriptor %u is corrupt\n", fs->dev->name, g);
            return -EUCLEAN;
        }
    }
    return 0;
}

static int ext2_read_groups(struct ext2_fs *fs)
{
    uint32_t i, per = fs->bs / sizeof(struct ext2_gd);
    fs->gd = kmalloc(fs->gdt_blocks * fs->bs);
    if (!fs->gd)
        return -ENOMEM;
    for (i = 0; i < fs->gdt_blocks; i++) {
        struct bbuf *b;
        int r = bcache_get(fs->bc, fs->sb.s_first_data_block + 1 + i, 0, &b);
        if (r < 0)
            return r;
        memcpy(fs->gd + i * per, b->data, fs->bs);
        bcache_put(fs->bc, b);
    }
    return ext2_check_groups(fs);
}

static void ext2_free_fs(struct ext2_fs *fs)
{
    if (fs->bc)
        bcache_destroy(fs->bc);
    blocklog_destroy(fs->log);
    ext2_refs_free(fs);
    kfree(fs->gd);
    kfree(fs);
}

static int ext2_mount_fs(struct ext2_fs *fs, struct blkdev *dev)
{
    struct ext2_inode root;
    int r = blk_read(dev, EXT2_SB_OFFSET / BLK_SECTOR_SIZE, sizeof(fs->sb) / BLK_SECTOR_SIZE,
                     &fs->sb);
    if (r < 0)
        return r;
    if ((r = ext2_check_super(fs, dev)) < 0 || (r = ext2_check_features(fs)) < 0)
        return r;
    // as big as asked, else the biggest half of it the memory holds
    fs->cache_blocks = ext2_cache_bytes / fs->bs;
    for (;;) {
        fs->cache_floor = EXT2_CACHE_FLOOR / fs->bs < fs->cache_blocks ? EXT2_CACHE_FLOOR / fs->bs
                                                                        : fs->cache_blocks;
        if ((fs->bc = bcache_create(dev, fs->bs, fs->cache_floor, fs->cache_blocks)))
            break;
        fs->cache_blocks /= 2;
        if ((uint64_t)fs->cache_blocks * fs->bs < EXT2_CACHE_MIN)
            return -ENOMEM;
    }
    if ((r = ext2_read_groups(fs)) < 0 || (r = ext2_iread(fs, EXT2_ROOT_INO, &root)) < 0)
        return r;
    if (!ext2_is_dir(&root)) {
        kprintf("ext2: %s: root inode is not a directory\n", dev->name);
        return -EUCLEAN;
    }
    return 0;
}

// Finds the log file, replays a sync a power cut interrupted, and attaches
// the log to the cache.  1 after a replay (what the mount read may be stale),
// 0 when attached or when there is no usable log file (said once), else an errno.
static int ext2_open_log(struct ext2_fs *fs)
{
    struct ext2_inode in;
    uint32_t ino, i, n, p, *area;
    int fresh, r = ext2_namei(fs, EXT2_ROOT_INO, EXT2_LOG_PATH, 0, &ino);
    if (r == 0)
        r = ext2_iread(fs, ino, &in);
    if (r < 0) {
        kprintf("ext2: %s: no %s (%d), so syncs are not atomic: a power cut during one can "
                "leave the volume inconsistent\n", fs->dev->name, EXT2_LOG_PATH, r);
        return 0;
    }
    n = 0;
    if ((in.i_mode & EXT2_S_IFMT) == EXT2_S_IFREG)
        n = (uint32_t)(ext2_isize(&in) >> fs->bs_log);
    if (!(area = kmalloc((n ? n : 1) * sizeof(uint32_t))))
        return -ENOMEM;
    for (i = 0; i < n && r == 0; i++) {
        r = ext2_bmap(fs, ino, &in, i, 0, &p, &fresh);
        area[i] = p;
        if (r == 0 && p == 0)
            r = -EUCLEAN;             // a hole: the file was not preallocated
    }
    if (r == 0 && !(fs->log = blocklog_create(fs->dev, fs->bs, area, n)))
        r = -EUCLEAN;
    kfree(area);
    if (r < 0) {
        kprintf("ext2: %s: %s is no log (not a preallocated file of 3 blocks or more): "
                "syncs are not atomic\n", fs->dev->name, EXT2_LOG_PATH);
        return 0;
    }
    if ((r = blocklog_replay(fs->log)) > 0)
        kprintf("ext2: %s: power was cut during a sync: its %d blocks written again from %s\n",
                fs->dev->name, r, EXT2_LOG_PATH);
    if (r != 0)
        return r > 0 ? 1 : r;
    bcache_set_log(fs->bc, fs->log);
    fs->commit_at = blocklog_capacity(fs->log) < fs->cache_floor
                        ? blocklog_capacity(fs->log) / 2 : fs->cache_floor / 2;
    fs->dirty_at = EXT2_DIRTY_MAX / fs->bs < fs->cache_blocks / 2 ? EXT2_DIRTY_MAX / fs->bs
                                                                   : fs->cache_blocks / 2;
    return 0;
}

uint32_t ext2_cache_mib(const struct ext2_fs *fs)
{
    return (uint32_t)((uint64_t)fs->cache_blocks * fs->bs >> 20);
}

// Fresh blocks skip the log, so a sync is due when the others fill half
// of it (or of the cache's floor), or when the dirty blocks reach dirty_at:
// a large write syncs about once per EXT2_DIRTY_MAX, not per half log.
int ext2_commit_if_due(struct ext2_fs *fs)
{
    if (!fs->log || (bcache_logged_count(fs->bc) < fs->commit_at &&
                     bcache_dirty_count(fs->bc) < fs->dirty_at))
        return 0;
    return ext2_sync(fs);
}

int ext2_mount(struct blkdev *dev, int flags, struct ext2_fs **out)
{
    struct ext2_fs *fs = kzalloc(sizeof(*fs));
    int r;
    *out = NULL;
    if (!fs)
        return -ENOMEM;
    fs->dev = dev;
    fs->at_mount = dev->stats;
    fs->ro = (flags & EXT2_MOUNT_RDONLY) != 0;
    r = ext2_mount_fs(fs, dev);
    if (r == 0 && !fs->ro)
        r = ext2_open_log(fs);
    if (r == 1) {                     // replayed: mount what is on disk now
        ext2_free_fs(fs);
        return ext2_mount(dev, flags, out);
    }
    if (r < 0) {
        ext2_free_fs(fs);
        return r;
    }
    if (!(fs->sb.s_state & EXT2_VALID_FS))
        kprintf(fs->log ? "ext2: %s: volume was not cleanly unmounted; it is as its last "
                          "sync left it (the log made that atomic)\n"
                        : "ext2: %s: volume was not cleanly unmounted; run e2fsck\n",
                dev->name);
    if (!fs->ro) {
        // Marked not-clean while mounted, so a crash sends the volume to e2fsck.
        fs->sb.s_state &= ~EXT2_VALID_FS;
        fs->sb.s_mnt_count++;
        fs->sb.s_mtime = rtc_unix_time();
        fs->dirty = 1;
        ext2_orphans_release(fs, "at mount (a power cut or crash left them)");
        r = ext2_sync(fs);
        if (r < 0) {
            ext2_free_fs(fs);
            return r;
        }
    }
    *out = fs;
    return 0;
}

// Copies the superblock and the group descriptors into their cached blocks.
static int ext2_write_meta(struct ext2_fs *fs)
{
    uint32_t i, per = fs->bs / sizeof(struct ext2_gd);
    uint32_t sb_blk = EXT2_SB_OFFSET >> fs->bs_log;
    struct bbuf *b;
    int r;
    fs->sb.s_wtime = rtc_unix_time();
    r = bcache_get(fs->bc, sb_blk, 0, &b);
    if (r < 0)
        return r;
    memcpy(b->data + (EXT2_SB_OFFSET - (sb_blk << fs->bs_log)), &fs->sb, sizeof(fs->sb));
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    for (i = 0; i < fs->gdt_blocks; i++) {
        r = bcache_get(fs->bc, fs->sb.s_first_data_block + 1 + i, 0, &b);
        if (r < 0)
            return r;
        memcpy(b->data, fs->gd + i * per, fs->bs);
        bcache_dirty(fs->bc, b);
        bcache_put(fs->bc, b);
    }
    fs->dirty = 0;
    return 0;
}

int ext2_sync(struct ext2_fs *fs)
{
    int r;
    if (fs->ro)
        return 0;
    if (fs->dirty && (r = ext2_write_meta(fs)) < 0)
        return r;
    if ((r = bcache_sync(fs->bc)) == 0 && fs->nfreed) {   // the frees are on disk now
        memset(fs->freed, 0, sizeof(fs->freed));
        fs->nfreed = 0;
    }
    if (r == 0)
        fs->freed_full = 0;
    return r;
}

// What the mount's syncs cost the device: read off a boot log (docs/ext2.md).
static void ext2_report(struct ext2_fs *fs)
{
    const struct bcache_stats *c = bcache_stats(fs->bc);
    const struct blk_stats *d = &fs->dev->stats, *m = &fs->at_mount;
    kprintf("ext2: %s: %u syncs of %llu blocks (%llu fresh, written once): %llu write "
            "requests, %llu sectors, %llu flushes\n", fs->dev->name, c->syncs,
            (unsigned long long)c->blocks, (unsigned long long)c->fresh,
            (unsigned long long)(d->writes - m->writes),
            (unsigned long long)(d->sectors_written - m->sectors_written),
            (unsigned long long)(d->flushes - m->flushes));
}

int ext2_umount(struct ext2_fs *fs)
{
    int r = 0;
    if (!fs->ro) {
        ext2_orphans_release(fs, "at umount");
        fs->sb.s_state |= EXT2_VALID_FS;
        fs->dirty = 1;
        r = ext2_sync(fs);
        ext2_report(fs);
    }
    ext2_free_fs(fs);
    return r;
}

int ext2_readonly(const struct ext2_fs *fs)
{
    return fs->ro;
}

void ext2_uuid(const struct ext2_fs *fs, uint8_t uuid[16])
{
    memcpy(uuid, fs->sb.s_uuid, 16);
}

void ext2_label(const struct ext2_fs *fs, char label[17])
{
    memcpy(label, fs->sb.s_volume_name, 16);
    label[16] = 0;
}

void ext2_uuid_str(const uint8_t u[16], char out[37])
{
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11],
             u[12], u[13], u[14], u[15]);
}

void ext2_statfs(const struct ext2_fs *fs, uint64_t *block_size, uint64_t *blocks,
                 uint64_t *free_blocks, uint64_t *inodes, uint64_t *free_inodes)
{
    *block_size = fs->bs;
    *blocks = fs->sb.s_blocks_count;
    *free_blocks = fs->sb.s_free_blocks_count;
    *inodes = fs->sb.s_inodes_count;
    *free_inodes = fs->sb.s_free_inodes_count;
}

int ext2_bad_block(struct ext2_fs *fs, uint32_t blk, uint32_t ino, const char *what)
{
    if (blk >= fs->sb.s_first_data_block && blk < fs->sb.s_blocks_count)
        return 0;
    kprintf("ext2: %s: inode %u: %s block %u out of range\n", fs->dev->name, ino, what, blk);
    return -EUCLEAN;
}

uint32_t ext2_ino_group(struct ext2_fs *fs, uint32_t ino)
{
    return (ino - 1) / fs->sb.s_inodes_per_group;
}

// Finds a clear bit in [start, nbits) of bitmap block bmp, wrapping to 0, sets
// it and returns it in *bit; -ENOSPC when every bit is set.
static int ext2_bitmap_take(struct ext2_fs *fs, uint32_t bmp, uint32_t start, uint32_t nbits,
                            uint32_t *bit)
{
    struct bbuf *b;
    uint32_t i, n;
    int r = bcache_get(fs->bc, bmp, 0, &b);
    if (r < 0)
        return r;
    for (n = 0; n < nbits; n++) {
        i = (start + n) % nbits;
        if ((i & 7) == 0 && i + 8 <= nbits && n + 8 <= nbits && b->data[i >> 3] == 0xff) {
            n += 7;
            continue;
        }
        if (!(b->data[i >> 3] & (1 << (i & 7)))) {
            b->data[i >> 3] |= (uint8_t)(1 << (i & 7));
            bcache_dirty(fs->bc, b);
            bcache_put(fs->bc, b);
            *bit = i;
            return 0;
        }
    }
    bcache_put(fs->bc, b);
    return -ENOSPC;
}

// Clears bit in bitmap block bmp; -EUCLEAN when it was already clear.
static int ext2_bitmap_clear(struct ext2_fs *fs, uint32_t bmp, uint32_t bit)
{
    struct bbuf *b;
    int was, r = bcache_get(fs->bc, bmp, 0, &b);
    if (r < 0)
        return r;
    was = b->data[bit >> 3] & (1 << (bit & 7));
    b->data[bit >> 3] &= (uint8_t)~(1 << (bit & 7));
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    return was ? 0 : -EUCLEAN;
}

// A corrupt bitmap may offer a group's own metadata as free: never hand it out.
static int ext2_is_group_meta(struct ext2_fs *fs, uint32_t g, uint32_t blk)
{
    struct ext2_gd *d = &fs->gd[g];
    return blk == d->bg_block_bitmap || blk == d->bg_inode_bitmap ||
           (blk >= d->bg_inode_table && blk - d->bg_inode_table < fs->itb_per_group) ||
           blk <= fs->sb.s_first_data_block + fs->gdt_blocks;
}

// Blocks freed since the last sync, which its state may still use: one
// taken again before the next sync is not fresh (bcache_fresh) and goes
// through the log.  When the set is full, no block is fresh until the sync.
static uint32_t *ext2_freed_slot(struct ext2_fs *fs, uint32_t blk)
{
    uint32_t i = (blk * 2654435761u) >> (32 - EXT2_FREED_BITS);
    while (fs->freed[i] && fs->freed[i] != blk)
        i = (i + 1) & (EXT2_FREED_SLOTS - 1);
    return &fs->freed[i];
}

static void ext2_freed_add(struct ext2_fs *fs, uint32_t blk)
{
    uint32_t *p;
    if (fs->nfreed >= EXT2_FREED_SLOTS / 2) {   // half full keeps the probes short
        fs->freed_full = 1;
        return;
    }
    p = ext2_freed_slot(fs, blk);
    if (!*p) {
        *p = blk;
        fs->nfreed++;
    }
}

// A block just allocated: fresh unless the synced state may still use it.
static void ext2_mark_fresh(struct ext2_fs *fs, uint32_t blk)
{
    if (fs->log && !fs->freed_full && !*ext2_freed_slot(fs, blk))
        bcache_fresh(fs->bc, blk);      // failing only costs the log
}

int ext2_balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blk)
{
    uint32_t fdb = fs->sb.s_first_data_block, bpg = fs->sb.s_blocks_per_group;
    uint32_t g0, n, bit;
    if (goal < fdb || goal >= fs->sb.s_blocks_count)
        goal = fdb;
    g0 = (goal - fdb) / bpg;
    for (n = 0; n < fs->ngroups; n++) {
        uint32_t g = (g0 + n) % fs->ngroups;
        uint32_t start = n == 0 ? (goal - fdb) % bpg : 0;
        if (fs->gd[g].bg_free_blocks_count == 0)
            continue;
        while (ext2_bitmap_take(fs, fs->gd[g].bg_block_bitmap, start,
                                ext2_group_blocks(fs, g), &bit) == 0) {
            uint32_t b = fdb + g * bpg + bit;
            if (ext2_is_group_meta(fs, g, b)) {
                kprintf("ext2: %s: block bitmap of group %u marks metadata block %u free\n",
                        fs->dev->name, g, b);
                continue;         // the bit stays set, which is right for metadata
            }
            fs->gd[g].bg_free_blocks_count--;
            if (fs->sb.s_free_blocks_count)
                fs->sb.s_free_blocks_count--;
            fs->dirty = 1;
            ext2_mark_fresh(fs, b);
            *blk = b;
            return 0;
        }
    }
    return -ENOSPC;
}

int ext2_bfree(struct ext2_fs *fs, uint32_t blk)
{
    uint32_t fdb = fs->sb.s_first_data_block, g, r;
    if (blk < fdb || blk >= fs->sb.s_blocks_count)
        return -EUCLEAN;
    g = (blk - fdb) / fs->sb.s_blocks_per_group;
    if (ext2_is_group_meta(fs, g, blk)) {
        kprintf("ext2: %s: refusing to free metadata block %u\n", fs->dev->name, blk);
        return -EUCLEAN;
    }
    bcache_forget(fs->bc, blk);
    ext2_freed_add(fs, blk);
    r = ext2_bitmap_clear(fs, fs->gd[g].bg_block_bitmap, (blk - fdb) % fs->sb.s_blocks_per_group);
    if (r) {
        kprintf("ext2: %s: freeing free block %u\n", fs->dev->name, blk);
        return r;
    }
    fs->gd[g].bg_free_blocks_count++;
    fs->sb.s_free_blocks_count++;
    fs->dirty = 1;
    return 0;
}

// Group to try first for a new inode: files beside their directory; new
// directories spread out, to the next group with more free inodes than
// average, so trees do not crowd into group 0.
static uint32_t ext2_inode_goal(struct ext2_fs *fs, uint32_t dir, int is_dir)
{
    uint32_t n, avg;
    if (!is_dir)
        return ext2_ino_group(fs, dir);
    avg = fs->sb.s_free_inodes_count / fs->ngroups;
    for (n = 0; n < fs->ngroups; n++) {
        uint32_t g = (fs->dir_rotor + n) % fs->ngroups;
        if (fs->gd[g].bg_free_inodes_count >= avg && fs->gd[g].bg_free_inodes_count &&
            fs->gd[g].bg_free_blocks_count) {
            fs->dir_rotor = g + 1;
            return g;
        }
    }
    return ext2_ino_group(fs, dir);
}

int ext2_ialloc(struct ext2_fs *fs, uint32_t dir, int is_dir, uint32_t *ino)
{
    uint32_t ipg = fs->sb.s_inodes_per_group, g0 = ext2_inode_goal(fs, dir, is_dir);
    uint32_t n, bit;
    for (n = 0; n < fs->ngroups; n++) {
        uint32_t g = (g0 + n) % fs->ngroups;
        if (fs->gd[g].bg_free_inodes_count == 0)
            continue;
        while (ext2_bitmap_take(fs, fs->gd[g].bg_inode_bitmap, 0, ipg, &bit) == 0) {
            uint32_t i = g * ipg + bit + 1;
            if (i < fs->first_ino || i > fs->sb.s_inodes_count) {
                kprintf("ext2: %s: inode bitmap of group %u offers inode %u\n",
                        fs->dev->name, g, i);
                continue;
            }
            fs->gd[g].bg_free_inodes_count--;
            if (fs->sb.s_free_inodes_count)
                fs->sb.s_free_inodes_count--;
            if (is_dir)
                fs->gd[g].bg_used_dirs_count++;
            fs->dirty = 1;
            *ino = i;
            return 0;
        }
    }
    return -ENOSPC;
}

int ext2_ifree(struct ext2_fs *fs, uint32_t ino, int is_dir)
{
    uint32_t g = ext2_ino_group(fs, ino), ipg = fs->sb.s_inodes_per_group;
    int r = ext2_bitmap_clear(fs, fs->gd[g].bg_inode_bitmap, (ino - 1) % ipg);
    if (r) {
        kprintf("ext2: %s: freeing free inode %u\n", fs->dev->name, ino);
        return r;
    }
    fs->gd[g].bg_free_inodes_count++;
    fs->sb.s_free_inodes_count++;
    if (is_dir && fs->gd[g].bg_used_dirs_count)
        fs->gd[g].bg_used_dirs_count--;
    fs->dirty = 1;
    return 0;
}
