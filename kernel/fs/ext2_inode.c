// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/ext2_inode.c: ext2 inodes and file contents: reading and writing
// inode slots, the block map (12 direct pointers, then single, double and
// triple indirect blocks), file read/write with holes, truncation that frees
// whole subtrees, and stat/setattr.  Every block number taken from the disk is
// range-checked before use.  Allocation itself is in ext2.c.
#include <stddef.h>
#include <string.h>
#include "arch/console.h"
#include "dev/rtc.h"
#include "ext2_int.h"
#include "lib/errno.h"

#define EXT2_MAX_FILE (1ull << 40)    // keeps i_blocks (512-byte units) within 32 bits
#define EXT2_EA_MAGIC 0xea020000u     // header of an extended-attribute block

// Finds the slot of inode ino: its block in *blk, byte offset in *off.
static int ext2_islot(struct ext2_fs *fs, uint32_t ino, uint32_t *blk, uint32_t *off)
{
    uint32_t g, idx;
    uint64_t byte;
    if (ino >= EXT2_FOREIGN_INO)
        return -EACCES;             // the mounted filesystem's, which is read-only
    if (ino == 0 || ino > fs->sb.s_inodes_count) {
        kprintf("ext2: %s: inode number %u out of range\n", fs->dev->name, ino);
        return -EUCLEAN;
    }
    g = (ino - 1) / fs->sb.s_inodes_per_group;
    idx = (ino - 1) % fs->sb.s_inodes_per_group;
    byte = (uint64_t)idx * fs->inode_size;
    *blk = fs->gd[g].bg_inode_table + (uint32_t)(byte >> fs->bs_log);
    *off = (uint32_t)(byte & (fs->bs - 1));
    return 0;
}

// Holds the cached block of inode ino's slot; *in points at the inode in it,
// for calls that use it in place instead of copying it out and back (a
// one-byte read or write would otherwise copy 256 bytes).  A change made
// through *in needs bcache_dirty(b); the caller puts b when done.
static int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct bbuf **b, struct ext2_inode **in)
{
    uint32_t blk, off;
    int r = ext2_islot(fs, ino, &blk, &off);
    if (r < 0 || (r = bcache_get(fs->bc, blk, 0, b)) < 0)
        return r;
    *in = (struct ext2_inode *)((*b)->data + off);
    return 0;
}

int ext2_iread(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in)
{
    struct bbuf *b;
    uint32_t blk, off;
    int r = ext2_islot(fs, ino, &blk, &off);
    if (r < 0 || (r = bcache_get(fs->bc, blk, 0, &b)) < 0)
        return r;
    memcpy(in, b->data + off, sizeof(*in));
    bcache_put(fs->bc, b);
    return 0;
}

// Writes the 128-byte base inode; fields past it (large inodes) stay as they are.
int ext2_iwrite(struct ext2_fs *fs, uint32_t ino, const struct ext2_inode *in)
{
    struct bbuf *b;
    uint32_t blk, off;
    int r = ext2_islot(fs, ino, &blk, &off);
    if (r < 0 || (r = bcache_get(fs->bc, blk, 0, &b)) < 0)
        return r;
    memcpy(b->data + off, in, sizeof(*in));
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    return 0;
}

// Writes a new inode: the whole slot is cleared, and a large inode gets the
// i_extra_isize (offset 128) that e2fsck expects of new inodes.
int ext2_inew(struct ext2_fs *fs, uint32_t ino, const struct ext2_inode *in)
{
    struct bbuf *b;
    uint32_t blk, off, extra;
    uint16_t isize;
    int r = ext2_islot(fs, ino, &blk, &off);
    if (r < 0 || (r = bcache_get(fs->bc, blk, 0, &b)) < 0)
        return r;
    memset(b->data + off, 0, fs->inode_size);
    memcpy(b->data + off, in, sizeof(*in));
    extra = fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE;
    if (extra >= 4) {
        isize = fs->sb.s_want_extra_isize;
        if (isize < 4 || isize > extra || (isize & 3))
            isize = extra < 32 ? (uint16_t)extra : 32;
        memcpy(b->data + off + EXT2_GOOD_OLD_INODE_SIZE, &isize, 2);
    }
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    return 0;
}

