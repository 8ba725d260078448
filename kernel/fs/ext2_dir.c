// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/ext2_dir.c: ext2 directories: a walk over the entries of every
// directory block that checks each entry before anyone uses it (rec_len,
// name length, inode number), and on it lookup, readdir, entry insertion
// (into the slack of an entry or a new block), removal (merged into the
// previous entry's rec_len), and path resolution with bounded symlink
// following.  What the entries mean for link counts is ext2_ops.c's business.
#include <stddef.h>
#include <string.h>
#include "arch/console.h"
#include "dev/rtc.h"
#include "ext2_int.h"
#include "lib/errno.h"
#include "mm/kheap.h"


typedef int (*ext2_dwalk_fn)(void *ctx, struct ext2_fs *fs, struct ext2_dirent *d,
                             const struct ext2_dloc *loc);

static int ext2_dirent_ok(struct ext2_fs *fs, uint32_t dir, uint32_t lblk, const uint8_t *data,
                          uint32_t off)
{
    const struct ext2_dirent *d = (const struct ext2_dirent *)(data + off);
    uint32_t nl;
    const char *why = NULL;
    if (fs->bs - off < 8)
        why = "entry header crosses the block end";
    else if (d->rec_len < 8 || (d->rec_len & 3) || d->rec_len > fs->bs - off)
        why = "bad rec_len";
    if (!why) {
        nl = d->name_len | (fs->filetype ? 0 : (uint32_t)d->file_type << 8);
        if (8 + nl > d->rec_len)
            why = "name longer than the entry";
        else if (d->inode > fs->sb.s_inodes_count ||
                 (d->inode && d->inode != EXT2_ROOT_INO && d->inode < fs->first_ino))
            why = "inode number out of range";
        else if (d->inode && nl == 0)
            why = "empty name";
    }
    if (!why)
        return 0;
    kprintf("ext2: %s: directory %u block %u offset %u: %s\n", fs->dev->name, dir, lblk,
            off, why);
    return -EUCLEAN;
}

// Calls fn on each entry (used or not) of directory dir, starting with block
// start_blk; a non-zero return from fn ends the walk and is returned.
static int ext2_dir_walk(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                         uint32_t start_blk, ext2_dwalk_fn fn, void *ctx)
{
    uint32_t nblocks = din->i_size >> fs->bs_log, lblk, p, rec_len = 0;
    int fresh, r;
    // Directories have no holes, so i_blocks covers the size; checking it
    // first keeps a corrupt size from sending the walk over 4 GiB of holes.
    if ((din->i_size & (fs->bs - 1)) || nblocks > din->i_blocks / (fs->bs / 512)) {
        kprintf("ext2: %s: directory %u: size %u does not match its blocks\n", fs->dev->name,
                dir, din->i_size);
        return -EUCLEAN;
    }
    for (lblk = start_blk; lblk < nblocks; lblk++) {
        struct ext2_dloc loc;
        struct bbuf *b;
        if ((r = ext2_bmap(fs, dir, din, lblk, 0, &p, &fresh)) < 0)
            return r;
        if (p == 0) {
            kprintf("ext2: %s: directory %u: hole at block %u\n", fs->dev->name, dir, lblk);
            return -EUCLEAN;
        }
        if ((r = bcache_get(fs->bc, p, 0, &b)) < 0)
            return r;
        loc.lblk = lblk;
        loc.prev_off = 0;
        for (loc.off = 0; loc.off < fs->bs; loc.off += rec_len) {
            struct ext2_dirent *d = (struct ext2_dirent *)(b->data + loc.off);
            if ((r = ext2_dirent_ok(fs, dir, lblk, b->data, loc.off)) == 0) {
                rec_len = d->rec_len;     // taken before fn, which gets d
                loc.ino = d->inode;
                r = fn(ctx, fs, d, &loc);
            }
            if (r) {
                bcache_put(fs->bc, b);
                return r;
            }
            loc.prev_off = loc.off;
        }
        bcache_put(fs->bc, b);
    }
    return 0;
}

struct ext2_find_ctx {
    const char *name;
    uint32_t len;
    struct ext2_dloc *loc;
};

static int ext2_find_fn(void *ctx, struct ext2_fs *fs, struct ext2_dirent *d,
                        const struct ext2_dloc *loc)
{
    struct ext2_find_ctx *c = ctx;
    if (!d->inode || d->name_len != c->len || memcmp(d->name, c->name, c->len))
        return 0;
    *c->loc = *loc;
    return 1;
}

int ext2_dir_find(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din, const char *name,
                  uint32_t len, struct ext2_dloc *loc)
{
    struct ext2_find_ctx c;
    int r;
    c.name = name;
    c.len = len;
    c.loc = loc;
    r = ext2_dir_walk(fs, dir, din, 0, ext2_find_fn, &c);
    return r == 1 ? 0 : (r < 0 ? r : -ENOENT);
}

