// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_fs.c: system calls on file descriptors: open, close, read and
// write in their variants, seeking, dup, fcntl, pipes, ioctl, sync.
// Path-based calls are in sys_path.c, poll and select in sys_poll.c.
#include <stdint.h>
#include <string.h>
#include "file/file.h"
#include "file/procfs.h"
#include "file/tty.h"
#include "fs/ext2.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "syscall.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

static struct file *fd_file(uint32_t fd)
{
    return fd < NOFILE ? current->group->files[fd] : NULL;
}

// the lowest free descriptor at or above min, below RLIMIT_NOFILE
static int fd_install(struct file *f, uint32_t min, int cloexec)
{
    uint32_t fd;
    for (fd = min; fd < proc_nofile(); fd++)
        if (!current->group->files[fd]) {
            current->group->files[fd] = f;
            current->group->cloexec[fd] = cloexec;
            return fd;
        }
    return -EMFILE;
}

// opens path from dirfd with Linux's flags; the file, or NULL with *err
static struct file *open_path(int32_t dirfd, const char *path, uint32_t flags, uint32_t mode, int *err)
{
    struct ext2_stat st;
    const char *name;
    uint32_t start, ino, dir, len, rdev;

    if ((*err = path_start(dirfd, path, &start)) < 0)
        return NULL;
    *err = ext2_namei(root_fs, start, path, !(flags & O_NOFOLLOW), &ino);
    if (*err == -ENOENT && (rdev = file_dev_lookup(path)))
        return file_open_dev(rdev, flags, err);     // a built-in name the volume does not have
    if (*err == -ENOENT && (flags & O_CREAT)) {
        if ((*err = ext2_namei_parent(root_fs, start, path, &dir, &name, &len)) < 0)
            return NULL;
        *err = ext2_create(root_fs, dir, name, len, EXT2_S_IFREG | (mode & 07777 & ~current->group->umask),
                           0, 0, &ino);
        flags &= ~O_TRUNC;
    } else if (*err == 0 && (flags & O_CREAT) && (flags & O_EXCL)) {
        *err = -EEXIST;
    }
    if (*err < 0 || (*err = file_stat_ino(ino, &st)) < 0)
        return NULL;
    if ((st.mode & EXT2_S_IFMT) == EXT2_S_IFLNK) {
        *err = -ELOOP;                  // O_NOFOLLOW on a symlink
        return NULL;
    }
    if ((flags & O_DIRECTORY) && (st.mode & EXT2_S_IFMT) != EXT2_S_IFDIR) {
        *err = -ENOTDIR;
        return NULL;
    }
    if ((st.mode & EXT2_S_IFMT) == EXT2_S_IFDIR && (flags & O_ACCMODE) != O_RDONLY) {
        *err = -EISDIR;
        return NULL;
    }
    if (ino >= EXT2_FOREIGN_INO)
        return procfs_open(ino, flags, err);
    if ((flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY &&
        (st.mode & EXT2_S_IFMT) == EXT2_S_IFREG && (*err = ext2_truncate(root_fs, ino, 0)) < 0)
        return NULL;
    return file_open_inode(ino, &st, flags, err);
}

int32_t sys_openat(uint32_t dirfd, uint32_t upath, uint32_t flags, uint32_t mode)
{
    struct file *f;
    char *path;
    int err, fd;

    if (!(path = path_from_user(upath, &err)))
        return err;
    f = open_path((int32_t)dirfd, path, flags, mode, &err);
    if (f && !f->path) {                // for /proc/PID/fd's links (NULL: none, for want of memory)
        f->path = kstrdup(path);
        path_start((int32_t)dirfd, path, &f->path_dir);
    }
    kfree(path);
    if (!f)
        return err;
    if ((fd = fd_install(f, 0, (flags & O_CLOEXEC) != 0)) < 0)
        file_close(f);
    return fd;
}

int32_t sys_open(uint32_t upath, uint32_t flags, uint32_t mode)
{
    return sys_openat(AT_FDCWD, upath, flags, mode);
}

int32_t sys_creat(uint32_t upath, uint32_t mode)
{
    return sys_openat(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int32_t sys_close(uint32_t fd)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    current->group->files[fd] = NULL;
    current->group->cloexec[fd] = 0;
    file_close(f);
    return 0;
}

int32_t sys_read(uint32_t fd, uint32_t buf, uint32_t n)
{
    struct file *f = fd_file(fd);
    return f ? file_read(f, buf, n) : -EBADF;
}

int32_t sys_write(uint32_t fd, uint32_t buf, uint32_t n)
{
    struct file *f = fd_file(fd);
    return f ? file_write(f, buf, n) : -EBADF;
}

static int32_t vector_io(uint32_t fd, uint32_t iov, uint32_t count, int write)
{
    struct file *f = fd_file(fd);
    uint32_t v[2], i;
    int32_t total = 0, r;

    if (!f)
        return -EBADF;
    if (count > 1024)
        return -EINVAL;
    for (i = 0; i < count; i++) {
        if (copy_from_user(current->mem, v, iov + 8 * i, 8) < 0)
            return total ? total : -EFAULT;
        if (v[1] == 0)
            continue;
        r = write ? file_write(f, v[0], v[1]) : file_read(f, v[0], v[1]);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((uint32_t)r < v[1])
            break;
    }
    return total;
}

int32_t sys_readv(uint32_t fd, uint32_t iov, uint32_t count)
{
    return vector_io(fd, iov, count, 0);
}

int32_t sys_writev(uint32_t fd, uint32_t iov, uint32_t count)
{
    return vector_io(fd, iov, count, 1);
}

static int32_t positioned(uint32_t fd, uint32_t buf, uint32_t n, uint64_t off, int write)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    if (f->type != FILE_INODE && f->type != FILE_PROC)
        return -ESPIPE;
    if ((int64_t)off < 0)
        return -EINVAL;
    if ((f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
        return -EBADF;
    return write ? file_pwrite(f, buf, n, off) : file_pread(f, buf, n, off);
}

int32_t sys_pread64(uint32_t fd, uint32_t buf, uint32_t n, uint32_t lo, uint32_t hi)
{
    return positioned(fd, buf, n, (uint64_t)hi << 32 | lo, 0);
}

int32_t sys_pwrite64(uint32_t fd, uint32_t buf, uint32_t n, uint32_t lo, uint32_t hi)
{
    return positioned(fd, buf, n, (uint64_t)hi << 32 | lo, 1);
}

// the new position, or a negative errno
static int64_t seek(struct file *f, int64_t off, uint32_t whence)
{
    struct ext2_stat st;
    int64_t base;
    int err;

    if (f->type == FILE_PIPE)
        return -ESPIPE;
    if (f->type == FILE_DEV)
        return 0;
    if (whence == 0)
        base = 0;
    else if (whence == 1)
        base = f->off;
    else if (whence == 2) {
        if ((err = file_stat_ino(f->ino, &st)) < 0)
            return err;
        base = st.size;
    } else
        return -EINVAL;
    if (base + off < 0)
        return -EINVAL;
    f->off = base + off;
    return f->off;
}

int32_t sys_lseek(uint32_t fd, uint32_t off, uint32_t whence)
{
    struct file *f = fd_file(fd);
    int64_t r;
    if (!f)
        return -EBADF;
    r = seek(f, (int32_t)off, whence);
    if (r > 0x7fffffff)
        return -EOVERFLOW;
    return (int32_t)r;
}

int32_t sys__llseek(uint32_t fd, uint32_t hi, uint32_t lo, uint32_t result, uint32_t whence)
{
    struct file *f = fd_file(fd);
    int64_t r;
    if (!f)
        return -EBADF;
    r = seek(f, (int64_t)((uint64_t)hi << 32 | lo), whence);
    if (r < 0)
        return (int32_t)r;
    return copy_to_user(current->mem, result, &r, 8) < 0 ? -EFAULT : 0;
}

int32_t sys_dup(uint32_t fd)
{
    struct file *f = fd_file(fd);
    int nfd;
    if (!f)
        return -EBADF;
    if ((nfd = fd_install(f, 0, 0)) >= 0)
        file_dup(f);
    return nfd;
}

int32_t sys_dup3(uint32_t fd, uint32_t nfd, uint32_t flags)
{
    struct file *f = fd_file(fd);
    if (!f || nfd >= proc_nofile())
        return -EBADF;
    if (fd == nfd)
        return -EINVAL;
    if (current->group->files[nfd])
        file_close(current->group->files[nfd]);
    current->group->files[nfd] = file_dup(f);
    current->group->cloexec[nfd] = (flags & O_CLOEXEC) != 0;
    return nfd;
}

int32_t sys_dup2(uint32_t fd, uint32_t nfd)
{
    if (fd == nfd)
        return fd_file(fd) ? (int32_t)fd : -EBADF;
    return sys_dup3(fd, nfd, 0);
}

int32_t sys_fcntl64(uint32_t fd, uint32_t cmd, uint32_t arg)
{
    struct file *f = fd_file(fd);
    int nfd;

    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg >= proc_nofile())
            return -EINVAL;
        if ((nfd = fd_install(f, arg, cmd == F_DUPFD_CLOEXEC)) >= 0)
            file_dup(f);
        return nfd;
    case F_GETFD:
        return current->group->cloexec[fd] ? FD_CLOEXEC : 0;
    case F_SETFD:
        current->group->cloexec[fd] = arg & FD_CLOEXEC;
        return 0;
    case F_GETFL:
        return f->flags;
    case F_SETFL:
        f->flags = (f->flags & O_ACCMODE) | (arg & (O_APPEND | O_NONBLOCK));
        return 0;
    case F_GETLK:                       // one user, no contention: every lock is granted
    case F_SETLK:
    case F_SETLKW:
    case 12: case 13: case 14:          // the 64-bit lock commands
        return 0;
    default:
        return -EINVAL;
    }
}

int32_t sys_fcntl(uint32_t fd, uint32_t cmd, uint32_t arg)
{
    return sys_fcntl64(fd, cmd, arg);
}

int32_t sys_pipe2(uint32_t ufds, uint32_t flags)
{
    struct file *r, *w;
    int fds[2], err;

    if ((err = pipe_create(&r, &w)) < 0)
        return err;
    r->flags |= flags & O_NONBLOCK;
    w->flags |= flags & O_NONBLOCK;
    if ((fds[0] = fd_install(r, 0, (flags & O_CLOEXEC) != 0)) < 0) {
        file_close(r);
        file_close(w);
        return -EMFILE;
    }
    if ((fds[1] = fd_install(w, 0, (flags & O_CLOEXEC) != 0)) < 0) {
        sys_close(fds[0]);
        file_close(w);
        return -EMFILE;
    }
    if (copy_to_user(current->mem, ufds, fds, sizeof fds) < 0) {
        sys_close(fds[0]);
        sys_close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

int32_t sys_pipe(uint32_t ufds)
{
    return sys_pipe2(ufds, 0);
}

// ioctl requests that every descriptor answers (Linux's do_vfs_ioctl and
// pipe_ioctl); the console answers the terminal requests too (tty.c), and
// anything else is "not a tty": isatty is false for files and pipes.
#define FIONREAD 0x541b
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

static int is_console(const struct file *f)
{
    return f->type == FILE_DEV && f->dev == DEV_CONSOLE;
}

static int ioctl_cloexec(uint32_t fd, struct file *f, uint32_t arg)
{
    (void)f;
    (void)arg;
    current->group->cloexec[fd] = 1;
    return 0;
}

static int ioctl_no_cloexec(uint32_t fd, struct file *f, uint32_t arg)
{
    (void)f;
    (void)arg;
    current->group->cloexec[fd] = 0;
    return 0;
}

static int ioctl_nonblock(uint32_t fd, struct file *f, uint32_t arg)
{
    int32_t on;
    (void)fd;
    if (copy_from_user(current->mem, &on, arg, 4) < 0)
        return -EFAULT;
    f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
    return 0;
}

static int ioctl_nread(uint32_t fd, struct file *f, uint32_t arg)
{
    uint32_t n;
    int err;
    (void)fd;
    if ((err = file_nread(f, &n)) < 0)
        return err;
    return copy_to_user(current->mem, arg, &n, 4) < 0 ? -EFAULT : 0;
}

static const struct {
    uint32_t cmd;
    int (*fn)(uint32_t fd, struct file *f, uint32_t arg);
} fd_ioctls[] = {
    { FIOCLEX, ioctl_cloexec },
    { FIONCLEX, ioctl_no_cloexec },
    { FIONBIO, ioctl_nonblock },
    { FIONREAD, ioctl_nread },
};

int32_t sys_ioctl(uint32_t fd, uint32_t cmd, uint32_t arg)
{
    struct file *f = fd_file(fd);
    unsigned i;

    if (!f)
        return -EBADF;
    for (i = 0; i < NELEM(fd_ioctls); i++)
        if (fd_ioctls[i].cmd == cmd)
            return fd_ioctls[i].fn(fd, f, arg);
    return is_console(f) ? tty_ioctl(cmd, arg) : -ENOTTY;
}

// sendfile: from a regular file (at *offset, or its position) to any file,
// through a kernel buffer
int32_t sys_sendfile64(uint32_t out_fd, uint32_t in_fd, uint32_t uoffset, uint32_t count)
{
    struct file *in = fd_file(in_fd), *out = fd_file(out_fd);
    uint64_t off;
    uint8_t *buf;
    int32_t done = 0, n, w;

    if (!in || !out || (in->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if (in->type != FILE_INODE || (in->mode & EXT2_S_IFMT) != EXT2_S_IFREG)
        return -EINVAL;
    off = in->off;
    if (uoffset && copy_from_user(current->mem, &off, uoffset, 8) < 0)
        return -EFAULT;
    if (!(buf = kmalloc(65536)))
        return -ENOMEM;
    while ((uint32_t)done < count) {
        n = ext2_read(root_fs, in->ino, off, buf, count - done < 65536 ? count - done : 65536);
        if (n <= 0 || (w = file_write_kernel(out, buf, n)) < 0) {
            if (!done)
                done = n < 0 ? n : (n == 0 ? 0 : w);
            break;
        }
        off += w;
        done += w;
        if (w < n)
            break;
    }
    kfree(buf);
    if (done >= 0) {
        if (uoffset)
            copy_to_user(current->mem, uoffset, &off, 8);
        else
            in->off = off;
    }
    return done;
}

int32_t sys_fsync(uint32_t fd)
{
    if (!fd_file(fd))
        return -EBADF;
    return ext2_sync(root_fs);
}

int32_t sys_fdatasync(uint32_t fd)
{
    return sys_fsync(fd);
}

int32_t sys_sync(void)
{
    ext2_sync(root_fs);
    return 0;
}

// a file made size bytes long; growing it past RLIMIT_FSIZE is
// SIGXFSZ and -EFBIG, as writing its last byte would be (Linux's
// inode_newsize_ok)
int truncate_ino(uint32_t ino, uint64_t size)
{
    struct ext2_stat st;
    uint32_t one = 1;
    int err;
    if ((err = ext2_stat(root_fs, ino, &st)) < 0)
        return err;
    if (size > st.size && (err = file_size_limit(size - 1, &one)) < 0)
        return err;
    return ext2_truncate(root_fs, ino, size);
}

int32_t sys_ftruncate64(uint32_t fd, uint32_t lo, uint32_t hi)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    if (f->type != FILE_INODE || (f->flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    return truncate_ino(f->ino, (uint64_t)hi << 32 | lo);
}

int32_t sys_ftruncate(uint32_t fd, uint32_t len)
{
    return sys_ftruncate64(fd, len, 0);
}