int ext2_is_dir(const struct ext2_inode *in)
{
    return (in->i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
}

static int ext2_is_reg(const struct ext2_inode *in)
{
    return (in->i_mode & EXT2_S_IFMT) == EXT2_S_IFREG;
}

uint64_t ext2_isize(const struct ext2_inode *in)
{
    uint64_t s = in->i_size;
    if (ext2_is_reg(in))
        s |= (uint64_t)in->i_size_high << 32;
    return s;
}

void ext2_set_isize(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size)
{
    in->i_size = (uint32_t)size;
    if (!ext2_is_reg(in))
        return;
    in->i_size_high = (uint32_t)(size >> 32);
    if (size > 0x7fffffffu && !(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
        // A file over 2 GiB needs large_file; revision 0 has no feature fields.
        if (fs->sb.s_rev_level == 0)
            return;
        fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
        fs->dirty = 1;
    }
}

// Blocks that map no file data: fast symlinks and device numbers in i_block.
int ext2_has_blocks(struct ext2_fs *fs, const struct ext2_inode *in)
{
    uint32_t t = in->i_mode & EXT2_S_IFMT;
    if (t == EXT2_S_IFLNK)
        return in->i_blocks != (in->i_file_acl ? fs->bs / 512 : 0);
    return t == EXT2_S_IFREG || t == EXT2_S_IFDIR;
}

// Splits lblk into the i_block index and one index per indirect level;
// returns the number of indirect levels, or -EFBIG.
static int ext2_block_path(struct ext2_fs *fs, uint32_t lblk, uint32_t idx[4])
{
    uint64_t n = lblk, apb = fs->apb, mask = apb - 1;
    if (n < EXT2_NDIR_BLOCKS) {
        idx[0] = (uint32_t)n;
        return 0;
    }
    n -= EXT2_NDIR_BLOCKS;
    if (n < apb) {
        idx[0] = EXT2_IND_BLOCK;
        idx[1] = (uint32_t)n;
        return 1;
    }
    n -= apb;
    if (n < apb * apb) {
        idx[0] = EXT2_DIND_BLOCK;
        idx[1] = (uint32_t)(n >> fs->apb_log);
        idx[2] = (uint32_t)(n & mask);
        return 2;
    }
    n -= apb * apb;
    if (n < apb * apb * apb) {
        idx[0] = EXT2_TIND_BLOCK;
        idx[1] = (uint32_t)(n >> (2 * fs->apb_log));
        idx[2] = (uint32_t)((n >> fs->apb_log) & mask);
        idx[3] = (uint32_t)(n & mask);
        return 3;
    }
    return -EFBIG;
}

// Allocates a block for inode ino near goal and counts it in i_blocks.
// Indirect blocks are zeroed here; fresh data blocks are filled by the caller.
static int ext2_new_block(struct ext2_fs *fs, struct ext2_inode *in, uint32_t goal,
                          int zero, uint32_t *blk)
{
    struct bbuf *b;
    int r = ext2_balloc(fs, goal, blk);
    if (r < 0)
        return r;
    in->i_blocks += fs->bs / 512;
    if (zero) {
        if ((r = bcache_get(fs->bc, *blk, BCACHE_NOREAD, &b)) < 0)
            return r;
        bcache_dirty(fs->bc, b);
        bcache_put(fs->bc, b);
    }
    return 0;
}

// Follows one level: entry i of indirect block p, allocating when create
// (*made then says so).  New blocks go after their left neighbour.
static int ext2_bmap_step(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in,
                          uint32_t p, uint32_t i, int create, int leaf, uint32_t *q, int *made)
{
    struct bbuf *b;
    uint32_t *v;
    int r = bcache_get(fs->bc, p, 0, &b);
    if (r < 0)
        return r;
    v = (uint32_t *)b->data;
    *q = v[i];
    *made = 0;
    if (*q == 0 && create) {
        uint32_t goal = (i > 0 && v[i - 1]) ? v[i - 1] + 1 : p + 1;
        r = ext2_new_block(fs, in, goal, !leaf, q);
        if (r == 0) {
            v[i] = *q;
            *made = 1;
            bcache_dirty(fs->bc, b);
        }
    } else if (*q) {
        r = ext2_bad_block(fs, *q, ino, leaf ? "data" : "indirect");
    }
    bcache_put(fs->bc, b);
    return r;
}

// Maps logical block lblk of inode ino (in is its copy, updated when blocks
// are allocated; the caller writes it back).  *pblk is 0 for a hole.  *fresh
// says the data block was just allocated and holds garbage.
int ext2_bmap(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint32_t lblk,
              int create, uint32_t *pblk, int *fresh)
{
    uint32_t idx[4], p, goal;
    int lvl, r, made = 0, depth = ext2_block_path(fs, lblk, idx);
    *pblk = 0;
    *fresh = 0;
    if (depth < 0)
        return depth;
    p = in->i_block[idx[0]];
    if (p == 0 && create) {
        goal = fs->gd[ext2_ino_group(fs, ino)].bg_inode_table + fs->itb_per_group;
        if (idx[0] > 0 && in->i_block[idx[0] - 1])
            goal = in->i_block[idx[0] - 1] + 1;
        if ((r = ext2_new_block(fs, in, goal, depth > 0, &p)) < 0)
            return r;
        in->i_block[idx[0]] = p;
        made = 1;
    } else if (p && (r = ext2_bad_block(fs, p, ino, depth ? "indirect" : "data")) < 0) {
        return r;
    }
    for (lvl = 1; lvl <= depth && p; lvl++) {
        uint32_t q;
        r = ext2_bmap_step(fs, ino, in, p, idx[lvl], create, lvl == depth, &q, &made);
        if (r < 0)
            return r;
        p = q;
    }
    *pblk = p;
    *fresh = made;
    return 0;
}

// Reads with the inode in place in its held cache block (ext2_iget).
static int ext2_iread_data(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint64_t off,
                           void *buf, uint32_t n)
{
    uint64_t size;
    uint32_t done = 0;
    int r;
    if (ext2_is_dir(in))
        return -EISDIR;
    if (!ext2_is_reg(in))
        return -EINVAL;
    size = ext2_isize(in);
    if (off >= size)
        return 0;
    if (n > 0x7fffffffu)
        n = 0x7fffffffu;
    if (n > size - off)
        n = (uint32_t)(size - off);
    while (done < n) {
        uint32_t boff = (uint32_t)(off & (fs->bs - 1)), chunk = fs->bs - boff, p;
        int fresh;
        struct bbuf *b;
        if (chunk > n - done)
            chunk = n - done;
        if ((r = ext2_bmap(fs, ino, in, (uint32_t)(off >> fs->bs_log), 0, &p, &fresh)) < 0)
            return r;
        if (p == 0) {
            memset((uint8_t *)buf + done, 0, chunk);
        } else {
            if ((r = bcache_get(fs->bc, p, 0, &b)) < 0)
                return r;
            memcpy((uint8_t *)buf + done, b->data + boff, chunk);
            bcache_put(fs->bc, b);
        }
        done += chunk;
        off += chunk;
    }
    return (int)done;
}

int ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf, uint32_t n)
{
    struct ext2_inode *in;
    struct bbuf *ib;
    int r = ext2_iget(fs, ino, &ib, &in);
    if (r < 0)
        return r;
    r = ext2_iread_data(fs, ino, in, off, buf, n);
    bcache_put(fs->bc, ib);
    return r;
}

// Writes n bytes at off into the blocks of in (any file type), allocating as
// needed; returns the bytes written, or an error when none were.  The size and
// times are the caller's to update.
int ext2_idata_write(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint64_t off,
                     const void *buf, uint32_t n)
{
    uint32_t done = 0;
    while (done < n) {
        uint32_t boff = (uint32_t)(off & (fs->bs - 1)), chunk = fs->bs - boff, p;
        int fresh, r;
        struct bbuf *b;
        if (chunk > n - done)
            chunk = n - done;
        r = ext2_bmap(fs, ino, in, (uint32_t)(off >> fs->bs_log), 1, &p, &fresh);
        if (r == 0)
            r = bcache_get(fs->bc, p, (fresh || chunk == fs->bs) ? BCACHE_NOREAD : 0, &b);
        if (r < 0)
            return done ? (int)done : r;
        memcpy(b->data + boff, (const uint8_t *)buf + done, chunk);
        bcache_dirty(fs->bc, b);
        bcache_put(fs->bc, b);
        done += chunk;
        off += chunk;
    }
    return (int)done;
}

// What ext2_write refuses of inode in, and n cut to what one call writes.
static int ext2_write_check(const struct ext2_inode *in, uint64_t off, uint32_t *n)
{
    if (ext2_is_dir(in))
        return -EISDIR;
    if (!ext2_is_reg(in))
        return -EINVAL;
    if (*n > 0x7fffffffu)
        *n = 0x7fffffffu;
    if (off >= EXT2_MAX_FILE || *n > EXT2_MAX_FILE - off)
        return -EFBIG;
    return 0;
}

// The inode is changed in place in its cache block (ext2_iget).
int ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf, uint32_t n)
{
    struct ext2_inode *in;
    struct bbuf *ib;
    int r, w;
    if (fs->ro)
        return -EROFS;
    if ((r = ext2_iget(fs, ino, &ib, &in)) < 0)
        return r;
    ext2_content_changed(fs, ino);
    if ((r = ext2_write_check(in, off, &n)) < 0 || n == 0) {
        bcache_put(fs->bc, ib);
        return r;
    }
    w = ext2_idata_write(fs, ino, in, off, buf, n);
    if (w > 0 && off + (uint32_t)w > ext2_isize(in))
        ext2_set_isize(fs, in, off + (uint32_t)w);
    in->i_mtime = in->i_ctime = rtc_unix_time();
    // Even a failed write may have allocated blocks that the inode now records.
    bcache_dirty(fs->bc, ib);
    bcache_put(fs->bc, ib);
    return w;
}

