// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/ext2_ops.c: ext2 namespace operations: path resolution, create,
// mkdir, symlink, link, unlink, rmdir, rename and readlink.  They keep the
// link counts right: a file counts its names, a directory its name, its "."
// and the ".." of each subdirectory.  Entries themselves are ext2_dir.c's.
#include <stddef.h>
#include <string.h>
#include "arch/console.h"
#include "dev/rtc.h"
#include "ext2_int.h"
#include "lib/errno.h"
#include "mm/kheap.h"


static int ext2_is_dot(const char *name, uint32_t len)
{
    return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

static int ext2_is_symlink(const struct ext2_inode *in)
{
    return (in->i_mode & EXT2_S_IFMT) == EXT2_S_IFLNK;
}

static int ext2_corrupt_link(struct ext2_fs *fs, uint32_t ino)
{
    kprintf("ext2: %s: symlink inode %u is corrupt\n", fs->dev->name, ino);
    return -EUCLEAN;
}

int ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, uint32_t size)
{
    struct ext2_inode in;
    struct bbuf *b;
    uint32_t p, len;
    int fresh, r = ext2_iread(fs, ino, &in);
    if (r < 0)
        return r;
    if (!ext2_is_symlink(&in))
        return -EINVAL;
    len = in.i_size < size ? in.i_size : size;
    if (!ext2_has_blocks(fs, &in)) {       // fast: the target is in i_block
        if (in.i_size > sizeof(in.i_block))
            return ext2_corrupt_link(fs, ino);
        memcpy(buf, in.i_block, len);
        return (int)len;
    }
    if (in.i_size >= fs->bs || ext2_isize(&in) != in.i_size)
        return ext2_corrupt_link(fs, ino);
    if ((r = ext2_bmap(fs, ino, &in, 0, 0, &p, &fresh)) < 0)
        return r;
    if (!p)
        return ext2_corrupt_link(fs, ino);
    if ((r = bcache_get(fs->bc, p, 0, &b)) < 0)
        return r;
    memcpy(buf, b->data, len);
    bcache_put(fs->bc, b);
    return (int)len;
}

void ext2_set_mounted(struct ext2_fs *fs, const struct ext2_mounted *m)
{
    fs->mounted = m;
}

// The type and permissions of ino, on the volume or the mounted filesystem.
static int ext2_mode(struct ext2_fs *fs, uint32_t ino, uint32_t *mode)
{
    struct ext2_inode in;
    int r;
    if (ino >= EXT2_FOREIGN_INO && fs->mounted)
        return fs->mounted->mode(ino, mode);
    if ((r = ext2_iread(fs, ino, &in)) < 0)
        return r;
    *mode = in.i_mode;
    return 0;
}

// One step of a path: name in directory dir, crossing into the mounted
// filesystem at the directory it covers and out of it at its root's "..".
static int ext2_step(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len, uint32_t *ino)
{
    const struct ext2_mounted *m = fs->mounted;
    int r;
    if (dir >= EXT2_FOREIGN_INO && m) {
        if (dir == m->root && len == 2 && name[0] == '.' && name[1] == '.')
            return ext2_lookup(fs, m->on, name, len, ino);
        return m->lookup(dir, name, len, ino);
    }
    if ((r = ext2_lookup(fs, dir, name, len, ino)) == 0 && m && *ino == m->on)
        *ino = m->root;
    return r;
}

static int ext2_resolve(struct ext2_fs *fs, uint32_t cwd, const char *path, uint32_t plen,
                        int follow, int *links, uint32_t *out);

// Replaces *ino, a symlink found in directory dir, by what its target names.
static int ext2_follow(struct ext2_fs *fs, uint32_t dir, uint32_t *ino, int *links)
{
    char *target;
    int r;
    if (++*links > EXT2_SYMLOOP_MAX)
        return -ELOOP;
    target = kmalloc(fs->bs);
    if (!target)
        return -ENOMEM;
    if (*ino >= EXT2_FOREIGN_INO && fs->mounted) {
        r = fs->mounted->link(*ino, target, fs->bs, ino);
        if (r > 0)
            r = ext2_resolve(fs, dir, target, (uint32_t)r, 1, links, ino);
        kfree(target);
        return r;
    }
    r = ext2_readlink(fs, *ino, target, fs->bs);
    if (r == 0)
        r = -ENOENT;
    if (r > 0)
        r = ext2_resolve(fs, dir, target, (uint32_t)r, 1, links, ino);
    kfree(target);
    return r;
}

