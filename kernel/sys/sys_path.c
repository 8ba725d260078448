// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_path.c: system calls that name files by path (and their *at
// and f* twins): stat in its four layouts, access, the working directory,
// making and removing names, links, permissions, owners, times, truncate,
// directory listings, statfs.  Paths resolve on the external volume from the
// working directory or a directory descriptor; the built-in device names
// (/dev/null and friends, kernel/file/file.c) answer where the volume has no
// such name.
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

char *path_from_user(uint32_t upath, int *err)
{
    char *p = kmalloc(PATH_MAX);
    int n;

    if (!p) {
        *err = -ENOMEM;
        return NULL;
    }
    n = copy_string_from_user(current->mem, p, upath, PATH_MAX);
    if (n == 0)
        n = -ENOENT;
    if (n < 0) {
        kfree(p);
        *err = n;
        return NULL;
    }
    return p;
}

int path_start(int dirfd, const char *path, uint32_t *ino)
{
    struct file *f;

    if (path[0] == '/' || dirfd == AT_FDCWD) {
        *ino = current->group->cwd;
        return 0;
    }
    if (dirfd < 0 || dirfd >= NOFILE || !(f = current->group->files[dirfd]))
        return -EBADF;
    if ((f->type != FILE_INODE && f->type != FILE_PROC) || (f->mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
        return -ENOTDIR;
    *ino = f->ino;
    return 0;
}

static int stat_file(int fd, struct ext2_stat *st)
{
    struct file *f;

    if (fd < 0 || fd >= NOFILE || !(f = current->group->files[fd]))
        return -EBADF;
    return file_stat_open(f, st);
}

static int stat_empty_path(int dirfd, struct ext2_stat *st)
{
    return dirfd == AT_FDCWD ? ext2_stat(root_fs, current->group->cwd, st) : stat_file(dirfd, st);
}

// The stat of a path (from dirfd) or, with AT_EMPTY_PATH and "", of dirfd
// itself (the working directory for AT_FDCWD): glibc's fstat is
// statx(fd, "", AT_EMPTY_PATH).  A NULL path counts as "" there, as since
// Linux 6.11; without AT_EMPTY_PATH it is -EFAULT.
static int stat_at(int dirfd, uint32_t upath, uint32_t flags, struct ext2_stat *st)
{
    char *path;
    uint32_t start, ino, rdev;
    int err;

    if (upath == 0 && (flags & AT_EMPTY_PATH))
        return stat_empty_path(dirfd, st);
    if (!(path = path_from_user(upath, &err)))
        return err == -ENOENT && (flags & AT_EMPTY_PATH) ? stat_empty_path(dirfd, st) : err;
    if ((err = path_start(dirfd, path, &start)) == 0 &&
        (err = ext2_namei(root_fs, start, path, !(flags & AT_SYMLINK_NOFOLLOW), &ino)) == 0)
        err = file_stat_ino(ino, st);
    if (err == -ENOENT && (rdev = file_dev_lookup(path))) {
        file_stat_dev(rdev, st);
        err = 0;
    }
    kfree(path);
    return err;
}

// fstat and fstatfs name no path: stat_at(fd, 0, ...) would take AT_FDCWD
// (-100) for the working directory, where fstat must say -EBADF
static int stat_fd(uint32_t fd, struct ext2_stat *st)
{
    return stat_file((int32_t)fd, st);
}

#define DEV_EXTERNAL 0x0811             // st_dev of the volume: "sdb1", 8:17

// struct stat64 (i386), 96 bytes
static int put_stat64(uint32_t ubuf, const struct ext2_stat *st)
{
    uint32_t b[24];
    memset(b, 0, sizeof b);
    b[0] = DEV_EXTERNAL;
    b[3] = st->ino;
    b[4] = st->mode;
    b[5] = st->nlink;
    b[6] = st->uid;
    b[7] = st->gid;
    b[8] = st->rdev;
    b[11] = (uint32_t)st->size;
    b[12] = (uint32_t)(st->size >> 32);
    b[13] = 4096;
    b[14] = (uint32_t)st->blocks;
    b[15] = (uint32_t)(st->blocks >> 32);
    b[16] = st->atime;
    b[18] = st->mtime;
    b[20] = st->ctime;
    b[22] = st->ino;
    return copy_to_user(current->mem, ubuf, b, sizeof b) < 0 ? -EFAULT : 0;
}

// the old struct stat, 64 bytes, with 16-bit mode, links and owners
static int put_stat(uint32_t ubuf, const struct ext2_stat *st)
{
    uint32_t b[16];
    if (st->size > 0x7fffffff)
        return -EOVERFLOW;
    memset(b, 0, sizeof b);
    b[0] = DEV_EXTERNAL;
    b[1] = st->ino;
    b[2] = (st->mode & 0xffff) | st->nlink << 16;
    b[3] = (st->uid & 0xffff) | st->gid << 16;
    b[4] = st->rdev;
    b[5] = (uint32_t)st->size;
    b[6] = 4096;
    b[7] = (uint32_t)st->blocks;
    b[8] = st->atime;
    b[10] = st->mtime;
    b[12] = st->ctime;
    return copy_to_user(current->mem, ubuf, b, sizeof b) < 0 ? -EFAULT : 0;
}

int32_t sys_stat64(uint32_t path, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_at(AT_FDCWD, path, 0, &st);
    return err < 0 ? err : put_stat64(buf, &st);
}

int32_t sys_lstat64(uint32_t path, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);
    return err < 0 ? err : put_stat64(buf, &st);
}

int32_t sys_fstat64(uint32_t fd, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_fd(fd, &st);
    return err < 0 ? err : put_stat64(buf, &st);
}

// the flags Linux's vfs_statx takes
#define STAT_AT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)

int32_t sys_fstatat64(uint32_t dirfd, uint32_t path, uint32_t buf, uint32_t flags)
{
    struct ext2_stat st;
    int err = flags & ~STAT_AT_FLAGS ? -EINVAL : stat_at((int32_t)dirfd, path, flags, &st);
    return err < 0 ? err : put_stat64(buf, &st);
}

int32_t sys_stat(uint32_t path, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_at(AT_FDCWD, path, 0, &st);
    return err < 0 ? err : put_stat(buf, &st);
}

int32_t sys_lstat(uint32_t path, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);
    return err < 0 ? err : put_stat(buf, &st);
}