// Frees the blocks below *ptr (depth levels of indirection, mapping logical
// blocks from base on) that map logical blocks >= first, and *ptr itself when
// nothing below it is left.
static int ext2_trunc_tree(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in,
                           uint32_t *ptr, int depth, uint64_t base, uint64_t first)
{
    uint64_t span = 1ull << (depth * fs->apb_log), cspan = span >> fs->apb_log;
    int r = 0, keep = 0;
    uint32_t i;
    if (*ptr == 0 || base + span <= first)
        return 0;
    if (ext2_bad_block(fs, *ptr, ino, "truncated") < 0) {
        *ptr = 0;             // drop the bad pointer; there is nothing to free
        return -EUCLEAN;
    }
    if (depth > 0) {
        struct bbuf *b;
        uint32_t *v;
        // A sound tree has each block once; a corrupt one may share blocks
        // and would take apb^3 steps without this bound.
        if (fs->trunc_budget == 0) {
            kprintf("ext2: %s: inode %u: indirect blocks revisited, truncate stopped\n",
                    fs->dev->name, ino);
            return -EUCLEAN;
        }
        fs->trunc_budget--;
        if ((r = bcache_get(fs->bc, *ptr, 0, &b)) < 0)
            return r;
        v = (uint32_t *)b->data;
        for (i = 0; i < fs->apb; i++) {
            uint32_t c = v[i];
            int e = ext2_trunc_tree(fs, ino, in, &c, depth - 1, base + i * cspan, first);
            if (e < 0 && !r)
                r = e;
            if (c != v[i]) {
                v[i] = c;
                bcache_dirty(fs->bc, b);
            }
            keep |= c != 0;
        }
        bcache_put(fs->bc, b);
        if (keep)
            return r;
    }
    if (ext2_bfree(fs, *ptr) == 0 && in->i_blocks >= fs->bs / 512)
        in->i_blocks -= fs->bs / 512;
    *ptr = 0;
    return r;
}