static int ext2_empty_fn(void *ctx, struct ext2_fs *fs, struct ext2_dirent *d,
                         const struct ext2_dloc *loc)
{
    if (!d->inode)
        return 0;
    if ((d->name_len == 1 && d->name[0] == '.') ||
        (d->name_len == 2 && d->name[0] == '.' && d->name[1] == '.'))
        return 0;
    return 1;
}

// 1 when dir holds nothing but "." and "..", 0 when it holds more.
int ext2_dir_empty(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din)
{
    int r = ext2_dir_walk(fs, dir, din, 0, ext2_empty_fn, NULL);
    return r < 0 ? r : !r;
}

// Fetches the directory block of loc, held.
static int ext2_dir_block(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                          uint32_t lblk, struct bbuf **b)
{
    uint32_t p;
    int fresh, r = ext2_bmap(fs, dir, din, lblk, 0, &p, &fresh);
    if (r < 0)
        return r;
    if (!p)
        return -EUCLEAN;
    return bcache_get(fs->bc, p, 0, b);
}

// Records a change to directory dir.  An htree index would now be stale, so
// the directory becomes a plain linear one (as Linux's ext2 driver does).
static int ext2_dir_touch(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din)
{
    din->i_flags &= ~EXT2_INDEX_FL;
    din->i_mtime = din->i_ctime = rtc_unix_time();
    return ext2_iwrite(fs, dir, din);
}

static void ext2_dirent_fill(struct ext2_fs *fs, struct ext2_dirent *d, const char *name,
                             uint32_t len, uint32_t ino, uint8_t ftype)
{
    d->inode = ino;
    d->name_len = (uint8_t)len;
    d->file_type = fs->filetype ? ftype : 0;
    memcpy(d->name, name, len);
}

struct ext2_slot_ctx {
    uint32_t need;
    struct ext2_dloc *loc;
};

static int ext2_slot_fn(void *ctx, struct ext2_fs *fs, struct ext2_dirent *d,
                        const struct ext2_dloc *loc)
{
    struct ext2_slot_ctx *c = ctx;
    uint32_t used = d->inode ? EXT2_DIRENT_LEN(d->name_len) : 0;
    if (d->rec_len < used || d->rec_len - used < c->need)
        return 0;
    *c->loc = *loc;
    return 1;
}

// Adds name -> ino to directory dir, in the first entry with room or in a
// new block at the end.  The caller has checked that name is not there.
int ext2_dir_add(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din, const char *name,
                 uint32_t len, uint32_t ino, uint8_t ftype)
{
    struct ext2_dloc loc;
    struct ext2_slot_ctx c;
    struct bbuf *b;
    struct ext2_dirent *d;
    int r;
    c.need = EXT2_DIRENT_LEN(len);
    c.loc = &loc;
    r = ext2_dir_walk(fs, dir, din, 0, ext2_slot_fn, &c);
    if (r < 0)
        return r;
    if (r == 1) {
        if ((r = ext2_dir_block(fs, dir, din, loc.lblk, &b)) < 0)
            return r;
        d = (struct ext2_dirent *)(b->data + loc.off);
        if (d->inode) {           // split: the new entry takes the slack
            uint32_t used = EXT2_DIRENT_LEN(d->name_len);
            struct ext2_dirent *n = (struct ext2_dirent *)(b->data + loc.off + used);
            n->rec_len = (uint16_t)(d->rec_len - used);
            d->rec_len = (uint16_t)used;
            d = n;
        }
    } else {
        uint32_t p, lblk = din->i_size >> fs->bs_log;
        int fresh;
        if ((uint64_t)din->i_size + fs->bs > 0x7fffffffu)
            return -ENOSPC;
        if ((r = ext2_bmap(fs, dir, din, lblk, 1, &p, &fresh)) < 0)
            return r;
        if (!fresh) {
            kprintf("ext2: %s: directory %u: block past its size in use\n", fs->dev->name, dir);
            return -EUCLEAN;
        }
        din->i_size = (lblk + 1) << fs->bs_log;
        if ((r = bcache_get(fs->bc, p, BCACHE_NOREAD, &b)) < 0)
            return r;
        d = (struct ext2_dirent *)b->data;
        d->rec_len = (uint16_t)fs->bs;
    }
    ext2_dirent_fill(fs, d, name, len, ino, ftype);
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    return ext2_dir_touch(fs, dir, din);
}

// Removes the entry at loc: merged into the previous entry of its block, or
// marked unused when it is the first.
int ext2_dir_remove(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                    const struct ext2_dloc *loc)
{
    struct bbuf *b;
    struct ext2_dirent *d;
    int r = ext2_dir_block(fs, dir, din, loc->lblk, &b);
    if (r < 0)
        return r;
    d = (struct ext2_dirent *)(b->data + loc->off);
    if (loc->off != loc->prev_off) {
        struct ext2_dirent *prev = (struct ext2_dirent *)(b->data + loc->prev_off);
        prev->rec_len = (uint16_t)(prev->rec_len + d->rec_len);
    } else {
        d->inode = 0;
    }
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    return ext2_dir_touch(fs, dir, din);
}