int32_t sys_fstat(uint32_t fd, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_fd(fd, &st);
    return err < 0 ? err : put_stat(buf, &st);
}

// struct statx, 256 bytes
int32_t sys_statx(uint32_t dirfd, uint32_t path, uint32_t flags, uint32_t mask, uint32_t buf)
{
    struct ext2_stat st;
    uint32_t b[64];
    int err;

    // both sync kinds at once, an unknown flag, or STATX__RESERVED in the mask
    if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (flags & ~STAT_AT_FLAGS) || (mask & 0x80000000))
        return -EINVAL;
    if ((err = stat_at((int32_t)dirfd, path, flags, &st)) < 0)
        return err;
    memset(b, 0, sizeof b);
    b[0] = 0x7ff;                       // STATX_BASIC_STATS
    b[1] = 4096;
    b[4] = st.nlink;
    b[5] = st.uid;
    b[6] = st.gid;
    b[7] = st.mode & 0xffff;
    b[8] = st.ino;
    b[10] = (uint32_t)st.size;
    b[11] = (uint32_t)(st.size >> 32);
    b[12] = (uint32_t)st.blocks;
    b[13] = (uint32_t)(st.blocks >> 32);
    b[16] = st.atime;                   // stx_atime at byte 64
    b[24] = st.ctime;                   // stx_ctime at 96 (btime at 80 stays 0)
    b[28] = st.mtime;                   // stx_mtime at 112
    b[32] = EXT2_DEV_MAJOR(st.rdev);    // stx_rdev_major, minor at 128
    b[33] = EXT2_DEV_MINOR(st.rdev);
    b[34] = DEV_EXTERNAL >> 8;          // stx_dev_major, minor
    b[35] = DEV_EXTERNAL & 0xff;
    return copy_to_user(current->mem, buf, b, sizeof b) < 0 ? -EFAULT : 0;
}