// Zeroes the tail of the block holding byte size, so that growing the file
// later reads zeros there.
static int ext2_zero_tail(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint64_t size)
{
    uint32_t boff = (uint32_t)(size & (fs->bs - 1)), p;
    struct bbuf *b;
    int fresh, r;
    if (boff == 0)
        return 0;
    if ((r = ext2_bmap(fs, ino, in, (uint32_t)(size >> fs->bs_log), 0, &p, &fresh)) < 0 || !p)
        return r;
    if ((r = bcache_get(fs->bc, p, 0, &b)) < 0)
        return r;
    memset(b->data + boff, 0, fs->bs - boff);
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    return 0;
}

// Sets the size of in to size, freeing blocks past it (the caller writes in).
int ext2_itrunc(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in, uint64_t size)
{
    uint64_t first = (size + fs->bs - 1) >> fs->bs_log;
    uint64_t base = EXT2_NDIR_BLOCKS;
    int i, e, r = 0;
    if (size < ext2_isize(in) && ext2_has_blocks(fs, in)) {
        fs->trunc_budget = fs->sb.s_blocks_count;
        for (i = 0; i < EXT2_NDIR_BLOCKS; i++)
            if ((e = ext2_trunc_tree(fs, ino, in, &in->i_block[i], 0, i, first)) < 0 && !r)
                r = e;
        for (i = 1; i <= 3; i++) {
            e = ext2_trunc_tree(fs, ino, in, &in->i_block[EXT2_IND_BLOCK + i - 1], i, base, first);
            if (e < 0 && !r)
                r = e;
            base += 1ull << (i * fs->apb_log);
        }
        if (!r)
            r = ext2_zero_tail(fs, ino, in, size);
    }
    ext2_set_isize(fs, in, size);
    return r;
}

