// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_name.c: system calls that change the file tree or read its
// names: mkdir, mknod, rmdir, unlink, rename, link, symlink, readlink, the working
// directory, permissions, owners, times, truncate, directory listings and
// statfs.  Each resolves its path on the external volume (sys_path.c) and
// calls the ext2 operation of the same name.
#include <stdint.h>
#include <string.h>
#include "dev/rtc.h"
#include "file/file.h"
#include "file/procfs.h"
#include "fs/ext2.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "syscall.h"

#define UTIME_NOW 0x3fffffff
#define UTIME_OMIT 0x3ffffffe

// a user path split into its directory's inode and last name; *pathp owns
// the memory.  A last name of ".", ".." or "/" (ext2_namei_parent's -EINVAL)
// is the call's dot_err, as Linux answers each call for a name that is not
// a plain one: EEXIST to make it, EISDIR to unlink it, EBUSY to rename it.
static int parent_of(int dirfd, uint32_t upath, int dot_err, char **pathp, uint32_t *dir,
                     const char **name, uint32_t *len)
{
    struct ext2_stat st;
    uint32_t start;
    int err;

    if (!(*pathp = path_from_user(upath, &err)))
        return err;
    if ((err = path_start(dirfd, *pathp, &start)) == 0 &&
        (err = ext2_namei_parent(root_fs, start, *pathp, dir, name, len)) == 0 &&
        (err = file_stat_ino(*dir, &st)) == 0 && (st.mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
        err = -ENOTDIR;                 // "f0/x": the parent is no directory
    if (err < 0) {
        kfree(*pathp);
        *pathp = NULL;
    }
    return err == -EINVAL ? dot_err : err;
}

// a user path resolved to its inode
static int inode_of(int dirfd, uint32_t upath, int follow, uint32_t *ino)
{
    uint32_t start;
    char *path;
    int err;

    if (!(path = path_from_user(upath, &err)))
        return err;
    if ((err = path_start(dirfd, path, &start)) == 0)
        err = ext2_namei(root_fs, start, path, follow, ino);
    kfree(path);
    return err;
}

int32_t sys_mkdirat(uint32_t dirfd, uint32_t upath, uint32_t mode)
{
    char *path;
    const char *name;
    uint32_t dir, len, ino;
    int err = parent_of((int32_t)dirfd, upath, -EEXIST, &path, &dir, &name, &len);
    if (err < 0)
        return err;
    err = ext2_mkdir(root_fs, dir, name, len, EXT2_S_IFDIR | (mode & 07777 & ~current->group->umask), 0, 0,
                     &ino);
    kfree(path);
    return err;
}

int32_t sys_mkdir(uint32_t upath, uint32_t mode)
{
    return sys_mkdirat(AT_FDCWD, upath, mode);
}

// Linux's may_mknod: regular files (type 0 too), devices, FIFOs and
// sockets; a directory is EPERM (mkdir makes those), any other type EINVAL.
// The only user is root, who may make devices.
int32_t sys_mknodat(uint32_t dirfd, uint32_t upath, uint32_t mode, uint32_t dev)
{
    char *path;
    const char *name;
    uint32_t dir, len, ino, type = mode & EXT2_S_IFMT;
    int err;

    if (type == EXT2_S_IFDIR)
        return -EPERM;
    if (type != 0 && type != EXT2_S_IFREG && type != EXT2_S_IFCHR && type != EXT2_S_IFBLK &&
        type != EXT2_S_IFIFO && type != EXT2_S_IFSOCK)
        return -EINVAL;
    if ((err = parent_of((int32_t)dirfd, upath, -EEXIST, &path, &dir, &name, &len)) < 0)
        return err;
    err = ext2_mknod(root_fs, dir, name, len, (type ? type : EXT2_S_IFREG) | (mode & 07777 & ~current->group->umask),
                     dev, 0, 0, &ino);
    kfree(path);
    return err;
}

int32_t sys_mknod(uint32_t upath, uint32_t mode, uint32_t dev)
{
    return sys_mknodat(AT_FDCWD, upath, mode, dev);
}

int32_t sys_unlinkat(uint32_t dirfd, uint32_t upath, uint32_t flags)
{
    char *path;
    const char *name;
    uint32_t dir, len;
    int err;

    if (flags & ~(uint32_t)AT_REMOVEDIR)
        return -EINVAL;
    err = parent_of((int32_t)dirfd, upath, flags ? -EINVAL : -EISDIR, &path, &dir, &name, &len);
    if (err < 0)
        return err;
    err = flags & AT_REMOVEDIR ? ext2_rmdir(root_fs, dir, name, len) : ext2_unlink(root_fs, dir, name, len);
    kfree(path);
    return err;
}

int32_t sys_unlink(uint32_t upath)
{
    return sys_unlinkat(AT_FDCWD, upath, 0);
}

int32_t sys_rmdir(uint32_t upath)
{
    return sys_unlinkat(AT_FDCWD, upath, AT_REMOVEDIR);
}

int32_t sys_renameat2(uint32_t olddirfd, uint32_t oldpath, uint32_t newdirfd, uint32_t newpath,
                      uint32_t flags)
{
    char *op, *np;
    const char *oname, *nname;
    uint32_t odir, ndir, olen, nlen, ino;
    int err, nerr;

    if (flags & ~1u)                    // RENAME_NOREPLACE only
        return -EINVAL;
    // both paths are looked up before a last name of "." or ".." is EBUSY, as Linux
    err = parent_of((int32_t)olddirfd, oldpath, -EBUSY, &op, &odir, &oname, &olen);
    if (err < 0 && err != -EBUSY)
        return err;
    nerr = parent_of((int32_t)newdirfd, newpath, -EBUSY, &np, &ndir, &nname, &nlen);
    if (err < 0 || nerr < 0) {
        kfree(op);
        kfree(np);
        return nerr < 0 && nerr != -EBUSY ? nerr : -EBUSY;
    }
    if ((flags & 1) && ext2_lookup(root_fs, ndir, nname, nlen, &ino) == 0)
        err = -EEXIST;
    else
        err = ext2_rename(root_fs, odir, oname, olen, ndir, nname, nlen);
    kfree(op);
    kfree(np);
    return err;
}

int32_t sys_renameat(uint32_t olddirfd, uint32_t oldpath, uint32_t newdirfd, uint32_t newpath)
{
    return sys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

int32_t sys_rename(uint32_t oldpath, uint32_t newpath)
{
    return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

// As Linux: the flags, the old name, the new name (taken: EEXIST), then
// the link itself (a directory: EPERM)
int32_t sys_linkat(uint32_t olddirfd, uint32_t oldpath, uint32_t newdirfd, uint32_t newpath, uint32_t flags)
{
    char *np;
    const char *name;
    uint32_t ino, dir, len, taken;
    int err;

    if (flags & ~(uint32_t)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    if ((err = inode_of((int32_t)olddirfd, oldpath, (flags & AT_SYMLINK_FOLLOW) != 0, &ino)) < 0)
        return err;
    if ((err = parent_of((int32_t)newdirfd, newpath, -EEXIST, &np, &dir, &name, &len)) < 0)
        return err;
    err = ext2_lookup(root_fs, dir, name, len, &taken) == 0 ? -EEXIST : ext2_link(root_fs, ino, dir, name, len);
    kfree(np);
    return err;
}

int32_t sys_link(uint32_t oldpath, uint32_t newpath)
{
    return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int32_t sys_symlinkat(uint32_t utarget, uint32_t dirfd, uint32_t upath)
{
    char *target, *path;
    const char *name;
    uint32_t dir, len, ino;
    int err;

    if (!(target = path_from_user(utarget, &err)))
        return err;
    if ((err = parent_of((int32_t)dirfd, upath, -EEXIST, &path, &dir, &name, &len)) == 0) {
        err = ext2_symlink(root_fs, dir, name, len, target, 0, 0, &ino);
        kfree(path);
    }
    kfree(target);
    return err;
}

int32_t sys_symlink(uint32_t target, uint32_t upath)
{
    return sys_symlinkat(target, AT_FDCWD, upath);
}

int32_t sys_readlinkat(uint32_t dirfd, uint32_t upath, uint32_t buf, uint32_t size)
{
    char *target;
    uint32_t ino;
    int n;

    if ((int32_t)size <= 0)             // before the path, as Linux
        return -EINVAL;
    if ((n = inode_of((int32_t)dirfd, upath, 0, &ino)) < 0)
        return n;
    if (!(target = kmalloc(PATH_MAX)))
        return -ENOMEM;
    n = ino >= EXT2_FOREIGN_INO ? procfs_readlink(ino, target, PATH_MAX)
                                : ext2_readlink(root_fs, ino, target, PATH_MAX);
    if (n >= 0) {
        if ((uint32_t)n > size)
            n = size;
        if (copy_to_user(current->mem, buf, target, n) < 0)
            n = -EFAULT;
    }
    kfree(target);
    return n;
}

int32_t sys_readlink(uint32_t upath, uint32_t buf, uint32_t size)
{
    return sys_readlinkat(AT_FDCWD, upath, buf, size);
}

static int enter_dir(uint32_t ino)
{
    struct ext2_stat st;
    int err = ext2_stat(root_fs, ino, &st);
    if (err < 0)
        return err;
    if ((st.mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
        return -ENOTDIR;
    return proc_set_cwd(current->group, ino);
}

int32_t sys_chdir(uint32_t upath)
{
    uint32_t ino;
    int err = inode_of(AT_FDCWD, upath, 1, &ino);
    return err < 0 ? err : enter_dir(ino);
}

int32_t sys_fchdir(uint32_t fd)
{
    struct file *f = fd < NOFILE ? current->group->files[fd] : NULL;
    if (!f)
        return -EBADF;
    if (f->type != FILE_INODE)
        return -ENOTDIR;
    return enter_dir(f->ino);
}

int32_t sys_getcwd(uint32_t buf, uint32_t size)
{
    char *path = kmalloc(PATH_MAX);
    int len;

    if (!path)
        return -ENOMEM;
    len = ext2_dir_path(root_fs, current->group->cwd, path, PATH_MAX);
    if (len >= 0 && (uint32_t)len + 1 > size)
        len = -ERANGE;
    if (len >= 0 && copy_to_user(current->mem, buf, path, len + 1) < 0)
        len = -EFAULT;
    kfree(path);
    return len < 0 ? len : len + 1;
}

static int set_attr(uint32_t ino, int mask, uint32_t mode, uint32_t uid, uint32_t gid)
{
    struct ext2_stat st;
    memset(&st, 0, sizeof st);
    st.mode = mode;
    st.uid = uid;
    st.gid = gid;
    return ext2_setattr(root_fs, ino, mask, &st);
}

int32_t sys_fchmodat(uint32_t dirfd, uint32_t upath, uint32_t mode)
{
    uint32_t ino;
    int err = inode_of((int32_t)dirfd, upath, 1, &ino);
    return err < 0 ? err : set_attr(ino, EXT2_SET_MODE, mode & 07777, 0, 0);
}

int32_t sys_chmod(uint32_t upath, uint32_t mode)
{
    return sys_fchmodat(AT_FDCWD, upath, mode);
}

// a descriptor's inode file: a file, directory, device file or FIFO
static struct file *inode_file(uint32_t fd)
{
    struct file *f = fd < NOFILE ? current->group->files[fd] : NULL;
    return f && f->ino ? f : NULL;
}

int32_t sys_fchmod(uint32_t fd, uint32_t mode)
{
    struct file *f = inode_file(fd);
    return f ? set_attr(f->ino, EXT2_SET_MODE, mode & 07777, 0, 0) : -EBADF;
}

// chown: -1 (all ones, in 16 or 32 bits) leaves that id as it is
static int chown_ino(uint32_t ino, uint32_t uid, uint32_t gid, int wide)
{
    uint32_t keep = wide ? 0xffffffffu : 0xffffu;
    int mask = (uid != keep ? EXT2_SET_UID : 0) | (gid != keep ? EXT2_SET_GID : 0);
    return mask ? set_attr(ino, mask, 0, uid, gid) : 0;
}

static int32_t chown_path(int dirfd, uint32_t upath, uint32_t uid, uint32_t gid, int follow, int wide)
{
    uint32_t ino;
    int err = inode_of(dirfd, upath, follow, &ino);
    return err < 0 ? err : chown_ino(ino, uid, gid, wide);
}

int32_t sys_chown(uint32_t p, uint32_t u, uint32_t g) { return chown_path(AT_FDCWD, p, u, g, 1, 0); }
int32_t sys_lchown(uint32_t p, uint32_t u, uint32_t g) { return chown_path(AT_FDCWD, p, u, g, 0, 0); }
int32_t sys_chown32(uint32_t p, uint32_t u, uint32_t g) { return chown_path(AT_FDCWD, p, u, g, 1, 1); }
int32_t sys_lchown32(uint32_t p, uint32_t u, uint32_t g) { return chown_path(AT_FDCWD, p, u, g, 0, 1); }

int32_t sys_fchownat(uint32_t dirfd, uint32_t p, uint32_t u, uint32_t g, uint32_t flags)
{
    if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    return chown_path((int32_t)dirfd, p, u, g, !(flags & AT_SYMLINK_NOFOLLOW), 1);
}

int32_t sys_fchown32(uint32_t fd, uint32_t uid, uint32_t gid)
{
    struct file *f = inode_file(fd);
    return f ? chown_ino(f->ino, uid, gid, 1) : -EBADF;
}

int32_t sys_fchown(uint32_t fd, uint32_t uid, uint32_t gid)
{
    struct file *f = inode_file(fd);
    return f ? chown_ino(f->ino, uid, gid, 0) : -EBADF;
}

// sets atime and mtime (seconds; UTIME_NOW / UTIME_OMIT in the nanoseconds)
static int set_times(uint32_t ino, const int64_t sec[2], const uint32_t nsec[2])
{
    struct ext2_stat st;
    int mask = 0, i;
    uint32_t t[2] = { 0, 0 };

    for (i = 0; i < 2; i++) {
        if (nsec[i] == UTIME_OMIT)
            continue;
        t[i] = nsec[i] == UTIME_NOW ? rtc_unix_time() : (uint32_t)sec[i];
        mask |= i ? EXT2_SET_MTIME : EXT2_SET_ATIME;
    }
    memset(&st, 0, sizeof st);
    st.atime = t[0];
    st.mtime = t[1];
    return mask ? ext2_setattr(root_fs, ino, mask, &st) : 0;
}

// In Linux's order, the times already copied in: both UTIME_OMIT is done,
// the file not even looked at; the flags; the file; then nanoseconds that
// are neither in [0, 10^9) nor UTIME_NOW or UTIME_OMIT are -EINVAL.  A NULL
// path names dirfd itself (futimens), except for AT_FDCWD: a path, -EFAULT.
static int32_t utimes_common(int dirfd, uint32_t upath, const int64_t sec[2], const uint32_t nsec[2],
                             uint32_t flags)
{
    uint32_t ino;
    int err, i;
    struct file *f;

    if (nsec[0] == UTIME_OMIT && nsec[1] == UTIME_OMIT)
        return 0;
    if (!upath && dirfd != AT_FDCWD) {  // futimens
        if (flags)
            return -EINVAL;
        if (!(f = inode_file(dirfd)))
            return -EBADF;
        ino = f->ino;
    } else if (flags & ~(uint32_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
        return -EINVAL;
    } else if ((err = inode_of(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &ino)) < 0) {
        return err;
    }
    for (i = 0; i < 2; i++)
        if (nsec[i] >= 1000000000 && nsec[i] != UTIME_NOW && nsec[i] != UTIME_OMIT)
            return -EINVAL;
    return set_times(ino, sec, nsec);
}

int32_t sys_utimensat(uint32_t dirfd, uint32_t upath, uint32_t times, uint32_t flags)
{
    int64_t sec[2] = { 0, 0 };
    uint32_t nsec[2] = { UTIME_NOW, UTIME_NOW }, t[4];
    if (times) {
        if (copy_from_user(current->mem, t, times, sizeof t) < 0)
            return -EFAULT;
        sec[0] = (int32_t)t[0];
        nsec[0] = t[1];
        sec[1] = (int32_t)t[2];
        nsec[1] = t[3];
    }
    return utimes_common((int32_t)dirfd, upath, sec, nsec, flags);
}

int32_t sys_utimensat_time64(uint32_t dirfd, uint32_t upath, uint32_t times, uint32_t flags)
{
    int64_t sec[2] = { 0, 0 };
    uint32_t nsec[2] = { UTIME_NOW, UTIME_NOW };
    int64_t t[4];
    if (times) {
        if (copy_from_user(current->mem, t, times, sizeof t) < 0)
            return -EFAULT;
        sec[0] = t[0];
        nsec[0] = (uint32_t)t[1];
        sec[1] = t[2];
        nsec[1] = (uint32_t)t[3];
    }
    return utimes_common((int32_t)dirfd, upath, sec, nsec, flags);
}

int32_t sys_utimes(uint32_t upath, uint32_t times)
{
    int64_t sec[2] = { 0, 0 };
    uint32_t nsec[2] = { UTIME_NOW, UTIME_NOW }, t[4];
    if (times) {
        if (copy_from_user(current->mem, t, times, sizeof t) < 0)
            return -EFAULT;
        if (t[1] >= 1000000 || t[3] >= 1000000)     // negative too, before the path
            return -EINVAL;
        sec[0] = t[0];
        sec[1] = t[2];
        nsec[0] = t[1] * 1000;
        nsec[1] = t[3] * 1000;
    }
    return utimes_common(AT_FDCWD, upath, sec, nsec, 0);
}

int32_t sys_utime(uint32_t upath, uint32_t times)
{
    int64_t sec[2] = { 0, 0 };
    uint32_t nsec[2] = { UTIME_NOW, UTIME_NOW }, t[2];
    if (times) {
        if (copy_from_user(current->mem, t, times, sizeof t) < 0)
            return -EFAULT;
        sec[0] = t[0];
        sec[1] = t[1];
        nsec[0] = nsec[1] = 0;
    }
    return utimes_common(AT_FDCWD, upath, sec, nsec, 0);
}

int32_t sys_truncate64(uint32_t upath, uint32_t lo, uint32_t hi)
{
    struct ext2_stat st;
    uint32_t ino;
    int err;

    if ((int32_t)hi < 0)                // a negative length, before the path
        return -EINVAL;
    if ((err = inode_of(AT_FDCWD, upath, 1, &ino)) < 0 || (err = ext2_stat(root_fs, ino, &st)) < 0)
        return err;
    if ((st.mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
        return -EISDIR;
    return truncate_ino(ino, (uint64_t)hi << 32 | lo);
}

int32_t sys_truncate(uint32_t upath, uint32_t len)
{
    return sys_truncate64(upath, len, (int32_t)len < 0 ? ~0u : 0);
}