// Walks path (plen bytes) from cwd.  Recursion happens only through
// ext2_follow, so its depth is bounded by EXT2_SYMLOOP_MAX.
static int ext2_resolve(struct ext2_fs *fs, uint32_t cwd, const char *path, uint32_t plen,
                        int follow, int *links, uint32_t *out)
{
    uint32_t cur = (plen && path[0] == '/') ? EXT2_ROOT_INO : cwd, i = 0;
    while (1) {
        uint32_t start, next, mode;
        int r, last;
        while (i < plen && path[i] == '/')
            i++;
        if (i == plen)
            break;
        for (start = i; i < plen && path[i] != '/'; i++)
            ;
        if ((r = ext2_step(fs, cur, path + start, i - start, &next)) < 0 ||
            (r = ext2_mode(fs, next, &mode)) < 0)
            return r;
        last = i == plen;         // a trailing '/' asks for a directory: follow
        if ((mode & EXT2_S_IFMT) == EXT2_S_IFLNK && (!last || follow) &&
            (r = ext2_follow(fs, cur, &next, links)) < 0)
            return r;
        cur = next;
    }
    *out = cur;
    return 0;
}

int ext2_namei(struct ext2_fs *fs, uint32_t cwd, const char *path, int follow, uint32_t *ino)
{
    uint32_t len = strnlen(path, EXT2_PATH_MAX), mode;
    int r, links = 0;
    if (len == 0)
        return -ENOENT;
    if (len >= EXT2_PATH_MAX)
        return -ENAMETOOLONG;
    if ((r = ext2_resolve(fs, cwd, path, len, follow, &links, ino)) < 0)
        return r;
    if (path[len - 1] == '/') {   // "name/" must be a directory
        if ((r = ext2_mode(fs, *ino, &mode)) < 0)
            return r;
        if ((mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
            return -ENOTDIR;
    }
    return 0;
}

int ext2_namei_parent(struct ext2_fs *fs, uint32_t cwd, const char *path, uint32_t *dir,
                      const char **name, uint32_t *len)
{
    uint32_t end = strnlen(path, EXT2_PATH_MAX), start;
    int links = 0;
    if (end == 0)
        return -ENOENT;
    if (end >= EXT2_PATH_MAX)
        return -ENAMETOOLONG;
    while (end > 0 && path[end - 1] == '/')
        end--;
    if (end == 0)
        return -EINVAL;           // "/" has no parent entry
    for (start = end; start > 0 && path[start - 1] != '/'; start--)
        ;
    if (ext2_is_dot(path + start, end - start))
        return -EINVAL;
    if (end - start > EXT2_NAME_MAX)
        return -ENAMETOOLONG;
    *name = path + start;
    *len = end - start;
    if (start == 0) {
        *dir = cwd;
        return 0;
    }
    return ext2_resolve(fs, cwd, path, start, 1, &links, dir);
}

// Checks that name can be added to dir (read into din) and allocates and
// fills in a new inode for it; the caller writes it with ext2_inew.
static int ext2_prepare(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                        const char *name, uint32_t len, uint32_t mode, uint32_t uid,
                        uint32_t gid, struct ext2_inode *in, uint32_t *ino)
{
    struct ext2_dloc loc;
    uint32_t now = rtc_unix_time();
    int r;
    if (fs->ro)
        return -EROFS;
    if ((r = ext2_check_name(name, len)) < 0 || (r = ext2_iread(fs, dir, din)) < 0)
        return r;
    if (!ext2_is_dir(din))
        return -ENOTDIR;
    if (din->i_links_count == 0)
        return -ENOENT;           // removed directory
    r = ext2_dir_find(fs, dir, din, name, len, &loc);
    if (r != -ENOENT)
        return r < 0 ? r : -EEXIST;
    if ((r = ext2_ialloc(fs, dir, (mode & EXT2_S_IFMT) == EXT2_S_IFDIR, ino)) < 0)
        return r;
    memset(in, 0, sizeof(*in));
    in->i_mode = (uint16_t)mode;
    in->i_uid = (uint16_t)uid;
    in->i_uid_high = (uint16_t)(uid >> 16);
    in->i_gid = (uint16_t)gid;
    in->i_gid_high = (uint16_t)(gid >> 16);
    in->i_atime = in->i_ctime = in->i_mtime = now;
    in->i_links_count = 1;
    return 0;
}

// Writes the new inode and links it into dir; on failure the inode is freed.
static int ext2_commit(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                       const char *name, uint32_t len, uint32_t ino, struct ext2_inode *in)
{
    int r = ext2_inew(fs, ino, in);
    if (r == 0)
        r = ext2_dir_add(fs, dir, din, name, len, ino, ext2_mode_ftype(in->i_mode));
    if (r < 0)
        ext2_irelease(fs, ino, in);
    return r;
}

int ext2_mknod(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
               uint32_t mode, uint32_t rdev, uint32_t uid, uint32_t gid, uint32_t *ino)
{
    struct ext2_inode din, in;
    int r;
    if ((mode & EXT2_S_IFMT) == 0)
        mode |= EXT2_S_IFREG;
    if ((mode & EXT2_S_IFMT) == EXT2_S_IFDIR || (mode & EXT2_S_IFMT) == EXT2_S_IFLNK)
        return -EINVAL;           // ext2_mkdir and ext2_symlink make those
    if ((r = ext2_prepare(fs, dir, &din, name, len, mode, uid, gid, &in, ino)) < 0)
        return r;
    ext2_set_rdev(&in, rdev);
    return ext2_commit(fs, dir, &din, name, len, *ino, &in);
}

int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
                uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino)
{
    return ext2_mknod(fs, dir, name, len, mode, 0, uid, gid, ino);
}

int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
               uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino)
{
    struct ext2_inode din, in;
    struct ext2_dirent *d;
    uint8_t *blk;
    int r;
    mode = EXT2_S_IFDIR | (mode & 07777);
    if ((r = ext2_prepare(fs, dir, &din, name, len, mode, uid, gid, &in, ino)) < 0)
        return r;
    in.i_links_count = 2;         // its name and its "."
    blk = din.i_links_count >= EXT2_LINK_MAX ? NULL : kzalloc(fs->bs);
    if (!blk) {
        ext2_ifree(fs, *ino, 1);
        return din.i_links_count >= EXT2_LINK_MAX ? -EMLINK : -ENOMEM;
    }
    d = (struct ext2_dirent *)blk;
    d->inode = *ino;
    d->rec_len = 12;
    d->name_len = 1;
    d->file_type = fs->filetype ? EXT2_FT_DIR : 0;
    d->name[0] = '.';
    d = (struct ext2_dirent *)(blk + 12);
    d->inode = dir;
    d->rec_len = (uint16_t)(fs->bs - 12);
    d->name_len = 2;
    d->file_type = fs->filetype ? EXT2_FT_DIR : 0;
    memcpy(d->name, "..", 2);
    r = ext2_idata_write(fs, *ino, &in, 0, blk, fs->bs);
    kfree(blk);
    in.i_size = fs->bs;
    if (r < 0) {
        ext2_irelease(fs, *ino, &in);
        return r;
    }
    if ((r = ext2_commit(fs, dir, &din, name, len, *ino, &in)) < 0)
        return r;
    din.i_links_count++;          // the new ".."
    return ext2_iwrite(fs, dir, &din);
}