// access: the only user is root, who may read and write anything and
// execute whatever has an x bit.  A mode beyond rwx, or a flag beyond
// AT_EACCESS (the same bit as AT_REMOVEDIR), AT_SYMLINK_NOFOLLOW and
// AT_EMPTY_PATH, is -EINVAL before the path is looked at.
int32_t sys_faccessat2(uint32_t dirfd, uint32_t path, uint32_t mode, uint32_t flags)
{
    struct ext2_stat st;
    int err;

    if ((mode & ~7u) || (flags & ~(uint32_t)(AT_REMOVEDIR | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
        return -EINVAL;
    if ((err = stat_at((int32_t)dirfd, path, flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH), &st)) < 0)
        return err;
    if ((mode & 1) && (st.mode & EXT2_S_IFMT) != EXT2_S_IFDIR && !(st.mode & 0111))
        return -EACCES;
    return 0;
}

int32_t sys_faccessat(uint32_t dirfd, uint32_t path, uint32_t mode)
{
    return sys_faccessat2(dirfd, path, mode, 0);
}

int32_t sys_access(uint32_t path, uint32_t mode)
{
    return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

// ---- directory listings ----------------------------------------------------

struct dirent_out {
    uint8_t *buf;               // kernel buffer for the records
    uint32_t size, used;
    int wide;                   // getdents64 records, else the old layout
};

// one record, or 1 to stop when it does not fit (the entry stays for next time)
static int put_dirent(void *ctx, const char *name, uint32_t len, uint32_t ino, uint8_t type)
{
    struct dirent_out *o = ctx;
    uint8_t *r = o->buf + o->used;
    uint32_t reclen;

    if (o->wide) {                      // ino 8, off 8, reclen 2, type 1, name
        reclen = (19 + len + 1 + 7) & ~7u;
        if (o->used + reclen > o->size)
            return 1;
        memset(r, 0, reclen);
        *(uint32_t *)r = ino;
        *(uint32_t *)(r + 8) = o->used + reclen;
        *(uint16_t *)(r + 16) = reclen;
        r[18] = type;
        memcpy(r + 19, name, len);
    } else {                            // ino 4, off 4, reclen 2, name, NUL, type last
        reclen = (10 + len + 2 + 3) & ~3u;
        if (o->used + reclen > o->size)
            return 1;
        memset(r, 0, reclen);
        *(uint32_t *)r = ino;
        *(uint32_t *)(r + 4) = o->used + reclen;
        *(uint16_t *)(r + 8) = reclen;
        memcpy(r + 10, name, len);
        r[reclen - 1] = type;
    }
    o->used += reclen;
    return 0;
}

static int32_t getdents(uint32_t fd, uint32_t ubuf, uint32_t size, int wide)
{
    struct file *f = fd < NOFILE ? current->group->files[fd] : NULL;
    struct dirent_out o;
    int err;

    if (!f)
        return -EBADF;
    if ((f->type != FILE_INODE && f->type != FILE_PROC) || (f->mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
        return -ENOTDIR;
    if ((int32_t)size < 0)              // Linux's count is an int: too small for any entry
        size = 0;
    if (size > 65536)
        size = 65536;
    o.size = size;
    o.used = 0;
    o.wide = wide;
    if (!(o.buf = kmalloc(size)))
        return -ENOMEM;
    if (f->type == FILE_PROC)
        err = procfs_readdir(f, put_dirent, &o);
    else
        err = ext2_readdir(root_fs, f->ino, &f->off, put_dirent, &o);
    if (err == 0 && o.used == 0 && f->type != FILE_PROC) {   // the end, or a buffer too small?
        struct ext2_stat st;
        if (ext2_stat(root_fs, f->ino, &st) == 0 && f->off < st.size)
            err = -EINVAL;
    }
    if (err == 0 && copy_to_user(current->mem, ubuf, o.buf, o.used) < 0)
        err = -EFAULT;
    kfree(o.buf);
    return err < 0 ? err : (int32_t)o.used;
}

int32_t sys_getdents64(uint32_t fd, uint32_t buf, uint32_t size)
{
    return getdents(fd, buf, size, 1);
}

int32_t sys_getdents(uint32_t fd, uint32_t buf, uint32_t size)
{
    return getdents(fd, buf, size, 0);
}

// ---- statfs ---------------------------------------------------------------------

static int32_t put_statfs(uint32_t ubuf, int wide)
{
    uint64_t bsize, blocks, bfree, files, ffree;
    uint32_t b[22];

    ext2_statfs(root_fs, &bsize, &blocks, &bfree, &files, &ffree);
    memset(b, 0, sizeof b);
    b[0] = 0xef53;                      // EXT2_SUPER_MAGIC
    b[1] = (uint32_t)bsize;
    if (wide) {                         // struct statfs64: 64-bit counts
        *(uint64_t *)&b[2] = blocks;
        *(uint64_t *)&b[4] = bfree;
        *(uint64_t *)&b[6] = bfree;
        *(uint64_t *)&b[8] = files;
        *(uint64_t *)&b[10] = ffree;
        b[14] = 255;                    // f_namelen
        b[15] = (uint32_t)bsize;        // f_frsize
        return copy_to_user(current->mem, ubuf, b, 84) < 0 ? -EFAULT : 0;
    }
    b[2] = (uint32_t)blocks;
    b[3] = b[4] = (uint32_t)bfree;
    b[5] = (uint32_t)files;
    b[6] = (uint32_t)ffree;
    b[9] = 255;
    b[10] = (uint32_t)bsize;
    return copy_to_user(current->mem, ubuf, b, 64) < 0 ? -EFAULT : 0;
}

int32_t sys_statfs(uint32_t upath, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_at(AT_FDCWD, upath, 0, &st);
    return err < 0 ? err : put_statfs(buf, 0);
}

int32_t sys_fstatfs(uint32_t fd, uint32_t buf)
{
    struct ext2_stat st;
    int err = stat_fd(fd, &st);
    return err < 0 ? err : put_statfs(buf, 0);
}

// the size must be struct statfs64's, 84 bytes on i386, before anything else
int32_t sys_statfs64(uint32_t upath, uint32_t size, uint32_t buf)
{
    struct ext2_stat st;
    int err = size != 84 ? -EINVAL : stat_at(AT_FDCWD, upath, 0, &st);
    return err < 0 ? err : put_statfs(buf, 1);
}

int32_t sys_fstatfs64(uint32_t fd, uint32_t size, uint32_t buf)
{
    struct ext2_stat st;
    int err = size != 84 ? -EINVAL : stat_fd(fd, &st);
    return err < 0 ? err : put_statfs(buf, 1);
}

// ---- mount and umount --------------------------------------------------------------

// the directory a user path names, followed to its end
static int target_dir(uint32_t upath, int follow, uint32_t *ino)
{
    struct ext2_stat st;
    uint32_t start;
    char *path;
    int err;
    if (!(path = path_from_user(upath, &err)))
        return err;
    if ((err = path_start(AT_FDCWD, path, &start)) == 0 &&
        (err = ext2_namei(root_fs, start, path, follow, ino)) == 0 && (err = file_stat_ino(*ino, &st)) == 0 &&
        (st.mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
        err = -ENOTDIR;
    kfree(path);
    return err;
}

// Only "proc" is known (the volume is mounted by the kernel at boot); the
// flags (nosuid, noexec...) change nothing for a read-only filesystem.
int32_t sys_mount(uint32_t source, uint32_t target, uint32_t type, uint32_t flags, uint32_t data)
{
    char name[8];
    uint32_t ino;
    int err = copy_string_from_user(current->mem, name, type, sizeof name);
    (void)source;
    (void)flags;
    (void)data;
    if (err == -ENAMETOOLONG || (err >= 0 && strcmp(name, "proc")))
        return -ENODEV;
    if (err < 0 || (err = target_dir(target, 1, &ino)) < 0)
        return err;
    return procfs_mount(ino);
}

#define MNT_FORCE 1
#define MNT_DETACH 2
#define UMOUNT_NOFOLLOW 8

int32_t sys_umount2(uint32_t target, uint32_t flags)
{
    uint32_t ino;
    int err;
    if (flags & ~(uint32_t)(MNT_FORCE | MNT_DETACH | UMOUNT_NOFOLLOW))
        return -EINVAL;
    if ((err = target_dir(target, !(flags & UMOUNT_NOFOLLOW), &ino)) < 0)
        return err;
    return procfs_umount(ino);
}

int32_t sys_umount(uint32_t target)
{
    return sys_umount2(target, 0);
}
