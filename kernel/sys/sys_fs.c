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
#define F_GETLK64 12
#define F_SETLK64 13
#define F_SETLKW64 14
#define F_DUPFD_CLOEXEC 1030
#define F_GETPIPE_SZ 1032
#define FD_CLOEXEC 1
#define F_UNLCK 2

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

// Linux refuses, before the path, O_CREAT with O_DIRECTORY (ill-defined;
// 6.4, and 6.1's later releases) and an O_TMPFILE with O_CREAT or not
// opened for writing, unless O_PATH (open's, not openat2's: it drops the
// other flags first)
int32_t sys_openat(uint32_t dirfd, uint32_t upath, uint32_t flags, uint32_t mode)
{
    struct file *f;
    char *path;
    int err, fd;

    if (!(flags & O_PATH) && ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY) ||
        ((flags & O_TMPFILE_BIT) && ((flags & O_ACCMODE) == O_RDONLY || !(flags & O_DIRECTORY)))))
        return -EINVAL;
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

// As Linux's import_iovec, before the descriptor's mode is looked at: at
// most 1024 pieces, all of them copied in, none of negative length or
// reaching past user space
static int32_t vector_io(uint32_t fd, uint32_t iov, uint32_t count, int write)
{
    struct file *f = fd_file(fd);
    uint32_t (*v)[2], i;
    int32_t total = 0, r = 0;

    if (!f)
        return -EBADF;
    if (count > 1024)
        return -EINVAL;
    if (!(v = kmalloc(count ? count * 8 : 8)))
        return -ENOMEM;
    if (copy_from_user(current->mem, v, iov, count * 8) < 0)
        r = -EFAULT;
    for (i = 0; i < count && r == 0; i++)
        if ((int32_t)v[i][1] < 0)
            r = -EINVAL;
    for (i = 0; i < count && r == 0; i++)
        if (!user_range_ok(v[i][0], v[i][1]))
            r = -EFAULT;
    if (r == 0 && (f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
        r = -EBADF;
    for (i = 0; i < count && r == 0; i++) {
        if (v[i][1] == 0)
            continue;
        r = write ? file_write(f, v[i][0], v[i][1]) : file_read(f, v[i][0], v[i][1]);
        if (r < 0)
            break;
        total += r;
        r = (uint32_t)r < v[i][1];      // a short piece ends the call
    }
    kfree(v);
    return total ? total : r < 0 ? r : 0;
}

int32_t sys_readv(uint32_t fd, uint32_t iov, uint32_t count)
{
    return vector_io(fd, iov, count, 0);
}

int32_t sys_writev(uint32_t fd, uint32_t iov, uint32_t count)
{
    return vector_io(fd, iov, count, 1);
}

// Linux's order: a negative offset, the descriptor, a pipe, its mode, the
// buffer past user space, a negative count
static int32_t positioned(uint32_t fd, uint32_t buf, uint32_t n, uint64_t off, int write)
{
    struct file *f = fd_file(fd);
    if ((int64_t)off < 0)
        return -EINVAL;
    if (!f)
        return -EBADF;
    if (f->type != FILE_INODE && f->type != FILE_PROC)
        return -ESPIPE;
    if ((f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
        return -EBADF;
    if (!user_range_ok(buf, n))
        return -EFAULT;
    if ((int32_t)n < 0)
        return -EINVAL;
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

// The new position, or a negative errno.  An unknown whence is -EINVAL
// before a pipe's -ESPIPE, as Linux; SEEK_DATA and SEEK_HOLE answer as
// Linux's generic_file_llseek: a file is data up to its end, where its one
// hole starts, and an offset at or past the end is -ENXIO.
static int64_t seek(struct file *f, int64_t off, uint32_t whence)
{
    struct ext2_stat st;
    int64_t base;
    int err;

    if (whence > 4)
        return -EINVAL;
    if (f->type == FILE_PIPE)
        return -ESPIPE;
    if (f->type == FILE_DEV)
        return 0;
    if (whence > 2 && f->type != FILE_INODE)
        return -EINVAL;
    if (whence == 0)
        base = 0;
    else if (whence == 1)
        base = f->off;
    else {
        if ((err = file_stat_ino(f->ino, &st)) < 0)
            return err;
        base = st.size;
        if (whence != 2 && (uint64_t)off >= st.size)
            return -ENXIO;
        if (whence == 3)                // SEEK_DATA: where it is
            base = 0;
        else if (whence == 4)           // SEEK_HOLE: the end
            off = 0;
    }
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

// Linux's order: flags other than O_CLOEXEC, the same descriptor twice,
// then either descriptor
int32_t sys_dup3(uint32_t fd, uint32_t nfd, uint32_t flags)
{
    struct file *f = fd_file(fd);
    if ((flags & ~(uint32_t)O_CLOEXEC) || fd == nfd)
        return -EINVAL;
    if (!f || nfd >= proc_nofile())
        return -EBADF;
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

// F_GETLK, F_SETLK, F_SETLKW and their 64-bit forms: one user, no
// contention, so every lock is granted and F_GETLK says F_UNLCK; but the
// struct flock (16 bytes, or 24 for the 64-bit commands) is read and
// checked as Linux does: -EFAULT, a type that is none of F_RDLCK, F_WRLCK
// and F_UNLCK (or F_UNLCK to F_GETLK) or a whence past SEEK_END -EINVAL, a
// lock the descriptor's mode does not allow -EBADF.
static int lock_cmd(struct file *f, uint32_t cmd, uint32_t arg)
{
    int getlk = cmd == F_GETLK || cmd == F_GETLK64;
    uint32_t acc = f->flags & O_ACCMODE;
    int16_t l[12];

    if (copy_from_user(current->mem, l, arg, cmd >= F_GETLK64 ? 24 : 16) < 0)
        return -EFAULT;
    if (l[0] < 0 || l[0] > F_UNLCK || (getlk && l[0] == F_UNLCK) || l[1] < 0 || l[1] > 2)
        return -EINVAL;
    if (getlk) {
        l[0] = F_UNLCK;
        return copy_to_user(current->mem, arg, l, 2) < 0 ? -EFAULT : 0;
    }
    if ((l[0] == 0 && acc == O_WRONLY) || (l[0] == 1 && acc == O_RDONLY))
        return -EBADF;
    return 0;
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
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_GETLK64:
    case F_SETLK64:
    case F_SETLKW64:
        return lock_cmd(f, cmd, arg);
    case F_GETPIPE_SZ:                  // any other file: "not a pipe", as Linux
        return f->type == FILE_PIPE ? PIPE_SIZE : -EBADF;
    default:
        return -EINVAL;
    }
}

// the old fcntl knows no 64-bit lock commands (Linux's do_fcntl)
int32_t sys_fcntl(uint32_t fd, uint32_t cmd, uint32_t arg)
{
    if (cmd >= F_GETLK64 && cmd <= F_SETLKW64)
        return fd_file(fd) ? -EINVAL : -EBADF;
    return sys_fcntl64(fd, cmd, arg);
}

int32_t sys_pipe2(uint32_t ufds, uint32_t flags)
{
    struct file *r, *w;
    int fds[2], err;

    // O_DIRECT asks for packets: a plain pipe here; any other flag is -EINVAL
    // first (Linux's O_NOTIFICATION_PIPE too: no such pipes here)
    if (flags & ~(uint32_t)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
        return -EINVAL;
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
// through a kernel buffer.  Linux's order of answers: the offset copied in,
// the input (a pipe with an offset: ESPIPE), a negative count or offset,
// the output (O_APPEND: EINVAL), then an input that is no regular file.
int32_t sys_sendfile64(uint32_t out_fd, uint32_t in_fd, uint32_t uoffset, uint32_t count)
{
    struct file *in = fd_file(in_fd), *out = fd_file(out_fd);
    uint64_t off;
    uint8_t *buf;
    int32_t done = 0, n, w;

    if (uoffset && copy_from_user(current->mem, &off, uoffset, 8) < 0)
        return -EFAULT;
    if (!in || (in->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if (uoffset && in->type == FILE_PIPE)
        return -ESPIPE;
    if (!uoffset)
        off = in->off;
    if ((int32_t)count < 0 || (int64_t)off < 0)
        return -EINVAL;
    if (!out || (out->flags & O_ACCMODE) == O_RDONLY)
        return -EBADF;
    if ((out->flags & O_APPEND) && out->type != FILE_PIPE)
        return -EINVAL;
    if (in->type != FILE_INODE || (in->mode & EXT2_S_IFMT) != EXT2_S_IFREG)
        return -EINVAL;
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

// a pipe, FIFO, device or /proc file has nothing to sync: -EINVAL, as Linux
int32_t sys_fsync(uint32_t fd)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    return f->type == FILE_INODE ? ext2_sync(root_fs) : -EINVAL;
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
    if ((int32_t)hi < 0)                // a negative length, before the descriptor
        return -EINVAL;
    if (!f)
        return -EBADF;
    if (f->type != FILE_INODE || (f->flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    return truncate_ino(f->ino, (uint64_t)hi << 32 | lo);
}

int32_t sys_ftruncate(uint32_t fd, uint32_t len)
{
    return sys_ftruncate64(fd, len, (int32_t)len < 0 ? ~0u : 0);
}