int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
                 const char *target, uint32_t uid, uint32_t gid, uint32_t *ino)
{
    struct ext2_inode din, in;
    uint32_t tlen = strnlen(target, EXT2_PATH_MAX);
    int r;
    if (tlen == 0)
        return -ENOENT;
    if (tlen >= fs->bs || tlen >= EXT2_PATH_MAX)
        return -ENAMETOOLONG;
    r = ext2_prepare(fs, dir, &din, name, len, EXT2_S_IFLNK | 0777, uid, gid, &in, ino);
    if (r < 0)
        return r;
    if (tlen <= EXT2_FAST_LINK_MAX) {
        memcpy(in.i_block, target, tlen);
    } else if ((r = ext2_idata_write(fs, *ino, &in, 0, target, tlen)) < 0) {
        in.i_size = tlen;
        ext2_irelease(fs, *ino, &in);
        return r;
    }
    in.i_size = tlen;
    return ext2_commit(fs, dir, &din, name, len, *ino, &in);
}

int ext2_link(struct ext2_fs *fs, uint32_t ino, uint32_t dir, const char *name, uint32_t len)
{
    struct ext2_inode din, in;
    struct ext2_dloc loc;
    int r;
    if (fs->ro)
        return -EROFS;
    if ((r = ext2_check_name(name, len)) < 0 || (r = ext2_iread(fs, ino, &in)) < 0 ||
        (r = ext2_iread(fs, dir, &din)) < 0)
        return r;
    if (ext2_is_dir(&in))
        return -EPERM;
    if (!ext2_is_dir(&din))
        return -ENOTDIR;
    if (in.i_links_count == 0 || din.i_links_count == 0)
        return -ENOENT;
    if (in.i_links_count >= EXT2_LINK_MAX)
        return -EMLINK;
    r = ext2_dir_find(fs, dir, &din, name, len, &loc);
    if (r != -ENOENT)
        return r < 0 ? r : -EEXIST;
    if ((r = ext2_dir_add(fs, dir, &din, name, len, ino, ext2_mode_ftype(in.i_mode))) < 0)
        return r;
    in.i_links_count++;
    in.i_ctime = rtc_unix_time();
    return ext2_iwrite(fs, ino, &in);
}