int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size)
{
    struct ext2_inode in;
    int r, w;
    if (fs->ro)
        return -EROFS;
    if ((r = ext2_iread(fs, ino, &in)) < 0)
        return r;
    if (ext2_is_dir(&in))
        return -EISDIR;
    if (!ext2_is_reg(&in))
        return -EINVAL;
    if (size > EXT2_MAX_FILE)
        return -EFBIG;
    ext2_content_changed(fs, ino);
    r = ext2_itrunc(fs, ino, &in, size);
    in.i_mtime = in.i_ctime = rtc_unix_time();
    w = ext2_iwrite(fs, ino, &in);
    return r < 0 ? r : w;
}

// Drops one reference to the extended-attribute block of in, freeing it with the last.
static int ext2_drop_xattr(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in)
{
    struct bbuf *b;
    uint32_t *h;
    int r;
    if (!in->i_file_acl)
        return 0;
    if ((r = ext2_bad_block(fs, in->i_file_acl, ino, "xattr")) < 0 ||
        (r = bcache_get(fs->bc, in->i_file_acl, 0, &b)) < 0)
        return r;
    h = (uint32_t *)b->data;      // h[0] magic, h[1] reference count
    if (h[0] == EXT2_EA_MAGIC && h[1] > 1) {
        h[1]--;
        bcache_dirty(fs->bc, b);
        bcache_put(fs->bc, b);
    } else {
        bcache_put(fs->bc, b);
        r = ext2_bfree(fs, in->i_file_acl);
    }
    in->i_file_acl = 0;
    return r;
}

// Frees an inode whose last link is gone: its blocks, xattr block and slot.
int ext2_irelease(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in)
{
    int r;
    ext2_content_changed(fs, ino);      // the number may soon name another file
    r = ext2_itrunc(fs, ino, in, 0);
    int e = ext2_drop_xattr(fs, ino, in);
    if (!r)
        r = e;
    in->i_links_count = 0;
    in->i_dtime = rtc_unix_time();
    if ((e = ext2_iwrite(fs, ino, in)) < 0 && !r)
        r = e;
    if ((e = ext2_ifree(fs, ino, ext2_is_dir(in))) < 0 && !r)
        r = e;
    return r;
}