// Points the entry at loc to ino (rename over a name, a moved directory's "..").
int ext2_dir_set(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                 const struct ext2_dloc *loc, uint32_t ino, uint8_t ftype)
{
    struct bbuf *b;
    struct ext2_dirent *d;
    int r = ext2_dir_block(fs, dir, din, loc->lblk, &b);
    if (r < 0)
        return r;
    d = (struct ext2_dirent *)(b->data + loc->off);
    d->inode = ino;
    d->file_type = fs->filetype ? ftype : 0;
    bcache_dirty(fs->bc, b);
    bcache_put(fs->bc, b);
    return ext2_dir_touch(fs, dir, din);
}

int ext2_check_name(const char *name, uint32_t len)
{
    if (len == 0)
        return -ENOENT;
    if (len > EXT2_NAME_MAX)
        return -ENAMETOOLONG;
    if (memchr(name, '/', len) || memchr(name, 0, len))
        return -EINVAL;
    return 0;
}

int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len, uint32_t *ino)
{
    struct ext2_inode din;
    struct ext2_dloc loc;
    int r = ext2_check_name(name, len);
    if (r < 0 || (r = ext2_iread(fs, dir, &din)) < 0)
        return r;
    if (!ext2_is_dir(&din))
        return -ENOTDIR;
    // "." is the directory itself, without reading its entries: a directory
    // rmdir'd while it is someone's working directory has none left, and
    // stat(".") there still answers, as on Linux
    if (len == 1 && name[0] == '.') {
        *ino = dir;
        return 0;
    }
    if ((r = ext2_dir_find(fs, dir, &din, name, len, &loc)) < 0)
        return r;
    *ino = loc.ino;
    return 0;
}

struct ext2_readdir_ctx {
    ext2_dirent_fn fn;
    void *ctx;
    uint64_t *cookie;
};

static int ext2_readdir_fn(void *ctx, struct ext2_fs *fs, struct ext2_dirent *d,
                           const struct ext2_dloc *loc)
{
    struct ext2_readdir_ctx *c = ctx;
    uint64_t here = ((uint64_t)loc->lblk << fs->bs_log) + loc->off;
    if (here < *c->cookie)
        return 0;
    if (d->inode && c->fn(c->ctx, d->name, d->name_len, d->inode,
                          fs->filetype ? d->file_type : EXT2_FT_UNKNOWN)) {
        *c->cookie = here;
        return 1;
    }
    *c->cookie = here + d->rec_len;
    return 0;
}

int ext2_readdir(struct ext2_fs *fs, uint32_t ino, uint64_t *cookie, ext2_dirent_fn fn,
                 void *ctx)
{
    struct ext2_inode din;
    struct ext2_readdir_ctx c;
    int r = ext2_iread(fs, ino, &din);
    if (r < 0)
        return r;
    if (!ext2_is_dir(&din))
        return -ENOTDIR;
    if (din.i_links_count == 0)
        return -ENOENT;           // removed while open, as Linux's IS_DEADDIR
    c.fn = fn;
    c.ctx = ctx;
    c.cookie = cookie;
    if (*cookie >= din.i_size)
        return 0;
    r = ext2_dir_walk(fs, ino, &din, (uint32_t)(*cookie >> fs->bs_log), ext2_readdir_fn, &c);
    if (r == 0)
        *cookie = din.i_size;
    return r < 0 ? r : 0;
}

struct name_search {
    uint32_t want;
    char *name;
    uint32_t len;
};

static int match_ino(void *ctx, const char *name, uint32_t len, uint32_t ino, uint8_t type)
{
    struct name_search *s = ctx;
    (void)type;
    if (ino != s->want || (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
        return 0;
    memcpy(s->name, name, len);
    s->len = len;
    return 1;
}

// Walks up through ".." from directory ino to the root, finding each
// directory's name in its parent; the path is built from the end of the
// buffer backwards, then moved to its start.
int ext2_dir_path(struct ext2_fs *fs, uint32_t ino, char *path, uint32_t size)
{
    char name[EXT2_NAME_MAX + 1];
    uint32_t parent, pos = size - 1, len;
    struct name_search s;
    uint64_t cookie;
    int err = 0, depth;

    path[pos] = 0;
    for (depth = 0; ino != EXT2_ROOT_INO && depth < 1024 && err == 0; depth++) {
        if ((err = ext2_lookup(fs, ino, "..", 2, &parent)) < 0)
            break;
        s.want = ino;
        s.name = name;
        s.len = 0;
        cookie = 0;
        if ((err = ext2_readdir(fs, parent, &cookie, match_ino, &s)) < 0)
            break;
        if (!s.len || s.len + 1 > pos) {
            err = s.len ? -ENAMETOOLONG : -ENOENT;
            break;
        }
        pos -= s.len;
        memcpy(path + pos, name, s.len);
        path[--pos] = '/';
        ino = parent;
    }
    if (err < 0)
        return err;
    if (pos == size - 1)
        path[--pos] = '/';
    len = size - 1 - pos;
    memmove(path, path + pos, len + 1);
    return len;
}