// Finds name in dir for removal: reads both inodes and the entry's place.
static int ext2_victim(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *din,
                       const char *name, uint32_t len, struct ext2_dloc *loc,
                       struct ext2_inode *in)
{
    int r;
    if (fs->ro)
        return -EROFS;
    if ((r = ext2_check_name(name, len)) < 0 || (r = ext2_iread(fs, dir, din)) < 0)
        return r;
    if (!ext2_is_dir(din))
        return -ENOTDIR;
    if ((r = ext2_dir_find(fs, dir, din, name, len, loc)) < 0)
        return r;
    return ext2_iread(fs, loc->ino, in);
}

// Drops one link of inode ino (in); the last one frees it, now or when its
// last user lets go (ext2_orphan.c).
static int ext2_drop_link(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in)
{
    if (in->i_links_count > 0)
        in->i_links_count--;
    if (in->i_links_count == 0)
        return ext2_last_link_gone(fs, ino, in);
    in->i_ctime = rtc_unix_time();
    return ext2_iwrite(fs, ino, in);
}

int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len)
{
    struct ext2_inode din, in;
    struct ext2_dloc loc;
    int r = ext2_victim(fs, dir, &din, name, len, &loc, &in);
    if (r < 0)
        return r;
    if (ext2_is_dir(&in))
        return -EISDIR;
    if ((r = ext2_dir_remove(fs, dir, &din, &loc)) < 0)
        return r;
    return ext2_drop_link(fs, loc.ino, &in);
}

// Frees directory ino (in), already unlinked from parent (din), now or when
// its last user lets go, and drops the parent link its ".." held.
static int ext2_dir_gone(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in,
                         uint32_t parent, struct ext2_inode *din)
{
    int r = ext2_last_link_gone(fs, ino, in);
    if (din->i_links_count > 1)
        din->i_links_count--;
    din->i_ctime = rtc_unix_time();
    return r < 0 ? r : ext2_iwrite(fs, parent, din);
}

int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len)
{
    struct ext2_inode din, in;
    struct ext2_dloc loc;
    int r;
    if (len == 1 && name[0] == '.')
        return -EINVAL;
    if (len == 2 && name[0] == '.' && name[1] == '.')
        return -ENOTEMPTY;
    if ((r = ext2_victim(fs, dir, &din, name, len, &loc, &in)) < 0)
        return r;
    if (!ext2_is_dir(&in))
        return -ENOTDIR;
    if (loc.ino == EXT2_ROOT_INO)
        return -EBUSY;
    if ((r = ext2_dir_empty(fs, loc.ino, &in)) <= 0)
        return r < 0 ? r : -ENOTEMPTY;
    if ((r = ext2_dir_remove(fs, dir, &din, &loc)) < 0)
        return r;
    return ext2_dir_gone(fs, loc.ino, &in, dir, &din);
}

// Refuses (-EINVAL) moving directory src below itself: walks ".."
// from dir up to the root, a bounded number of steps.
static int ext2_check_ancestry(struct ext2_fs *fs, uint32_t src, uint32_t dir)
{
    uint32_t n, up;
    int r;
    for (n = 0; n < EXT2_MAX_NAMEI_DEPTH; n++) {
        if (dir == src)
            return -EINVAL;
        if (dir == EXT2_ROOT_INO)
            return 0;
        if ((r = ext2_lookup(fs, dir, "..", 2, &up)) < 0)
            return r;
        if (up == dir)
            break;
        dir = up;
    }
    kprintf("ext2: %s: \"..\" chain from inode %u does not reach the root\n",
            fs->dev->name, dir);
    return -EUCLEAN;
}

// The rename target tin may be replaced by source sin: 0, or why not.
static int ext2_replaceable(struct ext2_fs *fs, uint32_t tino, struct ext2_inode *sin,
                            struct ext2_inode *tin)
{
    int r;
    if (!ext2_is_dir(sin))
        return ext2_is_dir(tin) ? -EISDIR : 0;
    if (!ext2_is_dir(tin))
        return -ENOTDIR;
    r = ext2_dir_empty(fs, tino, tin);
    return r < 0 ? r : (r ? 0 : -ENOTEMPTY);
}