uint8_t ext2_mode_ftype(uint32_t mode)
{
    static const uint8_t types[16] = {
        [EXT2_S_IFREG >> 12] = EXT2_FT_REG, [EXT2_S_IFDIR >> 12] = EXT2_FT_DIR,
        [EXT2_S_IFCHR >> 12] = EXT2_FT_CHRDEV, [EXT2_S_IFBLK >> 12] = EXT2_FT_BLKDEV,
        [EXT2_S_IFIFO >> 12] = EXT2_FT_FIFO, [EXT2_S_IFSOCK >> 12] = EXT2_FT_SOCK,
        [EXT2_S_IFLNK >> 12] = EXT2_FT_SYMLINK };
    return types[(mode & EXT2_S_IFMT) >> 12];
}

int ext2_stat(struct ext2_fs *fs, uint32_t ino, struct ext2_stat *st)
{
    struct ext2_inode in;
    int r = ext2_iread(fs, ino, &in);
    if (r < 0)
        return r;
    st->ino = ino;
    st->mode = in.i_mode;
    st->nlink = in.i_links_count;
    st->uid = in.i_uid | ((uint32_t)in.i_uid_high << 16);
    st->gid = in.i_gid | ((uint32_t)in.i_gid_high << 16);
    st->size = ext2_isize(&in);
    st->blocks = in.i_blocks;
    st->atime = in.i_atime;
    st->mtime = in.i_mtime;
    st->ctime = in.i_ctime;
    st->rdev = ext2_rdev(&in);
    return 0;
}

static int ext2_is_dev(const struct ext2_inode *in)
{
    uint32_t t = in->i_mode & EXT2_S_IFMT;
    return t == EXT2_S_IFCHR || t == EXT2_S_IFBLK;
}

// Linux's ext2 keeps a device number in i_block: the old 16-bit form
// (major << 8 | minor) in i_block[0] when both fit in a byte, else 0 there and
// the 32-bit form (new_encode_dev, EXT2_MKDEV) in i_block[1].
uint32_t ext2_rdev(const struct ext2_inode *in)
{
    if (!ext2_is_dev(in))
        return 0;
    return in->i_block[0] ? in->i_block[0] & 0xffff : in->i_block[1];
}

void ext2_set_rdev(struct ext2_inode *in, uint32_t rdev)
{
    if (!ext2_is_dev(in))
        return;
    if (EXT2_DEV_MAJOR(rdev) < 256 && EXT2_DEV_MINOR(rdev) < 256) {
        in->i_block[0] = EXT2_DEV_MAJOR(rdev) << 8 | EXT2_DEV_MINOR(rdev);
        in->i_block[1] = 0;
    } else {
        in->i_block[0] = 0;
        in->i_block[1] = rdev;
    }
}

int ext2_setattr(struct ext2_fs *fs, uint32_t ino, int mask, const struct ext2_stat *st)
{
    struct ext2_inode in;
    int r;
    if (fs->ro)
        return -EROFS;
    if ((r = ext2_iread(fs, ino, &in)) < 0)
        return r;
    if (mask & EXT2_SET_MODE)
        in.i_mode = (uint16_t)((in.i_mode & EXT2_S_IFMT) | (st->mode & 07777));
    if (mask & EXT2_SET_UID) {
        in.i_uid = (uint16_t)st->uid;
        in.i_uid_high = (uint16_t)(st->uid >> 16);
    }
    if (mask & EXT2_SET_GID) {
        in.i_gid = (uint16_t)st->gid;
        in.i_gid_high = (uint16_t)(st->gid >> 16);
    }
    if (mask & EXT2_SET_ATIME)
        in.i_atime = st->atime;
    if (mask & EXT2_SET_MTIME)
        in.i_mtime = st->mtime;
    in.i_ctime = rtc_unix_time();
    return ext2_iwrite(fs, ino, &in);
}