struct ext2_rename_state {
    uint32_t odir, ndir, src, tgt;
    struct ext2_inode odin, ndin, sin, tin;
    struct ext2_inode *op, *np;   // the two parents; the same copy when odir == ndir
    struct ext2_dloc oloc, nloc;
};

static int ext2_rename_check(struct ext2_fs *fs, struct ext2_rename_state *s,
                             const char *oname, uint32_t olen, const char *nname, uint32_t nlen)
{
    int r;
    if ((r = ext2_victim(fs, s->odir, &s->odin, oname, olen, &s->oloc, &s->sin)) < 0 ||
        (r = ext2_check_name(nname, nlen)) < 0 || (r = ext2_iread(fs, s->ndir, &s->ndin)) < 0)
        return r;
    if (ext2_is_dot(oname, olen) || ext2_is_dot(nname, nlen))
        return -EINVAL;
    if (!ext2_is_dir(&s->ndin))
        return -ENOTDIR;
    if (s->ndin.i_links_count == 0)
        return -ENOENT;
    s->src = s->oloc.ino;
    s->op = &s->odin;
    s->np = s->odir == s->ndir ? &s->odin : &s->ndin;
    r = ext2_dir_find(fs, s->ndir, s->np, nname, nlen, &s->nloc);
    if (r < 0 && r != -ENOENT)
        return r;
    s->tgt = r == 0 ? s->nloc.ino : 0;
    if (s->tgt && (r = ext2_iread(fs, s->tgt, &s->tin)) < 0)
        return r;
    if (s->tgt == s->src)
        return 1;                 // same file: POSIX says do nothing
    if (s->tgt && (r = ext2_replaceable(fs, s->tgt, &s->sin, &s->tin)) < 0)
        return r;
    if (ext2_is_dir(&s->sin) && s->odir != s->ndir) {
        if (!s->tgt && s->np->i_links_count >= EXT2_LINK_MAX)
            return -EMLINK;
        return ext2_check_ancestry(fs, s->src, s->ndir);
    }
    return 0;
}

// Points the moved directory's ".." at its new parent and moves the link it holds.
static int ext2_rename_dotdot(struct ext2_fs *fs, struct ext2_rename_state *s)
{
    struct ext2_dloc loc;
    int r = ext2_dir_find(fs, s->src, &s->sin, "..", 2, &loc);
    if (r < 0 || (r = ext2_dir_set(fs, s->src, &s->sin, &loc, s->ndir, EXT2_FT_DIR)) < 0)
        return r;
    if (s->op->i_links_count > 1)
        s->op->i_links_count--;
    s->np->i_links_count++;
    return 0;
}

int ext2_rename(struct ext2_fs *fs, uint32_t odir, const char *oname, uint32_t olen,
                uint32_t ndir, const char *nname, uint32_t nlen)
{
    struct ext2_rename_state s;
    uint8_t ftype;
    int r;
    s.odir = odir;
    s.ndir = ndir;
    if ((r = ext2_rename_check(fs, &s, oname, olen, nname, nlen)) != 0)
        return r < 0 ? r : 0;
    ftype = ext2_mode_ftype(s.sin.i_mode);
    // The new name first: a failure (no space) leaves the old name in place.
    if (s.tgt)
        r = ext2_dir_set(fs, ndir, s.np, &s.nloc, s.src, ftype);
    else
        r = ext2_dir_add(fs, ndir, s.np, nname, nlen, s.src, ftype);
    // Adding may have split the entry before the old one: find it again.
    if (r < 0 || (r = ext2_dir_find(fs, odir, s.op, oname, olen, &s.oloc)) < 0 ||
        (r = ext2_dir_remove(fs, odir, s.op, &s.oloc)) < 0)
        return r;
    if (ext2_is_dir(&s.sin) && odir != ndir && (r = ext2_rename_dotdot(fs, &s)) < 0)
        return r;
    s.sin.i_ctime = rtc_unix_time();
    if ((r = ext2_iwrite(fs, s.src, &s.sin)) < 0)
        return r;
    if (s.tgt && ext2_is_dir(&s.tin)) {
        s.tin.i_links_count = 1;  // its "." goes with it; the name is dropped below
        if (s.np->i_links_count > 1)
            s.np->i_links_count--;
    }
    if (s.tgt && (r = ext2_drop_link(fs, s.tgt, &s.tin)) < 0)
        return r;
    if (odir != ndir && (r = ext2_iwrite(fs, ndir, s.np)) < 0)
        return r;
    return ext2_iwrite(fs, odir, s.op);
}
